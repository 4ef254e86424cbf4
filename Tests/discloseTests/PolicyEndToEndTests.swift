import Foundation
import Testing

/// `stamp --policy`, `verify --policy`, `policy check` and `init` through the built binary, on every format.
@Suite struct PolicyEndToEndTests {
    static let samples = ["sample/annual-report.docx", "sample/newsletter.md", "sample/open-day.html"]
    static let pupil = ["--purpose", "research,idea-generation", "--extent", "minor-edits", "--review", "edited",
                        "--declarant", "Pupil 7Y-12", "--date", "2026-11-25", "--role", "pupils", "--task", "y10-history-essay"]

    /// A temporary folder holding a copy of examples/policies/<name> as disclose-policy.toml, and the fixture.
    func setUp(_ fixture: String, policy name: String = "school-trust.toml") throws -> (folder: String, file: String, policy: String, text: String) {
        let folder = try CLI.temporaryFolder()
        let file = try CLI.copyFixture(fixture, to: folder)
        let policy = folder + "/disclose-policy.toml"
        try FileManager.default.copyItem(atPath: CLI.packageRoot.appendingPathComponent("examples/policies/\(name)").path, toPath: policy)
        return (folder, file, policy, try String(contentsOfFile: policy, encoding: .utf8))
    }

    /// The 1-based line of the first line containing `needle`.
    func line(of needle: String, in text: String) -> Int {
        (text.components(separatedBy: "\n").firstIndex { $0.contains(needle) } ?? -2) + 1
    }

    /// An environment with no user config file.
    func isolated(_ folder: String) -> [String: String] { ["XDG_CONFIG_HOME": folder + "/no-config", "HOME": folder] }

