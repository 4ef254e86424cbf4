import Foundation

/// The built-in encoding of a CFF font program (`/FontFile3 /Subtype /Type1C`, Adobe Technical
/// Note #5176): code → glyph name, read from the Top DICT's `Encoding` and `charset`. pdfTeX's
/// math fonts (CMMI, CMSY) rely on it: their PDF font dictionaries name no encoding.
///
/// Only what the encoding needs is read; every offset is checked, so a damaged font gives nil.
enum PDFCFFEncoding {
    static let standardStrings: [String] = PDFGlyphTables.cffStandardStrings.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// The encoding as a `/Differences` array (code, name pairs), or nil when the font uses the
    /// standard encoding or cannot be read.
    static func differences(_ data: Data) -> [PDFObject]? {
        let b = [UInt8](data)
        guard b.count > 4, b[0] == 1 else { return nil }
        var offset = Int(b[2])
        guard let names = index(b, at: &offset), let top = index(b, at: &offset), let strings = index(b, at: &offset),
              let topDict = top.first, names.count >= 1 else { return nil }
        let dict = dictionary(b, topDict)
        guard let encodingOffset = dict[16], encodingOffset > 1,  // 0 standard, 1 expert: nothing to add
              let charStringsOffset = dict[17] else { return nil }
        var co = charStringsOffset
        guard let charStrings = index(b, at: &co) else { return nil }
        let glyphCount = charStrings.count
        let sids = charset(b, at: dict[15] ?? 0, glyphs: glyphCount)
        func name(_ sid: Int) -> String? {
            if sid < standardStrings.count { return standardStrings[sid] }
            let i = sid - standardStrings.count
            guard i < strings.count else { return nil }
            return String(decoding: b[strings[i]], as: UTF8.self)
        }
        var codes: [(code: Int, gid: Int)] = []
        var p = encodingOffset
        guard p < b.count else { return nil }
        let format = b[p]
        p += 1
        switch format & 0x7F {
        case 0:
            guard p < b.count else { return nil }
            let n = Int(b[p]); p += 1
            for gid in 1...max(1, n) where n > 0 {
                guard p < b.count else { return nil }
                codes.append((Int(b[p]), gid)); p += 1
            }
        case 1:
            guard p < b.count else { return nil }
            let ranges = Int(b[p]); p += 1
            var gid = 1
            for _ in 0..<ranges {
                guard p + 1 < b.count else { return nil }
                let first = Int(b[p]), left = Int(b[p + 1]); p += 2
                for k in 0...left { codes.append((first + k, gid)); gid += 1 }
            }
        default: return nil
        }
        var differences: [PDFObject] = []
        for (code, gid) in codes where code < 256 && gid < sids.count {
            if let n = name(sids[gid]) { differences.append(.integer(code)); differences.append(.name(n)) }
        }
        if format & 0x80 != 0, p < b.count {
            let n = Int(b[p]); p += 1
            for _ in 0..<n {
                guard p + 2 < b.count else { break }
                let code = Int(b[p]), sid = Int(b[p + 1]) << 8 | Int(b[p + 2]); p += 3
                if let n = name(sid) { differences.append(.integer(code)); differences.append(.name(n)) }
            }
        }
        return differences.isEmpty ? nil : differences
    }

    /// An INDEX's items as byte ranges; `offset` moves past it.
    private static func index(_ b: [UInt8], at offset: inout Int) -> [Range<Int>]? {
        guard offset + 2 <= b.count else { return nil }
        let count = Int(b[offset]) << 8 | Int(b[offset + 1])
        if count == 0 { offset += 2; return [] }
        guard offset + 3 <= b.count else { return nil }
        let size = Int(b[offset + 2])
        guard (1...4).contains(size) else { return nil }
        let table = offset + 3
        guard table + (count + 1) * size <= b.count else { return nil }
        func read(_ i: Int) -> Int {
            var v = 0
            for k in 0..<size { v = v << 8 | Int(b[table + i * size + k]) }
            return v
        }
        let base = table + (count + 1) * size - 1
        var items: [Range<Int>] = []
        items.reserveCapacity(count)
        for i in 0..<count {
            let start = base + read(i), end = base + read(i + 1)
            guard start <= end, end <= b.count else { return nil }
            items.append(start..<end)
        }
        offset = base + read(count)
        return items
    }

    /// A DICT's integer operands by operator (the last operand before each operator).
    private static func dictionary(_ b: [UInt8], _ range: Range<Int>) -> [Int: Int] {
        var result: [Int: Int] = [:]
        var operands: [Int] = []
        var p = range.lowerBound
        while p < range.upperBound {
            let v = Int(b[p])
            switch v {
            case 0...21:
                var op = v
                if v == 12, p + 1 < range.upperBound { op = 1200 + Int(b[p + 1]); p += 1 }
                if let last = operands.last { result[op] = last }
                operands.removeAll()
                p += 1
            case 28:
                guard p + 2 < range.upperBound else { return result }
                operands.append(Int(Int16(bitPattern: UInt16(b[p + 1]) << 8 | UInt16(b[p + 2])))); p += 3
            case 29:
                guard p + 4 < range.upperBound else { return result }
                operands.append(Int(Int32(bitPattern: UInt32(b[p + 1]) << 24 | UInt32(b[p + 2]) << 16 | UInt32(b[p + 3]) << 8 | UInt32(b[p + 4])))); p += 5
            case 30:
                p += 1
                while p < range.upperBound, b[p] & 0x0F != 0x0F, b[p] >> 4 != 0x0F { p += 1 }
                p += 1
                operands.append(0)
            case 32...246: operands.append(v - 139); p += 1
            case 247...250:
                guard p + 1 < range.upperBound else { return result }
                operands.append((v - 247) * 256 + Int(b[p + 1]) + 108); p += 2
            case 251...254:
                guard p + 1 < range.upperBound else { return result }
                operands.append(-(v - 251) * 256 - Int(b[p + 1]) - 108); p += 2
            default: p += 1
            }
        }
        return result
    }

    /// SIDs by glyph index (glyph 0 is `.notdef`).
    private static func charset(_ b: [UInt8], at offset: Int, glyphs: Int) -> [Int] {
        var sids = [0]
        guard glyphs > 1 else { return sids }
        if offset == 0 { return Array(0..<min(glyphs, 229)) }  // ISOAdobe: SID = GID
        guard offset > 2, offset < b.count else { return sids }
        var p = offset + 1
        switch b[offset] {
        case 0:
            while sids.count < glyphs, p + 1 < b.count { sids.append(Int(b[p]) << 8 | Int(b[p + 1])); p += 2 }
        case 1, 2:
            let wide = b[offset] == 2
            while sids.count < glyphs, p + (wide ? 3 : 2) < b.count {
                let first = Int(b[p]) << 8 | Int(b[p + 1])
                let left = wide ? Int(b[p + 2]) << 8 | Int(b[p + 3]) : Int(b[p + 2])
                p += wide ? 4 : 3
                for k in 0...left where sids.count < glyphs { sids.append(first + k) }
            }
        default: break
        }
        return sids
    }
}
