import Foundation

/// A TrueType font (the OpenType `glyf` flavour) read as far as embedding a subset in a PDF
/// needs: the table directory, metrics, the character map and the glyph outlines.
/// Every read is bounds-checked; a damaged font is an error, never a trap.
struct TrueTypeFont {
    struct Failure: Error, Equatable { var problem: String }

    let bytes: [UInt8]
    /// Table tag → byte range in ``bytes``.
    let tables: [String: Range<Int>]
    let unitsPerEm: Int
    let indexToLocFormat: Int
    let numGlyphs: Int
    let bbox: (xMin: Int, yMin: Int, xMax: Int, yMax: Int)
    let ascender: Int
    let descender: Int
    let capHeight: Int
    let italicAngle: Double
    /// Advance widths in font units, by glyph.
    let advances: [Int]
    /// Unicode scalar → glyph (empty for a font without a `cmap`, such as our subsets).
    let cmap: [UInt32: Int]
    /// Glyph → its outline's range in ``bytes`` (empty for a glyph with no outline).
    let glyphRanges: [Range<Int>]
    /// The PostScript name (`name` id 6), or nil.
    let postScriptName: String?

    init(_ data: Data) throws {
        let b = [UInt8](data)
        bytes = b
        func u16(_ o: Int) throws -> Int {
            guard o >= 0, o + 2 <= b.count else { throw Failure(problem: "ends early at byte \(o)") }
            return Int(b[o]) << 8 | Int(b[o + 1])
        }
        func i16(_ o: Int) throws -> Int { let v = try u16(o); return v >= 0x8000 ? v - 0x10000 : v }
        func u32(_ o: Int) throws -> Int { try u16(o) << 16 | u16(o + 2) }

        let version = try u32(0)
        guard version == 0x0001_0000 || version == 0x7472_7565 else { throw Failure(problem: "not a TrueType font (no glyf outlines)") }
        var tables: [String: Range<Int>] = [:]
        for i in 0..<(try u16(4)) {
            let record = 12 + 16 * i
            let tag = String(decoding: b[record..<min(b.count, record + 4)], as: UTF8.self)
            let offset = try u32(record + 8), length = try u32(record + 12)
            guard offset + length <= b.count else { throw Failure(problem: "table '\(tag)' runs past the end") }
            tables[tag] = offset..<(offset + length)
        }
        for tag in ["head", "hhea", "hmtx", "maxp", "loca", "glyf"] where tables[tag] == nil {
            throw Failure(problem: "no '\(tag)' table")
        }
        self.tables = tables
        let head = tables["head"]!.lowerBound, hhea = tables["hhea"]!.lowerBound
        unitsPerEm = max(16, try u16(head + 18))
        bbox = (try i16(head + 36), try i16(head + 38), try i16(head + 40), try i16(head + 42))
        indexToLocFormat = try i16(head + 50)
        numGlyphs = try u16(tables["maxp"]!.lowerBound + 4)
        ascender = try i16(hhea + 4)
        descender = try i16(hhea + 6)
        let metrics = max(1, try u16(hhea + 34))
        var advances: [Int] = []
        let hmtx = tables["hmtx"]!.lowerBound
        for g in 0..<numGlyphs { advances.append(try u16(hmtx + 4 * min(g, metrics - 1))) }
        self.advances = advances
        if let os2 = tables["OS/2"], os2.count >= 90, let h = try? i16(os2.lowerBound + 88) { capHeight = h } else { capHeight = ascender }
        if let post = tables["post"], post.count >= 8 {
            italicAngle = Double(try i16(post.lowerBound + 4)) + Double(try u16(post.lowerBound + 6)) / 65536
        } else { italicAngle = 0 }

        var ranges: [Range<Int>] = []
        let loca = tables["loca"]!.lowerBound, glyf = tables["glyf"]!
        for g in 0..<numGlyphs {
            let start = indexToLocFormat == 0 ? try u16(loca + 2 * g) * 2 : try u32(loca + 4 * g)
            let end = indexToLocFormat == 0 ? try u16(loca + 2 * g + 2) * 2 : try u32(loca + 4 * g + 4)
            guard start <= end, glyf.lowerBound + end <= glyf.upperBound else { throw Failure(problem: "glyph \(g) runs past the 'glyf' table") }
            ranges.append((glyf.lowerBound + start)..<(glyf.lowerBound + end))
        }
        glyphRanges = ranges
        cmap = try tables["cmap"].map { try TrueTypeFont.readCmap(b, $0, u16: u16, u32: u32) } ?? [:]
        postScriptName = TrueTypeFont.readPostScriptName(b, tables["name"])
    }

