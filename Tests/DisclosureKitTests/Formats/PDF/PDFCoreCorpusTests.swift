import DiscloseTestSupport
@testable import DisclosureKit
import Foundation
import Testing

/// Every PDF of the shared corpus opens with qpdf and lists its pages, or ends in its documented
/// refusal (encrypted); prints the time each took. Skips, saying so, when the corpus is absent.
@Suite struct PDFCoreCorpusTests {
    static let folder = TestRepository.corpus.appendingPathComponent("pdf")

    @Test func everyCorpusFileOpensOrIsRefusedClearly() throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter({ $0.hasSuffix(".pdf") }).sorted(),
              !names.isEmpty else {
            print("skipped: no PDF corpus at \(Self.folder.path)")
            return
        }
        var opened = 0, encrypted = 0, damaged = 0, failed: [String] = []
        var totalSeconds = 0.0, openSeconds = 0.0
        for name in names {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
            let start = Date()
            do {
                let document = try CorePDF.open(data, path: name)
                let pages = try document.reader.pages()
                openSeconds += Date().timeIntervalSince(start)
                _ = try document.metadataEntries()
                _ = try document.ownSignatureParts()
                let seconds = Date().timeIntervalSince(start)
                totalSeconds += seconds
                opened += 1
                if document.reader.isDamaged { damaged += 1 }
                #expect(!pages.isEmpty || document.reader.isDamaged, "\(name): no pages")
                print(String(format: "%7.1f ms  %4d pages  %8d bytes%@  %@", seconds * 1000, pages.count, data.count,
                             document.reader.isDamaged ? "  damaged" : "", name))
            } catch DisclosureError.encrypted {
                encrypted += 1
                print("encrypted: \(name)")
            } catch {
                failed.append("\(name): \(error)")
            }
        }
        print("PDF corpus: \(names.count) files, \(opened) opened (\(damaged) damaged), \(encrypted) encrypted, \(failed.count) refused otherwise; \(String(format: "%.0f", openSeconds * 1000)) ms to open and list pages, \(String(format: "%.0f", totalSeconds * 1000)) ms with the metadata entries and signature fields")
        for f in failed { print("refused: \(f)") }
        #expect(encrypted >= 3, "the corpus has several encrypted files")
        #expect(opened >= names.count - encrypted - 3)
        #expect(damaged <= 6, "most corpus files are sound")
    }
}
