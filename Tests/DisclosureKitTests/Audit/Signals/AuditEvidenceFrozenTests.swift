@testable import DisclosureKit
import Foundation
import Testing

/// The declarations (kind, location, evidence text, facts) and findings the audit reads in every
/// fixture and every generated declaration case are the ones frozen in
/// `Fixtures/expected/audit-evidence.jsonl` by `Scripts/fixtures/freeze-audit-evidence`, run on
/// the code before the declaration reader and the scanners were made faster: faster, not different.
@Suite struct AuditEvidenceFrozenTests {
    struct Frozen: Decodable {
        var path: String
        var format: FormatID?
        var declarations: [Declaration]
        var findings: [Finding]
    }

    static let frozen: [Frozen] = {
        let url = SignalSamples.repository.appendingPathComponent("Fixtures/expected/audit-evidence.jsonl")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { try! JSONDecoder().decode(Frozen.self, from: Data($0.utf8)) }
    }()

    /// Audits `root` in-process; records keyed by their path with `prefix` taken off.
    static func audit(_ root: String, prefix: String) -> [String: AuditRecord] {
        let (report, _) = Auditor(options: AuditOptions(jobs: 2)).audit([root])
        var out: [String: AuditRecord] = [:]
        for record in report.records {
            out[record.path.hasPrefix(prefix) ? String(record.path.dropFirst(prefix.count)) : record.path] = record
        }
        return out
    }

    /// Every fixture (but `Fixtures/expected`) and every case written as the freezing script writes them.
    static let current: [String: AuditRecord] = {
        var out: [String: AuditRecord] = [:]
        let repository = SignalSamples.repository.path
        let fixtures = repository + "/Fixtures"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: fixtures)) ?? [] where entry != "expected" {
            out.merge(audit(fixtures + "/" + entry, prefix: repository + "/"), uniquingKeysWith: { a, _ in a })
        }
        let folder = try! Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cases = try! JSONSerialization.jsonObject(with: Data(contentsOf: SignalSamples.repository.appendingPathComponent("Fixtures/declarations/cases.json"))) as! [String: Any]
        for group in ["declarations", "mentions"] {
            try! FileManager.default.createDirectory(atPath: folder + "/cases/" + group, withIntermediateDirectories: true)
            for (i, c) in (cases[group] as! [[String: Any]]).enumerated() {
                let name = folder + "/cases/\(group)/" + String(repeating: "0", count: max(0, 4 - String(i).count)) + "\(i).md"
                try! Data(((c["text"] as! String) + "\n").utf8).write(to: URL(fileURLWithPath: name))
            }
        }
        out.merge(audit(folder + "/cases", prefix: folder + "/"), uniquingKeysWith: { a, _ in a })
        return out
    }()

    @Test func theFrozenFileCoversTheFixturesAndTheCases() {
        #expect(Self.frozen.count >= 550)
        #expect(Self.frozen.filter { !$0.declarations.isEmpty }.count >= 200)
        #expect(Self.frozen.contains { $0.path.hasPrefix("Fixtures/") && !$0.declarations.isEmpty })
    }

    @Test func everyFileReadsAsFrozen() {
        var differences: [String] = []
        for frozen in Self.frozen {
            guard let record = Self.current[frozen.path] else { differences.append("\(frozen.path): not audited"); continue }
            if record.format != frozen.format { differences.append("\(frozen.path): format \(record.format?.rawValue ?? "nil") ≠ \(frozen.format?.rawValue ?? "nil")") }
            if record.declarations != frozen.declarations { differences.append("\(frozen.path): declarations \(record.declarations) ≠ frozen \(frozen.declarations)") }
            if record.findings != frozen.findings { differences.append("\(frozen.path): findings \(record.findings) ≠ frozen \(frozen.findings)") }
        }
        #expect(differences.isEmpty, "\(differences.count) files differ:\n\(differences.prefix(20).joined(separator: "\n"))")
    }
}
