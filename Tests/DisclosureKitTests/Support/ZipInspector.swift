import Foundation

/// An independent reader of zip central directories for tests: it returns each entry's
/// name, method, flags, extra fields and raw (still compressed) bytes, so tests can prove
/// that entries were copied byte for byte. Zip64 is not needed for the fixtures.
struct ZipInspector {
    struct Entry: Equatable {
        var name: String
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var centralExtra: Data
        var localExtra: Data
        var raw: Data
    }

    let entries: [Entry]

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        func u16(_ o: Int) -> Int { Int(bytes[o]) | Int(bytes[o + 1]) << 8 }
        func u32(_ o: Int) -> Int { u16(o) | u16(o + 2) << 16 }
        guard let eocd = stride(from: bytes.count - 22, through: max(0, bytes.count - 65_557), by: -1)
            .first(where: { u32($0) == 0x0605_4b50 }) else { throw CocoaError(.fileReadCorruptFile) }
        let count = u16(eocd + 10)
        var offset = u32(eocd + 16)
        var list: [Entry] = []
        for _ in 0..<count {
            guard u32(offset) == 0x0201_4b50 else { throw CocoaError(.fileReadCorruptFile) }
            let method = UInt16(u16(offset + 10))
            let crc = UInt32(u32(offset + 16))
            let compressed = u32(offset + 20), uncompressed = u32(offset + 24)
            let nameLength = u16(offset + 28), extraLength = u16(offset + 30), commentLength = u16(offset + 32)
            let local = u32(offset + 42)
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            let centralExtra = Data(bytes[(offset + 46 + nameLength)..<(offset + 46 + nameLength + extraLength)])
            let localNameLength = u16(local + 26), localExtraLength = u16(local + 28)
            let localExtra = Data(bytes[(local + 30 + localNameLength)..<(local + 30 + localNameLength + localExtraLength)])
            let dataStart = local + 30 + localNameLength + localExtraLength
            list.append(Entry(name: name, method: method, crc: crc, compressedSize: compressed, uncompressedSize: uncompressed,
                              centralExtra: centralExtra, localExtra: localExtra, raw: Data(bytes[dataStart..<(dataStart + compressed)])))
            offset += 46 + nameLength + extraLength + commentLength
        }
        entries = list
    }

    subscript(name: String) -> Entry? { entries.first { $0.name == name } }
}
