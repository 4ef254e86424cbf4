import Foundation

/// A subset of a TrueType font for embedding (ISO 32000-1 §9.9, FontFile2), made simply and
/// safely: glyph numbers stay as they are (so CIDToGIDMap can be Identity), glyphs not used
/// keep their metrics but lose their outlines, and only the tables a PDF TrueType font needs are
/// written (head, hhea, hmtx, loca, glyf, maxp, and the hinting tables cvt, fpgm, prep when
/// present). Composite glyphs keep their components, and glyph 0 (.notdef) is always kept.
enum TrueTypeSubset {
    /// The tables copied as they are, when the font has them.
    static let copiedTables = ["cvt ", "fpgm", "hhea", "hmtx", "maxp", "prep"]

    /// The glyphs to keep: `used`, .notdef, and every component of a kept composite.
    static func closure(of used: Set<Int>, in font: TrueTypeFont) -> Set<Int> {
        var keep: Set<Int> = [0]
        var pending = Array(used.filter { $0 >= 0 && $0 < font.numGlyphs })
        while let g = pending.popLast() {
            guard keep.insert(g).inserted || g == 0 else { continue }
            pending += font.components(of: g).filter { !keep.contains($0) }
        }
        for g in keep { for c in font.components(of: g) where !keep.contains(c) { keep.insert(c) } }
        return keep
    }

    /// The font file of the subset keeping `used` (and what they need).
    static func subset(_ font: TrueTypeFont, keeping used: Set<Int>) -> Data {
        let keep = closure(of: used, in: font)
        var glyf: [UInt8] = []
        var loca: [UInt8] = []
        for g in 0..<font.numGlyphs {
            append32(glyf.count, to: &loca)
            if keep.contains(g) {
                glyf += font.bytes[font.glyphRanges[g]]
                while glyf.count % 4 != 0 { glyf.append(0) }
            }
        }
        append32(glyf.count, to: &loca)
        var head = Array(font.bytes[font.tables["head"]!])
        if head.count >= 54 {
            head.replaceSubrange(8..<12, with: [0, 0, 0, 0])  // checkSumAdjustment, set below
            head.replaceSubrange(50..<52, with: [0, 1])       // long loca offsets
        }
        var tables: [(String, [UInt8])] = [("glyf", glyf), ("head", head), ("loca", loca)]
        for tag in copiedTables { if let r = font.tables[tag] { tables.append((tag, Array(font.bytes[r]))) } }
        tables.sort { $0.0 < $1.0 }

        var out: [UInt8] = []
        let n = tables.count
        var power = 1, log2 = 0
        while power * 2 <= n { power *= 2; log2 += 1 }
        append32(0x0001_0000, to: &out)
        append16(n, to: &out); append16(power * 16, to: &out); append16(log2, to: &out); append16(n * 16 - power * 16, to: &out)
        var offset = 12 + 16 * n
        var headOffset = 0
        for (tag, data) in tables {
            out += Array(tag.utf8)
            append32(Int(checksum(data)), to: &out)
            append32(offset, to: &out)
            append32(data.count, to: &out)
            if tag == "head" { headOffset = offset }
            offset += (data.count + 3) & ~3
        }
        for (_, data) in tables {
            out += data
            while out.count % 4 != 0 { out.append(0) }
        }
        let adjustment = 0xB1B0_AFBA &- checksum(out)
        if headOffset > 0 {
            out.replaceSubrange((headOffset + 8)..<(headOffset + 12),
                                with: [UInt8(adjustment >> 24), UInt8(adjustment >> 16 & 0xFF), UInt8(adjustment >> 8 & 0xFF), UInt8(adjustment & 0xFF)])
        }
        return Data(out)
    }

    /// The OpenType table checksum: the sum of big-endian 32-bit words, the last one padded.
    static func checksum(_ data: [UInt8]) -> UInt32 {
        var sum: UInt32 = 0
        var i = 0
        while i < data.count {
            var word: UInt32 = 0
            for k in 0..<4 { word = word << 8 | UInt32(i + k < data.count ? data[i + k] : 0) }
            sum = sum &+ word
            i += 4
        }
        return sum
    }

    static func append16(_ v: Int, to out: inout [UInt8]) { out += [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    static func append32(_ v: Int, to out: inout [UInt8]) {
        out += [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }
}
