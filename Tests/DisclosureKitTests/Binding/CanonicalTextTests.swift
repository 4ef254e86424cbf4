import DisclosureKit
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

    @Test func sha256MatchesKnownVector() {
        #expect(Digests.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
