import DisclosureKit
import Foundation
import Testing

@Suite struct JSONLinesStreamTests {
    @Test func fileStreamIsParseableLineByLineAndSortedAtTheEnd() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        for i in 0..<30 { try folder.write("d\(i % 3)/f\(i).md", i % 4 == 0 ? "# PLANT-MODERATE\n" : "# Doc\n") }
        let output = folder.path("out.jsonl")
        let stream = try JSONLinesStream(path: output)
        let summary = Auditor.forTests(AuditOptions(jobs: 3)).stream([folder.path("d0"), folder.path("d1"), folder.path("d2")], onResult: { result in
            try? stream.write(result)
        })
        try stream.finish()
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 30)
        let records = try lines.map { try JSONDecoder().decode(AuditRecord.self, from: Data($0.utf8)) }
        #expect(records.map(\.path) == records.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(records.filter { $0.status == .undisclosedWithSignals }.count == summary.counts[.undisclosedWithSignals])
        #expect(summary.counts[.undisclosedWithSignals] == 8)
    }
}
