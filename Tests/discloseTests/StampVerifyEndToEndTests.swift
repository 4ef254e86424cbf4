import Foundation
import Testing

/// The whole journey through the built binary, on every bundled sample format.
@Suite struct StampVerifyEndToEndTests {
    static let samples = ["sample/annual-report.docx", "sample/newsletter.md", "sample/open-day.html"]

    @Test(arguments: samples)
    func stampShowVerifyUnstamp(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture(fixture, to: folder)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))

        let stamp = try CLI.run(["stamp", file] + CLI.sampleFacts)
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        #expect(stamp.stdout.contains(": stamped\n  AI use disclosure: This document was made with help from Microsoft 365 Copilot for drafting and summarising."))

        let show = try CLI.run(["show", "--format", "json", file])
        #expect(show.exitCode == 0)
        let shown = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [[String: Any]]
        let disclosure = shown?.first?["disclosure"] as? [String: Any]
        #expect(disclosure?["extent"] as? String == "partial")
        #expect(disclosure?["declarant"] as? String == "Jane Smith")
        #expect((shown?.first?["statement"] as? String)?.hasPrefix("AI use disclosure:") == true)

        let verify = try CLI.run(["verify", file])
        #expect(verify.exitCode == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("content-binding             text unchanged since stamping"))
        #expect(verify.stdout.hasSuffix(": verified\n"))

        let again = try CLI.run(["stamp", file] + CLI.sampleFacts)
        #expect(again.exitCode == 0)
        #expect(again.stdout.contains("already stamped with these facts; unchanged"))

        let unstamp = try CLI.run(["unstamp", file])
        #expect(unstamp.exitCode == 0)
        #expect(unstamp.stdout.contains("removed the statement and metadata"))
        let after = try CLI.run(["verify", file])
        #expect(after.exitCode == 1)
        #expect(after.stdout.contains("fail           statement-present"))
        if !fixture.hasSuffix(".docx") {
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original, "unstamp gives back the original bytes")
        }
    }

    @Test(arguments: samples)
    func dryRunWritesNothing(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture(fixture, to: folder)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        let r = try CLI.run(["stamp", "--dry-run", file] + CLI.sampleFacts)
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains(": would stamp"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 1)
    }

    @Test func severalFilesWithOneBadGiveExitThreeAndStampTheRest() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = try CLI.copyFixture("sample/newsletter.md", to: folder)
        let bad = folder + "/broken.docx"
        try Data("not a zip at all".utf8).write(to: URL(fileURLWithPath: bad))
        let r = try CLI.run(["stamp", bad, good] + CLI.sampleFacts)
        #expect(r.exitCode == 3)
        #expect(r.stderr.contains("broken.docx"))
        #expect(try String(contentsOfFile: bad, encoding: .utf8) == "not a zip at all")
        #expect(try CLI.run(["verify", good]).exitCode == 0)
    }

    @Test func outputWritesACopy() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("sample/annual-report.docx", to: folder)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        let r = try CLI.run(["stamp", file, "--output", folder + "/stamped.docx"] + CLI.sampleFacts)
        #expect(r.exitCode == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original)
        #expect(try CLI.run(["verify", folder + "/stamped.docx"]).exitCode == 0)
    }

    @Test func noAIDeclarationVerifies() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("sample/pupil-essay.md", to: folder)
        let r = try CLI.run(["stamp", file, "--extent", "none", "--declarant", "Pupil 7Y-12", "--date", "2026-11-25"])
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("AI use disclosure: No AI tools were used in making this document. Declared by Pupil 7Y-12 on 25 November 2026."))
        #expect(try CLI.run(["verify", file]).exitCode == 0)
    }
}
