@testable import DisclosureKit
import Foundation
import Testing

/// The scans that replaced slower ones for issue 17 (no copy of the file, `memchr` for line ends,
/// tag names matched as numbers, kept ranges instead of a spliced copy) against the code they
/// replaced, kept here as references, on random texts built from the pieces that matter.
@Suite struct TextScanReferenceTests {
    /// The earlier `TextLine.split`, byte by byte.
    static func referenceLines(_ b: [UInt8]) -> [(Int, Int, Int)] {
        var lines: [(Int, Int, Int)] = []
        var start = 0
        var i = 0
        while i < b.count {
            if b[i] == 0x0A || b[i] == 0x0D {
                let end = i
                if b[i] == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }
                lines.append((start, end, i + 1))
                start = i + 1
            }
            i += 1
        }
        if start < b.count { lines.append((start, b.count, b.count)) }
        return lines
    }

    /// The earlier `TextFile.dominantLineEnding`, counting every line end.
    static func referenceLineEnding(_ b: [UInt8]) -> String {
        var lf = 0, crlf = 0, cr = 0
        var i = 0
        while i < b.count {
            if b[i] == 0x0D {
                if i + 1 < b.count && b[i + 1] == 0x0A { crlf += 1; i += 2; continue }
                cr += 1
            } else if b[i] == 0x0A { lf += 1 }
            i += 1
        }
        if crlf >= lf && crlf >= cr && crlf > 0 { return "\r\n" }
        if cr > lf { return "\r" }
        return "\n"
    }

    /// The earlier `HTMLDocument.unclosedElementCount`, with a String per tag name.
    static func referenceUnclosed(_ b: [UInt8]) -> Int {
        var balance = 0
        var i = 0
        let n = b.count
        while i + 1 < n {
            guard b[i] == 0x3C else { i += 1; continue }
            let closing = b[i + 1] == 0x2F
            var j = i + (closing ? 2 : 1)
            let start = j
            while j < n, (b[j] | 0x20) >= 0x61, (b[j] | 0x20) <= 0x7A || (b[j] >= 0x30 && b[j] <= 0x39) { j += 1 }
            if j > start {
                let name = String(decoding: b[start..<min(j, start + 10)], as: UTF8.self).lowercased()
                if !HTMLDocument.voidElements.contains(name) { balance += closing ? -1 : 1 }
            }
            i = max(j, i + 1)
        }
        return balance
    }

    static func random(_ pieces: [String], count: Int, using generator: inout some RandomNumberGenerator) -> [UInt8] {
        var out: [UInt8] = []
        for _ in 0..<count { out += Array(pieces[Int.random(in: 0..<pieces.count, using: &generator)].utf8) }
        return out
    }

    @Test func linesAndLineEndsAgreeWithReference() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "word ", "\n", "\r\n", "\r", "\n\n", "é", "  ", "\t"]
        for round in 0..<1_500 {
            // Half the texts have no CR, which takes the memchr path.
            let usable = round % 2 == 0 ? pieces.filter { !$0.contains("\r") } : pieces
            let bytes = Self.random(usable, count: Int.random(in: 0...40, using: &generator), using: &generator)
            let expected = Self.referenceLines(bytes)
            for lines in [TextLine.split(bytes), TextLine.split(Data(bytes))] {
                #expect(lines.map { [$0.start, $0.contentEnd, $0.next] } == expected.map { [$0.0, $0.1, $0.2] }, "\(bytes)")
            }
            #expect(TextFile.dominantLineEnding(bytes) == Self.referenceLineEnding(bytes), "\(bytes)")
            #expect(TextFile.dominantLineEnding(Data(bytes)) == Self.referenceLineEnding(bytes), "\(bytes)")
        }
    }

    @Test func unclosedElementCountAgreesWithReference() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["<p>", "</p>", "<br>", "<BR/>", "<li>", "<div>", "</DIV>", "<h1>", "</h1>", "<source>", "<sourcecode>",
                      "<img src=x>", "<optionally>", "<option>", "< p>", "<", "</", "text", "<a1>", "<TRACK>", "<tracks>", "<x>", "é<"]
        for _ in 0..<2_000 {
            let bytes = Self.random(pieces, count: Int.random(in: 0...30, using: &generator), using: &generator)
            #expect(HTMLDocument.unclosedElementCount(bytes) == Self.referenceUnclosed(bytes), "\(String(decoding: bytes, as: UTF8.self))")
            #expect(HTMLDocument.unclosedElementCount(Data(bytes)) == Self.referenceUnclosed(bytes))
        }
    }

    @Test func keptRangesHoldWhatSplicingOutKeeps() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...60, using: &generator)
            let data = Data((0..<count).map { UInt8($0) })
            var removed: [Range<Int>] = []
            for _ in 0..<Int.random(in: 0...4, using: &generator) where count > 0 {
                let a = Int.random(in: 0...count, using: &generator), b = Int.random(in: 0...count, using: &generator)
                removed.append(min(a, b)..<max(a, b))
            }
            let kept = KeptRanges.of(count: count, removing: removed)
            var joined = Data()
            for range in kept { joined.append(data[range]) }
            #expect(joined == XMLBytes.splice(data, removed.map { ($0, Data()) }), "\(removed)")
            #expect(kept.allSatisfy { !$0.isEmpty })
        }
    }

    @Test func decodedUTF8SharesTheFileAndOffsetsStartAtZero() throws {
        let data = Data("# Title\n\ntext\n".utf8)
        let file = try TextFile(data: data, path: "x.md")
        #expect(file.decoded == data && file.utf8 == [UInt8](data))
        // A slice of a larger buffer is read with offsets from 0.
        let larger = Data("xx# T\r\n".utf8)
        let sliced = try TextFile(data: larger[2...], path: "x.md")
        #expect(sliced.decoded.startIndex == 0 && sliced.utf8 == Array("# T\r\n".utf8) && sliced.eol == "\r\n")
        let bom = try TextFile(data: Data([0xEF, 0xBB, 0xBF] + Array("a\n".utf8)), path: "x.md")
        #expect(bom.utf8 == Array("a\n".utf8) && bom.originalOffset(0) == 3)
        #expect(throws: DisclosureError.invalidEncoding(path: "x.md", encoding: "UTF-8", byteOffset: 4)) {
            try TextFile(data: Data([0xEF, 0xBB, 0xBF, 0x61, 0xFF]), path: "x.md")
        }
    }
}
