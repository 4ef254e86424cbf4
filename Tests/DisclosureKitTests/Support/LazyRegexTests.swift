@testable import DisclosureKit
import Foundation
import Testing

/// The written declarations' patterns are compiled on first use; they must match as the
/// compiled expression does, compile only when used, and every one of them must compile.
struct LazyRegexTests {
    @Test func compilesOnFirstUseAndMatchesAsTheExpressionDoes() throws {
        let lazy = LazyRegex("\\bno\\s+ai\\s+(?:was\\s+)?used\\b", [.caseInsensitive])
        #expect(!lazy.isCompiled)
        let eager = try NSRegularExpression(pattern: "\\bno\\s+ai\\s+(?:was\\s+)?used\\b", options: [.caseInsensitive])
        for text in ["No AI was used.", "no ai used", "I used AI.", "", "NO  AI  WAS  USED here", "knot ai used"] {
            let range = NSRange(location: 0, length: (text as NSString).length)
            #expect(lazy.firstMatch(in: text, range: range)?.range == eager.firstMatch(in: text, range: range)?.range, "\(text)")
        }
        #expect(lazy.isCompiled)
        #expect(lazy.regex === lazy.regex)
    }

    @Test func everyDeclarationPatternCompiles() {
        #expect(WrittenDeclarations.patterns.count == WrittenDeclarations.specs.count)
        #expect(WrittenDeclarations.patterns.count == WrittenDeclarations.requiredWords.count)
        for (regex, _) in WrittenDeclarations.patterns {
            #expect(regex.regex.numberOfCaptureGroups >= 0)
        }
    }
}
