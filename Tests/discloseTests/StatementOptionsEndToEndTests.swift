import Foundation
import Testing

/// `--language`, `--no-style`, `show` and `verify`'s next steps through the built binary.
@Suite struct StatementOptionsEndToEndTests {
    @Test func aLanguageWeCannotWriteIsRefusedAndNothingIsWritten() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("sample/open-day.html", to: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let r = try CLI.run(["stamp", file, "--language", "cy"] + CLI.sampleFacts)
        #expect(r.exitCode == 2, "\(r.stderr)")
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("disclose: error: --language: the statement would be tagged \"cy\", but Disclose writes statements only in English"))
        #expect(r.stderr.contains("Supported: English (en, en-GB, en-US"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)

        let english = try CLI.run(["stamp", file, "--language", "en-US"] + CLI.sampleFacts)
        #expect(english.exitCode == 0, "\(english.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("role=\"note\" lang=\"en-US\""))
    }

    @Test func aPolicyInAnotherLanguageIsRefusedAtItsLine() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("sample/newsletter.md", to: folder)
        let policy = folder + "/p.toml"
        try "[policy]\nid = \"p\"\n\n[statement]\nlanguage = \"cy\"\n".write(toFile: policy, atomically: true, encoding: .utf8)
        let r = try CLI.run(["stamp", file, "--policy", policy] + CLI.sampleFacts)
        #expect(r.exitCode == 2)
        #expect(r.stderr.hasPrefix("disclose: error: \(policy):5: key \"statement.language\": statements are written in English only"), "\(r.stderr)")
    }

    @Test func noStyleLeavesTheStatementBare() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("sample/open-day.html", to: folder)
        #expect(try CLI.run(["stamp", file] + CLI.sampleFacts).exitCode == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("lang=\"en-GB\" style=\"margin:"))
        #expect(try CLI.run(["stamp", file, "--no-style"] + CLI.sampleFacts).exitCode == 0)
        let bare = try String(contentsOfFile: file, encoding: .utf8)
        #expect(bare.contains("lang=\"en-GB\"><p>AI use disclosure:"))
        #expect(!bare.contains("style=\"margin:"))
        #expect(try CLI.run(["verify", file]).exitCode == 0)
    }

    @Test func showPrintsEveryRecordedFact() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("sample/newsletter.md", to: folder)
        let policy = folder + "/disclose-policy.toml"
        try FileManager.default.copyItem(atPath: CLI.packageRoot.appendingPathComponent("examples/policies/university.toml").path, toPath: policy)
        let stamp = try CLI.run(["stamp", file, "--policy", policy, "--tool", "Elicit", "--tool-version", "2", "--purpose", "research",
                                 "--extent", "partial", "--review", "edited", "--reviewer", "Dr B", "--review-note", "checked sources",
                                 "--declarant", "Dr A", "--date", "2026-12-04", "--note", "Literature review only.", "--task", "report", "--role", "staff"],
                                environment: ["XDG_CONFIG_HOME": folder + "/none", "HOME": folder])
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        let show = try CLI.run(["show", file])
        #expect(show.exitCode == 0)
        for line in ["  tools:        Elicit 2\n", "  purposes:     research\n", "  extent:       partial\n", "  review:       edited by Dr B\n",
                     "  review note:  checked sources\n", "  declarant:    Dr A\n", "  organisation: Example University\n", "  date:         2026-12-04\n",
                     "  note:         Literature review only.\n", "  language:     en-GB\n", "  policy:       example-university-genai version 3\n",
                     "  task:         report\n", "  role:         staff\n", "  signed:       no\n"] {
            #expect(show.stdout.contains(line), "\(line) in \(show.stdout)")
        }
    }

    @Test func verifySaysWhatToDoNext() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("sample/pupil-essay.md", to: folder)
        let r = try CLI.run(["verify", file])
        #expect(r.exitCode == 1)
        let id = "statement-present".padding(toLength: 28, withPad: " ", startingAt: 0)
        #expect(r.stdout.contains("\(file): fail           \(id)no visible disclosure statement from Disclose was found; the document's author can add one by stamping it\n\(file):                next step: if the document is yours, add a declaration with `disclose stamp FILE`; if it is someone else's, ask its author to add one."), "\(r.stdout)")
        let steps = r.stdout.components(separatedBy: "\n").filter { $0.contains("next step:") }.count
        let failures = r.stdout.components(separatedBy: "\n").filter { $0.contains(": fail ") }.count
        #expect(steps == failures && failures > 0)
    }
}
