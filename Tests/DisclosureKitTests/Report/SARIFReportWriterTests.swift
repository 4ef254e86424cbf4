import DisclosureKit
import Foundation
import Testing

@Suite struct SARIFReportWriterTests {
    func log() throws -> [String: Any] {
        let data = try AuditReportFormat.sarif.writer().render(ReportSamples.report)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func run() throws -> [String: Any] {
        let runs = try #require(try log()["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return runs[0]
    }

    func results() throws -> [[String: Any]] {
        try #require(try run()["results"] as? [[String: Any]])
    }

    @Test func versionAndSchema() throws {
        let log = try log()
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
    }

    @Test func oneRulePerSignalAndPerFailedCheck() throws {
        let tool = try #require(try run()["tool"] as? [String: Any])
        let driver = try #require(tool["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "disclose")
        #expect(driver["version"] as? String == "0.1.0")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["metadata.ai-generator", "residue.assistant-opener", "residue.placeholder",
                                                     "typography.unusual", "check/content-binding"])
        let levels = rules.map { ($0["defaultConfiguration"] as? [String: Any])?["level"] as? String }
        #expect(levels == ["warning", "note", "note", "note", "error"])
    }

    @Test func resultsHaveRuleIdsLevelsAndIndexes() throws {
        let results = try results()
        #expect(results.map { $0["ruleId"] as? String } == ["check/content-binding", "metadata.ai-generator",
                                                           "residue.assistant-opener", "typography.unusual", "residue.placeholder"])
        let byRule = Dictionary(grouping: results) { $0["ruleId"] as? String ?? "" }
        #expect(byRule["metadata.ai-generator"]?.first?["level"] as? String == "warning")
        #expect(byRule["residue.assistant-opener"]?.first?["level"] as? String == "note")
        #expect(byRule["check/content-binding"]?.first?["level"] as? String == "error")
        #expect(byRule["check/content-binding"]?.first?["ruleIndex"] as? Int == 4)
        #expect(results.count == 5)
        let fingerprints = results.compactMap { ($0["partialFingerprints"] as? [String: String])?["discloseResult/v1"] }
        #expect(fingerprints.count == 5)
        #expect(Set(fingerprints).count == 5)
        #expect(fingerprints.allSatisfy { $0.count == 64 })
    }

    func location(_ result: [String: Any]?) throws -> [String: Any] {
        let locations = try #require(result?["locations"] as? [[String: Any]])
        return try #require(locations.first)
    }

    @Test func docxPartIsALogicalLocationWithoutAFileRegion() throws {
        let result = try results().first { $0["ruleId"] as? String == "residue.assistant-opener" }
        let loc = try location(result)
        let physical = try #require(loc["physicalLocation"] as? [String: Any])
        #expect(physical["region"] == nil)
        let artifact = try #require(physical["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "d/signals.docx")
        #expect(artifact["uriBaseId"] as? String == "ROOT")
        let logical = try #require((loc["logicalLocations"] as? [[String: Any]])?.first)
        #expect(logical["name"] as? String == "word/document.xml")
        #expect(logical["fullyQualifiedName"] as? String == "word/document.xml/paragraph[3]")
        #expect(logical["kind"] as? String == "resource")
        let properties = try #require(result?["properties"] as? [String: Any])
        #expect(properties["partByteOffset"] as? Int == 4521)
        #expect(properties["paragraph"] as? Int == 3)
    }

    @Test func textFindingHasLineColumnAndByteOffset() throws {
        let result = try results().first { $0["ruleId"] as? String == "typography.unusual" }
        let physical = try #require(try location(result)["physicalLocation"] as? [String: Any])
        let region = try #require(physical["region"] as? [String: Any])
        #expect(region as NSDictionary == ["startLine": 7, "startColumn": 3, "byteOffset": 88] as NSDictionary)
        let artifact = try #require(physical["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "e/hostile%20%3Cscript%3Ealert%281%29%3C/script%3E%2C%20%22q%22.md")
        let noOffset = try results().first { $0["ruleId"] as? String == "residue.placeholder" }
        let noRegion = try #require(try location(noOffset)["physicalLocation"] as? [String: Any])
        #expect(noRegion["region"] == nil)
    }

    @Test func checkResultPointsAtItsLine() throws {
        let result = try results().first { $0["ruleId"] as? String == "check/content-binding" }
        let physical = try #require(try location(result)["physicalLocation"] as? [String: Any])
        #expect(physical["region"] as? NSDictionary == ["startLine": 12, "startColumn": 1, "byteOffset": 400] as NSDictionary)
        let message = try #require((result?["message"] as? [String: Any])?["text"] as? String)
        #expect(message == "The disclosure in this file failed the content-binding check: the text has changed since stamping, first at line 12")
    }

    @Test func noteIsInTheDriverTheRunAndEveryFindingMessage() throws {
        let run = try run()
        #expect((run["properties"] as? [String: Any])?["note"] as? String == AuditReport.standingNote)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(((driver["fullDescription"] as? [String: Any])?["text"] as? String)?.hasSuffix(AuditReport.standingNote) == true)
        for result in try results() where !(result["ruleId"] as? String ?? "").hasPrefix("check/") {
            let text = (result["message"] as? [String: Any])?["text"] as? String ?? ""
            #expect(text.hasSuffix(AuditReport.standingNote))
        }
    }

    @Test func unreadableFileIsAnErrorNotification() throws {
        let invocation = try #require((try run()["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
        let notes = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notes.count == 1)
        #expect(notes[0]["level"] as? String == "error")
        #expect((notes[0]["message"] as? [String: Any])?["text"] as? String == "h/broken.docx could not be read: @SUM(1): not a valid zip archive,\nso it cannot be read")
    }

    @Test func everyFileIsAnArtifactWithItsStatus() throws {
        let artifacts = try #require(try run()["artifacts"] as? [[String: Any]])
        #expect(artifacts.count == ReportSamples.records.count)
        let statuses = artifacts.map { ($0["properties"] as? [String: Any])?["status"] as? String }
        #expect(statuses == ReportSamples.report.records.map(\.status.rawValue))
        let last = try #require(artifacts.last?["location"] as? [String: Any])
        #expect(last["uri"] as? String == "%C3%BC/%E6%97%A5%E6%9C%AC%E8%AA%9E%20notes.md")
    }

    @Test func absoluteSingleRootBecomesTheBaseURI() throws {
        var report = ReportSamples.report
        report.roots = ["/srv/audit docs"]
        let data = try AuditReportFormat.sarif.writer().render(report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""uri" : "file:///srv/audit%20docs/""#))
    }
}