    @Test(arguments: samples)
    func stampRefusedNamesRuleAndLineAndLeavesTheFile(fixture: String) throws {
        let s = try setUp(fixture)
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: s.file))
        let r = try CLI.run(["stamp", s.file, "--policy", s.policy, "--tool", "ChatGPT"] + PolicyEndToEndTests.pupil, environment: isolated(s.folder))
        #expect(r.exitCode == 1)
        #expect(r.stdout == "")
        #expect(r.stderr == "disclose: error: \(s.file): the policy does not allow this disclosure (rule policy.tool-authorised): \"ChatGPT\" is not on the policy's list of authorised tools (Gemini for Education, Microsoft 365 Copilot, Aila); policy.unlisted_tools = \"fail\", \(s.policy):\(line(of: "unlisted_tools =", in: s.text)). Nothing was written. If this is what really happened, record it truthfully anyway with --record-breach: the stamp then says which rules it does not meet, and verify, policy check and audit report it.\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: s.file)) == before)

        let level = try CLI.run(["stamp", s.file, "--policy", s.policy, "--tool", "Gemini", "--purpose", "research", "--extent", "partial",
                                 "--review", "edited", "--declarant", "Pupil 7Y-12", "--role", "pupils", "--task", "y10-history-essay"],
                                environment: isolated(s.folder))
        #expect(level.exitCode == 1)
        #expect(level.stderr.contains("(rule policy.task-level): the declared extent partial goes beyond minor-edits, the most the task \"y10-history-essay\" (AIAS level 2 (AI Planning)) allows (\(s.policy):\(line(of: "id = \"y10-history-essay\"", in: s.text) - 1))"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: s.file)) == before)
    }

    @Test(arguments: samples)
    func stampUnderPolicyThenVerifyAndCheck(fixture: String) throws {
        let s = try setUp(fixture)
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        let stamp = try CLI.run(["stamp", s.file, "--policy", s.policy, "--tool", "Gemini"] + PolicyEndToEndTests.pupil, environment: isolated(s.folder))
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        #expect(stamp.stdout.contains("Declared by Pupil 7Y-12 (Oak Learning Trust) on 25 November 2026 under the Oak Learning Trust Generative AI Policy, version 2026.1."))

        let show = try CLI.run(["show", "--format", "json", s.file])
        let shown = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [[String: Any]]
        let reference = (shown?.first?["disclosure"] as? [String: Any])?["policy"] as? [String: String]
        #expect(reference == ["id": "oak-trust-ai", "version": "2026.1", "task": "y10-history-essay", "role": "pupils"])

        let verify = try CLI.run(["verify", s.file, "--policy", s.policy], environment: isolated(s.folder))
        #expect(verify.exitCode == 0, "\(verify.stdout)")
        let taskLine = line(of: "id = \"y10-history-essay\"", in: s.text) - 1
        #expect(verify.stdout.contains("\(s.file): pass           policy.task-level            within what the task \"y10-history-essay\" (AIAS level 2 (AI Planning)) allows (\(s.policy):\(taskLine))\n"))
        #expect(verify.stdout.hasSuffix("\(s.file): verified\n"))

        let check = try CLI.run(["policy", "check", s.file, "--policy", s.policy, "--task", "y10-history-essay"], environment: isolated(s.folder))
        #expect(check.exitCode == 0)
        #expect(check.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 17, "one line per rule (16) and a summary")
        #expect(check.stdout.hasSuffix("\(s.file): meets the policy oak-trust-ai version 2026.1\n"))

        let other = try CLI.run(["policy", "check", s.file, "--policy", s.policy, "--task", "y11-english-nea"], environment: isolated(s.folder))
        #expect(other.exitCode == 1)
        #expect(other.stdout.contains("policy.task-level            the declaration was made for the task \"y10-history-essay\", not \"y11-english-nea\"\n"))
    }

    @Test(arguments: samples)
    func missingDeclarationIsAPolicyFailureAboutTheFile(fixture: String) throws {
        let s = try setUp(fixture)
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        let r = try CLI.run(["policy", "check", s.file, "--policy", s.policy, "--task", "y10-history-essay"], environment: isolated(s.folder))
        #expect(r.exitCode == 1)
        let taskLine = line(of: "id = \"y10-history-essay\"", in: s.text) - 1
        #expect(r.stdout.hasPrefix("\(s.file): fail           policy.declaration-required  this file carries no AI-use declaration, and the policy asks for one for the task \"y10-history-essay\", even when no AI was used (\(s.policy):\(taskLine)); ask the author to add one (a declaration that no AI was used counts)\n"))
        #expect(r.stdout.hasSuffix("\(s.file): 1 policy rule of oak-trust-ai version 2026.1 not met\n"))
        let verify = try CLI.run(["verify", s.file, "--policy", s.policy], environment: isolated(s.folder))
        #expect(verify.stdout.contains("pass           policy.declaration-required  no declaration, and the policy does not require one"))
    }

    @Test func initWritesPolicyAndConfigFoundFromASubfolder() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let env = isolated(folder)
        let r = try CLI.run(["init"], in: folder, environment: env)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout == "wrote disclose-policy.toml (the school template) and .disclose.toml\nnext: edit disclose-policy.toml to match your policy (see docs/policy.md), then run `disclose policy check FILE`\n")
        let again = try CLI.run(["init", "--policy-template", "publisher"], in: folder, environment: env)
        #expect(again.exitCode == 2)
        #expect(again.stderr.hasSuffix("/disclose-policy.toml already exists; nothing was written. Give --force to replace it.\n"))

        let sub = folder + "/year10/history"
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        let file = try CLI.copyFixture("sample/pupil-essay.md", to: sub)
        let check = try CLI.run(["policy", "check", "pupil-essay.md", "--task", "y10-history-essay"], in: sub, environment: env)
        #expect(check.exitCode == 0, "the essay's own words declare that no AI was used: a declaration, not a failure")
        #expect(check.stdout.contains("policy.declaration-required  the document carries "))
        #expect(check.stdout.contains("/disclose-policy.toml:"))

        let stamp = try CLI.run(["stamp", "pupil-essay.md", "--extent", "none", "--declarant", "Pupil 7Y-12", "--role", "pupils", "--task", "y10-history-essay"], in: sub, environment: env)
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        #expect(try CLI.run(["policy", "check", "pupil-essay.md", "--task", "y10-history-essay"], in: sub, environment: env).exitCode == 0)
        _ = file

        let forced = try CLI.run(["init", "--policy-template", "publisher", "--force"], in: folder, environment: env)
        #expect(forced.exitCode == 0)
        let wins = try CLI.run(["policy", "check", "pupil-essay.md", "--policy", CLI.packageRoot.appendingPathComponent("examples/policies/university.toml").path],
                               in: sub, environment: env)
        #expect(wins.stdout.hasSuffix("pupil-essay.md: 2 policy rules of example-university-genai version 3 not met\n"), "--policy wins over the config")
        let configured = try CLI.run(["verify", "pupil-essay.md"], in: sub, environment: env)
        #expect(configured.stdout.contains("policy.policy-recorded       the disclosure was made under the policy \"oak-trust-ai\", not \"example-news-ai-act\""))
    }

    @Test func configDefaultsAndPolicyWording() throws {
        let s = try setUp("sample/newsletter.md", policy: "university.toml")
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        try "policy = \"disclose-policy.toml\"\ndeclarant = \"Dr A. Rahman\"\norganisation = \"Example University\"\n"
            .write(toFile: s.folder + "/.disclose.toml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["stamp", "newsletter.md", "--tool", "Microsoft 365 Copilot", "--tool-version", "2026.11", "--purpose", "research",
                             "--extent", "partial", "--review", "edited", "--date", "2026-11-25", "--note", "Summary of minutes.",
                             "--task", "comp1010-project", "--role", "staff"], in: s.folder, environment: isolated(s.folder))
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Statement of AI use: Microsoft 365 Copilot 2026.11 helped with research (part of the content); the work was reviewed and edited. Declared by Dr A. Rahman (Example University) on 25 November 2026 under the Example University Generative AI Policy, version 3."))
        #expect(r.stderr == "")
        let text = try String(contentsOfFile: s.file, encoding: .utf8)
        let statement = try #require(text.range(of: "Statement of AI use:"))
        let welcome = try #require(text.range(of: "Welcome to the November issue."))
        #expect(statement.lowerBound < welcome.lowerBound, "the policy places the statement at the start")
    }

    @Test func unlistedToolUnderAWarnPolicyStampsWithANote() throws {
        let s = try setUp("sample/newsletter.md", policy: "university.toml")
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        let r = try CLI.run(["stamp", s.file, "--policy", s.policy, "--tool", "ChatGPT", "--tool-version", "5", "--purpose", "research",
                             "--extent", "partial", "--review", "edited", "--declarant", "A", "--note", "n", "--task", "comp1010-project"],
                            environment: isolated(s.folder))
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stderr == "disclose: \(s.file): warning: policy.tool-authorised: \"ChatGPT\" is not on the policy's list of authorised tools (Microsoft 365 Copilot, Elicit, GitHub Copilot); policy.unlisted_tools = \"warn\", \(s.policy):\(line(of: "unlisted_tools", in: s.text))\n")
    }

    @Test func wrongPolicyFileAndMisuse() throws {
        let s = try setUp("sample/newsletter.md")
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        let bad = s.folder + "/bad.toml"
        try "[policy]\nid = \"p\"\n[[tools]]\nname = \"Gemini\"\npurposes = [\"essay-writing\"]\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try CLI.run(["policy", "check", s.file, "--policy", bad], environment: isolated(s.folder))
        #expect(r.exitCode == 2)
        #expect(r.stderr == "disclose: error: \(bad):5: key \"tools.purposes\": \"essay-writing\" is not a purpose Disclose knows; use one of drafting, summarising, research, idea-generation, lesson-planning, coding, translation, proofreading, image-generation, data-analysis, feedback, autonomous-agent, emotion-recognition, deepfake, or other:<text>\n")
        let stamp = try CLI.run(["stamp", s.file, "--policy", bad] + CLI.sampleFacts, environment: isolated(s.folder))
        #expect(stamp.exitCode == 2)
        let missing = try CLI.run(["verify", s.file, "--policy", s.folder + "/nope.toml"], environment: isolated(s.folder))
        #expect(missing.exitCode == 3)
        let noPolicy = try CLI.run(["stamp", s.file, "--task", "x"] + CLI.sampleFacts, in: s.folder + "/..", environment: isolated(s.folder))
        #expect(noPolicy.exitCode == 2)
        #expect(noPolicy.stderr.contains("--task and --role are recorded against a policy"))
        let unknownTask = try CLI.run(["policy", "check", s.file, "--policy", s.policy, "--task", "y9-poem"], environment: isolated(s.folder))
        #expect(unknownTask.exitCode == 2)
        #expect(unknownTask.stderr.contains("the task \"y9-poem\" is not in \(s.policy); it lists y11-english-nea, y10-history-essay, y12-epq. Add a [[tasks]] entry with id = \"y9-poem\" to the policy, or correct the spelling."))
    }

    @Test func aMisspeltTaskOrRoleOnStampIsAUsageErrorNotABreach() throws {
        let s = try setUp("sample/pupil-essay.md")
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: s.file))
        let facts = ["--tool", "Gemini for Education", "--purpose", "research", "--extent", "minor-edits", "--review", "reviewed", "--declarant", "Sam", "--date", "2026-11-26"]
        let role = try CLI.run(["stamp", s.file, "--policy", s.policy, "--role", "pupil", "--record-breach"] + facts, environment: isolated(s.folder))
        #expect(role.exitCode == 2)
        #expect(role.stderr.contains("--role: the role \"pupil\" is not in the policy (\(s.policy):\(line(of: "roles = ", in: s.text))); it lists staff, pupils. Did you mean \"pupils\"?"), "\(role.stderr)")
        let task = try CLI.run(["stamp", s.file, "--policy", s.policy, "--task", "y9-poem", "--record-breach"] + facts, environment: isolated(s.folder))
        #expect(task.exitCode == 2)
        #expect(task.stderr.contains("the task \"y9-poem\" is not in \(s.policy)"), "\(task.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: s.file)) == before, "nothing was stamped, not even with --record-breach")
    }
}
