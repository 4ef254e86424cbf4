import DisclosureKit
import Foundation

/// Builds folders with known contents for the audit tests.
struct AuditFolder {
    let root: String

    init() throws {
        root = try Samples.temporaryFolder()
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    func path(_ relative: String) -> String { root + "/" + relative }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Data(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, _ data: Data) throws -> String {
        let full = path(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full))
        return full
    }

    /// A Markdown file stamped with the sample disclosure.
    @discardableResult
    func stamped(_ relative: String, _ text: String = "# Title\n\nFirst paragraph.\n\nSecond paragraph.\n") throws -> String {
        let full = try write(relative, text)
        _ = try Stamper().stamp(path: full, disclosure: Samples.disclosure)
        return full
    }

    func symlink(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: target)
    }
}

/// A stand-in for the evidence scanner: markers in the raw bytes become evidence.
enum StubEvidence {
    static let scan: EvidenceScan = { input in
        let text = String(decoding: input.raw, as: UTF8.self)
        var evidence = Evidence()
        if text.contains("PLANT-STRONG") {
            evidence.findings.append(Finding(signal: "test.strong", strength: .strong, location: Location(line: 1), excerpt: "PLANT-STRONG", explanation: "a planted strong marker"))
        }
        if text.contains("PLANT-MODERATE") {
            evidence.findings.append(Finding(signal: "test.moderate", strength: .moderate, location: Location(line: 1), excerpt: "PLANT-MODERATE", explanation: "a planted moderate marker"))
        }
        if text.contains("PLANT-WEAK") {
            evidence.findings.append(Finding(signal: "test.weak", strength: .weak, location: Location(line: 1), excerpt: "PLANT-WEAK", explanation: "a planted weak marker"))
        }
        if text.contains("PLANT-DECLARED") {
            evidence.declarations.append(Declaration(kind: "written-statement", location: Location(line: 1), quote: "PLANT-DECLARED", explanation: "a planted declaration",
                                                            facts: DeclarationFacts(aiUse: .used, confidence: .clear, words: "PLANT-DECLARED")))
        }
        return evidence
    }
}

extension Auditor {
    /// An auditor for tests: one job unless asked, no cache, the stub scanner.
    static func forTests(_ options: AuditOptions = AuditOptions(jobs: 2), cache: AuditCache? = nil) -> Auditor {
        Auditor(options: options, cache: cache, scan: StubEvidence.scan)
    }

    /// Audits and returns status by path relative to `root`.
    func statuses(_ roots: [String], root: String) -> [String: AuditStatus] {
        let (report, _) = audit(roots)
        var out: [String: AuditStatus] = [:]
        for record in report.records {
            out[record.path.hasPrefix(root + "/") ? String(record.path.dropFirst(root.count + 1)) : record.path] = record.status
        }
        return out
    }
}
