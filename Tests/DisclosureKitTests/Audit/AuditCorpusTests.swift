import DisclosureKit
import Foundation
import Testing

/// The audit over ../shared/corpus (optional: skipped when the folder is absent).
@Suite struct AuditCorpusTests {
    static let corpus = DOCXFixtures.corpus.path
    static var present: Bool { FileManager.default.fileExists(atPath: corpus + "/README.md") }

    @Test(.enabled(if: present, "../shared/corpus is absent, so the corpus audit is skipped"))
    func everyFileVerifyCanOpenIsReadable() throws {
        let (report, summary) = Auditor(options: AuditOptions(jobs: 2)).audit([Self.corpus])
        #expect(summary.rootFailures.isEmpty)
        #expect(report.records.count == summary.statistics.files)
        let loader = DocumentLoader()
        let unreadable = report.records.filter { $0.status == .unreadable }
        let openable = unreadable.filter { (try? loader.open($0.path)) != nil }
        #expect(openable.map(\.path) == [], "verify opens these, so the audit must read them too")
        #expect(unreadable.allSatisfy { $0.error?.isEmpty == false })
        let counts = report.counts.map { "\($0.status.rawValue) \($0.count)" }.joined(separator: ", ")
        print("Corpus audit: \(report.records.count) files: \(counts)")
    }
}
