@testable import DisclosureKit
import Foundation
import Testing

/// Excerpts of ASCII text are cut by bytes, reading only as far as the excerpt needs; they must
/// be exactly what folding the whole text by Swift's character rules gives.
struct ExcerptTests {
    @Test func theASCIIPathGivesWhatFoldingTheWholeTextGives() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["word", "a", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{0}", "\u{1F}", "\u{7F}", ".", "-", "x" + String(repeating: "y", count: 70)]
        var texts = ["", " ", "\r\n", "one", " lead and trail ", String(repeating: "a", count: 80), String(repeating: "a", count: 81),
                     String(repeating: "ab ", count: 27), String(repeating: "ab ", count: 26) + "a", String(repeating: "w ", count: 40) + "x"]
        for _ in 0..<3_000 {
            texts.append((0..<Int.random(in: 1...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            #expect(Excerpt.cut(text) == Excerpt.foldedCut(text), "\(text.debugDescription)")
        }
    }

    @Test func textThatIsNotASCIIIsFoldedByCharacters() {
        for text in ["café  au\u{2003}lait", "e\u{301} x", String(repeating: "é", count: 100), String(repeating: "a", count: 79) + "\u{301}" + String(repeating: "b", count: 5),
                     String(repeating: "a ", count: 50) + "日本", " \u{301}b", "a\u{00A0}b", "\u{2028}x\u{2029}y"] {
            #expect(Excerpt.cut(text) == Excerpt.foldedCut(text), "\(text.debugDescription)")
        }
        #expect(Excerpt.cut(String(repeating: "word ", count: 40)).count == Excerpt.maxCharacters)
        #expect(Excerpt.cut("  Here   is\n\nthe summary ") == "Here is the summary")
    }
}
