import Foundation

/// Glyphs in content order to lines and paragraphs. A glyph continues the line when it sits on
/// the same baseline (measured across the previous glyph's writing direction) and does not jump
/// far back; a gap along the baseline wider than ``wordGap`` of the font size reads as a space,
/// as pdftotext infers spaces a PDF does not draw. A new line whose baseline lies more than
/// ``paragraphGap`` line heights below the last one, or above it, or in a font size a quarter
/// larger or smaller (a heading), starts a new paragraph.
///
/// Right-to-left text drawn span by span from right to left (Word draws each run of Hebrew,
/// digits and brackets with its own `Tm`), each span drawn left to right: a span on the line's
/// baseline that lies wholly left of what the line has so far, on a line with right-to-left
/// letters, goes before it, so the line is in visual order before ``logicalOrder(_:)`` turns it.
enum PDFTextLayout {
    /// A gap this fraction of the font size or wider between two glyphs is a word break.
    static let wordGap = 0.1
    /// A baseline this many font sizes below the previous line starts a new paragraph.
    static let paragraphGap = 1.8

    static func paragraphs(_ glyphs: [PDFDrawnGlyph]) -> [String] {
        var paragraphs: [String] = []
        var paragraph = ""
        var line = ""
        var previous: PDFDrawnGlyph?
        var direction = (x: 1.0, y: 0.0)
        var pendingSpace = false
        // Right-to-left lines drawn span by span: the text right of the current span (visual
        // order), where it starts along the baseline, and where the current span ends.
        var right = ""
        var rightStart = 0.0
        var lineLeft = Double.infinity, spanEnd = 0.0, spanSize = 0.0
        var lineIsRightToLeft = false

        /// The current span followed by the text right of it, a space between them if they are apart.
        func spanAndRight() -> String {
            if right.isEmpty { return line }
            if line.isEmpty { return right }
            let apart = rightStart - spanEnd > wordGap * spanSize && line.last != " " && right.first != " "
            return apart ? line + " " + right : line + right
        }
        /// A non-space glyph added to the line: where the line and the span reach.
        func extend(_ glyph: PDFDrawnGlyph, _ text: String) {
            lineLeft = min(lineLeft, glyph.x * direction.x + glyph.y * direction.y)
            spanEnd = glyph.endX * direction.x + glyph.endY * direction.y
            spanSize = glyph.size
            if !lineIsRightToLeft, let first = text.unicodeScalars.first, first.value >= 0x0590 { lineIsRightToLeft = isRightToLeft(first) }
        }

        func endLine() {
            line = spanAndRight()
            right = ""
            lineLeft = .infinity
            lineIsRightToLeft = false
            let trimmed = PDFTextLayout.trimmingSpaces(PDFTextLayout.logicalOrder(line))
            if !trimmed.isEmpty {
                if paragraph.isEmpty { paragraph = trimmed } else if PDFTextLayout.joinsHyphenated(paragraph, trimmed) {
                    paragraph.removeLast()
                    paragraph += trimmed
                } else {
                    paragraph += " " + trimmed
                }
            }
            line = ""
            pendingSpace = false
        }
        func endParagraph() {
            endLine()
            if !paragraph.isEmpty { paragraphs.append(paragraph) }
            paragraph = ""
        }

        for glyph in glyphs {
            defer {
                let dx = glyph.endX - glyph.x, dy = glyph.endY - glyph.y
                let length = (dx * dx + dy * dy).squareRoot()
                if length > 1e-6 { direction = (dx / length, dy / length) }
                previous = glyph
            }
            let text = PDFTextLayout.expandLigatures(glyph.text)
            guard let prev = previous else {
                if glyph.isSpace { continue }
                line = text
                extend(glyph, text)
                continue
            }
            let size = max(prev.size, glyph.size, 0.01)
            let along = (glyph.x - prev.endX) * direction.x + (glyph.y - prev.endY) * direction.y
            let across = (glyph.x - prev.x) * -direction.y + (glyph.y - prev.y) * direction.x
            if abs(across) < 0.5 * size && along > -1.5 * size {
                if glyph.isSpace { pendingSpace = true; continue }
                if (pendingSpace || along > wordGap * size), !line.isEmpty, line.last != " " { line += " " }
                pendingSpace = false
                line += text
                extend(glyph, text)
                continue
            }
            if abs(across) < 0.5 * size, lineIsRightToLeft || (glyph.text.unicodeScalars.first.map(isRightToLeft) ?? false),
               glyph.endX * direction.x + glyph.endY * direction.y <= lineLeft + 0.5 * size {
                // A span left of all the line has: it goes before it.
                right = spanAndRight()
                rightStart = lineLeft
                line = ""
                pendingSpace = false
                if !glyph.isSpace { line = text; extend(glyph, text) }
                continue
            }
            // A new line: below the last by a normal line step, or a new paragraph.
            let advance = -across
            let sizeChange = max(prev.size, glyph.size) / max(min(prev.size, glyph.size), 0.01)
            if advance > paragraphGap * size || advance < -0.5 * size || sizeChange > 1.25 { endParagraph() } else { endLine() }
            if !glyph.isSpace { line = text; extend(glyph, text) }
        }
        endParagraph()
        return paragraphs
    }

