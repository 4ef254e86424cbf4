@testable import DisclosureKit
import Foundation
import Testing

/// The phrase matcher's tables (grouped by each phrase's first two bytes) must find exactly what
/// a plain search for every phrase at every position finds, in the same order.
struct PhraseMatcherTests {
    /// ASCII letters, digits and the underscore, written out here rather than taken from the matcher.
    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }

    /// Every (tag, range) a naive search finds: positions in order, then phrases in entry order
    /// (a straight apostrophe also matching a curly one).
    static func naive(_ entries: [(String, Int, Bool, Bool)], _ text: String) -> [String] {
        var variants: [([UInt8], Int, Bool, Bool)] = []
        for (phrase, tag, start, end) in entries {
            let lower = Array(phrase.lowercased().utf8)
            let endsWord = end && isWordByte(lower.last ?? 0)
            variants.append((lower, tag, start, endsWord))
            if lower.contains(0x27) {
                variants.append((lower.flatMap { $0 == 0x27 ? [0xE2, 0x80, 0x99] : [$0] }, tag, start, endsWord))
            }
        }
        let bytes = Array(text.utf8)
        func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
        var out: [String] = []
        for i in 0..<bytes.count {
            for (p, tag, start, end) in variants where p.count >= 2 && i + p.count <= bytes.count {
                guard (0..<p.count).allSatisfy({ lower(bytes[i + $0]) == p[$0] }) else { continue }
                if start, i > 0, isWordByte(bytes[i - 1]) { continue }
                if end, i + p.count < bytes.count, isWordByte(bytes[i + p.count]) { continue }
                out.append("\(tag)@\(i)..<\(i + p.count)")
            }
        }
        return out
    }

    @Test func findsWhatAPlainSearchFinds() {
        let entries: [(String, Int, Bool, Bool)] = [
            ("as an AI", 1, true, true), ("as an ai language model", 2, true, true), ("as", 3, true, true), ("an", 4, false, false),
            ("I'm sorry", 5, true, true), ("[citation needed]", 6, false, false), ("here is", 7, true, false), ("here", 8, true, true),
            ("zz", 9, false, true), ("ZZZ", 10, true, false), ("é", 11, false, false), ("x", 12, true, true),
        ] + ResidueSignals.wordPhrases.prefix(40).map { ($0.0, 100, true, true) }
        let matcher = PhraseMatcher(entries: entries)
        var generator = SystemRandomNumberGenerator()
        let pieces = ["As an AI language model", "as", " ", "an", "I'm sorry", "I\u{2019}m sorry", "[citation needed]", "Here is", "here",
                      "zzz", "ZZ", "é", ".", "x", "xas", "asx", "\n"] + ResidueSignals.wordPhrases.prefix(40).map(\.0)
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let found = matcher.matches(in: text).map { "\($0.tag)@\($0.range)" }
            #expect(found == Self.naive(entries, text), "\(text.debugDescription)")
        }
        #expect(matcher.matches(in: "As an AI language model, I'm sorry").map(\.tag) == [1, 2, 3, 4, 4, 5])  // "an" also inside "language"
    }
}
