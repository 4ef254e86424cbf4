import Foundation

/// The little text shaping our statement page does, so that any name or language renders:
/// Arabic letters take their joining forms (initial, medial, final, isolated) from the Unicode
/// Arabic Presentation Forms-B, lam with alef becomes its ligature, and runs of right-to-left
/// text are laid out right to left (reversed, within a left-to-right line).
///
/// Not done: full OpenType shaping (GSUB/GPOS: mark positioning, Persian/Urdu letters outside
/// U+0621–U+064A, other joining scripts), and the full Unicode bidirectional algorithm (numbers
/// inside right-to-left runs, right-to-left paragraphs). Text stays correct when copied: each
/// glyph's `ToUnicode` entry gives the characters it stands for (a ligature's in drawing order,
/// as extractors reverse right-to-left runs character by character).
enum PDFTextShaping {
    /// One glyph to draw and the characters it stands for.
    struct Cluster: Equatable {
        var scalar: Unicode.Scalar
        /// The presentation form to draw (same as ``scalar`` when unshaped).
        var form: Unicode.Scalar
        var text: String
    }

    /// Forms by letter: isolated, final, initial, medial (the last two absent for right-joining letters).
    static let forms: [UInt32: [UInt32]] = {
        var table: [UInt32: [UInt32]] = [0x0621: [0xFE80]]
        let right: [UInt32: UInt32] = [0x0622: 0xFE81, 0x0623: 0xFE83, 0x0624: 0xFE85, 0x0625: 0xFE87, 0x0627: 0xFE8D, 0x0629: 0xFE93,
                                       0x062F: 0xFEA9, 0x0630: 0xFEAB, 0x0631: 0xFEAD, 0x0632: 0xFEAF, 0x0648: 0xFEED, 0x0649: 0xFEEF]
        for (letter, iso) in right { table[letter] = [iso, iso + 1] }
        let dual: [UInt32: UInt32] = [0x0626: 0xFE89, 0x0628: 0xFE8F, 0x062A: 0xFE95, 0x062B: 0xFE99, 0x062C: 0xFE9D, 0x062D: 0xFEA1,
                                      0x062E: 0xFEA5, 0x0633: 0xFEB1, 0x0634: 0xFEB5, 0x0635: 0xFEB9, 0x0636: 0xFEBD, 0x0637: 0xFEC1,
                                      0x0638: 0xFEC5, 0x0639: 0xFEC9, 0x063A: 0xFECD, 0x0641: 0xFED1, 0x0642: 0xFED5, 0x0643: 0xFED9,
                                      0x0644: 0xFEDD, 0x0645: 0xFEE1, 0x0646: 0xFEE5, 0x0647: 0xFEE9, 0x064A: 0xFEF1]
        for (letter, iso) in dual { table[letter] = [iso, iso + 1, iso + 2, iso + 3] }
        return table
    }()

    /// Lam-alef ligatures by alef: isolated (final is one more).
    static let lamAlef: [UInt32: UInt32] = [0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB]

    static func isTransparent(_ s: Unicode.Scalar) -> Bool { (0x064B...0x065F).contains(s.value) || s.value == 0x0670 }
    static func joinsForward(_ s: Unicode.Scalar) -> Bool { (forms[s.value]?.count ?? 0) == 4 || s.value == 0x0640 }
    static func joins(_ s: Unicode.Scalar) -> Bool { forms[s.value] != nil && s.value != 0x0621 || s.value == 0x0640 }

    static func isRightToLeft(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x0590...0x08FF).contains(v) || (0xFB1D...0xFDFF).contains(v) || (0xFE70...0xFEFF).contains(v)
    }

    static func isStrongLeftToRight(_ s: Unicode.Scalar) -> Bool { !isRightToLeft(s) && (s.properties.isAlphabetic || ("0"..."9").contains(s)) }

    /// `text` (NFC) as clusters in the order to draw them, left to right.
    static func clusters(_ text: String, has: (Unicode.Scalar) -> Bool) -> [Cluster] {
        let scalars = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
        var out: [Cluster] = []
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            guard let f = forms[s.value] else {
                out.append(Cluster(scalar: s, form: s, text: String(s)))
                i += 1
                continue
            }
            // Neighbours, skipping marks.
            var p = i - 1
            while p >= 0, isTransparent(scalars[p]) { p -= 1 }
            var n = i + 1
            while n < scalars.count, isTransparent(scalars[n]) { n += 1 }
            let joinedBefore = p >= 0 && joinsForward(scalars[p])
            if s.value == 0x0644, n < scalars.count, n == i + 1, let lig = lamAlef[scalars[n].value] {
                let form = Unicode.Scalar(lig + (joinedBefore ? 1 : 0))!
                if has(form) {
                    out.append(Cluster(scalar: s, form: form, text: String(s) + String(scalars[n])))
                    i = n + 1
                    continue
                }
            }
            let joinedAfter = f.count == 4 && n < scalars.count && joins(scalars[n])
            let index = f.count == 1 ? 0 : (joinedBefore ? (joinedAfter ? 3 : 1) : (joinedAfter ? 2 : 0))
            let form = Unicode.Scalar(f[index]).flatMap { has($0) ? $0 : nil } ?? s
            out.append(Cluster(scalar: s, form: form, text: String(s)))
            i += 1
        }
        return visualOrder(out)
    }

    /// Reverses each run of right-to-left clusters (with the spaces and marks inside it) in a
    /// left-to-right line.
    static func visualOrder(_ clusters: [Cluster]) -> [Cluster] {
        var out: [Cluster] = []
        var i = 0
        while i < clusters.count {
            guard isRightToLeft(clusters[i].scalar) else { out.append(clusters[i]); i += 1; continue }
            var end = i + 1, lastStrong = i
            while end < clusters.count, !isStrongLeftToRight(clusters[end].scalar) {
                if isRightToLeft(clusters[end].scalar) { lastStrong = end }
                end += 1
            }
            // A ligature's characters are given in drawing order too: text extractors reverse a
            // right-to-left run character by character, which then gives them back in logical order.
            out += clusters[i...lastStrong].reversed().map { c in
                var c = c
                if c.text.unicodeScalars.count > 1 { c.text = String(String.UnicodeScalarView(c.text.unicodeScalars.reversed())) }
                return c
            }
            i = lastStrong + 1
        }
        return out
    }
}
