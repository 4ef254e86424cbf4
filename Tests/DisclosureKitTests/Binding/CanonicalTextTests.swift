@testable import DisclosureKit
import Foundation
import Testing

@Suite struct CanonicalTextTests {
    @Test func normalisesWhitespaceAndNFC() {
        #expect(CanonicalText.paragraph("  Caf\u{0065}\u{0301}\u{00A0}\t au\n lait  ") == "Caf\u{00E9} au lait")
        #expect(CanonicalText.paragraph("\u{200B}\u{FEFF} ") == "")
    }

    @Test func keepsNarrowNoBreakSpaceAsSpaceAndLeavesScriptsAlone() {
        #expect(CanonicalText.paragraph("Bonjour\u{202F}!") == "Bonjour !")
        #expect(CanonicalText.paragraph("مرحبا بالعالم") == "مرحبا بالعالم")
    }

    @Test func bytesListStreamsAndDropEmptyParagraphs() {
        let text = DocumentText(streams: [
            TextStream(name: "body", paragraphs: [.init(text: "One", location: .init()), .init(text: " ", location: .init()), .init(text: "Two", location: .init())]),
            TextStream(name: "footnotes", paragraphs: []),
            TextStream(name: "comments", paragraphs: [.init(text: "Note", location: .init())]),
        ])
        #expect(String(decoding: CanonicalText.bytes(of: text), as: UTF8.self) == "[body]\nOne\nTwo\n[comments]\nNote\n")
    }

    /// The byte path the binding hashes (no String for a paragraph already canonical) gives
    /// the same lines as ``CanonicalText/paragraph(_:)`` for every kind of paragraph.
    @Test func bytePathMatchesParagraph() {
        let samples = ["One two", " One", "One ", "One  two", "One\ttwo", "One\ntwo", "\r\n", "", " ", "a", "a b c d",
                       "\u{1}control\u{7F}", "x\u{0B}y\u{0C}z", "Caf\u{0065}\u{0301} au lait", "مرحبا  بالعالم", "A\u{00A0}B",
                       "Zero\u{200B}width", "trailing\u{3000}", String(repeating: "word ", count: 1_000)]
        let text = DocumentText(streams: [TextStream(name: "body", paragraphs: samples.map { .init(text: $0, location: .init()) })])
        let expected = samples.map(CanonicalText.paragraph).filter { !$0.isEmpty }
        var lines: [String] = []
        var paragraphFlags: [Bool] = []
        CanonicalText.forEachLine(of: text) { line, isParagraph in
            lines.append(String(decoding: line, as: UTF8.self))
            paragraphFlags.append(isParagraph)
        }
        #expect(lines == ["[body]"] + expected)
        #expect(paragraphFlags == [false] + expected.map { _ in true })
        #expect(ContentBinder.paragraphPrefix("One two") == 0xb244e9e9f9b89496) // SHA-256("One two"), first 8 bytes
    }

    /// The paragraph map as docs/format.md defines it (values from an independent script:
    /// groups of 2 paragraphs, each the first 4 hex digits of SHA-256 over the group's 8-byte
    /// big-endian paragraph prefixes).
    @Test func paragraphMapMatchesDefinition() throws {
        let prefixes = (0..<1000).map { ContentBinder.paragraphPrefix("Para \($0)") }
        let map = try #require(ContentBinder.paragraphMap(prefixes))
        #expect(map.groupSize == 2)
        #expect(map.digests.count == 2000)
        #expect(Digests.sha256Hex(Data(map.digests.utf8)) == "9742a144380f18d7c06c92ca35a10af71338af74abd28cd85be232a0db5d76f5")
    }

    /// Paragraphs given as UTF-8 (Markdown block texts) canonicalise as the `String` made from
    /// them does, invalid sequences included, and hash to the same binding.
    @Test func utf8PathMatchesStringPath() {
        var samples: [[UInt8]] = ["One two", " One", "One ", "One  two", "One\ttwo", "\r\n", "", "a b", "Caf\u{0065}\u{0301} au  lait",
                                  "مرحبا  بالعالم", "A\u{00A0}B", String(repeating: "word ", count: 500)].map { Array($0.utf8) }
        samples += [[0xFF, 0x41], [0x41, 0xC3], [0xC3, 0x28, 0x20, 0x20, 0x42], [0xE2, 0x82], [0xF0, 0x9F, 0x98, 0x80, 0x20], [0xC0, 0xAF], [0xED, 0xA0, 0x80]]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let alphabet: [UInt8] = [0x20, 0x09, 0x0A, 0x41, 0x62, 0x2E, 0xC3, 0xA9, 0x80, 0xFF, 0xE2, 0x80, 0x8B]
            samples.append((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        var scratch: [UInt8] = []
        var byString = TextBindingHasher(), byBytes = TextBindingHasher()
        byString.begin(stream: "body")
        byBytes.begin(stream: "body")
        for sample in samples {
            var expected: [UInt8]?
            CanonicalText.withLine(of: String(decoding: sample, as: UTF8.self), scratch: &scratch) { expected = Array($0) }
            var got: [UInt8]?
            sample.withUnsafeBufferPointer { utf8 in CanonicalText.withLine(ofUTF8: utf8, scratch: &scratch) { got = Array($0) } }
            #expect(got == expected, "\(sample)")
            byString.add(paragraph: String(decoding: sample, as: UTF8.self))
            sample.withUnsafeBufferPointer { byBytes.add(paragraphUTF8: $0) }
        }
        #expect(byString.binding(format: "markdown", partsDigest: "p") == byBytes.binding(format: "markdown", partsDigest: "p"))
    }

    @Test func sha256MatchesKnownVector() {
        #expect(Digests.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
