import Foundation

/// The font our statement page is set in: a TrueType font embedded as a subset, as a Type 0
/// font with a CIDFontType2 descendant, `Identity-H` encoding (two-byte codes), a `/W` widths
/// array, a FontFile2 and a `ToUnicode` map (ISO 32000-1 §9.7, §9.10.3), so that the text can
/// be copied, searched and read aloud in any viewer.
///
/// Codes are glyph numbers (CIDToGIDMap `Identity`) except where one glyph stands for two
/// characters or a character has no glyph: then the character gets a code past the font's
/// glyphs, and a CIDToGIDMap stream maps it to its glyph (or .notdef), so that `ToUnicode` still
/// gives every character back.
///
/// Text is shaped by ``PDFTextShaping`` (Arabic joining forms and lam-alef, right-to-left runs
/// reversed); what it does not do is said there. Combining marks left after NFC composition are
/// drawn as the font's zero-width marks, without positioning.
final class PDFEmbeddedFont {
    /// The font Disclose uses, installed by `Scripts/bootstrap` (Debian package `fonts-dejavu-core`).
    static let defaultPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    /// The resource name of the font on our page.
    static let resourceName = "DiscloseF1"

    private static let cache = Locked<[String: TrueTypeFont]>([:])

    let font: TrueTypeFont
    let path: String
    /// Code → the characters it stands for.
    private(set) var codes: [Int: String] = [:]
    /// Code → glyph, for codes that are not their glyph's number.
    private(set) var remapped: [Int: Int] = [:]
    private var codeOfText: [String: Int] = [:]
    /// Characters the font has no glyph for (drawn as .notdef, still copied out right).
    private(set) var missing: [String] = []

    /// Loads the font at `path` (default ``defaultPath``).
    /// - Throws: ``DisclosureError/unreadable(path:reason:hint:)`` naming the font when it is
    ///   missing or not a TrueType font.
    init(path: String? = nil) throws {
        let path = path ?? PDFEmbeddedFont.defaultPath
        self.path = path
        if let cached = PDFEmbeddedFont.cache.current[path] {
            font = cached
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DisclosureError.unreadable(path: path, reason: "the font for the PDF statement page is missing",
                                             hint: "Run Scripts/bootstrap (it installs fonts-dejavu-core), or give the path of a TrueType font.")
        }
        do { font = try TrueTypeFont(data) } catch let failure as TrueTypeFont.Failure {
            throw DisclosureError.unreadable(path: path, reason: "the font for the PDF statement page cannot be used: \(failure.problem)",
                                             hint: "Run Scripts/bootstrap to reinstall fonts-dejavu-core, or give the path of another TrueType font.")
        }
        PDFEmbeddedFont.cache.withLock { $0[path] = font }
    }

    /// Width of `text` at `size` points, by the glyphs' advance widths.
    func width(_ text: String, size: Double) -> Double {
        var units = 0
        for cluster in shaped(text) { units += advance(of: glyph(for: cluster.form)) }
        return Double(units) * size / 1000
    }

    /// `text` as glyphs to draw, left to right (``PDFTextShaping``).
    func shaped(_ text: String) -> [PDFTextShaping.Cluster] {
        PDFTextShaping.clusters(text) { self.font.cmap[$0.value] != nil }
    }

    /// The glyph for `scalar`, 0 (.notdef) when the font has none.
    func glyph(for scalar: Unicode.Scalar) -> Int { font.cmap[scalar.value] ?? 0 }

    /// Advance width of `glyph` in thousandths of the font size, rounded as the `/W` array gives it.
    func advance(of glyph: Int) -> Int {
        guard glyph < font.advances.count else { return 0 }
        return Int((Double(font.advances[glyph]) * 1000 / Double(font.unitsPerEm)).rounded())
    }

    /// `text` as two-byte codes for a `Tj` string, shaped and in drawing order, recording the characters used.
    func encode(_ text: String) -> Data {
        var out = Data()
        for cluster in shaped(text) {
            let key = String(cluster.form) + "\u{0}" + cluster.text
            let code: Int
            if let known = codeOfText[key] { code = known } else {
                let g = glyph(for: cluster.form)
                if g == 0 { missing.append(cluster.text) }
                if g != 0, codes[g] == nil {
                    code = g
                } else {
                    code = font.numGlyphs + remapped.count
                    remapped[code] = g
                }
                codes[code] = cluster.text
                codeOfText[key] = code
            }
            out.append(UInt8(code >> 8 & 0xFF)); out.append(UInt8(code & 0xFF))
        }
        return out
    }

    /// The glyph drawn for `code`.
    func glyph(ofCode code: Int) -> Int { remapped[code] ?? code }

    /// A six-letter subset tag (§9.6.4) made from the codes used, so the same text gives the same name.
    var subsetTag: String {
        let digest = Digests.sha256(Data(codes.keys.sorted().map { String($0) }.joined(separator: ",").utf8))
        return String(String.UnicodeScalarView(digest.prefix(6).map { Unicode.Scalar(UInt8(ascii: "A") + $0 % 26) }))
    }

