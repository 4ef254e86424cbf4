import Foundation

/// Finds zip archives whose entry names different programs read differently, from the raw
/// bytes of the central directory and local file headers (read in place, never past the end; libzip
/// applies the Unicode Path field as it reads names and never compares local headers, so it
/// cannot tell). Reads only the directory records and the headers' names, never entry data.
///
/// An archive is ambiguous when:
/// - two central directory entries have the same stored name;
/// - two entries have the same name once the Info-ZIP Unicode Path extra field (0x7075) is
///   applied (programs that read the field and programs that ignore it see different parts);
/// - an entry's Unicode Path name is not its stored name (read as UTF-8, or as code page 437
///   when not UTF-8), in the central directory or in the local header: one program sees one
///   name, another a different one. A field carrying the same name in UTF-8 is fine;
/// - an entry's local file header names it differently from the central directory (programs
///   that stream the local headers see other names than those that read the directory).
///
/// Names that differ only in letter case are a matter for the format (Office Open XML treats
/// them as one part; a plain zip does not), so they are left to the format's handler.
enum ZipNameCheck {
    /// The problem found, in words that name the entries, or nil when every entry has one name.
    /// Archives this reader cannot follow (truncated, offsets past the end) give nil: libzip
    /// has already judged them readable, and their damage is reported when a part is read.
    static func problem(in data: Data) -> String? {
        problem(in: data, records: centralRecords(data))
    }

    /// ``problem(in:)`` with the central directory's records already read (``centralRecords(_:)``).
    static func problem(in data: Data, records: [Record]?) -> String? {
        guard let records else { return nil }
        var seen = [Data: Int](minimumCapacity: records.count)
        for record in records {
            if seen[record.name] != nil {
                return "the package has two entries named \(quoted(record.name))"
            }
            seen[record.name] = record.index
        }
        // With no Unicode Path field and only ASCII names (nearly every package), each name reads
        // as its own bytes in every program, and the names were just found distinct: only the
        // local headers are left to compare, and no name need be decoded.
        let plain = records.allSatisfy { $0.unicodePath == nil && $0.name.withUnsafeBytes { $0.allSatisfy { $0 < 0x80 } } }
        if !plain {
            var resolved = [String: Data](minimumCapacity: records.count)
            for record in records {
                let stored = decode(record.name, utf8Flag: record.utf8Flag)
                let name = record.unicodePath ?? stored
                if let other = resolved[name] {
                    return "the package has two entries, \(quoted(other)) and \(quoted(record.name)), that both read as \"\(name)\" in programs that use the Unicode Path field"
                }
                resolved[name] = record.name
            }
        }
        let locals = data.withUnsafeBytes { raw in records.map { localHeader(Bytes(raw), at: $0.localOffset) } }
        for (record, local) in zip(records, locals) {
            if let unicode = record.unicodePath, unicode != decode(record.name, utf8Flag: record.utf8Flag) {
                return "the entry \(quoted(record.name)) is named \"\(unicode)\" by programs that use the Unicode Path field, so programs disagree on its name"
            }
            guard let local else { continue }
            if local.name != record.name {
                return "the entry \(quoted(record.name)) is named \(quoted(local.name)) in its local header, so programs disagree on its name"
            }
            if let unicode = local.unicodePath, unicode != decode(record.name, utf8Flag: record.utf8Flag) {
                return "the entry \(quoted(record.name)) is named \"\(unicode)\" by the Unicode Path field of its local header, so programs disagree on its name"
            }
        }
        return nil
    }

    // MARK: Records

    struct Record {
        var index: Int
        var name: Data
        var utf8Flag: Bool
        var unicodePath: String?
        var localOffset: Int
    }

    /// The central directory's records, or nil when it cannot be followed.
    static func centralRecords(_ data: Data) -> [Record]? {
        data.withUnsafeBytes { centralRecords(Bytes($0)) }
    }

    private static func centralRecords(_ bytes: Bytes) -> [Record]? {
        guard let eocd = endOfCentralDirectory(bytes) else { return nil }
        guard var count = bytes.u16(eocd + 10), var offset = bytes.u32(eocd + 16) else { return nil }
        if count == 0xFFFF || offset == 0xFFFF_FFFF, let zip64 = zip64Directory(bytes, eocd: eocd) {
            count = zip64.count
            offset = zip64.offset
        }
        var records: [Record] = []
        records.reserveCapacity(min(count, 65_536))
        for index in 0..<count {
            guard bytes.u32(offset) == 0x0201_4B50, let flags = bytes.u16(offset + 8),
                  let nameLength = bytes.u16(offset + 28), let extraLength = bytes.u16(offset + 30),
                  let commentLength = bytes.u16(offset + 32), var localOffset = bytes.u32(offset + 42),
                  let name = bytes.slice(offset + 46, nameLength),
                  let extra = bytes.slice(offset + 46 + nameLength, extraLength) else { return nil }
            if localOffset == 0xFFFF_FFFF, let zip64 = zip64LocalOffset(extra, central: bytes, recordOffset: offset) {
                localOffset = zip64
            }
            records.append(Record(index: index, name: name, utf8Flag: flags & 0x0800 != 0,
                                  unicodePath: unicodePath(extra, name: name), localOffset: localOffset))
            offset += 46 + nameLength + extraLength + commentLength
        }
        return records
    }

