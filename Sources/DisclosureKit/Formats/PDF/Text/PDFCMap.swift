import Foundation

/// A CMap as a PDF embeds it (ISO 32000-1 §9.7.5 and §9.10.3): the code space (how many bytes
/// each character code takes) and the mappings of a `ToUnicode` CMap (`bfchar`, `bfrange`) or of a
/// Type 0 font's encoding CMap (`cidchar`, `cidrange`).
///
/// Ranges are kept as ranges, never expanded, so a hostile `<0000> <FFFFFFFF>` range costs nothing.
///
/// Mappings apply in the order the CMap gives them, a later one replacing an earlier one for the
/// codes both cover, as each definition of a PostScript CMap overwrites the last (pdftotext and
/// pdf.js read them so). Producers rely on it: a `bfrange` over a whole block followed
/// by single-code entries that correct part of it.
struct PDFCMap {
    /// One code space range: codes of `length` bytes whose every byte lies between `low` and `high`.
    struct CodeSpace {
        var low: [UInt8]
        var high: [UInt8]
        var length: Int { low.count }

        func contains(_ bytes: ArraySlice<UInt8>) -> Bool {
            guard bytes.count == low.count else { return false }
            for (i, b) in bytes.enumerated() where b < low[i] || b > high[i] { return false }
            return true
        }
    }

    /// A `bfrange` or `cidrange`: codes `low...high` (of `length` bytes) map to consecutive values
    /// from `first`, or, for `bfrange` with an array, each to its own string.
    struct Range {
        var low: UInt32
        var high: UInt32
        var length: Int
        /// UTF-16 units of the first code's text (`bfrange`), the last unit incremented per code.
        var firstText: [UInt16] = []
        /// Each code's text (`bfrange` with an array).
        var texts: [String]? = nil
        /// The first code's CID (`cidrange`).
        var firstCID: UInt32 = 0
        /// Its place among the CMap's mappings: a later one wins where two cover a code.
        var order: Int32 = 0
    }

    /// A `bfchar`: its text and its place among the CMap's mappings.
    struct Char {
        var text: String
        var order: Int32
    }

    var codeSpaces: [CodeSpace] = []
    /// `bfchar`: a code (with its length in bytes) to text.
    var chars: [UInt64: Char] = [:]
    var ranges: [Range] = []
    /// `cidchar`: a code to its CID.
    var cidChars: [UInt64: UInt32] = [:]
    var cidRanges: [Range] = []
    /// `/WMode 1`: vertical writing.
    var vertical = false
    /// Mappings read so far: the next one's `order`.
    private var mappings: Int32 = 0
    /// Some `bfchar` lies inside a `bfrange` given after it, so a lookup that finds the char must
    /// still look for a later range (set when the check would cost too much to make).
    private var charsShadowed = false

    /// The most entries of each kind read from one CMap (a hostile CMap stops being read there).
    static let maxEntries = 200_000

    var isEmpty: Bool { chars.isEmpty && ranges.isEmpty && cidChars.isEmpty && cidRanges.isEmpty }

    /// Reads a CMap's bytes. Syntax it does not know is skipped; it never throws.
    init(_ data: Data) {
        var lexer = PDFLexer(data)
        var operands: [PDFToken] = []
        var arrayItems: [PDFToken]? = nil
        var entries = 0
        while entries < PDFCMap.maxEntries {
            let token: PDFToken?
            do { token = try lexer.next() } catch {
                lexer.seek(lexer.position + 1)
                continue
            }
            guard let token else { break }
            switch token {
            case .arrayOpen: arrayItems = []
            case .arrayClose:
                if let items = arrayItems {
                    // An array of strings in a `bfrange`: keep its strings joined by a marker token.
                    operands.append(.keyword("[]"))
                    operands.append(contentsOf: items)
                    operands.append(.keyword("[/]"))
                }
                arrayItems = nil
            case .keyword(let word):
                if arrayItems != nil { continue }
                switch word {
                case "endcodespacerange": readCodeSpaces(operands)
                case "endbfchar": entries += readBFChars(operands)
                case "endbfrange": entries += readBFRanges(operands)
                case "endcidchar", "endnotdefchar": if word == "endcidchar" { entries += readCIDChars(operands) }
                case "endcidrange": entries += readCIDRanges(operands)
                case "def":
                    if operands.count >= 2, case .name("WMode") = operands[operands.count - 2], case .integer(1) = operands[operands.count - 1] { vertical = true }
                default: break
                }
                operands.removeAll(keepingCapacity: true)
            default:
                if arrayItems != nil { arrayItems!.append(token) } else { operands.append(token) }
                if operands.count > 3 * PDFCMap.maxEntries { operands.removeAll() }
            }
        }
        charsShadowed = findShadowedChars()
    }

    /// Whether a `bfchar` lies inside a `bfrange` read after it; true, to be safe, when checking
    /// would cost much more than reading the CMap did (the lookup then compares orders: still
    /// right, a little slower for the codes of chars).
    private func findShadowedChars() -> Bool {
        guard !chars.isEmpty, let lastRange = ranges.last, chars.values.contains(where: { $0.order < lastRange.order }) else { return false }
        guard chars.count * ranges.count <= 64 * (chars.count + ranges.count) else { return true }
        for (key, char) in chars {
            let length = Int(key >> 32), code = UInt32(truncatingIfNeeded: key)
            for range in ranges where range.order > char.order && range.length == length && code >= range.low && code <= range.high {
                return true
            }
        }
        return false
    }

    // MARK: Reading

    private mutating func readCodeSpaces(_ operands: [PDFToken]) {
        var i = 0
        while i + 1 < operands.count {
            if case .string(let lo) = operands[i], case .string(let hi) = operands[i + 1], lo.count == hi.count, (1...4).contains(lo.count) {
                codeSpaces.append(CodeSpace(low: [UInt8](lo), high: [UInt8](hi)))
            }
            i += 2
        }
    }