    /// The font's objects, numbered from `first`: the Type 0 font is `first`.
    func objects(first: Int) throws -> [PDFWrittenObject] {
        let type0 = PDFReference(first), cidFont = PDFReference(first + 1), descriptor = PDFReference(first + 2)
        let file = PDFReference(first + 3), toUnicode = PDFReference(first + 4), cidSet = PDFReference(first + 5)
        let cidToGID = PDFReference(first + 6)
        let name = subsetTag + "+" + (font.postScriptName ?? "DejaVuSans")
        let scale = { (v: Int) -> PDFObject in .integer(Int((Double(v) * 1000 / Double(self.font.unitsPerEm)).rounded())) }

        var objects: [PDFWrittenObject] = []
        objects.append(PDFWrittenObject(type0, .dictionary(PDFDictionary([
            ("Type", .name("Font")), ("Subtype", .name("Type0")), ("BaseFont", .name(name)), ("Encoding", .name("Identity-H")),
            ("DescendantFonts", .array([.reference(cidFont)])), ("ToUnicode", .reference(toUnicode)),
        ]))))
        var widths: [PDFObject] = []
        for code in codes.keys.sorted() { widths += [.integer(code), .array([.integer(advance(of: glyph(ofCode: code)))])] }
        var cid = PDFDictionary([
            ("Type", .name("Font")), ("Subtype", .name("CIDFontType2")), ("BaseFont", .name(name)),
            ("CIDSystemInfo", .dictionary(PDFDictionary([("Registry", .string(Data("Adobe".utf8))), ("Ordering", .string(Data("Identity".utf8))), ("Supplement", .integer(0))]))),
            ("FontDescriptor", .reference(descriptor)), ("DW", .integer(advance(of: 0))), ("W", .array(widths)),
        ])
        cid["CIDToGIDMap"] = remapped.isEmpty ? .name("Identity") : .reference(cidToGID)
        objects.append(PDFWrittenObject(cidFont, .dictionary(cid)))
        objects.append(PDFWrittenObject(descriptor, .dictionary(PDFDictionary([
            ("Type", .name("FontDescriptor")), ("FontName", .name(name)), ("Flags", .integer(32)),
            ("FontBBox", .array([scale(font.bbox.xMin), scale(font.bbox.yMin), scale(font.bbox.xMax), scale(font.bbox.yMax)])),
            ("ItalicAngle", .integer(Int(font.italicAngle))), ("Ascent", scale(font.ascender)), ("Descent", scale(font.descender)),
            ("CapHeight", scale(font.capHeight)), ("StemV", .integer(80)), ("FontFile2", .reference(file)), ("CIDSet", .reference(cidSet)),
        ]))))
        let subset = TrueTypeSubset.subset(font, keeping: Set(codes.keys.map { glyph(ofCode: $0) }))
        objects.append(PDFWrittenObject(file, .dictionary(PDFDictionary([("Length1", .integer(subset.count)), ("Filter", .name("FlateDecode"))])),
                                        stream: try PDFFlate.compress(subset)))
        objects.append(PDFWrittenObject(toUnicode, .dictionary(PDFDictionary([("Filter", .name("FlateDecode"))])),
                                        stream: try PDFFlate.compress(toUnicodeCMap())))
        objects.append(PDFWrittenObject(cidSet, .dictionary(PDFDictionary([("Filter", .name("FlateDecode"))])),
                                        stream: try PDFFlate.compress(cidSetBits())))
        if !remapped.isEmpty {
            var map = Data()
            for c in 0..<(font.numGlyphs + remapped.count) {
                let g = glyph(ofCode: c)
                map.append(UInt8(g >> 8 & 0xFF)); map.append(UInt8(g & 0xFF))
            }
            objects.append(PDFWrittenObject(cidToGID, .dictionary(PDFDictionary([("Filter", .name("FlateDecode"))])), stream: try PDFFlate.compress(map)))
        }
        return objects
    }

    /// How many objects ``objects(first:)`` writes.
    var objectCount: Int { remapped.isEmpty ? 6 : 7 }

    /// The `ToUnicode` CMap (§9.10.3): each code to its characters, in UTF-16BE.
    func toUnicodeCMap() -> Data {
        var s = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        s += "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        s += "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        let entries = codes.keys.sorted()
        var i = 0
        while i < entries.count {
            let chunk = entries[i..<min(entries.count, i + 100)]
            s += "\(chunk.count) beginbfchar\n"
            for code in chunk {
                let units = codes[code]!.utf16.map { hex4(Int($0)) }.joined()
                s += "<\(hex4(code))> <\(units)>\n"
            }
            s += "endbfchar\n"
            i += 100
        }
        s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        return Data(s.utf8)
    }

    /// The CIDSet (§9.8.3): one bit per code present, highest bit first; code 0 is always present.
    func cidSetBits() -> Data {
        let highest = max(codes.keys.max() ?? 0, 0)
        var bits = [UInt8](repeating: 0, count: highest / 8 + 1)
        for code in Array(codes.keys) + [0] { bits[code / 8] |= 0x80 >> UInt8(code % 8) }
        return Data(bits)
    }

    private func hex4(_ v: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