    /// The local header's stored name and Unicode Path name.
    static func localHeader(_ data: Data, at offset: Int) -> (name: Data, unicodePath: String?)? {
        data.withUnsafeBytes { localHeader(Bytes($0), at: offset) }
    }

    private static func localHeader(_ bytes: Bytes, at offset: Int) -> (name: Data, unicodePath: String?)? {
        guard bytes.u32(offset) == 0x0403_4B50, let nameLength = bytes.u16(offset + 26), let extraLength = bytes.u16(offset + 28),
              let name = bytes.slice(offset + 30, nameLength), let extra = bytes.slice(offset + 30 + nameLength, extraLength) else { return nil }
        return (name, unicodePath(extra, name: name))
    }

    /// The last end-of-central-directory record whose comment ends the file, else the last one.
    private static func endOfCentralDirectory(_ bytes: Bytes) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var fallback: Int?
        var i = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while i >= lowest {
            if bytes.u32(i) == 0x0605_4B50, let commentLength = bytes.u16(i + 20) {
                if i + 22 + commentLength == bytes.count { return i }
                if fallback == nil { fallback = i }
            }
            i -= 1
        }
        return fallback
    }

    private static func zip64Directory(_ bytes: Bytes, eocd: Int) -> (count: Int, offset: Int)? {
        let locator = eocd - 20
        guard locator >= 0, bytes.u32(locator) == 0x0706_4B50, let record = bytes.u64(locator + 8),
              bytes.u32(record) == 0x0606_4B50, let count = bytes.u64(record + 32), let offset = bytes.u64(record + 48) else { return nil }
        return (count, offset)
    }

    /// The local header offset from a zip64 extended information field (0x0001): it follows the
    /// 64-bit sizes that are present because their 32-bit fields are 0xFFFFFFFF.
    private static func zip64LocalOffset(_ extra: Data, central bytes: Bytes, recordOffset: Int) -> Int? {
        guard let field = extraField(extra, id: 0x0001) else { return nil }
        var skip = 0
        if bytes.u32(recordOffset + 24) == 0xFFFF_FFFF { skip += 8 }
        if bytes.u32(recordOffset + 20) == 0xFFFF_FFFF { skip += 8 }
        return field.withUnsafeBytes { Bytes($0).u64(skip) }
    }

    /// The UTF-8 name of an Info-ZIP Unicode Path field (0x7075: version 1, the CRC-32 of the
    /// stored name, the name). The CRC is not checked: some programs do not check it either.
    private static func unicodePath(_ extra: Data, name: Data) -> String? {
        guard let field = extraField(extra, id: 0x7075), field.count >= 5, field[field.startIndex] == 1 else { return nil }
        let text = field.dropFirst(5)
        return String(data: Data(text), encoding: .utf8) ?? String(decoding: text, as: UTF8.self)
    }

    /// The body of the first extra field with `id`.
    private static func extraField(_ extra: Data, id: Int) -> Data? {
        extra.withUnsafeBytes { extraField(Bytes($0), id: id) }
    }

    private static func extraField(_ bytes: Bytes, id: Int) -> Data? {
        var offset = 0
        while let fieldID = bytes.u16(offset), let length = bytes.u16(offset + 2) {
            guard let body = bytes.slice(offset + 4, length) else { return nil }
            if fieldID == id { return body }
            offset += 4 + length
        }
        return nil
    }

    // MARK: Names

    /// A stored name as programs show it: UTF-8 when flagged or valid, else code page 437.
    static func decode(_ name: Data, utf8Flag: Bool) -> String {
        if let text = String(data: name, encoding: .utf8) { return text }
        if utf8Flag { return String(decoding: name, as: UTF8.self) }
        return String(String.UnicodeScalarView(name.map { Int($0) < cp437.count ? cp437[Int($0)] : "\u{FFFD}" }))
    }

    private static func quoted(_ name: Data) -> String {
        "\"" + decode(name, utf8Flag: false) + "\""
    }

    /// Code page 437, the zip format's default for names without the UTF-8 flag.
    private static let cp437: [Unicode.Scalar] = {
        let high = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{00A0}"
        return (0..<128).map { Unicode.Scalar(UInt8($0)) } + Array(high.unicodeScalars)
    }()
}

/// Little-endian reads from bytes in memory that return nil past the end instead of trapping.
/// Valid only while the buffer it was made from is (inside `withUnsafeBytes`).
private struct Bytes {
    let raw: UnsafeRawBufferPointer
    var count: Int { raw.count }
    init(_ raw: UnsafeRawBufferPointer) {
        self.raw = raw
    }

    func u16(_ o: Int) -> Int? {
        guard o >= 0, o + 2 <= count else { return nil }
        return Int(raw[o]) | Int(raw[o + 1]) << 8
    }

    func u32(_ o: Int) -> Int? {
        guard let low = u16(o), let high = u16(o + 2) else { return nil }
        return low | high << 16
    }

    func u64(_ o: Int) -> Int? {
        guard let low = u32(o), let high = u32(o + 4), high < 1 << 30 else { return nil }
        return low | high << 32
    }

    func slice(_ o: Int, _ length: Int) -> Data? {
        guard o >= 0, length >= 0, o + length <= count else { return nil }
        return Data(UnsafeRawBufferPointer(rebasing: raw[o..<(o + length)]))
    }
}
