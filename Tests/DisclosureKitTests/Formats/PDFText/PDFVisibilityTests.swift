@testable import DisclosureKit
import Foundation
import Testing

/// Whether a page's text can be seen: white text, invisible rendering, small sizes, text off the
/// crop box, optional content that is off by default.
@Suite struct PDFVisibilityTests {
    private func problems(_ content: String, extra: String = "", markedContentID: Int? = nil,
                          configure: (inout PDFTextSamples) -> String = { _ in "" }) throws -> [String] {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        let moreResources = configure(&samples)
        let page = samples.page(content, resources: "/Font << /F1 \(font.number) 0 R >> \(moreResources)", extra: extra)
        return try PDFVisibility.problems(page: page, source: samples.table, markedContentID: markedContentID)
    }

    @Test func plainBlackTextOfReadableSizeHasNoProblems() throws {
        #expect(try problems("BT /F1 12 Tf 72 700 Td (AI use disclosure) Tj ET") == [])
        #expect(try problems("0 0 0.4 rg BT /F1 9 Tf 72 700 Td (Dark blue, 9 pt) Tj ET") == [])
    }

    @Test func whiteAndNearlyWhiteTextIsReported() throws {
        #expect(try problems("1 g BT /F1 12 Tf 72 700 Td (White) Tj ET") == ["all 5 characters are drawn in white, which cannot be read on a white page"])
        #expect(try problems("0.95 0.95 0.97 rg BT /F1 12 Tf 72 700 Td (Pale) Tj ET")
            == ["all 4 characters are drawn in RGB 0.95 0.95 0.97, which cannot be read on a white page"])
        #expect(try problems("0 0 0 0 k BT /F1 12 Tf 72 700 Td (Ink) Tj ET") == ["all 3 characters are drawn in white (no ink), which cannot be read on a white page"])
        // Only part of the text: the count says so.
        #expect(try problems("BT /F1 12 Tf 72 700 Td (Seen) Tj 1 1 1 rg (Unseen) Tj ET")
            == ["6 of 10 characters are drawn in white, which cannot be read on a white page"])
    }

    @Test func whiteSetThroughAColourSpaceIsReportedToo() throws {
        let found = try problems("/CS0 cs 1 1 1 sc BT /F1 12 Tf 72 700 Td (White) Tj ET") { samples in
            let icc = samples.stream("<< /N 3 >>", Data())
            return "/ColorSpace << /CS0 [/ICCBased \(icc.number) 0 R] >>"
        }
        #expect(found == ["all 5 characters are drawn in white, which cannot be read on a white page"])
    }

    @Test func invisibleRenderingModeIsReported() throws {
        #expect(try problems("BT 3 Tr /F1 12 Tf 72 700 Td (Hidden) Tj ET") == ["all 6 characters are drawn invisible (text rendering mode 3)"])
    }

    @Test func textUnderEightPointsAsDrawnIsReported() throws {
        #expect(try problems("BT /F1 6 Tf 72 700 Td (Tiny) Tj ET") == ["all 4 characters are smaller than 8 pt (the smallest is 6.0 pt)"])
        // 12 pt scaled by half through the CTM is 6 pt on the page.
        #expect(try problems("0.5 0 0 0.5 0 0 cm BT /F1 12 Tf 72 700 Td (Tiny) Tj ET") == ["all 4 characters are smaller than 8 pt (the smallest is 6.0 pt)"])
        // 4 pt scaled three times through the text matrix is 12 pt: fine.
        #expect(try problems("BT /F1 4 Tf 3 0 0 3 72 700 Tm (Fine) Tj ET") == [])
    }

    @Test func textOutsideTheCropBoxIsReported() throws {
        #expect(try problems("BT /F1 12 Tf 72 700 Td (Cropped) Tj ET", extra: "/CropBox [0 0 612 600]")
            == ["all 7 characters lie outside the page's visible area (its crop box)"])
        #expect(try problems("BT /F1 12 Tf 700 100 Td (Off) Tj ET") == ["all 3 characters lie outside the page's visible area (its crop box)"])
    }

    @Test func optionalContentOffByDefaultIsReported() throws {
        var samples = PDFTextSamples()
        let font = samples.helvetica()
        let group = samples.add("<< /Type /OCG /Name (Draft layer) >>")
        let shown = samples.add("<< /Type /OCG /Name (Print layer) >>")
        let page = samples.page("/OC /L1 BDC BT /F1 12 Tf 72 700 Td (Layered) Tj ET EMC /OC /L2 BDC BT /F1 12 Tf 72 600 Td (Shown) Tj ET EMC",
                                resources: "/Font << /F1 \(font.number) 0 R >> /Properties << /L1 \(group.number) 0 R /L2 \(shown.number) 0 R >>")
        let catalog = samples.table.trailer["Root"]!.referenceValue!
        var dict = samples.table.objects[catalog]!.dictionaryValue!
        dict["OCProperties"] = PDFTextSamples.object("<< /OCGs [\(group.number) 0 R \(shown.number) 0 R] /D << /OFF [\(group.number) 0 R] >> >>")
        samples.table.objects[catalog] = .dictionary(dict)
        #expect(try PDFVisibility.problems(page: page, source: samples.table)
            == ["7 of 12 characters are in optional content \"Draft layer\", which is off when the document opens"])
    }

    @Test func aMarkedContentSpanIsCheckedAlone() throws {
        let content = "BT /F1 4 Tf 72 700 Td (small print) Tj ET /P << /MCID 3 >> BDC BT /F1 12 Tf 72 600 Td (Statement) Tj ET EMC"
        #expect(try problems(content, markedContentID: 3) == [])
        #expect(try problems(content).count == 1)
        #expect(try problems(content, markedContentID: 4) == ["no text is drawn in marked content 4"])
    }

    @Test func aPageWithoutTextSaysSo() throws {
        #expect(try problems("0 0 100 100 re f") == ["the page draws no text"])
    }
}