    /// The best Unicode subtable: format 12 (3,10 or 0,4+) over format 4 (3,1 or 0,x).
    private static func readCmap(_ b: [UInt8], _ range: Range<Int>, u16: (Int) throws -> Int, u32: (Int) throws -> Int) throws -> [UInt32: Int] {
        let base = range.lowerBound
        var best: (rank: Int, offset: Int)?
        for i in 0..<(try u16(base + 2)) {
            let platform = try u16(base + 4 + 8 * i), encoding = try u16(base + 6 + 8 * i), offset = try u32(base + 8 + 8 * i)
            let format = try u16(base + offset)
            var rank = 0
            if format == 12 && (platform == 3 && encoding == 10 || platform == 0) { rank = 2 }
            else if format == 4 && (platform == 3 && encoding == 1 || platform == 0) { rank = 1 }
            if rank > (best?.rank ?? 0) { best = (rank, base + offset) }
        }
        guard let table = best else { throw Failure(problem: "no Unicode character map") }
        var map: [UInt32: Int] = [:]
        if table.rank == 2 {
            let groups = try u32(table.offset + 12)
            for g in 0..<min(groups, 1 << 20) {
                let o = table.offset + 16 + 12 * g
                let start = try u32(o), end = try u32(o + 4), glyph = try u32(o + 8)
                guard end >= start, end - start < 0x110000 else { continue }
                for c in start...end where c < 0x110000 { map[UInt32(c)] = glyph + (c - start) }
            }
        } else {
            let segX2 = try u16(table.offset + 6)
            let ends = table.offset + 14, starts = ends + segX2 + 2, deltas = starts + segX2, rangeOffsets = deltas + segX2
            for s in 0..<(segX2 / 2) {
                let end = try u16(ends + 2 * s), start = try u16(starts + 2 * s)
                let delta = try u16(deltas + 2 * s), ro = try u16(rangeOffsets + 2 * s)
                guard start <= end, start != 0xFFFF else { continue }
                for c in start...end {
                    var glyph: Int
                    if ro == 0 { glyph = (c + delta) & 0xFFFF } else {
                        glyph = try u16(rangeOffsets + 2 * s + ro + 2 * (c - start))
                        if glyph != 0 { glyph = (glyph + delta) & 0xFFFF }
                    }
                    if glyph != 0 { map[UInt32(c)] = glyph }
                }
            }
        }
        return map
    }

    private static func readPostScriptName(_ b: [UInt8], _ range: Range<Int>?) -> String? {
        guard let range, range.count >= 6 else { return nil }
        let base = range.lowerBound
        func u16(_ o: Int) -> Int? { o + 2 <= b.count ? Int(b[o]) << 8 | Int(b[o + 1]) : nil }
        guard let count = u16(base + 2), let storage = u16(base + 4) else { return nil }
        for i in 0..<count {
            let r = base + 6 + 12 * i
            guard let platform = u16(r), let nameID = u16(r + 6), let length = u16(r + 8), let offset = u16(r + 10), nameID == 6 else { continue }
            let start = base + storage + offset
            guard start + length <= b.count else { return nil }
            let raw = Array(b[start..<(start + length)])
            let name = platform == 1 ? String(decoding: raw, as: UTF8.self)
                : String(decoding: stride(from: 0, to: raw.count - 1, by: 2).map { UInt16(raw[$0]) << 8 | UInt16(raw[$0 + 1]) }, as: UTF16.self)
            let clean = String(name.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F && !"[](){}<>/%".unicodeScalars.contains($0) })
            return clean.isEmpty ? nil : clean
        }
        return nil
    }

    /// The glyphs a composite glyph is made of (§ 'glyf', composite descriptions).
    func components(of glyph: Int) -> [Int] {
        guard glyph < glyphRanges.count else { return [] }
        let r = glyphRanges[glyph]
        guard r.count >= 10 else { return [] }
        let contours = Int(Int16(bitPattern: UInt16(bytes[r.lowerBound]) << 8 | UInt16(bytes[r.lowerBound + 1])))
        guard contours < 0 else { return [] }
        var out: [Int] = []
        var o = r.lowerBound + 10
        while o + 4 <= r.upperBound {
            let flags = Int(bytes[o]) << 8 | Int(bytes[o + 1])
            out.append(Int(bytes[o + 2]) << 8 | Int(bytes[o + 3]))
            o += 4 + (flags & 0x0001 != 0 ? 4 : 2)
            if flags & 0x0008 != 0 { o += 2 } else if flags & 0x0040 != 0 { o += 4 } else if flags & 0x0080 != 0 { o += 8 }
            if flags & 0x0020 == 0 { break }
        }
        return out.filter { $0 < numGlyphs }
    }
}
