import Foundation

/// What the text extractor needs of a font (ISO 32000-1 §9.5–9.10): how to split a shown string
/// into character codes, each code's text, and each glyph's advance width.
///
/// The text comes, in order of precedence, from the `ToUnicode` CMap; for simple fonts from the
/// encoding (`/Encoding` name or `/BaseEncoding` with `/Differences`, or the font's standard one);
/// for Type 0 fonts from a UCS-2 CMap name. A code none of these maps has no text: the extractor
/// skips its glyph and counts it, rather than guess (Identity-H without `ToUnicode` is such a case).
final class PDFFont {
    enum Kind { case simple, type3, composite }

    /// One character code of a shown string.
    struct Glyph {
        /// Its text, or nil when nothing reliable says what it is.
        var text: String?
        /// Its advance in text space (glyph width times the font matrix), before font size.
        var width: Double
        /// A one-byte code 32: word spacing (`Tw`) applies to it (§9.3.3).
        var isWordSpace: Bool
    }

    let kind: Kind
    let baseFont: String
    /// True for a Courier font (every glyph 600 units wide when the font gives no widths);
    /// worked out once, not per glyph.
    private let isCourier: Bool
    private let toUnicode: PDFCMap?
    /// `ToUnicode` is the name `Identity-H`, or the encoding a UCS-2/UTF-16 CMap: the codes are the text.
    private let codesAreUTF16: Bool
    private let encoding: PDFSimpleEncoding?
    private let encodingCMap: PDFCMap?
    private let twoByteCodes: Bool
    private let widths: [Double]
    private let firstChar: Int
    private let missingWidth: Double
    private let cidWidths: [UInt32: Double]
    private let cidWidthRanges: [(low: UInt32, high: UInt32, width: Double)]
    private let defaultWidth: Double
    /// Glyph space to text space: 1/1000, or a Type 3 font's `/FontMatrix`.
    private let scale: Double
    /// Vertical writing (`Identity-V`, `/WMode 1`): glyphs advance down, by 1000 units unless `/W2` says otherwise.
    let vertical: Bool

    /// Reads the font dictionary `dict`.
    /// - Throws: ``DisclosureError`` when reading a `ToUnicode` or CMap stream exceeds a safety limit.
    init(_ dict: PDFDictionary, source: PDFObjectSource) throws {
        let subtype = dict["Subtype"]?.nameValue ?? "Type1"
        baseFont = dict["BaseFont"]?.nameValue ?? ""
        isCourier = baseFont.contains("Courier")
        let unicodeObject = try source.resolve(dict["ToUnicode"])
        var identityToUnicode = false
        if let name = unicodeObject?.nameValue { identityToUnicode = name.hasPrefix("Identity") }
        toUnicode = try PDFFont.cmap(dict["ToUnicode"], source: source)
        switch subtype {
        case "Type0":
            kind = .composite
            let descendant = try source.dictionary(try source.resolve(dict["DescendantFonts"])?.arrayValue?.first) ?? PDFDictionary()
            let encodingObject = try source.resolve(dict["Encoding"])
            var twoBytes = true, utf16 = identityToUnicode, isVertical = false
            var embedded: PDFCMap?
            if let name = encodingObject?.nameValue {
                isVertical = name.hasSuffix("-V")
                if name.contains("UCS2") || name.contains("UTF16") { utf16 = utf16 || true }
                if !name.hasPrefix("Identity") { twoBytes = !(name.contains("UTF8") || name.hasSuffix("83pv-RKSJ-H")) }
            } else if dict["Encoding"] != nil {
                embedded = try PDFFont.cmap(dict["Encoding"], source: source)
                isVertical = embedded?.vertical ?? false
            }
            encodingCMap = embedded
            codesAreUTF16 = utf16
            twoByteCodes = twoBytes
            vertical = isVertical
            encoding = nil
            widths = []; firstChar = 0; missingWidth = 0
            defaultWidth = try source.resolve(descendant["DW"])?.number ?? 1000
            var single: [UInt32: Double] = [:]
            var ranges: [(UInt32, UInt32, Double)] = []
            let w = try source.resolve(descendant["W"])?.arrayValue ?? []
            var i = 0
            while i < w.count, single.count + ranges.count < PDFCMap.maxEntries {
                guard let first = try source.resolve(w[i])?.number, first >= 0, first < 4_294_967_295 else { break }
                if i + 1 < w.count, let list = try source.resolve(w[i + 1])?.arrayValue {
                    for (k, item) in list.enumerated() { single[UInt32(first) &+ UInt32(k)] = try source.resolve(item)?.number ?? defaultWidth }
                    i += 2
                } else if i + 2 < w.count, let last = try source.resolve(w[i + 1])?.number, let width = try source.resolve(w[i + 2])?.number,
                          last >= first, last < 4_294_967_295 {
                    ranges.append((UInt32(first), UInt32(last), width))
                    i += 3
                } else { break }
            }
            cidWidths = single
            cidWidthRanges = ranges
            scale = 0.001
        default:
            kind = subtype == "Type3" ? .type3 : .simple
            codesAreUTF16 = identityToUnicode
            encodingCMap = nil
            twoByteCodes = false
            vertical = false
            cidWidths = [:]; cidWidthRanges = []; defaultWidth = 0
            encoding = try PDFFont.simpleEncoding(dict, subtype: subtype, source: source)
            firstChar = min(max(try source.resolve(dict["FirstChar"])?.integerValue ?? 0, 0), 65_535)
            var list: [Double] = []
            for item in try source.resolve(dict["Widths"])?.arrayValue?.prefix(65_536) ?? [] { list.append(try source.resolve(item)?.number ?? 0) }
            widths = list
            let descriptor = try source.dictionary(dict["FontDescriptor"])
            missingWidth = try source.resolve(descriptor?["MissingWidth"])?.number ?? 0
            if kind == .type3, let matrix = try source.resolve(dict["FontMatrix"])?.arrayValue, let a = try source.resolve(matrix.first)?.number {
                scale = a
            } else {
                scale = 0.001
            }
        }
    }

