@testable import DisclosureKit
import Foundation
import Testing

/// The content-stream interpreter and reading order: spacing, lines and paragraphs, form
/// XObjects, inline images, annotations, and the limits that keep hostile pages finite.
@Suite struct PDFTextExtractorTests {
    @Test func tjAdjustmentsWideEnoughAreWordBreaksAndKerningIsNot() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        let page = samples.page("BT /F1 10 Tf 72 700 Td [(Hello) -300 (world) 40 (.)] TJ [-250 (W) 60 (ide) -80 (r)] TJ ET", font: font)
        #expect(try samples.text(page).paragraphs == ["Hello world. Wider"])
    }

    @Test func positioningGapsInferSpacesTheStreamDoesNotDraw() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        // "Hello" at 10 pt advances 25 pt: a Td of 30 leaves a 5 pt gap, 25.3 leaves 0.3 pt.
        let gap = samples.page("BT /F1 10 Tf 72 700 Td (Hello) Tj 30 0 Td (world) Tj ET", font: font)
        let none = samples.page("BT /F1 10 Tf 72 700 Td (Hello) Tj 25.3 0 Td (world) Tj ET", font: font)
        #expect(try samples.text(gap).paragraphs == ["Hello world"])
        #expect(try samples.text(none).paragraphs == ["Helloworld"])
    }

    @Test func wordSpacingCharacterSpacingAndQuoteOperators() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        let page = samples.page("BT /F1 10 Tf 14 TL 72 700 Td 5 Tw (two words) Tj (next line) ' 1 0 (third line) \" ET", font: font)
        #expect(try samples.text(page).paragraphs == ["two words next line third line"])
    }

    @Test func linesJoinIntoParagraphsAndAWideGapStartsANewOne() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        let page = samples.page("""
            BT /F1 10 Tf 72 700 Td (First line of a) Tj 0 -12 Td (para-) Tj 0 -12 Td (graph.) Tj
            0 -40 Td (Second paragraph.) Tj ET
            BT /F1 10 Tf 1 0 0 1 300 100 Tm (Footer) Tj ET
            """, font: font)
        #expect(try samples.text(page).paragraphs == ["First line of a paragraph.", "Second paragraph.", "Footer"])
    }

    @Test func aHeadingInALargerSizeIsItsOwnParagraph() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        let page = samples.page("BT /F1 16 Tf 72 700 Td (AI use disclosure) Tj /F1 11 Tf 0 -20 Td (This document was made) Tj 0 -14 Td (with help.) Tj ET", font: font)
        #expect(try samples.text(page).paragraphs == ["AI use disclosure", "This document was made with help."])
    }

    @Test func textMatrixAndCTMScaleAndRotateTheBaseline() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        // Rotated 90°: the glyphs run up the page, still one line.
        let page = samples.page("q 0 1 -1 0 300 100 cm BT /F1 10 Tf (Up the) Tj ( page) Tj ET Q", font: font)
        #expect(try samples.text(page).paragraphs == ["Up the page"])
    }

    @Test func formXObjectsAreDrawnWithTheirMatrixAndResources() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        let form = samples.stream("<< /Type /XObject /Subtype /Form /BBox [0 0 200 50] /Matrix [1 0 0 1 72 600] /Resources << /Font << /F9 \(font.number) 0 R >> >> >>",
                                  "BT /F9 10 Tf 0 0 Td (inside the form) Tj ET")
        let page = samples.page("BT /F1 10 Tf 72 700 Td (Before) Tj ET /Fm1 Do",
                                resources: "/Font << /F1 \(font.number) 0 R >> /XObject << /Fm1 \(form.number) 0 R >>")
        #expect(try samples.text(page).paragraphs == ["Before", "inside the form"])
    }

    @Test func aFormThatDrawsItselfIsDrawnOnceNotForever() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        let formRef = PDFReference(100)
        samples.table.objects[formRef] = PDFTextSamples.object("<< /Subtype /Form /BBox [0 0 10 10] /Resources << /Font << /F1 \(font.number) 0 R >> /XObject << /Me 100 0 R >> >> >>")
        samples.table.streams[formRef] = Data("BT /F1 10 Tf 72 700 Td (loop) Tj ET /Me Do".utf8)
        let page = samples.page("/Me Do", resources: "/XObject << /Me 100 0 R >>")
        let extractor = PDFTextExtractor(source: samples.table)
        let run = try extractor.interpret(page)
        #expect(run.glyphs.map(\.text).joined() == "loop")
        #expect(run.skippedLoops == 1)
    }

    @Test func formsNestedPastTheLimitEndInALimitError() throws {
        var samples = PDFTextSamples()
        // A chain of 30 distinct forms, each drawing the next: no loop, but too deep.
        for i in 0..<30 {
            let ref = PDFReference(200 + i)
            samples.table.objects[ref] = PDFTextSamples.object("<< /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /N \(201 + i) 0 R >> >> >>")
            samples.table.streams[ref] = Data("/N Do".utf8)
        }
        let page = samples.page("/N Do", resources: "/XObject << /N 200 0 R >>")
        #expect {
            try samples.text(page)
        } throws: { error in
            guard case DisclosureError.limitExceeded(let path, let what, _) = error else { return false }
            return path == "sample.pdf" && what.contains("page 1") && what.contains("nested")
        }
    }

    @Test func aFanOutOfFormsEndsAtTheOperatorLimit() throws {
        var samples = PDFTextSamples()
        // Each level draws the next ten times: 10^8 draws if nothing stopped it.
        for i in 0..<8 {
            let ref = PDFReference(300 + i)
            samples.table.objects[ref] = PDFTextSamples.object("<< /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /N \(301 + i) 0 R >> >> >>")
            samples.table.streams[ref] = Data(String(repeating: "/N Do ", count: 10).utf8)
        }
        let page = samples.page("/N Do", resources: "/XObject << /N 300 0 R >>")
        var limits = PDFTextLimits.standard
        limits.maxOperators = 100_000
        #expect(throws: DisclosureError.self) { try samples.text(page, limits: limits) }
    }

    @Test func contentLargerThanTheLimitIsRefused() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        let page = samples.page(String(repeating: "BT /F1 10 Tf (x) Tj ET\n", count: 1000), font: font)
        var limits = PDFTextLimits.standard
        limits.maxContentBytes = 4096
        #expect {
            try samples.text(page, limits: limits)
        } throws: { error in
            guard case DisclosureError.limitExceeded(_, let what, let limit) = error else { return false }
            return what.contains("content streams larger") && limit == "4096 bytes"
        }
    }

    @Test func inlineImageDataIsSkippedEvenWhenItLooksLikeText() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        var content = Data("BT /F1 10 Tf 72 700 Td (before) Tj ET BI /W 4 /H 1 /CS /G /BPC 8 ID ".utf8)
        content.append(contentsOf: [0x28, 0xFF, 0x29, 0x54, 0x6A])  // "(\xff)Tj" inside the image data
        content.append(Data("\nEI BT /F1 10 Tf 72 650 Td (after) Tj ET".utf8))
        let page = samples.page(content, resources: "/Font << /F1 \(font.number) 0 R >>")
        #expect(try samples.text(page).paragraphs == ["before", "after"])
    }

    @Test func brokenSyntaxAndUnknownOperatorsDoNotStopTheReading() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        let page = samples.page("BT /F1 10 Tf 72 700 Td ) > ]] 1 2 3 frobnicate (still read) Tj ET", font: font)
        #expect(try samples.text(page).paragraphs == ["still read"])
    }

    @Test func textWithoutAFontIsCountedAsSkipped() throws {
        var samples = PDFTextSamples()
        let page = samples.page("BT /Missing 10 Tf 72 700 Td (abc) Tj ET", resources: "")
        let text = try samples.text(page)
        #expect(text.paragraphs == [])
        #expect(text.skippedGlyphs == 3)
    }

    @Test func annotationsContentsAreAListApartAndPopupsAreLeftOut() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        let note = samples.add("<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (A reviewer's note) >>")
        let popup = samples.add("<< /Type /Annot /Subtype /Popup /Rect [0 0 10 10] /Contents (A reviewer's note) >>")
        let empty = samples.add("<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] >>")
        let unicode = samples.add(object: .dictionary(PDFDictionary([("Type", .name("Annot")), ("Subtype", .name("FreeText")),
                                                                   ("Contents", .string(PDFText.encodeTextString("Zoë’s comment")))])))
        let page = samples.page("BT /F1 10 Tf 72 700 Td (Body) Tj ET", font: font,
                                extra: "/Annots [\(note.number) 0 R \(popup.number) 0 R \(empty.number) 0 R \(unicode.number) 0 R]")
        let text = try samples.text(page)
        #expect(text.paragraphs == ["Body"])
        #expect(text.annotations == ["A reviewer's note", "Zoë’s comment"])
    }

    @Test func formFieldAppearancesAreReadLikeTheViewerShowsThem() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        let appearance = samples.stream("<< /Subtype /Form /BBox [0 0 100 20] /Resources << /Font << /F1 \(font.number) 0 R >> >> >>",
                                        "/Tx BMC BT /F1 10 Tf 2 5 Td (Alice) Tj ET EMC")
        let hidden = samples.stream("<< /Subtype /Form /BBox [0 0 100 20] /Resources << /Font << /F1 \(font.number) 0 R >> >> >>",
                                    "BT /F1 10 Tf 2 5 Td (Hidden) Tj ET")
        let field = samples.add("<< /Type /Annot /Subtype /Widget /Rect [100 500 200 520] /AP << /N \(appearance.number) 0 R >> >>")
        let hiddenField = samples.add("<< /Type /Annot /Subtype /Widget /F 2 /Rect [100 400 200 420] /AP << /N \(hidden.number) 0 R >> >>")
        let page = samples.page("BT /F1 10 Tf 72 700 Td (Name:) Tj ET", font: font, extra: "/Annots [\(field.number) 0 R \(hiddenField.number) 0 R]")
        #expect(try samples.text(page).paragraphs == ["Name:", "Alice"])
    }

    @Test func rightToLeftLinesComeOutInReadingOrder() {
        // Drawn left to right as the eye sees it: "םלוע םולש" is "שלום עולם" read right to left.
        #expect(PDFTextLayout.logicalOrder("םלוע םולש") == "שלום עולם")
        #expect(PDFTextLayout.logicalOrder("2024 הנש") == "שנה 2024")
        #expect(PDFTextLayout.logicalOrder("plain text") == "plain text")
        // Mostly left to right, with an Arabic phrase drawn in visual order: only the phrase turns.
        #expect(PDFTextLayout.logicalOrder("Arabic: ملاعلاب ابحرم. Declared") == "Arabic: مرحبا بالعالم. Declared")
        // Brackets keep the characters the ToUnicode map gives: they are the logical ones already.
        #expect(PDFTextLayout.logicalOrder(")4()ב(15 ףיעס") == "סעיף 15(ב)(4)")
    }

    @Test func rightToLeftSpansDrawnFromRightToLeftMakeOneLine() throws {
        // As Word draws Hebrew (issue11656.pdf): "שלום 15(א)" as three spans, each left to right,
        // the rightmost first: "םולש" at 300, "15" at 285 (5 pt short of it: a space), ")א(" at
        // 270 (touching "15": none). Glyphs are 5 pt wide.
        var samples = PDFTextSamples()
        let widths = Array(repeating: "500", count: 224).joined(separator: " ")
        let font = samples.add("""
            << /Type /Font /Subtype /TrueType /BaseFont /Hebrew /FirstChar 32 /LastChar 255 /Widths [\(widths)]
               /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [65 /uni05E9 /uni05DC /uni05D5 /uni05DD /uni05D0] >> >>
            """)
        let spans = samples.page("BT /F1 10 Tf 1 0 0 1 300 700 Tm (DCBA) Tj 1 0 0 1 285 700 Tm (15) Tj 1 0 0 1 270 700 Tm (\\)E\\() Tj ET",
                                 font: font)
        #expect(try samples.text(spans).paragraphs == ["שלום 15(א)"])
        // Left-to-right text that jumps back on its baseline is not turned around.
        let latin = samples.page("BT /F1 10 Tf 1 0 0 1 300 700 Tm (late) Tj 1 0 0 1 200 700 Tm (early) Tj ET", font: font)
        #expect(try samples.text(latin).paragraphs == ["late early"])
    }
}
