@testable import DisclosureKit
import Foundation
import Testing

/// Front matter is recognised by a line that starts like a YAML key; the byte test must say
/// what the pattern says for every line.
struct FrontMatterKeyTests {
    @Test func theByteTestAgreesWithThePattern() {
        var lines = ["title: Report", "title:", "title:x", "title :", "\"quoted\": 1", "'single': 2", "_under: 3", "9lives: 4", "-dash: 5",
                     " indented: 6", "", ":", "a:b: c", "a\u{0B}: x", "a:\u{0B}", "a:\t", "a:\r", "a:\u{0C}", "a:\u{A0}x", "a:\u{2003}", "a:é",
                     "é: no", "Ωmega: x", "a", "no colon here", "url: https://x", "time:12:00", "key:\u{85}", "k:\u{2028}"]
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", "_", "\"", "'", "-", " ", ":", "\t", "\u{0B}", "\u{0C}", "\r", "é", "\u{A0}", "\u{2003}", "1", "#"]
        for _ in 0..<3_000 {
            lines.append((0..<Int.random(in: 1...7, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for line in lines {
            #expect(FrontMatter.looksLikeYAMLKey(line) == (FrontMatter.yamlKey.firstRange(in: line) != nil), "\(line.debugDescription)")
        }
    }
}
