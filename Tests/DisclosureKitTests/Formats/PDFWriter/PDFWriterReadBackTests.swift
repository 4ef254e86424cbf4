@testable import DisclosureKit
import Foundation
import Testing

/// Our statement page read back by Disclose's own reader (qpdf) and text extractor: the heading
/// and the statement come out as written, Welsh and Arabic included, and nothing hides them.
@Suite struct PDFWriterReadBackTests {
    @Test(.enabled(if: PDFWriterTests.fontPresent, "DejaVuSans is not installed (run Scripts/bootstrap), so the read-back test is skipped"),
          arguments: [false, true])
    func statementReadsBackAndIsVisible(tagged: Bool) throws {
        let original = PDFWriterTestFiles.make(pages: ["First page."], tagged: tagged, xmp: PDFWriterTestFiles.xmpPacket)
        let input = PDFStampInput(data: original, source: try PDFFileReader(data: original, path: "t.pdf"), path: "t.pdf") {
            try PDFFileReader(data: $0, path: "t.pdf")
        }
        let result = try PDFStamp.stamp(try PDFWriterTests.request(), in: input)
        let stamped = result.update.apply(to: original)
        let reader = try PDFFileReader(data: stamped, path: "t.pdf")
        let pages = try reader.pages()
        #expect(pages.count == 2)
        let ours = pages[result.pageIndex]
        #expect(PDFStamp.isOurPage(try #require(try reader.object(ours).dictionaryValue)))
        let text = try PDFTextExtractor(source: reader, path: "t.pdf").text(ofPage: ours)
        #expect(text.skippedGlyphs == 0)
        let flat = text.paragraphs.joined(separator: " ")
        #expect(flat.hasPrefix("AI use disclosure"))
        for word in ["Zoë Nguyễn", "ŵ", "Copilot", "25 November 2026"] { #expect(flat.contains(word), "'\(word)' not in \(flat)") }
        #expect(flat.contains("سلام"), "the Arabic word in logical order: \(flat)")
        #expect(try PDFVisibility.problems(page: ours, source: reader, path: "t.pdf") == [])
        if tagged {
            #expect(try PDFVisibility.problems(page: ours, source: reader, markedContentID: 1, path: "t.pdf") == [])
        }
    }
}