    private mutating func readBFChars(_ operands: [PDFToken]) -> Int {
        var i = 0, n = 0
        while i + 1 < operands.count {
            if case .string(let src) = operands[i], (1...4).contains(src.count), let text = PDFCMap.text(operands[i + 1]) {
                chars[PDFCMap.key(src)] = Char(text: text, order: mappings)
                mappings += 1
                n += 1
            }
            i += 2
        }
        return n
    }

    private mutating func readBFRanges(_ operands: [PDFToken]) -> Int {
        var i = 0, n = 0
        while i + 2 < operands.count {
            guard case .string(let lo) = operands[i], case .string(let hi) = operands[i + 1], lo.count == hi.count, (1...4).contains(lo.count) else { i += 1; continue }
            let low = PDFCMap.value(lo), high = PDFCMap.value(hi)
            if case .keyword("[]") = operands[i + 2] {
                var texts: [String] = []
                var j = i + 3
                while j < operands.count, operands[j] != .keyword("[/]") {
                    texts.append(PDFCMap.text(operands[j]) ?? "")
                    j += 1
                }
                if low <= high { ranges.append(Range(low: low, high: high, length: lo.count, texts: texts, order: mappings)); mappings += 1; n += 1 }
                i = j + 1
                continue
            }
            if case .string(let dst) = operands[i + 2], low <= high {
                ranges.append(Range(low: low, high: high, length: lo.count, firstText: PDFCMap.utf16(dst), order: mappings))
                mappings += 1
                n += 1
            }
            i += 3
        }
        return n
    }

    private mutating func readCIDChars(_ operands: [PDFToken]) -> Int {
        var i = 0, n = 0
        while i + 1 < operands.count {
            if case .string(let src) = operands[i], (1...4).contains(src.count), case .integer(let cid) = operands[i + 1], cid >= 0 {
                cidChars[PDFCMap.key(src)] = UInt32(truncatingIfNeeded: cid)
                n += 1
            }
            i += 2
        }
        return n
    }

    private mutating func readCIDRanges(_ operands: [PDFToken]) -> Int {
        var i = 0, n = 0
        while i + 2 < operands.count {
            if case .string(let lo) = operands[i], case .string(let hi) = operands[i + 1], lo.count == hi.count, (1...4).contains(lo.count),
               case .integer(let cid) = operands[i + 2], cid >= 0 {
                let low = PDFCMap.value(lo), high = PDFCMap.value(hi)
                if low <= high { cidRanges.append(Range(low: low, high: high, length: lo.count, firstCID: UInt32(truncatingIfNeeded: cid))); n += 1 }
            }
            i += 3
        }
        return n
    }

    // MARK: Looking up

    /// The length in bytes of the code that starts at `bytes[start]`, by the code space ranges;
    /// nil when there are none. A code no range accepts takes the shortest range's length.
    func codeLength(_ bytes: [UInt8], at start: Int) -> Int? {
        guard !codeSpaces.isEmpty else { return nil }
        for space in codeSpaces where start + space.length <= bytes.count {
            if space.contains(bytes[start..<(start + space.length)]) { return space.length }
        }
        return codeSpaces.map(\.length).min()
    }

    /// The text of the code `code` of `length` bytes, or nil when this CMap does not map it.
    func text(code: UInt32, length: Int) -> String? {
        let char = chars[UInt64(length) << 32 | UInt64(code)]
        if let char, !charsShadowed { return char.text }
        // The last range given that holds the code, unless a char given after it does.
        for range in ranges.reversed() {
            if let char, char.order > range.order { return char.text }  // ranges are kept in the order given
            guard range.length == length && code >= range.low && code <= range.high else { continue }
            let offset = Int(code - range.low)
            if let texts = range.texts { return offset < texts.count ? texts[offset] : nil }
            guard var units = range.firstText.last.map({ _ in range.firstText }) else { return nil }
            // The last byte (here: UTF-16 unit) is incremented (§9.10.3); a carry into the unit
            // before is what most readers do for ranges that cross a 256 boundary.
            let last = Int(units[units.count - 1]) + offset
            units[units.count - 1] = UInt16(truncatingIfNeeded: last)
            return String(decoding: units, as: UTF16.self)
        }
        return char?.text
    }

    /// The CID of `code` by `cidchar`/`cidrange`, or nil.
    func cid(code: UInt32, length: Int) -> UInt32? {
        if let cid = cidChars[UInt64(length) << 32 | UInt64(code)] { return cid }
        for range in cidRanges.reversed() where range.length == length && code >= range.low && code <= range.high {
            return range.firstCID &+ (code - range.low)
        }
        return nil
    }

    // MARK: Helpers

    static func value<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func key(_ bytes: Data) -> UInt64 { UInt64(bytes.count) << 32 | UInt64(value(bytes)) }

    /// A destination's UTF-16BE units.
    static func utf16(_ bytes: Data) -> [UInt16] {
        let b = [UInt8](bytes)
        var units: [UInt16] = []
        var i = 0
        while i + 1 < b.count { units.append(UInt16(b[i]) << 8 | UInt16(b[i + 1])); i += 2 }
        if b.count % 2 == 1 { units.append(UInt16(b[b.count - 1])) }
        return units
    }

    /// A destination as text: a UTF-16BE string (surrogate pairs included), or a glyph name.
    static func text(_ token: PDFToken) -> String? {
        switch token {
        case .string(let bytes): return String(decoding: utf16(bytes), as: UTF16.self)
        case .name(let name): return PDFGlyphNames.unicode(name)
        default: return nil
        }
    }
}
