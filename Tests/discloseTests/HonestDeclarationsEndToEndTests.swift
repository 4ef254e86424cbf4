import Foundation
import Testing

/// Issue 13 §2 through the built binary: the truth can always be recorded, contradictions and
/// impossible dates are named, unknown options come first, re-stamps say what changed.
@Suite struct HonestDeclarationsEndToEndTests {
    static let samples = ["sample/annual-report.docx", "sample/newsletter.md", "sample/open-day.html"]
    static let pupil = ["--purpose", "research,idea-generation", "--extent", "minor-edits", "--review", "edited",
                        "--declarant", "Pupil 7Y-12", "--date", "2026-11-25", "--role", "pupils", "--task", "y10-history-essay"]

    func setUp(_ fixture: String) throws -> (folder: String, file: String, policy: String) {
        let folder = try CLI.temporaryFolder()
        let file = try CLI.copyFixture(fixture, to: folder)
        let policy = folder + "/disclose-policy.toml"
        try FileManager.default.copyItem(atPath: CLI.packageRoot.appendingPathComponent("examples/policies/school-trust.toml").path, toPath: policy)
        return (folder, file, policy)
    }

    func isolated(_ folder: String) -> [String: String] { ["XDG_CONFIG_HOME": folder + "/no-config", "HOME": folder] }

    @Test(arguments: samples)
    func recordBreachStampsTheTruthAndEveryReaderReportsIt(fixture: String) throws {
        let s = try setUp(fixture)
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        let env = isolated(s.folder)
        let refused = try CLI.run(["stamp", s.file, "--policy", s.policy, "--tool", "ChatGPT"] + Self.pupil, environment: env)
        #expect(refused.exitCode == 1)
        #expect(refused.stderr.contains("(rule policy.tool-authorised)"))
        #expect(refused.stderr.hasSuffix("Nothing was written. If this is what really happened, record it truthfully anyway with --record-breach: the stamp then says which rules it does not meet, and verify, policy check and audit report it.\n"))

        let stamped = try CLI.run(["stamp", s.file, "--policy", s.policy, "--tool", "ChatGPT", "--record-breach"] + Self.pupil, environment: env)
        #expect(stamped.exitCode == 0, "\(stamped.stderr)")
        #expect(stamped.stderr.contains("\(s.file): warning: policy.tool-authorised: \"ChatGPT\" is not on the policy's list of authorised tools"))
        #expect(stamped.stderr.contains("\(s.file): warning: stamped with --record-breach: the declaration does not meet oak-trust-ai version 2026.1 (tool-authorised); the stamp records this, and verify, policy check and audit will report it.\n"))

        let show = try CLI.run(["show", "--format", "json", s.file], environment: env)
        let shown = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [[String: Any]]
        let outcome = (shown?.first?["disclosure"] as? [String: Any])?["policyOutcome"] as? [String: Any]
        #expect(outcome?["policy"] as? String == "oak-trust-ai")
        #expect(outcome?["version"] as? String == "2026.1")
        #expect(outcome?["result"] as? String == "not-met")
        #expect(outcome?["rules"] as? [String] == ["tool-authorised"])

        try "[register]\npath = \"register.sqlite\"\n".write(toFile: s.folder + "/.disclose.toml", atomically: true, encoding: .utf8)
        let again = try CLI.run(["stamp", s.file, "--policy", s.policy, "--tool", "ChatGPT", "--record-breach", "--note", "again"] + Self.pupil,
                                in: s.folder, environment: env)
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(again.stdout.contains("  changed note: (not given) → \"again\"\n"))
        let export = try CLI.run(["register", "export", "--format", "jsonl"], in: s.folder, environment: env)
        let record = try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any]
        #expect(record?["outcome"] as? String == "not-met")
        #expect(record?["rulesNotMet"] as? [String] == ["tool-authorised"])
        #expect(record?["policyID"] as? String == "oak-trust-ai")
        #expect(record?["role"] as? String == "pupils")

