@testable import DisclosureKit
import Foundation
import Testing

/// Character codes to text: base encodings, `/Differences`, glyph names, `ToUnicode` CMaps,
/// Type 0 fonts with Identity-H.
@Suite struct PDFFontEncodingTests {
    private func textOfPage(font: String, _ content: Data) throws -> PDFPageText {
        var samples = PDFTextSamples()
        let f = samples.add(font)
        let page = samples.page(content, resources: "/Font << /F1 \(f.number) 0 R >>")
        return try samples.text(page)
    }

    @Test func winAnsiEncodingReadsAccentsAndQuotes() throws {
        let content = PDFTextSamples.latin1("BT /F1 12 Tf 72 700 Td (caf\u{E9} \u{93}quoted\u{94} \u{80}5 \u{97}) Tj ET")
        let text = try textOfPage(font: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>", content)
        #expect(text.paragraphs == ["café “quoted” €5 —"])
        #expect(text.skippedGlyphs == 0)
    }

    @Test func macRomanEncodingDiffersFromWinAnsi() throws {
        let content = PDFTextSamples.latin1("BT /F1 12 Tf 72 700 Td (caf\u{8E} \u{D2}x\u{D3} \u{A5}) Tj ET")
        let text = try textOfPage(font: "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /MacRomanEncoding >>", content)
        #expect(text.paragraphs == ["café “x” •"])
    }

    @Test func standardEncodingIsTheDefaultForLatinFonts() throws {
        // StandardEncoding: 0x27 is a right quote, 0xAE the fi ligature (read as its letters).
        let content = PDFTextSamples.latin1("BT /F1 12 Tf 72 700 Td (it\u{27}s \u{AE}ne) Tj ET")
        let text = try textOfPage(font: "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>", content)
        #expect(text.paragraphs == ["it’s fine"])
    }

    @Test func differencesNameGlyphsAndUnknownNamesAreSkippedAndCounted() throws {
        let font = "<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Custom /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [65 /uni00E9 /fi /g12 /u1F600 /f_f_l /a.sc] >> >>"
        let content = PDFTextSamples.latin1("BT /F1 12 Tf 72 700 Td (xABCDEFz) Tj ET")
        let text = try textOfPage(font: font, content)
        // A: uni00E9, B: fi (as letters), C: /g12 says nothing (skipped), D: u1F600, E: f_f_l, F: a.sc.
        #expect(text.paragraphs == ["xéfi😀ffl" + "az"])
        #expect(text.skippedGlyphs == 1)
    }

    @Test func toUnicodeTakesPrecedenceOverTheEncoding() throws {
        var samples = PDFTextSamples()
        let cmap = samples.stream("<< >>", """
            /CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <00> <FF> endcodespacerange
            1 beginbfchar <41> <005A> endbfchar
            1 beginbfrange <61> <63> <0078> endbfrange
            endcmap CMapName currentdict /CMap defineresource pop end end
            """)
        let font = samples.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode \(cmap.number) 0 R >>")
        let page = samples.page("BT /F1 12 Tf 72 700 Td (Aabcd) Tj ET", font: font)
        // A and a–c from the CMap; d is not in it, so WinAnsiEncoding gives it.
        #expect(try samples.text(page).paragraphs == ["Zxyzd"])
    }

    @Test func type0IdentityHWithToUnicodeReadsTwoByteCodesRangesAndSurrogates() throws {
        var samples = PDFTextSamples()
        let cmap = samples.stream("<< >>", """
            /CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0010> <D83DDE00> endbfchar
            2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<0078> <00660069>] endbfrange
            endcmap end end
            """)
        let descendant = samples.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Noto /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [32 [500 500 500] 3 3 250] >>")
        let font = samples.add("<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Noto /Encoding /Identity-H /DescendantFonts [\(descendant.number) 0 R] /ToUnicode \(cmap.number) 0 R >>")
        let page = samples.page("BT /F1 12 Tf 72 700 Td <0020002100220003003000310010> Tj ET", font: font)
        let text = try samples.text(page)
        #expect(text.paragraphs == ["ABC xfi😀"])
        #expect(text.skippedGlyphs == 0)
    }

    @Test func type0IdentityHWithoutToUnicodeIsSkippedNotGuessed() throws {
        var samples = PDFTextSamples()
        let descendant = samples.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /XYZ /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>")
        let font = samples.add("<< /Type /Font /Subtype /Type0 /BaseFont /XYZ /Encoding /Identity-H /DescendantFonts [\(descendant.number) 0 R] >>")
        let page = samples.page("BT /F1 12 Tf 72 700 Td <002400250026> Tj ET", font: font)
        let text = try samples.text(page)
        #expect(text.paragraphs == [])
        #expect(text.skippedGlyphs == 3)
    }

    @Test func cidWidthsMoveTheTextPosition() throws {
        // Three glyphs of 500 units at 10 pt advance 15 pt; the next string starts 17 pt (a 2 pt
        // gap: a word break) or 15.2 pt (0.2 pt: the same word) after the line's start.
        var samples = PDFTextSamples()
        let cmap = samples.stream("<< >>", "1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0001> <0003> <0061> endbfrange")
        let descendant = samples.add("<< /Subtype /CIDFontType2 /W [1 3 500] /DW 1000 >>")
        let font = samples.add("<< /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [\(descendant.number) 0 R] /ToUnicode \(cmap.number) 0 R >>")
        let spaced = samples.page("BT /F1 10 Tf 72 700 Td <000100020003> Tj 17 0 Td <0001> Tj ET", font: font)
        let joined = samples.page("BT /F1 10 Tf 72 700 Td <000100020003> Tj 15.2 0 Td <0001> Tj ET", font: font)
        #expect(try samples.text(spaced).paragraphs == ["abc a"])
        #expect(try samples.text(joined).paragraphs == ["abca"])
    }

    @Test func cmapKeepsHugeRangesAsRangesAndMixedCodeLengths() {
        let cmap = PDFCMap(Data("""
            2 begincodespacerange <00> <80> <8140> <FFFF> endcodespacerange
            1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange
            1 beginbfchar <8141> <3042> endbfchar
            """.utf8))
        #expect(cmap.ranges.count == 1)
        #expect(cmap.codeLength([0x41, 0x81, 0x41], at: 0) == 1)
        #expect(cmap.codeLength([0x41, 0x81, 0x41], at: 1) == 2)
        #expect(cmap.text(code: 0x8141, length: 2) == "あ")
        #expect(cmap.text(code: 2, length: 4) == "C")
    }

    @Test func aLaterCMapMappingReplacesAnEarlierOneForTheCodesBothCover() {
        // As issue13211.pdf's Thai font: a range over a whole block (its codes past 0x0108 would
        // run into unassigned Thai code points), then single-code entries correcting part of it.
        let cmap = PDFCMap(Data("""
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            1 beginbfchar <0005> <0041> endbfchar
            4 beginbfrange <00FF> <01FF> <0E0B> <0108> <0108> <0E14> <0130> <0130> <0E40> <0000> <0009> <0061> endbfrange
            1 beginbfchar <0003> <005A> endbfchar
            """.utf8))
        #expect(cmap.text(code: 0x0100, length: 2) == "\u{0E0C}")  // only the first range holds it
        #expect(cmap.text(code: 0x0130, length: 2) == "\u{0E40}")  // เ, not the range's unassigned U+0E3C
        #expect(cmap.text(code: 0x0108, length: 2) == "\u{0E14}")
        #expect(cmap.text(code: 0x0005, length: 2) == "f")  // the range given after the char wins
        #expect(cmap.text(code: 0x0003, length: 2) == "Z")  // the char given after the range wins
        #expect(cmap.text(code: 0x0004, length: 2) == "e")
        #expect(cmap.text(code: 0x0200, length: 2) == nil)

        // Too many chars and ranges to check them against each other when read: the lookup
        // compares their order instead, with the same answers.
        let chars = (0..<100).map { String(format: "<%04X> <0041>", $0) }.joined(separator: " ")
        let ranges = (0..<200).map { String(format: "<%04X> <%04X> <0062>", 0x1000 + 2 * $0, 0x1001 + 2 * $0) }.joined(separator: " ")
        let large = PDFCMap(Data("""
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            100 beginbfchar \(chars) endbfchar
            200 beginbfrange \(ranges) <0010> <0011> <0078> endbfrange
            1 beginbfchar <1003> <005A> endbfchar
            """.utf8))
        #expect(large.text(code: 0x0005, length: 2) == "A")
        #expect(large.text(code: 0x0011, length: 2) == "y")
        #expect(large.text(code: 0x1003, length: 2) == "Z")
        #expect(large.text(code: 0x1002, length: 2) == "b")
    }

    @Test func glyphNamesFollowTheAdobeGlyphListAndItsConventions() {
        #expect(PDFGlyphNames.unicode("eacute") == "é")
        #expect(PDFGlyphNames.unicode("uni00E900E8") == "éè")
        #expect(PDFGlyphNames.unicode("u1F600") == "😀")
        #expect(PDFGlyphNames.unicode("f_f_i") == "ffi")
        #expect(PDFGlyphNames.unicode("Aring.sc") == "Å")
        #expect(PDFGlyphNames.unicode("g12") == nil)
        #expect(PDFGlyphNames.unicode(".notdef") == nil)
        #expect(PDFTextLayout.expandLigatures("\u{FB01}ne \u{FB04}") == "fine ffl")
    }
}
