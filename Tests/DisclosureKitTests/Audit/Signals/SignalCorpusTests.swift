@testable import DisclosureKit
import Foundation
import Testing

/// Runs the scanner over the shared real-world corpus (written by people, before or without
/// AI tools) and prints what each signal found, so signals that fire on ordinary documents
/// can be spotted and weakened. Skips cleanly when the corpus is absent.
@Suite struct SignalCorpusTests {
    @Test func corpusFindings() throws {
        let root = SignalSamples.corpus
        guard FileManager.default.fileExists(atPath: root.path) else {
            print("SignalCorpusTests: \(root.path) is absent; skipped.")
            return
        }
        var perSignal: [String: Int] = [:]
        var perKind: [String: Int] = [:]
        var files = 0, bytes = 0
        var lines: [String] = []
        var elapsed: Double = 0
        for folder in ["docx", "md", "html", "odd"] {
            let dir = root.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.sorted() ?? [] {
                let path = dir.appendingPathComponent(name).path
                guard let data = FileManager.default.contents(atPath: path), let input = try? SignalSamples.open(data, path: path) else { continue }
                files += 1
                bytes += data.count
                let start = Date()
                let evidence = EvidenceScanner().scan(input)
                let took = Date().timeIntervalSince(start)
                elapsed += took
                if took > 0.05 { print("  slow: \(folder)/\(name) \(data.count) bytes \(String(format: "%.3f", took)) s, \(input.metadata.count) entries, \(input.text.streams.map(\.paragraphs.count).reduce(0, +)) paragraphs") }
                for f in evidence.findings {
                    perSignal[f.signal.rawValue, default: 0] += 1
                    #expect(f.excerpt.count <= Excerpt.maxCharacters)
                    lines.append("  \(folder)/\(name) \(f.signal) [\(f.strength.rawValue)] \(f.location): \(f.excerpt)")
                }
                for d in evidence.declarations {
                    perKind[d.kind.rawValue, default: 0] += 1
                    lines.append("  \(folder)/\(name) declaration \(d.kind) \(d.location): \(d.quote)")
                }
            }
        }
        print("SignalCorpusTests: \(files) files, \(bytes) bytes, scanned in \(String(format: "%.3f", elapsed)) s")
        for id in SignalCatalogue.all.map(\.id.rawValue) { print("  \(id): \(perSignal[id] ?? 0)") }
        for (kind, n) in perKind.sorted(by: { $0.key < $1.key }) { print("  declaration \(kind): \(n)") }
        for line in lines { print(line) }
        #expect(files > 0)
        // The corpus is human-written: no strong signal may fire on it.
        let strong = Set(SignalCatalogue.all.filter { $0.strength == .strong }.map(\.id.rawValue))
        #expect(perSignal.filter { strong.contains($0.key) }.isEmpty, "\(perSignal)")
    }
}