        let verify = try CLI.run(["verify", s.file], environment: env)
        #expect(verify.exitCode == 1)
        #expect(verify.stdout.contains("policy.recorded-breach"))
        #expect(verify.stdout.contains("oak-trust-ai version 2026.1 (rules not met: tool-authorised)"))
        let check = try CLI.run(["policy", "check", s.file, "--policy", s.policy], environment: env)
        #expect(check.exitCode == 1)
        #expect(check.stdout.contains("policy.recorded-breach"))
        #expect(check.stdout.contains("policy.tool-authorised"))
        let audit = try CLI.run(["audit", s.file, "--no-cache"], environment: env)
        #expect(audit.exitCode == 1)
        #expect(audit.stdout.contains("disclosed-with-problems"))
        #expect(audit.stdout.contains("to look at: does not meet the policy's recorded-breach rule: the declaration was stamped knowing it does not meet"))
        #expect(audit.stdout.components(separatedBy: "stamped knowing it does not meet").count == 2, "said once, not again as a failed check")
    }

    @Test func recordBreachNeedsAPolicy() throws {
        let r = try CLI.run(["stamp", "x.md", "--extent", "none", "--declarant", "me", "--record-breach"], environment: isolated(NSTemporaryDirectory()))
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("--record-breach records the rules of a policy the declaration does not meet; give --policy"))
    }

    @Test func unknownOptionIsNamedBeforeMissingFacts() throws {
        let r = try CLI.run(["stamp", "x.md", "--tol", "ChatGPT"])
        #expect(r.exitCode == 2)
        #expect(r.stderr.hasPrefix("Error: Unknown option '--tol'. Did you mean '--tool'?\n"))
        #expect(!r.stderr.contains("name the AI tool"))
        let command = try CLI.run(["audt", "."])
        #expect(command.exitCode == 2)
        #expect(command.stderr == "disclose: error: unknown command 'audt'; did you mean 'audit'? See 'disclose --help' for the commands.\n")
    }

    @Test func contradictionsAndImpossibleDatesAreNamed() throws {
        let none = try CLI.run(["stamp", "x.md", "--extent", "none", "--tool", "ChatGPT", "--declarant", "me"])
        #expect(none.exitCode == 2)
        #expect(none.stderr.hasPrefix("Error: --tool: extent none declares that no AI was used, but the declaration names the tool \"ChatGPT\". Remove the tool and purpose, or say how much of the work AI did.\n"))
        let purpose = try CLI.run(["stamp", "x.md", "--extent", "none", "--purpose", "drafting", "--declarant", "me"])
        #expect(purpose.stderr.hasPrefix("Error: --purpose: extent none declares that no AI was used, but the declaration gives the purpose \"drafting\"."))
        let date = try CLI.run(["stamp", "x.md", "--extent", "none", "--declarant", "me", "--date", "2026-11-31"])
        #expect(date.exitCode == 2)
        #expect(date.stderr.hasPrefix("Error: --date: there is no 31 November (\"2026-11-31\"); check the day\n"))
    }

    @Test func futureDateIsAcceptedWithAWarning() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("sample/newsletter.md", to: folder)
        let r = try CLI.run(["stamp", file, "--extent", "none", "--declarant", "me", "--date", "2099-01-01"], environment: isolated(folder))
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stderr.contains("\(file): warning: date: the date 2099-01-01 is in the future; it was recorded as given"))
        let old = try CLI.run(["stamp", file, "--extent", "none", "--declarant", "me", "--date", "2020-03-01"], environment: isolated(folder))
        #expect(old.exitCode == 0)
        #expect(old.stderr.contains("\(file): warning: date: the date 2020-03-01 is more than a year before the document was last changed ("))
    }

    @Test func fromFileTakesOverridesAndNamesNestedFields() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("sample/newsletter.md", to: folder)
        try Data(#"{"tools":[{"name":"ChatGPT"}],"purposes":["drafting"],"extent":"partial","review":{"level":"edited"},"declarant":"Jane Smith"}"#.utf8)
            .write(to: URL(fileURLWithPath: folder + "/facts.json"))
        let r = try CLI.run(["stamp", file, "--from", "facts.json", "--date", "2026-11-20"], in: folder, environment: isolated(folder))
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("20 November 2026"))
        try Data(#"{"extent":"none","declarant":"X","policy":{"version":"3"}}"#.utf8).write(to: URL(fileURLWithPath: folder + "/bad.json"))
        let bad = try CLI.run(["stamp", file, "--from", "bad.json"], in: folder, environment: isolated(folder))
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.hasPrefix("Error: bad.json: policy.id: the field is missing\n"))
    }

    @Test(arguments: samples)
    func restampSaysWhatChangedAndKeepChangesOnlyWhatIsGiven(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture(fixture, to: folder)
        let env = isolated(folder)
        #expect(try CLI.run(["stamp", file] + CLI.sampleFacts, environment: env).exitCode == 0)
        let changed = try CLI.run(["stamp", file, "--keep", "--extent", "substantial", "--reviewer", "Editor"], environment: env)
        #expect(changed.exitCode == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("restamped (earlier stamp replaced)"))
        #expect(changed.stdout.contains("  changed extent: \"partial\" → \"substantial\"\n"))
        #expect(changed.stdout.contains("  changed reviewer: \"Head of Communications\" → \"Editor\"\n"))
        #expect(changed.stdout.components(separatedBy: "  changed ").count == 3, "only the two facts given change")
        #expect(changed.stdout.contains("Microsoft 365 Copilot"), "the tools are kept")
        let none = try CLI.run(["stamp", file, "--keep", "--extent", "none"], environment: env)
        #expect(none.exitCode == 2, "keeping the tools contradicts extent none")
        #expect(none.stderr.contains("--tool: extent none declares that no AI was used"))
    }

    @Test func keysFolderIsMadePrivateAndAPublicKeyIsNamedAsSuch() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let made = try CLI.run(["keys", "create", "--name", "office", "--out", "new/keys"], in: folder)
        #expect(made.exitCode == 0, "\(made.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/new/keys")[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o700)
        let file = try CLI.copyFixture("sample/newsletter.md", to: folder)
        for permissions in [0o644, 0o600] {
            try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: folder + "/new/keys/office.pub.pem")
            let r = try CLI.run(["stamp", file, "--extent", "none", "--declarant", "me", "--sign-key", "new/keys/office.pub.pem"], in: folder, environment: isolated(folder))
            #expect(r.exitCode == 3)
            #expect(r.stderr.contains("new/keys/office.pub.pem: no usable private key was found (the file holds a public key, which cannot sign; sign with the private key file (NAME.key.pem)"))
        }
    }

    @Test func stampPrintsTheNotesVerifyPrints() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("html/wrong-charset.html", to: folder)
        let r = try CLI.run(["stamp", file, "--extent", "none", "--declarant", "me"], environment: isolated(folder))
        #expect(r.exitCode == 0)
        #expect(r.stderr.hasPrefix("disclose: \(file): note: the page declares utf-8 but its bytes are not valid UTF-8; it was read as browsers read it"))
    }
}
