@testable import DisclosureKit
import Foundation
import Testing

/// ``QuickTrim`` returns what `trimmingCharacters(in:)` returns, on strings with and without
/// anything to trim, ASCII or not, for the sets the audit and the Markdown reader trim with.
@Suite struct QuickTrimTests {
    static let samples: [String] = [
        "", " ", "\t", "\n", "\r\n", "a", " a", "a ", " a ", "\ta\t", "\na\n", "a\r\n", "\r\na", "abc def", "  abc  def  ",
        "\u{A0}a\u{A0}", "\u{2003}a", "a\u{2028}", "\u{85}a", "é", " é ", "a\u{301}", "\u{301}a", " \u{301}a", "😀", " 😀 ",
        "\"key\"", "\"", "\"\"", "'x'", "x\u{0}", "\u{0}x", "\u{B}a\u{C}", "a\u{1F}", "\u{7F}a\u{7F}", "ai_disclosure:", " ai_disclosure: ",
    ]

    @Test func trimsAsFoundationDoes() {
        let sets: [(QuickTrim, CharacterSet)] = [
            (.whitespaces, .whitespaces), (.whitespacesAndNewlines, .whitespacesAndNewlines),
            (QuickTrim(CharacterSet(charactersIn: "\"")), CharacterSet(charactersIn: "\"")),
        ]
        for (quick, set) in sets {
            for s in Self.samples {
                #expect(quick(s) == s.trimmingCharacters(in: set), "\(s.debugDescription)")
                let sub = ("<" + s + ">").dropFirst().dropLast()
                #expect(quick(sub) == sub.trimmingCharacters(in: set), "\(s.debugDescription)")
                // Byte for byte, not only equal as Swift strings (which compare canonically).
                #expect(Array(quick(s).utf8) == Array(s.trimmingCharacters(in: set).utf8), "\(s.debugDescription)")
            }
        }
    }

    @Test func singleQuotedScalarsUndoubleAsFoundationDoes() {
        for s in ["", "'", "''", "'''", "''''", "a''b", "it''s", "''x''", "é''", "''é", "a'\u{301}'b", "{\"a\":\"it''s\"}"] {
            #expect(Array(FrontMatterBlock.undoubled(s).utf8) == Array(s.replacingOccurrences(of: "''", with: "'").utf8), "\(s)")
        }
        #expect(FrontMatterBlock.unquote("  'it''s'  ") == "it's")
        #expect(FrontMatterBlock.unquote("'") == "'")
        #expect(FrontMatterBlock.unquote("''") == "")
    }

    @Test func replacesAsFoundationDoes() {
        let texts = ["", " ", "a b", "ai_disclosure", "__", "a_b c_d", "font-size: 0", "é_é", "x\r\n_y", "a\u{301}_", " \u{301}", "no targets"]
        for s in texts {
            for (target, replacement) in [("_", "-"), (" ", "-"), (" ", "")] as [(Unicode.Scalar, String)] {
                let quick = QuickReplace.replacing(s, target, with: replacement)
                #expect(Array(quick.utf8) == Array(s.replacingOccurrences(of: String(target), with: replacement).utf8), "\(s.debugDescription)")
            }
        }
        #expect(QuickReplace.isASCII("plain text"))
        #expect(!QuickReplace.isASCII("it’s"))
    }
}