    /// Splits `bytes` into codes and calls `body` with each code's glyph.
    func forEachGlyph(_ bytes: [UInt8], _ body: (Glyph) throws -> Void) rethrows {
        var i = 0
        while i < bytes.count {
            let length: Int
            switch kind {
            case .composite:
                length = min(bytes.count - i, encodingCMap?.codeLength(bytes, at: i) ?? (twoByteCodes ? 2 : (toUnicode?.codeLength(bytes, at: i) ?? 1)))
            case .simple, .type3:
                length = 1
            }
            let code = PDFCMap.value(bytes[i..<(i + length)])
            i += length
            try body(glyph(code: code, length: length))
        }
    }

    private func glyph(code: UInt32, length: Int) -> Glyph {
        var text = toUnicode?.text(code: code, length: length)
        if text == "\0" || text == "" { text = nil }
        switch kind {
        case .composite:
            if text == nil, codesAreUTF16, let s = Unicode.Scalar(code) { text = String(s) }
            let cid = encodingCMap?.cid(code: code, length: length) ?? code
            var width = cidWidths[cid]
            if width == nil { width = cidWidthRanges.first(where: { cid >= $0.low && cid <= $0.high })?.width }
            return Glyph(text: text, width: (vertical ? 1000 : (width ?? defaultWidth)) * scale, isWordSpace: length == 1 && code == 32)
        case .simple, .type3:
            if text == nil, codesAreUTF16, let s = Unicode.Scalar(code) { text = String(s) }
            if text == nil, let e = encoding, Int(code) < e.table.count, let t = e.table[Int(code)], t != PDFSimpleEncoding.unknownGlyph { text = t }
            let index = Int(code) - firstChar
            var width: Double
            if index >= 0 && index < widths.count { width = widths[index] } else if widths.isEmpty { width = PDFFont.approximateWidth(code, courier: isCourier) } else { width = missingWidth }
            return Glyph(text: text, width: width * scale, isWordSpace: code == 32)
        }
    }

    /// Widths for a standard 14 font drawn without `/Widths` (PDF 1.0 style): Courier's 600 units,
    /// else a rough average per kind of character; enough to tell a word gap from a letter gap.
    private static func approximateWidth(_ code: UInt32, courier: Bool) -> Double {
        if courier { return 600 }
        switch code {
        case 32: return 250
        case 0x41...0x5A: return 680
        case 0x69, 0x6A, 0x6C, 0x2C, 0x2E, 0x3A, 0x3B, 0x27, 0x21, 0x7C: return 280
        case 0x66, 0x72, 0x74: return 360
        case 0x6D, 0x77: return 780
        default: return 520
        }
    }

