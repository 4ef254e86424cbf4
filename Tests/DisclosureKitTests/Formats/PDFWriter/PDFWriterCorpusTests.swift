import DiscloseTestSupport
@testable import DisclosureKit
import Foundation
import Testing

/// The writer on the real PDFs of ../shared/corpus/pdf (optional: skipped, saying so, when the
/// folder is absent), read through qpdf (``PDFFileReader``). Every file that opens, is neither
/// encrypted nor damaged, is stamped, found, stamped again (same bytes) and unstamped (the
/// original bytes); the stamped file must keep the original as its first bytes, and `qpdf --check`
/// must find no new problem.
@Suite struct PDFWriterCorpusTests {
    static let corpus = TestRepository.corpus.appendingPathComponent("pdf")
    static var present: Bool { FileManager.default.fileExists(atPath: corpus.path) && PDFWriterTests.fontPresent }

    static func input(_ data: Data, _ name: String) throws -> PDFStampInput {
        PDFStampInput(data: data, source: try PDFFileReader(data: data, path: name), path: name) { try PDFFileReader(data: $0, path: name) }
    }

    @Test(.enabled(if: present, "../shared/corpus/pdf (or the DejaVuSans font) is absent, so the PDF writer corpus test is skipped"))
    func everyReadableCorpusPDFStampsRestampsAndUnstamps() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0.lowercased().hasSuffix(".pdf") }.sorted()
        var stamped = 0, refused = 0
        let request = try PDFWriterTests.request()
        for name in files {
            let original = try Data(contentsOf: Self.corpus.appendingPathComponent(name))
            let reader: PDFFileReader
            do { reader = try PDFFileReader(data: original, path: name) } catch { refused += 1; continue }
            if reader.isDamaged { refused += 1; continue }
            let input = PDFStampInput(data: original, source: reader, path: name) { try PDFFileReader(data: $0, path: name) }
            let result: PDFStampResult
            do { result = try PDFStamp.stamp(request, in: input) } catch let error as DisclosureError {
                // Encrypted files the reader opened (an owner password only) are refused by the writer too.
                #expect(error.exitCode == 3, "\(name): \(error)")
                refused += 1
                continue
            }
            let data = result.update.apply(to: original)
            #expect(data.prefix(original.count) == original, "\(name): the original bytes are the stamped file's first bytes")
            let found = try PDFStamp.find(in: try Self.input(data, name))
            #expect(found.pages.count == 1, "\(name): one statement page found")
            #expect(found.intactOriginalLength == original.count, "\(name)")
            #expect(found.metadata?.facts["declarant"] == "Jane Smith", "\(name)")
            let again = try PDFStamp.stamp(request, in: try Self.input(data, name))
            #expect(again.update.apply(to: data) == data, "\(name): stamping again gives the same bytes")
            let unstamp = try PDFStamp.unstamp(in: try Self.input(data, name))
            #expect(unstamp.apply(to: data) == original, "\(name): unstamping gives the original bytes")
            if let (status, output) = try PDFClients.run("qpdf", ["--check", Self.corpus.appendingPathComponent(name).path]), status == 0 {
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("disclose-pdfwriter-corpus-\(UUID().uuidString).pdf")
                try data.write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                if let (after, report) = try PDFClients.run("qpdf", ["--check", file.path]) {
                    let message = "\(name): qpdf --check after stamping: " + String(report.prefix(600)) + " (before: " + String(output.prefix(200)) + ")"
                    #expect(after == 0, Comment(rawValue: message))
                }
            }
            // Another program's update after ours (the Info dictionary changed): stamping again
            // replaces our page in a new update, unstamping removes it in another.
            if let info = reader.trailer["Info"]?.referenceValue, var dict = try reader.object(info).dictionaryValue {
                dict["Producer"] = .string(Data("Another program".utf8))
                let edited = data + (try PDFIncrementalWriter.update(tail: try PDFFileTail.read(data), objects: [PDFWrittenObject(info, .dictionary(dict))]))
                let restamped = try PDFStamp.stamp(request, in: try Self.input(edited, name)).update.apply(to: edited)
                let state = try PDFStamp.find(in: try Self.input(restamped, name))
                #expect(state.pages.count == 1 && state.intactRecord?.replacesEarlierStamp == true, "\(name): one page after stamping again")
                let removed = try PDFStamp.unstamp(in: try Self.input(restamped, name)).apply(to: restamped)
                #expect(removed.prefix(edited.count) == edited, "\(name)")
                let after = try Self.input(removed, name)
                #expect(try PDFStamp.find(in: after).isEmpty, "\(name): no stamp after unstamping")
                #expect(try after.source.pages().count == reader.pages().count, "\(name): the original pages")
            }
            stamped += 1
        }
        print("PDF writer corpus: \(stamped) stamped, restamped and unstamped; \(refused) refused (encrypted, damaged or unreadable) of \(files.count)")
        #expect(stamped >= 40, "most of the corpus stamps (\(stamped) of \(files.count))")
    }
}
