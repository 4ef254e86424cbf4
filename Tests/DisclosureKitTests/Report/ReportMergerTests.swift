import DisclosureKit
import Foundation
import Testing

@Suite struct ReportMergerTests {
    func shard(_ name: String, _ records: [AuditRecord], generatedAt: String = ReportSamples.generatedAt,
               roots: [String] = ["docs"]) throws -> ReportMerger.Shard {
        let report = AuditReport(tool: "disclose 0.1.0", generatedAt: generatedAt, roots: roots, records: records)
        return ReportMerger.Shard(name: name, data: try AuditReportFormat.jsonl.writer().render(report))
    }

    @Test func twoShardsMergeToTheSameReportAsOne() throws {
        let records = ReportSamples.records
        let odd = records.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let even = records.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let merged = try ReportMerger().merge(
            [try shard("shard-2.jsonl", odd, generatedAt: "2026-12-01T08:59:00Z"), try shard("shard-1.jsonl", even)],
            fallbackGeneratedAt: "unused")
        #expect(merged == ReportSamples.report)
        for format in AuditReportFormat.allCases {
            #expect(try ReportSamples.render(format, merged) == ReportSamples.render(format))
        }
    }

    @Test func duplicatePathNamesBothShards() throws {
        let a = try shard("a.jsonl", [ReportSamples.verified, ReportSamples.plain])
        let b = try shard("b.jsonl", [ReportSamples.plain])
        #expect(throws: ReportMergeError.duplicatePath(path: "f/plain.md", firstFile: "a.jsonl", firstLine: 3,
                                                       secondFile: "b.jsonl", secondLine: 2)) {
            try ReportMerger().merge([a, b], fallbackGeneratedAt: "t")
        }
        let message = ReportMergeError.duplicatePath(path: "f/plain.md", firstFile: "a.jsonl", firstLine: 3, secondFile: "b.jsonl", secondLine: 2).description
        #expect(message == "f/plain.md: found in two shards, at a.jsonl:3 and b.jsonl:2. Shards must not overlap: check that every shard used the same N and a different K, over the same roots.")
    }

    @Test func malformedLineNamesFileAndLine() throws {
        var data = try shard("s.jsonl", [ReportSamples.verified]).data
        data.append(Data("{not json\n".utf8))
        // header, record, summary line, then the bad line
        #expect(throws: ReportMergeError.malformedLine(file: "s.jsonl", line: 4, reason: "not valid JSON")) {
            try ReportMerger().merge([ReportMerger.Shard(name: "s.jsonl", data: data)], fallbackGeneratedAt: "t")
        }
        let message = ReportMergeError.malformedLine(file: "s.jsonl", line: 3, reason: "not valid JSON").description
        #expect(message == "s.jsonl:3: not an audit record: not valid JSON. Re-run that shard with disclose audit --shard K/N --format jsonl, or remove the line.")
    }

    @Test func recordsMissingKeysOrWithBadValuesSayWhich() throws {
        let cases: [(String, String)] = [
            (#"{"format":"md","status":"undisclosed"}"#, "missing \"path\""),
            (#"{"path":"x.md","status":"guilty"}"#, "\"status\" has a value that is not allowed"),
            (#"{"path":"x.md","status":"undisclosed","findings":[{"signal":"s"}]}"#, "missing \"findings[0].strength\""),
            (#"{"path":1,"status":"undisclosed"}"#, "\"path\" has the wrong type"),
            (#"[1,2]"#, "a JSON value that is not an object"),
            (#"{"type":"header","tool":"disclose"}"#, "a header line missing \"generatedAt\""),
        ]
        for (line, reason) in cases {
            #expect(throws: ReportMergeError.malformedLine(file: "x.jsonl", line: 1, reason: reason)) {
                try ReportMerger().merge([ReportMerger.Shard(name: "x.jsonl", data: Data((line + "\n").utf8))], fallbackGeneratedAt: "t")
            }
        }
    }

    @Test func blankLinesCRLFAndHeaderlessShardsAreAccepted() throws {
        let line = String(decoding: try ReportSamples.plain.jsonLine(), as: UTF8.self)
        let data = Data(("\r\n" + line + "\r\n\n   \n").utf8)
        let merged = try ReportMerger().merge([ReportMerger.Shard(name: "x.jsonl", data: data)], fallbackGeneratedAt: "2026-12-02T00:00:00Z")
        #expect(merged.records == [ReportSamples.plain])
        #expect(merged.generatedAt == "2026-12-02T00:00:00Z")
        #expect(merged.roots == [])
        #expect(merged.tool == "disclose")
    }

    @Test func rootsAreUnitedInOrderAndTheLatestTimeWins() throws {
        let merged = try ReportMerger().merge(
            [try shard("1.jsonl", [ReportSamples.plain], generatedAt: "2026-12-01T10:00:00Z", roots: ["docs", "b"]),
             try shard("2.jsonl", [ReportSamples.verified], generatedAt: "2026-12-01T11:00:00Z", roots: ["a", "docs"])],
            fallbackGeneratedAt: "t")
        #expect(merged.roots == ["docs", "b", "a"])
        #expect(merged.generatedAt == "2026-12-01T11:00:00Z")
        #expect(merged.records.map(\.path) == ["a/verified.docx", "f/plain.md"])
    }

    @Test func filesThatCannotBeReadOrAreRepeated() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/s.jsonl"
        try shard("s.jsonl", [ReportSamples.plain]).data.write(to: URL(fileURLWithPath: path))
        #expect(try ReportMerger().merge(files: [path], fallbackGeneratedAt: "t").records == [ReportSamples.plain])
        #expect(throws: ReportMergeError.repeatedShard(file: folder + "/./s.jsonl")) {
            try ReportMerger().merge(files: [path, folder + "/./s.jsonl"], fallbackGeneratedAt: "t")
        }
        #expect(throws: ReportMergeError.unreadableShard(file: folder + "/none.jsonl", reason: "no such file")) {
            try ReportMerger().merge(files: [folder + "/none.jsonl"], fallbackGeneratedAt: "t")
        }
        #expect(throws: ReportMergeError.unreadableShard(file: folder, reason: "it is a folder")) {
            try ReportMerger().merge(files: [folder], fallbackGeneratedAt: "t")
        }
        #expect(throws: ReportMergeError.noShards) {
            try ReportMerger().merge(files: [], fallbackGeneratedAt: "t")
        }
        #expect(ReportMergeError.noShards.exitCode == 2)
        #expect(ReportMergeError.unreadableShard(file: "f", reason: "r").exitCode == 3)
    }
}
