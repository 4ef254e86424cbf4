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

    @Test func sha256MatchesKnownVector() {
        #expect(Digests.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
