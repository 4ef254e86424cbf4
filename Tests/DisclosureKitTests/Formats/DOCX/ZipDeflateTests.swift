@testable import DisclosureKit
import Foundation
import Testing

/// Rewritten parts are compressed by us (on all cores for a large part) and handed to libzip
/// already compressed (issue 17): the inflated bytes must be exactly what they were, the CRC-32
/// and sizes in the headers right, and the compressed size within 2% of libzip's own (zlib, level 6).
@Suite struct ZipDeflateTests {
    /// A Word-like main part of about `paragraphs` paragraphs, deterministic.
    static func documentXML(paragraphs: Int) -> Data {
        let words = ["the", "university", "research", "students", "library", "campus", "report", "funding", "staff", "teaching", "résumé", "—"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
        for n in 0..<paragraphs {
            var text: [String] = []
            for _ in 0..<(12 + n % 29) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.append(words[Int(state >> 33) % words.count])
            }
            xml += "<w:p><w:pPr><w:pStyle w:val=\"Body\"/></w:pPr><w:r><w:t xml:space=\"preserve\">\(text.joined(separator: " ")) (\(n))</w:t></w:r></w:p>"
        }
        return Data((xml + "<w:sectPr/></w:body></w:document>").utf8)
    }

    /// CRC-32 (IEEE, as zip uses it), bit by bit: an independent reference.
    static func referenceCRC(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    @Test("pieces deflate to one stream that inflates to the pieces joined, with the right CRC-32",
          arguments: [(0, 1), (1, 1), (3, 2), (500, 2), (9000, 1), (9000, 2), (9000, 3), (9000, 8)])
    func roundTrip(paragraphs: Int, cores: Int) throws {
        let whole = paragraphs == 0 ? Data() : Self.documentXML(paragraphs: paragraphs)
        let cut1 = whole.count / 3, cut2 = whole.count / 2
        let pieces = [whole[..<cut1], Data("<w:p><w:r><w:t>inserted</w:t></w:r></w:p>".utf8), whole[cut1..<cut2], Data(), whole[cut2...]].map { Data($0) }
        let joined = pieces.reduce(Data(), +)
        let part = try Zlib.deflate(pieces, cores: cores)
        #expect(part.size == joined.count)
        #expect(part.crc32 == Self.referenceCRC(joined))
        #expect(Zlib.crc32(joined) == Self.referenceCRC(joined))
        #expect(Zlib.inflate(part.compressed, size: joined.count) == joined)
        // Pieces that are slices of a larger buffer (as the splice makes them) read the same.
        let sliced = try Zlib.deflate([whole[whole.startIndex..<(whole.startIndex + cut2)], whole[(whole.startIndex + cut2)...]], cores: cores)
        #expect(Zlib.inflate(sliced.compressed, size: whole.count) == whole)
    }

    @Test("a part cut across cores is within a few bytes of one compressed whole")
    func splitCostsLittle() throws {
        let main = Self.documentXML(paragraphs: 40_000)
        #expect(main.count > 4 * Zlib.pieceSize)
        let one = try Zlib.deflate([main], cores: 1)
        let four = try Zlib.deflate([main], cores: 4)
        #expect(four.crc32 == one.crc32)
        #expect(Zlib.inflate(four.compressed, size: main.count) == main)
        #expect(four.compressed.count <= one.compressed.count + one.compressed.count / 200, "split \(four.compressed.count) bytes, whole \(one.compressed.count) bytes")
    }

    @Test("random bytes that do not compress still round-trip")
    func incompressible() throws {
        var state: UInt64 = 42
        let bytes = Data((0..<3_000_000).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        })
        let part = try Zlib.deflate([bytes], cores: 2)
        #expect(part.compressed.count <= bytes.count + bytes.count / 100 + 64)
        #expect(Zlib.inflate(part.compressed, size: bytes.count) == bytes)
        #expect(part.crc32 == Self.referenceCRC(bytes))
    }

    @Test("a rebuilt archive holds the same inflated parts as one written with zlib, within 2% of its size")
    func rebuiltMatchesZlib() throws {
        let main = Self.documentXML(paragraphs: 6000)
        let styles = Data("<?xml version=\"1.0\"?><w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>".utf8)
        // libzip with zlib at level 6, as every rewritten part was written before.
        let zlibArchive = try ZipRebuilder.write(entries: [("word/document.xml", main, false), ("word/styles.xml", styles, false),
                                                           ("media/image.bin", Data(repeating: 7, count: 1000), true)])
        let source = try ZipReader(data: zlibArchive)
        let entries = Dictionary(uniqueKeysWithValues: source.entries.map { ($0.name, $0) })
        let cut = main.count / 2
        let rebuilt = try ZipRebuilder.build(from: source, items: [
            .pieces(name: "word/document.xml", pieces: [main[..<cut], main[cut...]].map { Data($0) }, like: entries["word/document.xml"]),
            .data(name: "word/styles.xml", bytes: styles, like: entries["word/styles.xml"]),
            .copy(entries["media/image.bin"]!),
        ])
        let reader = try ZipReader(data: rebuilt)
        #expect(reader.entries.map(\.name) == ["word/document.xml", "word/styles.xml", "media/image.bin"])
        for entry in reader.entries {
            let before = entries[entry.name]!
            // libzip checks the CRC-32 in the header while it reads.
            #expect(try reader.read(entry, limit: 1 << 30) == source.read(before, limit: 1 << 30), "\(entry.name)")
            #expect(entry.uncompressedSize == before.uncompressedSize)
            #expect(entry.isStored == before.isStored)
            #expect(entry.modified == before.modified)
        }
        let zlibSize = entries["word/document.xml"]!.compressedSize
        let ourSize = reader.entries[0].compressedSize
        #expect(abs(Double(ourSize - zlibSize)) <= 0.02 * Double(zlibSize), "ours \(ourSize) bytes, libzip \(zlibSize) bytes")
        // A part smaller than a piece is compressed exactly as libzip compresses it.
        #expect(reader.entries[1].compressedSize == entries["word/styles.xml"]!.compressedSize)
        // The copied entry keeps its compressed bytes exactly.
        #expect(reader.entries[2].compressedSize == entries["media/image.bin"]!.compressedSize)
    }
}
