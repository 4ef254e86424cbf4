import Foundation

/// Fonts read once and shared by the pages of one document, and the storage of the glyph list
/// handed on from page to page (so that each page does not grow a new one from nothing).
final class PDFFontCache {
    var fonts: [PDFReference: PDFFont] = [:]
    /// An empty glyph list that keeps the capacity an earlier page needed.
    var spareGlyphs: [PDFDrawnGlyph] = []
}

/// One glyph a page draws, with what reading order and visibility need to know of it.
struct PDFDrawnGlyph {
    /// Its text (one or more characters; a ligature glyph stays as the font maps it).
    var text: String
    /// The glyph's origin and the end of its advance, in default user space (points).
    var x: Double, y: Double, endX: Double, endY: Double
    /// The size of the font as drawn on the page, in points (`Tf` size × text and CTM scale).
    var size: Double
    /// Text rendering mode (`Tr`, §9.3.6): 3 is invisible, 7 adds to the clip only.
    var renderMode: Int
    /// The colour it is painted in: the fill colour, or the stroke colour for modes 1 and 5.
    var color: PDFColor
    /// The constant alpha (`/ca` or `/CA` of the graphics state).
    var alpha: Double
    /// The optional content group that hides it by default, if one does.
    var hiddenBy: String?
    /// The innermost marked-content identifier (`/MCID`) it is drawn in, if any.
    var mcid: Int?

    /// True when every character of its text is white space (ASCII decided without a Unicode
    /// property lookup: this is asked of every glyph).
    var isSpace: Bool {
        for byte in text.utf8 {
            if byte >= 0x80 { return text.unicodeScalars.allSatisfy { $0.properties.isWhitespace } }
            if byte != 0x20 && !(0x09...0x0D).contains(byte) { return false }
        }
        return true
    }
}
