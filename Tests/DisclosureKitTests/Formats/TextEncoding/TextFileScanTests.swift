@testable import DisclosureKit
import Foundation
import Testing

/// The byte scans every text stamp runs (UTF-8 check, line ends, NUL) against plain
/// byte-by-byte references, around the 8-byte steps the UTF-8 check takes over ASCII.
@Suite struct TextFileScanTests {
    /// The first offset that is not well-formed UTF-8, byte by byte (Unicode's definition:
    /// no overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence).
    static func referenceFirstInvalid(_ b: [UInt8]) -> Int? {
        var i = 0
        while i < b.count {
            let c = b[i]
            let need: Int
            let first: ClosedRange<UInt8>
            switch c {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: need = 1; first = 0x80...0xBF
            case 0xE0: need = 2; first = 0xA0...0xBF
            case 0xED: need = 2; first = 0x80...0x9F
            case 0xE1...0xEC, 0xEE...0xEF: need = 2; first = 0x80...0xBF
            case 0xF0: need = 3; first = 0x90...0xBF
            case 0xF4: need = 3; first = 0x80...0x8F
            case 0xF1...0xF3: need = 3; first = 0x80...0xBF
            default: return i
            }
            guard i + need < b.count, first.contains(b[i + 1]) else { return i }
            for k in 1...need where !(0x80...0xBF).contains(b[i + k]) { return i }
            i += need + 1
        }
        return nil
    }

    @Test func utf8CheckAgreesWithReference() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [Array("plain ascii text ".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8),
                                 [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE2, 0x82], [0x80]]
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                let piece = pieces[Int.random(in: 0..<pieces.count, using: &generator)]
                // Random ASCII lengths put each piece at every position of an 8-byte step.
                bytes += Array(repeating: 0x61, count: Int.random(in: 0...17, using: &generator)) + piece
            }
            #expect(TextFile.firstInvalidUTF8(bytes) == Self.referenceFirstInvalid(bytes), "\(bytes)")
        }
    }

    @Test func lineEndsAndLinesMatchByteByByte() {
        let text: [UInt8] = Array("one\r\ntwo\nthree\rfour\r\n\r\nfive".utf8)
        let lines = TextLine.split(text)
        #expect(lines.map { $0.text(text) } == ["one", "two", "three", "four", "", "five"])
        #expect(lines.map(\.next) == [5, 9, 15, 21, 23, 27])
        #expect(TextFile.dominantLineEnding(text) == "\r\n")
        #expect(TextFile.dominantLineEnding(Array("a\nb\nc\r\n".utf8)) == "\n")
        #expect(TextFile.dominantLineEnding(Array("a\rb\rc\n".utf8)) == "\r")
        #expect(TextLine.split([]).isEmpty)
    }

    @Test func nulIsFoundAnywhere() {
        for at in [0, 7, 8, 9, 100] {
            var bytes = Array(repeating: UInt8(0x61), count: 120)
            bytes[at] = 0
            #expect(throws: DisclosureError.self) { try TextFile(data: Data(bytes), path: "x.txt") }
        }
        #expect(throws: Never.self) { try TextFile(data: Data(repeating: 0x61, count: 120), path: "x.txt") }
    }
}
