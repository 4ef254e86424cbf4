import DisclosureKit
import Foundation
import Testing

/// `disclose report merge`, run through the built binary.
@Suite struct ReportMergeEndToEndTests {
    static let records = [
        AuditRecord(path: "b.md", format: "markdown", status: .undisclosed),
        AuditRecord(path: "a.docx", format: "docx", status: .undisclosedWithSignals,
                    findings: [Finding(signal: "metadata.ai-generator", strength: .strong,
                                       location: Location(part: "docProps/app.xml", byteOffset: 12),
                                       excerpt: "=HYPERLINK(\"x\")", explanation: "The properties name an AI tool.")]),
        AuditRecord(path: "c <script>.html", format: "html", status: .unreadable, error: "not valid UTF-8"),
    ]

    func writeShard(_ records: [AuditRecord], to path: String) throws {
        let report = AuditReport(tool: "disclose 0.1.0", generatedAt: "2026-12-01T09:00:00Z", roots: ["docs"], records: records)
        try JSONLinesReportWriter().render(report).write(to: URL(fileURLWithPath: path))
    }

    @Test func mergesShardsIntoEachFormat() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeShard([Self.records[0], Self.records[2]], to: folder + "/s1.jsonl")
        try writeShard([Self.records[1]], to: folder + "/s2.jsonl")
        let whole = AuditReport(tool: "disclose 0.1.0", generatedAt: "2026-12-01T09:00:00Z", roots: ["docs"], records: Self.records)
        for format in AuditReportFormat.allCases {
            let r = try CLI.run(["report", "merge", "s1.jsonl", "s2.jsonl", "--format", format.rawValue, "--output", "out.\(format.fileExtension)"], in: folder)
            #expect(r.exitCode == 0, "\(format): \(r.stderr)")
            #expect(r.stdout == "")
            let written = try Data(contentsOf: URL(fileURLWithPath: folder + "/out.\(format.fileExtension)"))
            #expect(written == (try format.writer().render(whole)), "\(format)")
        }
        let csv = try CLI.run(["report", "merge", "s2.jsonl", "s1.jsonl", "--format", "csv"], in: folder)
        #expect(csv.exitCode == 0)
        #expect(csv.stdout.components(separatedBy: "\r\n") == [
            "path,format,status,signal,strength,location,where,excerpt,explanation,checks failed,declaration,error",
            "a.docx,docx,undisclosed-with-signals,metadata.ai-generator,strong,docProps/app.xml (byte 12),in the file's metadata,\"'=HYPERLINK(\"\"x\"\")\",The properties name an AI tool.,,,",
            "b.md,markdown,undisclosed,,,,,,,,,",
            "c <script>.html,html,unreadable,,,,,,,,,not valid UTF-8",
            "\"# Note: \(AuditReport.standingNote)\",,,,,,,,,,,",
            "",
        ])
    }

    @Test func terminalIsTheDefaultWithoutColourWhenPiped() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeShard(Self.records, to: folder + "/all.jsonl")
        let r = try CLI.run(["report", "merge", "all.jsonl"], in: folder)
        #expect(r.exitCode == 0)
        #expect(r.stdout.hasPrefix("Audit of 3 files in docs (disclose 0.1.0, 2026-12-01T09:00:00Z)\n"))
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(r.stdout.hasSuffix("Note: \(AuditReport.standingNote)\n"))
    }

    @Test func duplicatePathIsExitThreeNamingBothShards() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeShard([Self.records[0]], to: folder + "/s1.jsonl")
        try writeShard([Self.records[0], Self.records[1]], to: folder + "/s2.jsonl")
        let r = try CLI.run(["report", "merge", "s1.jsonl", "s2.jsonl", "--format", "json", "--output", "out.json"], in: folder)
        #expect(r.exitCode == 3)
        #expect(r.stderr == "disclose: error: b.md: found in two shards, at s1.jsonl:2 and s2.jsonl:3. Shards must not overlap: check that every shard used the same N and a different K, over the same roots.\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.json"))
    }

    @Test func malformedLineIsExitThreeWithItsLineNumber() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeShard(Self.records, to: folder + "/s.jsonl")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/s.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"path\": \"x\"}\n".utf8))
        try handle.close()
        let r = try CLI.run(["report", "merge", "s.jsonl"], in: folder)
        #expect(r.exitCode == 3)
        #expect(r.stderr == "disclose: error: s.jsonl:6: not an audit record: missing \"status\". Re-run that shard with disclose audit --shard K/N --format jsonl, or remove the line.\n")
    }

    @Test func usageAndUnreadableInputs() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeShard(Self.records, to: folder + "/s.jsonl")
        let none = try CLI.run(["report", "merge"], in: folder)
        #expect(none.exitCode == 2)
        #expect(none.stderr.contains("give at least one shard file"))
        let badFormat = try CLI.run(["report", "merge", "s.jsonl", "--format", "pdf"], in: folder)
        #expect(badFormat.exitCode == 2)
        #expect(badFormat.stderr.contains("unknown format \"pdf\". Use one of terminal, json, jsonl, csv, sarif, html, register."))
        let twice = try CLI.run(["report", "merge", "s.jsonl", "./s.jsonl"], in: folder)
        #expect(twice.exitCode == 2)
        #expect(twice.stderr == "disclose: error: ./s.jsonl: given more than once. Pass each shard file once.\n")
        let missing = try CLI.run(["report", "merge", "gone.jsonl"], in: folder)
        #expect(missing.exitCode == 3)
        #expect(missing.stderr == "disclose: error: gone.jsonl: cannot read the shard (no such file). Check the path and that you have permission to read it.\n")
        let unwritable = try CLI.run(["report", "merge", "s.jsonl", "--output", "no/such/folder/out.txt"], in: folder)
        #expect(unwritable.exitCode == 4)
    }
}

@Suite struct ReportHelpTests {
    @Test func reportIsASubcommandAndMergeDocumentsItsExitCodes() throws {
        let root = try CLI.run(["--help"])
        #expect(root.stdout.contains("report"))
        let merge = try CLI.run(["report", "merge", "--help"])
        #expect(merge.exitCode == 0)
        #expect(merge.stdout.contains("3  a shard could not be read, has a malformed line, or overlaps another"))
        #expect(merge.stdout.contains("--format <format>"))
        #expect(merge.stdout.contains("Report format: terminal, json, jsonl, csv, sarif,"))
        #expect(merge.stdout.contains("(default: terminal)"))
    }
}
