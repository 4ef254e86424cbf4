import Foundation
import Testing

/// `verify`, `policy check` and `audit --policy --task` give one answer about a folder of one
/// task's submissions: written declarations count as declarations, undeclared files fail
/// `declaration-required` everywhere, and nothing advises declaring on the author's behalf.
@Suite struct OneAnswerEndToEndTests {
    static let policyText = """
        [policy]
        id = "oak-trust-ai"
        version = "2026.2"
        roles = ["staff", "pupils"]

        [[tools]]
        name = "Gemini for Education"
        aliases = ["Gemini"]
        purposes = ["research", "idea-generation"]

        [[tasks]]
        id = "y10-history-essay"
        level = 2
        declaration_required = true
        """

    /// A folder with written declarations in DOCX, Markdown and HTML, and two files without one.
    func setUp() throws -> (folder: String, policy: String, env: [String: String], files: [String]) {
        let folder = try CLI.temporaryFolder()
        let policy = folder + "/disclose-policy.toml"
        try OneAnswerEndToEndTests.policyText.write(toFile: policy, atomically: true, encoding: .utf8)
        let submissions = folder + "/submissions"
        try FileManager.default.createDirectory(atPath: submissions, withIntermediateDirectories: true)
        let docx = try CLI.copyFixture("audit/declaration.docx", to: submissions)
        let md = submissions + "/amelia-khan.md"
        try "# Causes of the First World War\n\nAlliances and militarism.\n\n## AI declaration\n\nNo AI tools were used in this work.\n"
            .write(toFile: md, atomically: true, encoding: .utf8)
        let html = submissions + "/sam-patel.html"
        try "<!doctype html><html><head><title>Essay</title></head><body><p>Alliances and militarism.</p><p>No AI tools were used in this work.</p></body></html>\n"
            .write(toFile: html, atomically: true, encoding: .utf8)
        let silent = submissions + "/jo-bloggs.md"
        try "# Causes of the First World War\n\nAlliances, militarism and nationalism.\n".write(toFile: silent, atomically: true, encoding: .utf8)
        let silentHTML = submissions + "/ali-reza.html"
        try "<!doctype html><html><head><title>Essay</title></head><body><p>Alliances.</p></body></html>\n".write(toFile: silentHTML, atomically: true, encoding: .utf8)
        return (folder, policy, ["XDG_CONFIG_HOME": folder + "/no-config", "HOME": folder], [docx, md, html, silent, silentHTML])
    }

    /// The status of `id` for each file in a `policy check --format json` or `verify --format json` answer.
    func statuses(_ json: String, _ id: String) throws -> [String: String] {
        let list = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        var out: [String: String] = [:]
        for entry in list {
            let checks = entry["checks"] as? [[String: Any]] ?? []
            out[(entry["path"] as? String ?? "") .components(separatedBy: "/").last!] = checks.first { $0["id"] as? String == id }?["status"] as? String
        }
        return out
    }

    @Test func policyCheckVerifyAndAuditAgreeFileByFile() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        let rule = "policy.declaration-required"
        let check = try CLI.run(["policy", "check", "--policy", s.policy, "--task", "y10-history-essay", "--format", "json"] + s.files, environment: s.env)
        #expect(check.exitCode == 1)
        let fromCheck = try statuses(check.stdout, rule)
        #expect(fromCheck["jo-bloggs.md"] == "fail")
        #expect(fromCheck["ali-reza.html"] == "fail")
        for declared in ["declaration.docx", "amelia-khan.md", "sam-patel.html"] {
            #expect(fromCheck[declared] != nil && fromCheck[declared] != "fail", "\(declared): a written declaration is a declaration")
        }
        let verify = try CLI.run(["verify", "--policy", s.policy, "--task", "y10-history-essay", "--format", "json"] + s.files, environment: s.env)
        #expect(try statuses(verify.stdout, rule) == fromCheck)

