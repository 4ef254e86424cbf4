import DiscloseTestSupport
@testable import DisclosureKit
import Foundation
import Testing

/// docs/reports.md describes what the writers write: column lists, keys and example lines.
@Suite struct ReportsDocumentationTests {
    static let text: String = {
        let url = TestRepository.root.appendingPathComponent("docs/reports.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The text of the section whose heading starts with `heading`, up to the next `## `.
    func section(_ heading: String) throws -> String {
        let start = try #require(Self.text.range(of: "\n## " + heading))
        let rest = Self.text[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    /// The first cells (in backquotes) of a section's table rows.
    func tableKeys(_ section: String) -> [String] {
        section.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { line in
            let cell = line.dropFirst(3)
            return String(cell[..<cell.firstIndex(of: "`")!])
        }
    }

    @Test func csvColumnsAreTheWritersColumns() throws {
        let csv = try section("CSV")
        #expect(csv.contains("`" + CSVReportWriter.columns.joined(separator: ", ") + "`"))
    }

    @Test func registerColumnsAreTheWritersColumnsInOrder() throws {
        #expect(tableKeys(try section("The class register")) == ClassRegister.columns)
    }

    @Test func personSourcesAreDocumented() throws {
        let register = try section("The class register")
        for source in PersonSource.allCases { #expect(register.contains("`\(source.rawValue)`")) }
    }

    @Test func jsonLinesRecordKeysAreTheRecordsKeys() throws {
        let jsonl = try section("JSON Lines")
        let documented = Set(tableKeys(jsonl).flatMap { $0 == "size" ? ["size", "sha256"] : [$0] })
        let line = try AuditRecord(path: "a", format: nil, status: .undisclosed).jsonLine()
        let keys = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any]).keys
        #expect(documented == Set(keys))
    }

    @Test func jsonLinesHeaderAndSummaryExamplesHaveTheWritersKeys() throws {
        let jsonl = try section("JSON Lines")
        let examples = jsonl.components(separatedBy: "```json\n").dropFirst().map { String($0[..<$0.range(of: "\n```")!.lowerBound]) }
        #expect(examples.count == 2)
        func keys(_ text: String) throws -> Set<String> {
            Set(try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]).keys)
        }
        let header = try ReportHeader(tool: "disclose 0.1.0", generatedAt: "t", roots: ["docs"]).jsonLine()
        #expect(try keys(examples[0]) == keys(String(decoding: header, as: UTF8.self)))
        #expect(examples[0].hasPrefix(#"{"format":"disclose-audit-report","#))
        let summary = try ReportSummaryLine(excludedFiles: 1, excludedFolders: 0, notFound: [AuditRootFailure(path: "p", reason: "r")]).jsonLine()
        #expect(try keys(examples[1]) == keys(String(decoding: summary, as: UTF8.self)))
    }

    @Test func jsonDocumentKeysAreDocumented() throws {
        let json = try section("JSON (")
        let data = try JSONReportWriter().render(AuditReport(generatedAt: "t", roots: [], records: []))
        let keys = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys
        for key in keys { #expect(json.contains("`\(key)`"), "\(key)") }
    }

    @Test func placesInWordsAreTheCodesWords() throws {
        let places = try section("Places in words")
        for stream in ["headers", "footers", "footnotes", "endnotes", "comments", "textboxes", "metadata"] {
            let words = Location.placeWords(stream: stream, index: 1, count: 1)
            #expect(places.contains("`\(words)`"), "\(stream): \(words)")
        }
        #expect(places.contains("`\(Location.placeWords(stream: "body", index: 4, count: 30))`"))
        #expect(places.contains("`\(Location.placeWords(stream: "body", index: 29, count: 30))`"))
        #expect(places.contains("`\(Location.placeWords(stream: "body", index: 1, count: 30))`"))
    }

    @Test func markersAreTheWritersMarkers() throws {
        let markers = try section("Reports found in an audited folder")
        #expect(markers.contains("`\(ReportMarker.htmlMeta)`"))
        #expect(markers.contains("`\"format\": \"\(ReportMarker.token)\"`"))
        #expect(markers.contains("`\(XLSXWriter.applicationMarker)`"))
    }

    @Test func archiveLimitsAreTheCodesLimits() throws {
        let archives = try section("Archives")
        let limits = ReadLimits.default
        let entries = String(limits.maxEntries / 1000) + "," + String(format: "%03d", limits.maxEntries % 1000)
        #expect(archives.contains("more than \(entries) entries"))
        #expect(archives.contains("more than \(limits.maxCompressionRatio) to 1"))
        #expect(archives.contains("a depth of \(ArchiveAudit.maxDepth) archives"))
    }
}