    /// A word broken at the end of a line with a hyphen, the next line going on in lower case:
    /// the two halves are one word, as pdftotext joins them ("exam-" "ple" is "example").
    static func joinsHyphenated(_ text: String, _ next: String) -> Bool {
        guard let last = text.last, last == "-" || last == "\u{AD}", let first = next.unicodeScalars.first,
              first.properties.isLowercase else { return false }
        let before = text.dropLast().last
        return before?.isLetter == true
    }

    /// A line drawn left to right whose letters are mostly right-to-left (Hebrew, Arabic) in the
    /// order it is read: reversed, with runs of left-to-right letters and digits kept as they are.
    /// Brackets are not mirrored: producers map a glyph to the character of the text it was
    /// shaped from (Word maps the glyph "(" drawn in Hebrew to ")"), so the characters are
    /// already the logical ones. A full bidirectional algorithm is not needed for words to come
    /// out right.
    static func logicalOrder(_ line: String) -> String {
        // Most lines have no right-to-left letter: found by code point alone, without looking up
        // a Unicode property per character.
        guard line.unicodeScalars.contains(where: isRightToLeft) else { return line }
        var rtl = 0, ltr = 0
        for scalar in line.unicodeScalars {
            if isRightToLeft(scalar) { rtl += 1 } else if scalar.properties.isAlphabetic { ltr += 1 }
        }
        guard rtl > 0 else { return line }
        guard rtl > ltr else { return reversingRightToLeftRuns(line) }
        var units: [[Unicode.Scalar]] = []
        var run: [Unicode.Scalar] = []
        for scalar in line.unicodeScalars {
            let keepsOrder = !isRightToLeft(scalar) && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || (!run.isEmpty && (scalar == "." || scalar == ",")))
            if keepsOrder { run.append(scalar); continue }
            if !run.isEmpty { units.append(run); run = [] }
            units.append([scalar])
        }
        if !run.isEmpty { units.append(run) }
        var out = String.UnicodeScalarView()
        for unit in units.reversed() { out.append(contentsOf: unit) }
        return String(out)
    }

    /// A mostly left-to-right line with right-to-left words in it ("Arabic: ملاعلاب ابحرم"): each run of
    /// right-to-left words (with the spaces between them) reversed in place.
    static func reversingRightToLeftRuns(_ line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            guard isRightToLeft(scalars[i]) else { out.append(scalars[i]); i += 1; continue }
            // The run goes on over spaces and marks while right-to-left letters follow.
            var end = i + 1, lastStrong = i
            while end < scalars.count, !scalars[end].properties.isAlphabetic || isRightToLeft(scalars[end]) {
                if isRightToLeft(scalars[end]) { lastStrong = end }
                if scalars[end].properties.numericType != nil || scalars[end] == "." || scalars[end] == "," || scalars[end] == ":" { break }
                end += 1
            }
            for s in scalars[i...lastStrong].reversed() { out.append(s) }
            i = lastStrong + 1
        }
        return String(out)
    }

    /// `text` without the spaces and tabs (Unicode's space separators) at either end.
    static func trimmingSpaces(_ text: String) -> String {
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            s.value < 0x80 ? (s.value == 0x20 || s.value == 0x09) : s.properties.generalCategory == .spaceSeparator
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    private static func isRightToLeft(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF: return s.properties.isAlphabetic
        default: return false
        }
    }

    /// The ligature characters of Unicode's Alphabetic Presentation Forms as their letters
    /// (`ﬁ` as `fi`), as pdftotext writes them.
    static func expandLigatures(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0xFB00...0xFB06).contains($0.value) }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFB00: out += "ff"
            case 0xFB01: out += "fi"
            case 0xFB02: out += "fl"
            case 0xFB03: out += "ffi"
            case 0xFB04: out += "ffl"
            case 0xFB05, 0xFB06: out += "st"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
