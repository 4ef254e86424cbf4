import Foundation

/// Writes zip archives byte by byte (every entry stored), so tests can make what no zip
/// library writes on purpose: two entries with one name, Info-ZIP Unicode Path fields
/// (0x7075) naming another entry, local headers that disagree with the central directory.
enum RawZip {
    struct Entry {
        /// The name in the central directory.
        var name: String
        var bytes: Data
        /// The name in the local file header; nil for `name`.
        var localName: String? = nil
        /// A Unicode Path field (in both headers) carrying this name; nil for none.
        var unicodePath: String? = nil
        /// The stored name's raw bytes, when not `name` in UTF-8 (e.g. code page 437).
        var rawName: Data? = nil
    }

    static func archive(_ entries: [Entry]) -> Data {
        var out: [UInt8] = [], central: [UInt8] = []
        for entry in entries {
            let name = [UInt8](entry.rawName ?? Data(entry.name.utf8))
            let localName = entry.localName.map { [UInt8]($0.utf8) } ?? name
            var extra: [UInt8] = []
            if let path = entry.unicodePath {
                let body = [UInt8(1)] + le32(crc32(Data(name))) + Array(path.utf8)
                extra = le16(0x7075) + le16(body.count) + body
            }
            let crc = crc32(entry.bytes), size = entry.bytes.count
            let offset = out.count
            // Local file header: version 20, no flags, stored, 1980-01-01 00:00.
            out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            out += le32(crc) + le32(size) + le32(size) + le16(localName.count) + le16(extra.count)
            out += localName + extra + [UInt8](entry.bytes)
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            central += le32(crc) + le32(size) + le32(size) + le16(name.count) + le16(extra.count)
            central += le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name + extra
        }
        let directoryOffset = out.count
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
        out += le32(central.count) + le32(directoryOffset) + le16(0)
        return Data(out)
    }

    /// The parts of a one-paragraph Word document.
    static func docxParts(text: String = "A plain report.") -> [Entry] {
        let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        let decl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        let types = decl + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
        let rels = decl + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"
        let document = decl + "<w:document xmlns:w=\"\(w)\"><w:body><w:p><w:r><w:t>\(text)</w:t></w:r></w:p><w:sectPr/></w:body></w:document>"
        return [Entry(name: "[Content_Types].xml", bytes: Data(types.utf8)), Entry(name: "_rels/.rels", bytes: Data(rels.utf8)),
                Entry(name: "word/document.xml", bytes: Data(document.utf8))]
    }

    private static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    private static func le32(_ v: Int) -> [UInt8] { le32(UInt32(truncatingIfNeeded: v)) }
    private static func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