        let audit = try CLI.run(["audit", s.folder + "/submissions", "--policy", s.policy, "--task", "y10-history-essay", "--format", "jsonl", "--no-cache"],
                                environment: s.env)
        var fromAudit: [String: String] = [:]
        var auditMessages: [String: String] = [:]
        for line in audit.stdout.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let path = object["path"] as? String else { continue }
            let result = (object["checks"] as? [[String: Any]] ?? []).first { $0["id"] as? String == rule }
            fromAudit[path.components(separatedBy: "/").last!] = result?["status"] as? String
            auditMessages[path.components(separatedBy: "/").last!] = result?["message"] as? String
        }
        #expect(fromAudit == fromCheck, "audit --policy --task gives every file the answer policy check gives")
        #expect(auditMessages["jo-bloggs.md"] == "this file carries no AI-use declaration, and the policy asks for one for the task \"y10-history-essay\", even when no AI was used (\(s.policy):11); ask the author to add one (a declaration that no AI was used counts)")
        for output in [check.stdout, verify.stdout, audit.stdout] {
            #expect(!output.contains("disclose stamp"), "no advice to declare on the author's behalf")
        }
    }

    @Test func severalFilesListOnlyThoseNeedingAttentionThenASummary() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        let check = try CLI.run(["policy", "check", "--policy", s.policy, "--task", "y10-history-essay"] + s.files, environment: s.env)
        #expect(check.exitCode == 1)
        let lines = check.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("jo-bloggs.md: 1 policy rule of oak-trust-ai version 2026.2 not met") })
        let summary = try #require(lines.first { $0.hasPrefix("5 files: ") })
        #expect(summary.contains("2 do not meet it"), "\(summary)")
        let listed = Set(lines.compactMap { line in s.files.first { line.hasPrefix($0 + ":") } })
        let met = summary.contains("meet the policy") || summary.contains("1 meets the policy") ? Int(summary.dropFirst("5 files: ".count).prefix { $0.isNumber }) ?? 0 : 0
        #expect(!summary.contains("1 meet ") && !summary.contains("1 do not"), "one file takes the singular: \(summary)")
        #expect(!check.stdout.contains("not-applicable"), "over many files only the rules that failed or warned are listed")
        #expect(lines.contains { $0.hasPrefix(s.files.first { $0.hasSuffix("jo-bloggs.md") }! + ": ") && $0.contains(" other rules met or not applicable (--verbose lists them)") })
        #expect(listed.count == 5 - met, "files that meet the policy without a warning are not listed")
        if met > 0 {
            #expect(check.stdout.contains("\(met) \(met == 1 ? "file that needs" : "files that need") no attention \(met == 1 ? "was" : "were") not listed; give --verbose to list every file."))
        }
        let verbose = try CLI.run(["policy", "check", "--verbose", "--policy", s.policy, "--task", "y10-history-essay"] + s.files, environment: s.env)
        for file in s.files { #expect(verbose.stdout.contains("\(file): ")) }
        #expect(verbose.stdout.contains("not-applicable"), "--verbose lists every rule")
        #expect(!verbose.stdout.contains("not listed"))

        let verify = try CLI.run(["verify"] + s.files, environment: s.env)
        #expect(verify.exitCode == 1)
        #expect(verify.stdout.hasSuffix("5 files: 5 failed.\n"), "\(verify.stdout)")
    }

    @Test func aFolderGivenToPolicyCheckPointsAtTheAudit() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/class", withIntermediateDirectories: true)
        let r = try CLI.run(["verify", "class"], in: folder)
        #expect(r.exitCode == 3)
        #expect(r.stderr == "disclose: error: class: Disclose cannot use this file: it is a folder; to check every document in it, audit it (`disclose audit class`, adding `--task ID --format register` for a class's work), or name its files (`class/*`).\n")
    }

    @Test func showPrintsTheOtherDeclarationsItFinds() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        for file in s.files.prefix(3) {
            let r = try CLI.run(["show", file], environment: s.env)
            #expect(r.exitCode == 0)
            #expect(r.stdout.contains("  no disclosure from Disclose found\n  other declarations found ("), "\(file): \(r.stdout)")
            #expect(r.stdout.contains("\n    written-statement at "), "\(file): \(r.stdout)")
            #expect(r.stdout.contains("No AI tools were used in this work."))
            let json = try CLI.run(["show", "--format", "json", file], environment: s.env)
            let shown = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
            #expect((shown?.first?["declarations"] as? [[String: Any]])?.first?["kind"] as? String == "written-statement")
        }
        let silent = try CLI.run(["show", s.files[3]], environment: s.env)
        #expect(silent.stdout == "\(s.files[3]) (markdown)\n  no disclosure from Disclose found\n")
    }

    @Test func taskNeedsAPolicyTheTaskIsIn() throws {
        let s = try setUp()
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        let audit = try CLI.run(["audit", s.folder + "/submissions", "--policy", s.policy, "--task", "y9-poem", "--no-cache"], environment: s.env)
        #expect(audit.exitCode == 2)
        #expect(audit.stderr.contains("the task \"y9-poem\" is not in \(s.policy); it lists y10-history-essay. Add a [[tasks]] entry with id = \"y9-poem\" to the policy, or correct the spelling."))
        let noPolicy = try CLI.run(["verify", "--task", "y10-history-essay", s.files[0]], in: s.folder, environment: s.env)
        #expect(noPolicy.exitCode == 2)
        #expect(noPolicy.stderr.contains("--task names a task in a policy; give --policy"))
    }
}