    // MARK: Loading

    private static func cmap(_ object: PDFObject?, source: PDFObjectSource) throws -> PDFCMap? {
        guard let ref = object?.referenceValue, try source.isStream(ref) else { return nil }
        let data: Data
        do { data = try source.streamData(ref) } catch let error as DisclosureError {
            throw error
        } catch {
            return nil  // a damaged CMap: the font's text comes from its encoding, if any
        }
        let map = PDFCMap(data)
        return map.isEmpty && map.codeSpaces.isEmpty ? nil : map
    }

    /// The encoding built into an embedded Type 1 font program (`/FontFile`: the `dup code /name put`
    /// entries of its clear-text part) or CFF program (`/FontFile3 /Subtype /Type1C`), as a
    /// `/Differences` array; nil when it has none or uses StandardEncoding.
    private static func builtInEncoding(_ dict: PDFDictionary, source: PDFObjectSource) throws -> [PDFObject]? {
        guard let descriptor = try source.dictionary(dict["FontDescriptor"]) else { return nil }
        if let ref = descriptor["FontFile3"]?.referenceValue, try source.isStream(ref),
           try source.dictionary(.reference(ref))?["Subtype"]?.nameValue == "Type1C" {
            do { return PDFCFFEncoding.differences(try source.streamData(ref)) } catch let error as DisclosureError { throw error } catch { return nil }
        }
        guard let ref = descriptor["FontFile"]?.referenceValue, try source.isStream(ref) else { return nil }
        let data: Data
        do { data = try source.streamData(ref) } catch let error as DisclosureError { throw error } catch { return nil }
        var bytes = [UInt8](data.prefix(256 << 10))
        if let eexec = PDFFont.find(Array("eexec".utf8), in: bytes) { bytes = Array(bytes[..<eexec]) }
        var lexer = PDFLexer(bytes: bytes)
        var recent: [PDFToken] = []
        var differences: [PDFObject] = []
        while true {
            let token: PDFToken?
            do { token = try lexer.next() } catch { lexer.seek(lexer.position + 1); continue }
            guard let token else { break }
            recent.append(token)
            if recent.count > 4 { recent.removeFirst() }
            if token == .keyword("put"), recent.count == 4, recent[0] == .keyword("dup"), case .integer(let code) = recent[1],
               case .name(let name) = recent[2], (0..<256).contains(code) {
                differences.append(.integer(code))
                differences.append(.name(name))
            }
        }
        return differences.isEmpty ? nil : differences
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        haystack.withUnsafeBytes { h in needle.withUnsafeBytes { ByteSearch.firstOffset(of: $0, in: h) } }
    }

    private static func simpleEncoding(_ dict: PDFDictionary, subtype: String, source: PDFObjectSource) throws -> PDFSimpleEncoding {
        let base = dict["BaseFont"]?.nameValue ?? ""
        // The font's own encoding, as far as a reader can know it without the font program.
        let plain = base.split(separator: "+").last.map(String.init) ?? base
        var fallback: PDFSimpleEncoding.Base = .standard
        if plain.hasPrefix("Symbol") { fallback = .symbol } else if plain.hasPrefix("ZapfDingbats") || plain.hasPrefix("Dingbats") { fallback = .zapfDingbats }
        let object = try source.resolve(dict["Encoding"])
        if let name = object?.nameValue, let base = PDFSimpleEncoding.Base(rawValue: name) {
            return PDFSimpleEncoding(base: base)
        }
        let encodingDict = object?.dictionaryValue
        let baseName = try source.resolve(encodingDict?["BaseEncoding"])?.nameValue
        var encoding: PDFSimpleEncoding
        if let base = baseName.flatMap(PDFSimpleEncoding.Base.init(rawValue:)) {
            encoding = PDFSimpleEncoding(base: base)
        } else if let builtIn = try builtInEncoding(dict, source: source) {
            // No base encoding named: the embedded font program's own (§9.6.6.1), as viewers use it.
            encoding = PDFSimpleEncoding(base: fallback)
            encoding.apply(differences: builtIn)
        } else {
            encoding = PDFSimpleEncoding(base: fallback)
        }
        guard let encodingDict else { return encoding }
        if let differences = try source.resolve(encodingDict["Differences"])?.arrayValue {
            encoding.apply(differences: try differences.prefix(4096).map { try source.resolve($0) ?? .null })
        }
        return encoding
    }
}
