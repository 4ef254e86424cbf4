import DisclosureKit
import Foundation
import Testing

/// Every wrong policy file gets a message naming the file, the line and the key.
@Suite struct PolicyLoaderErrorTests {
    let purposes = "drafting, summarising, research, idea-generation, lesson-planning, coding, translation, proofreading, image-generation, data-analysis, feedback, autonomous-agent, emotion-recognition, deepfake"

    @Test func purposeNotInTheVocabularyOnAMultiLineList() {
        let m = Marked("""
            [policy]
            id = "p"

            [[tools]]
            name = "Gemini"
            purposes = ["research",
                        "essay-writing",⟨bad⟩
                        "feedback"]
            """)
        #expect(PolicyFixtures.error(m.text) ==
            "disclose-policy.toml:\(m["bad"]): key \"tools.purposes\": \"essay-writing\" is not a purpose Disclose knows; use one of \(purposes), or other:<text>")
    }

    @Test func unknownKeyInTheSecondTool() {
        let m = Marked("""
            [policy]
            id = "p"
            [[tools]]
            name = "A"
            [[tools]]
            name = "B"
            purpose = ["drafting"]⟨bad⟩
            """)
        #expect(PolicyFixtures.error(m.text) ==
            "disclose-policy.toml:\(m["bad"]): unknown key \"tools.purpose\"; the keys allowed here are name, aliases, purposes, users, note, role_purposes, data_classes, dpia, approver. Check the spelling against docs/policy.md.")
    }

    @Test func unknownTopLevelTable() {
        let m = Marked("[policy]\nid = \"p\"\n[signatures]⟨bad⟩\nrequired = true\n")
        #expect(PolicyFixtures.error(m.text) ==
            "disclose-policy.toml:\(m["bad"]): unknown key \"signatures\"; the keys allowed here are policy, declaration, tools, tasks, approvals, banned, statement, signature. Check the spelling against docs/policy.md.")
    }

    @Test func wrongTypes() {
        let m = Marked("[policy]\nid = \"p\"\n[[tools]]\nname = \"A\"\nusers = \"staff\"⟨users⟩\n[signature]\nrequired = \"yes\"⟨req⟩\n")
        #expect(PolicyFixtures.error(m.text) == "disclose-policy.toml:\(m["users"]): key \"tools.users\": expected a list of strings, found a string")
        let n = Marked("[policy]\nid = \"p\"\nversion = 3⟨v⟩\n")
        #expect(PolicyFixtures.error(n.text) == "disclose-policy.toml:\(n["v"]): key \"policy.version\": expected a string (in quotes), found an integer")
        let o = Marked("[policy]\nid = \"p\"\n[signature]\nrequired = \"yes\"⟨req⟩\n")
        #expect(PolicyFixtures.error(o.text) == "disclose-policy.toml:\(o["req"]): key \"signature.required\": expected true or false, found a string")
        #expect(PolicyFixtures.error("policy = \"p\"\n") == "disclose-policy.toml:1: key \"policy\": expected a table ([policy]), found a string")
    }

    @Test func toolListedTwiceByAlias() {
        let m = Marked("""
            [policy]
            id = "p"
            [[tools]]
            name = "Microsoft 365 Copilot"⟨first⟩
            [[tools]]
            name = "Copilot Chat"
            aliases = ["microsoft 365 copilot"]⟨dup⟩
            """)
        #expect(PolicyFixtures.error(m.text) ==
            "disclose-policy.toml:\(m["dup"]): key \"tools.aliases\": \"microsoft 365 copilot\" is listed twice (first at line \(m["first"])); merge the two entries into one [[tools]] table")
    }

    @Test func aiasLevelOutOfRange() {
        let m = Marked("[policy]\nid = \"p\"\n[[tasks]]\nid = \"essay\"\nlevel = 6⟨bad⟩\n")
        #expect(PolicyFixtures.error(m.text) ==
            "disclose-policy.toml:\(m["bad"]): key \"tasks.level\": 6 is not an AIAS level; use 1 (No AI), 2 (AI Planning), 3 (AI Collaboration), 4 (Full AI) or 5 (AI Exploration)")
        let n = Marked("[policy]\nid = \"p\"\n[[tasks]]⟨head⟩\nid = \"essay\"\n")
        #expect(PolicyFixtures.error(n.text) == "disclose-policy.toml:\(n["head"]): key \"tasks.level\" is missing; give the task's AI Assessment Scale level, 1 to 5")
    }

    @Test func badTOMLGivesLineAndColumn() {
        #expect(PolicyFixtures.error("[policy]\nid = \"p\"\nversion = \n") ==
            "disclose-policy.toml:3:11: not valid TOML: Error while parsing key-value pair: expected value, saw '\\n'")
    }

    @Test func missingIdAndMissingPolicyTable() {
        #expect(PolicyFixtures.error("[policy]\nversion = \"1\"\n") ==
            "disclose-policy.toml:1: key \"policy.id\" is missing; give the policy an identifier, e.g. id = \"oak-trust-ai\"; it is recorded in every disclosure stamped under it")
        #expect(PolicyFixtures.error("[declaration]\nrequired = true\n") ==
            "disclose-policy.toml: key \"policy.id\" is missing; start the file with a [policy] table giving id = \"...\" and version = \"...\"")
    }

    @Test func valuesOutsideTheirVocabularies() {
        let roles = Marked("[policy]\nid = \"p\"\nroles = [\"staff\", \"pupils\"]\n[[tools]]\nname = \"A\"\nusers = [\"students\"]⟨bad⟩\n")
        #expect(PolicyFixtures.error(roles.text) ==
            "disclose-policy.toml:\(roles["bad"]): key \"tools.users\": \"students\" is not one of the roles in policy.roles (staff, pupils); add it there or correct the spelling")
        let fields = Marked("[policy]\nid = \"p\"\n[declaration]\nfields = [\"tool\"]⟨bad⟩\n")
        #expect(PolicyFixtures.error(fields.text) ==
            "disclose-policy.toml:\(fields["bad"]): key \"declaration.fields\": \"tool\" is not a declaration field Disclose knows; use one of tools, purposes, extent, review, reviewer, declarant, organisation, date, note, tool-version, tool-model, tool-provider, task, role, data-classes")
        let from = Marked("[policy]\nid = \"p\"\n[statement]\nrequired_from = \"some\"⟨bad⟩\n")
        #expect(PolicyFixtures.error(from.text) ==
            "disclose-policy.toml:\(from["bad"]): key \"statement.required_from\": \"some\" is not allowed; use one of none, minor-edits, partial, substantial, wholly-generated, never")
        let unlisted = Marked("[policy]\nid = \"p\"\nunlisted_tools = \"block\"⟨bad⟩\n")
        #expect(PolicyFixtures.error(unlisted.text) ==
            "disclose-policy.toml:\(unlisted["bad"]): key \"policy.unlisted_tools\": \"block\" is not allowed; use one of warn, fail")
        let exempt = Marked("[policy]\nid = \"p\"\n[statement]\nexempt_review_levels = [\"none\"]⟨bad⟩\n")
        #expect(PolicyFixtures.error(exempt.text) ==
            "disclose-policy.toml:\(exempt["bad"]): key \"statement.exempt_review_levels\": \"none\" is not a review level that can lift the requirement; use one of reviewed, edited, fact-checked, rewritten, accuracy-and-bias-checked")
        let language = Marked("[policy]\nid = \"p\"\n[statement]\nlanguage = \"English\"⟨bad⟩\n")
        #expect(PolicyFixtures.error(language.text) ==
            "disclose-policy.toml:\(language["bad"]): key \"statement.language\": \"English\" is not a BCP 47 language tag; write it like en-GB")
    }

    @Test func templateMissingAPlaceholderIsNamedAtItsLine() {
        let m = Marked("[policy]\nid = \"p\"\n[statement]\ntemplate = '''⟨t⟩\nAI was used: {{tools}}.\n'''\n")
        #expect(PolicyFixtures.error(m.text) ==
            "disclose-policy.toml:\(m["t"]): key \"statement.template\": the statement template leaves out {{purposes}}, {{extent}}, {{review}}, {{declarant}}, {{date}}. A statement must carry every declared fact; add the missing placeholders.")
    }

    @Test func duplicatesAndHostileBytes() {
        let task = Marked("[policy]\nid = \"p\"\n[[tasks]]\nid = \"a\"\nlevel = 1\n[[tasks]]\nid = \"a\"⟨dup⟩\nlevel = 2\n")
        #expect(PolicyFixtures.error(task.text) == "disclose-policy.toml:\(task["dup"]): key \"tasks.id\": the task \"a\" is listed twice; give each task its own id")
        let purpose = Marked("[policy]\nid = \"p\"\n[[tools]]\nname = \"A\"\npurposes = [\"coding\", \"coding\"]⟨dup⟩\n")
        #expect(PolicyFixtures.error(purpose.text) == "disclose-policy.toml:\(purpose["dup"]): key \"tools.purposes\": the purpose \"coding\" is listed twice")
        #expect(throws: PolicyError.notText(path: "p.toml", reason: "the file contains a NUL byte")) {
            try PolicyLoader().load(data: Data("[policy]\nid = \"p\u{0}\"\n".utf8), path: "p.toml")
        }
        #expect(throws: PolicyError.notText(path: "p.toml", reason: "the file is not valid UTF-8")) {
            try PolicyLoader().load(data: Data([0x5B, 0xFF, 0xFE]), path: "p.toml")
        }
        let deep = String(repeating: "[", count: 5000)
        #expect(PolicyFixtures.error("[policy]\nid = \"p\"\nx = \(deep)\n")?.hasPrefix("disclose-policy.toml:3:") == true)
        #expect(throws: PolicyError.unreadable(path: "/nonexistent/policy.toml")) { try PolicyLoader().load(path: "/nonexistent/policy.toml") }
    }

    @Test func inlineTablesAndOversizedFiles() {
        let m = Marked("[policy]\nid = \"p\"\nsignature = { required = \"yes\" }\n")
        #expect(PolicyFixtures.error(m.text) == "disclose-policy.toml:3: unknown key \"policy.signature\"; the keys allowed here are id, version, name, organisation, contact, roles, unlisted_tools. Check the spelling against docs/policy.md.")
        let inline = Marked("[policy]\nid = \"p\"\n[statement]\nplacement = \"end\"\n[tools_list]\n")
        #expect(PolicyFixtures.error(inline.text)?.hasPrefix("disclose-policy.toml:5: unknown key \"tools_list\"") == true)
        let top = Marked("signature = { required = \"yes\" }⟨sig⟩\n[policy]\nid = \"p\"\n")
        #expect(PolicyFixtures.error(top.text) == "disclose-policy.toml:\(top["sig"]): key \"signature.required\": expected true or false, found a string")
        let big = Data(("[policy]\nid = \"p\"\n" + String(repeating: "# padding\n", count: 120_000)).utf8)
        #expect(throws: PolicyError.notText(path: "p.toml", reason: "the file is \(big.count) bytes, over the limit of 1048576")) {
            try PolicyLoader().load(data: big, path: "p.toml")
        }
    }

    @Test func trustPathsResolveAgainstThePolicyFolder() throws {
        let policy = try PolicyFixtures.load("[policy]\nid = \"p\"\n[signature]\ntrust = [\"keys/a.pem\", \"/etc/b.pem\"]\n", path: "/srv/policies/p.toml")
        #expect(policy.signature.trust == ["/srv/policies/keys/a.pem", "/etc/b.pem"])
    }
}
