import Foundation

/// Glyph names to text (ISO 32000-1 §9.10.2): the Adobe Glyph List, `uniXXXX`, `uXXXX[XX]`,
/// ligature names joined by `_`, and suffixes after a full stop dropped (`a.sc` is `a`).
enum PDFGlyphNames {
    /// The Adobe Glyph List, read from ``PDFGlyphTables/glyphList`` once.
    static let list: [String: String] = {
        var table: [String: String] = [:]
        table.reserveCapacity(4400)
        for line in PDFGlyphTables.glyphList.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count >= 2 else { continue }
            let scalars = parts.dropFirst().compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }
            table[String(parts[0])] = String(String.UnicodeScalarView(scalars))
        }
        return table
    }()

    /// The text a glyph name stands for, or nil when the name says nothing (`g12`, `.notdef`).
    static func unicode(_ name: String) -> String? {
        if let text = list[name] { return text }
        var base = Substring(name)
        if let dot = base.firstIndex(of: "."), dot != base.startIndex { base = base[..<dot] }
        if base.contains("_") {
            let parts = base.split(separator: "_").map { component(String($0)) }
            if parts.allSatisfy({ $0 != nil }) && !parts.isEmpty { return parts.map { $0! }.joined() }
            return nil
        }
        return component(String(base))
    }

    private static func component(_ name: String) -> String? {
        if let text = list[name] { return text }
        if name.hasPrefix("uni"), name.count >= 7, (name.count - 3) % 4 == 0 {
            var scalars = String.UnicodeScalarView()
            var units: [UInt16] = []
            var rest = name.dropFirst(3)
            while !rest.isEmpty {
                guard let unit = UInt16(rest.prefix(4), radix: 16) else { return nil }
                units.append(unit)
                rest = rest.dropFirst(4)
            }
            let text = String(decoding: units, as: UTF16.self)
            scalars.append(contentsOf: text.unicodeScalars)
            return String(scalars)
        }
        if name.hasPrefix("u"), (5...7).contains(name.count), let v = UInt32(name.dropFirst(), radix: 16), let s = Unicode.Scalar(v) {
            return String(s)
        }
        return nil
    }
}

/// The text of a simple font's one-byte codes: a base encoding (Annex D) with `/Differences`.
struct PDFSimpleEncoding {
    /// Code to text; nil for a code the encoding leaves unused.
    var table: [String?]

    enum Base: String {
        case standard = "StandardEncoding", winAnsi = "WinAnsiEncoding", macRoman = "MacRomanEncoding"
        case pdfDoc = "PDFDocEncoding", symbol = "Symbol", zapfDingbats = "ZapfDingbats"
    }

    init(base: Base) {
        switch base {
        case .standard: table = PDFSimpleEncoding.scalars(PDFGlyphTables.standard)
        case .winAnsi: table = PDFSimpleEncoding.scalars(PDFGlyphTables.winAnsi)
        case .macRoman: table = PDFSimpleEncoding.scalars(PDFGlyphTables.macRoman)
        case .pdfDoc:
            table = (0...255).map { (code: Int) -> String? in
                if code < 0x20 && code != 0x0A && code != 0x09 { return nil }
                return String(PDFText.pdfDocEncoding(UInt8(code)))
            }
        case .symbol: table = PDFSimpleEncoding.symbolTable()
        case .zapfDingbats:
            // Roughly: the dingbats are not words; keep the codes that read as punctuation and
            // spaces so that word gaps survive, drop the rest.
            table = [String?](repeating: nil, count: 256)
            table[0x20] = " "
        }
    }

    /// Applies a `/Differences` array: a code, then glyph names for it and the codes after it.
    mutating func apply(differences: [PDFObject]) {
        var code = 0
        for item in differences {
            if let n = item.integerValue { code = n; continue }
            guard let name = item.nameValue else { continue }
            if code >= 0 && code < 256 { table[code] = PDFGlyphNames.unicode(name) ?? PDFSimpleEncoding.unknownGlyph }
            code += 1
        }
    }

    /// Marks a code whose glyph name says nothing about its text (`/g3`): such a glyph is skipped
    /// and counted, rather than read through the base encoding.
    static let unknownGlyph = "\u{FFFF}"

    private static func scalars(_ values: [UInt32]) -> [String?] {
        values.map { $0 == 0 ? nil : Unicode.Scalar($0).map { String($0) } }
    }

    /// The Symbol font's encoding, roughly: ASCII punctuation and digits as they are, Latin
    /// letters as the Greek letters the font draws for them.
    private static func symbolTable() -> [String?] {
        var table = [String?](repeating: nil, count: 256)
        for code in 0x20...0x7E { table[code] = String(UnicodeScalar(UInt8(code))) }
        let upper = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ", lower = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ"
        for (i, c) in upper.enumerated() { table[0x41 + i] = String(c) }
        for (i, c) in lower.enumerated() { table[0x61 + i] = String(c) }
        table[0x22] = "∀"; table[0x24] = "∃"; table[0x27] = "∋"; table[0x2A] = "∗"; table[0x2D] = "−"
        table[0x40] = "≅"; table[0x5C] = "∴"; table[0x5E] = "⊥"; table[0x60] = ""
        let high: [Int: String] = [0xA3: "≤", 0xA5: "∞", 0xB1: "±", 0xB3: "≥", 0xB4: "×", 0xB7: "•", 0xB8: "÷", 0xB9: "≠",
                                   0xBA: "≡", 0xBB: "≈", 0xBC: "…", 0xC5: "⊕", 0xC6: "∅", 0xC7: "∩", 0xC8: "∪", 0xCE: "∈",
                                   0xD1: "∇", 0xD5: "∏", 0xD6: "√", 0xD7: "⋅", 0xE5: "∑", 0xF2: "∫", 0xAE: "→", 0xAC: "←"]
        for (code, text) in high { table[code] = text }
        return table
    }
}
