import Foundation

/// The content of our statement page: a heading and the statement, wrapped to the page by the
/// glyphs' advance widths, black, in the embedded font (ISO 32000-1 §9.4). In a tagged document
/// the heading and the paragraph are marked content (`/H1 <</MCID 0>>`, `/P <</MCID 1>>`) that
/// our structure elements point at.
struct PDFStatementPage {
    static let heading = "AI use disclosure"
    static let headingSize = 18.0
    static let maxTextSize = 11.0
    /// The smallest size we set text in; the visibility check refuses less than 8 pt.
    static let minTextSize = 9.0

    /// Width and height of the page, in points.
    var width: Double
    var height: Double

    /// Margin on every side: an inch, less on small pages.
    var margin: Double { min(72, min(width, height) * 0.1) }

    /// A page the size of the document's first page, when the statement fits on it at
    /// ``minTextSize`` or more; else as wide (at least 300 pt, a narrow strip cannot hold a
    /// readable statement) and as tall as the statement needs, so it is never cut off.
    static func fitting(statement: String, font: PDFEmbeddedFont, width: Double, height: Double) -> PDFStatementPage {
        let page = PDFStatementPage(width: width, height: height)
        if page.fits(statement, font: font) { return page }
        var grown = PDFStatementPage(width: max(width, 300), height: height)
        let lines = grown.wrap(plain(statement), font: font, size: minTextSize, width: grown.width - 2 * grown.margin)
        // Heading, a gap, the lines, and the margins (a margin is at most an inch).
        grown.height = max(height, headingSize * 2 + minTextSize + Double(lines.count) * minTextSize * 1.4 + 2 * 72 + minTextSize)
        return grown
    }

    /// True when `statement` fits on the page at ``minTextSize`` or more.
    func fits(_ statement: String, font: PDFEmbeddedFont) -> Bool {
        let lines = wrap(PDFStatementPage.plain(statement), font: font, size: PDFStatementPage.minTextSize, width: width - 2 * margin)
        let top = height - margin - PDFStatementPage.headingSize
        return top - 2 * PDFStatementPage.minTextSize - Double(lines.count) * PDFStatementPage.minTextSize * 1.4 >= margin
    }

    /// The content stream (uncompressed) for `statement`.
    /// - Parameters:
    ///   - tagged: wrap the heading and the text in marked content with MCIDs 0 and 1.
    func content(statement: String, font: PDFEmbeddedFont, tagged: Bool) -> Data {
        let statement = PDFStatementPage.plain(statement)
        let usable = width - 2 * margin
        var size = PDFStatementPage.maxTextSize
        var lines = wrap(statement, font: font, size: size, width: usable)
        let top = height - margin - PDFStatementPage.headingSize
        while size > PDFStatementPage.minTextSize, top - 2 * size - Double(lines.count) * size * 1.4 < margin {
            size -= 0.5
            lines = wrap(statement, font: font, size: size, width: usable)
        }
        var s = Data()
        func put(_ text: String) { s.append(Data(text.utf8)) }
        func show(_ text: String, x: Double, y: Double) {
            put("1 0 0 1 \(number(x)) \(number(y)) Tm ")
            let digits = Array("0123456789ABCDEF".utf8)
            var hex = Data("<".utf8)
            for b in font.encode(text) { hex.append(digits[Int(b >> 4)]); hex.append(digits[Int(b & 0x0F)]) }
            hex.append(UInt8(ascii: ">"))
            s.append(hex)
            put(" Tj\n")
        }
        if tagged { put("/H1 <</MCID 0>> BDC\n") }
        put("BT\n0 g\n/\(PDFEmbeddedFont.resourceName) \(number(PDFStatementPage.headingSize)) Tf\n")
        show(PDFStatementPage.heading, x: margin, y: top)
        put("ET\n")
        if tagged { put("EMC\n/P <</MCID 1>> BDC\n") }
        put("BT\n0 g\n/\(PDFEmbeddedFont.resourceName) \(number(size)) Tf\n")
        var y = top - PDFStatementPage.headingSize - size
        for line in lines {
            if !line.isEmpty { show(line, x: margin, y: y) }
            y -= size * 1.4
        }
        put("ET\n")
        if tagged { put("EMC\n") }
        return s
    }

    /// `text` with line breaks as line feeds, tabs as spaces and other control characters left out.
    static func plain(_ text: String) -> String {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return String(String.UnicodeScalarView(unified.unicodeScalars.compactMap { s in
            if s == "\n" { return s }
            if s == "\t" { return " " }
            return s.properties.generalCategory == .control ? nil : s
        }))
    }

    /// `text` in lines no wider than `width`: paragraphs at line feeds, breaks at spaces, and a
    /// word longer than a line broken between characters.
    func wrap(_ text: String, font: PDFEmbeddedFont, size: Double, width: Double) -> [String] {
        var lines: [String] = []
        for paragraph in text.components(separatedBy: "\n") {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
                let candidate = line.isEmpty ? word : line + " " + word
                if font.width(candidate, size: size) <= width { line = candidate; continue }
                if !line.isEmpty { lines.append(line); line = "" }
                var piece = ""
                for ch in word {
                    if !piece.isEmpty, font.width(piece + String(ch), size: size) > width { lines.append(piece); piece = "" }
                    piece.append(ch)
                }
                line = piece
            }
            lines.append(line)
        }
        return lines
    }

    /// A number as content streams write it: at most two decimals, no exponent.
    func number(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        return String(format: "%.2f", r)
    }
}
