@testable import DisclosureKit
import Foundation
import Testing

/// `XMLBytes.mayHoldElement` stands before the style checks' regular expressions: it may say
/// true when they do not match, never false when they do.
@Suite struct XMLBytesElementTests {
    @Test func elementsAndAttributes() {
        let yes = ["<w:color w:val=\"FFFFFF\"/>", "<color val=\"1\"/>", "<ns0:color ns0:val=\"FFFFFF\"/>", "a<x_1.b-c:color ", "<é:color "]
        let no = ["w:color=\"808080\"", "<w:top w:color=\"808080\"/>", "colour", "<:color ", " :color ", "", "color"]
        for text in yes { #expect(XMLBytes.mayHoldElement("color", in: Data(text.utf8)), "\(text)") }
        for text in no { #expect(!XMLBytes.mayHoldElement("color", in: Data(text.utf8)), "\(text)") }
    }

    /// Our own style, as every stamp writes it, holds neither element: verifying a stamped
    /// document compiles neither pattern.
    @Test func ourStyleHoldsNeither() {
        for prefix in [nil, "w", "ns0"] {
            let style = Data(DOCXStamp.styleXML(prefix: prefix).utf8)
            #expect(!XMLBytes.mayHoldElement("color", in: style))
            #expect(!XMLBytes.mayHoldElement("vanish", in: style))
        }
    }

    /// Never false where the DOCX style patterns match: 3,000 random strings over the characters
    /// that matter. Half of them are built round an element the patterns match, with random
    /// pieces before, after and (sometimes) inside it: the random pieces alone matched only a
    /// few times in 3,000, and CI once drew none.
    @Test func neverFalseWhereThePatternMatches() throws {
        let color = try NSRegularExpression(pattern: #"<(\w+:)?color\s+\w+:val="([0-9A-Fa-f]{6})""#)
        let vanish = try NSRegularExpression(pattern: #"<(\w+:)?vanish(\s*/>|\s+\w+:val="(1|true|on)")"#)
        let pieces = ["<", ":", "w", "ns0", "é", "color", "vanish", " ", "/>", "val=\"", "w:val=\"", "FFFFFF", "true", "\"", "-", "_", "\t", ">"]
        let elements = [["<", "w:", "color", " ", "w:val=\"", "FFFFFF", "\""], ["<", "color", "\t", "x:val=\"", "00aa00", "\""],
                        ["<", "ns0:", "vanish", "/>"], ["<", "vanish", " ", "w:val=\"", "on", "\""], ["<", "é:", "vanish", " ", "/>"]]
        var generator = SystemRandomNumberGenerator()
        func random(_ count: Int) -> [String] {
            (0..<count).map { _ in pieces.randomElement(using: &generator)! }
        }
        var matched = 0
        for round in 0..<3_000 {
            var parts = random(Int.random(in: 1...14, using: &generator))
            if round.isMultiple(of: 2) {
                var element = elements.randomElement(using: &generator)!
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    element.insert(contentsOf: random(1), at: Int.random(in: 0...element.count, using: &generator))
                }
                parts.insert(contentsOf: element, at: Int.random(in: 0...parts.count, using: &generator))
            }
            let text = parts.joined()
            let range = NSRange(location: 0, length: text.utf16.count)
            for (name, pattern) in [("color", color), ("vanish", vanish)] where pattern.firstMatch(in: text, range: range) != nil {
                matched += 1
                #expect(XMLBytes.mayHoldElement(name, in: Data(text.utf8)), "\(name) in \(text)")
            }
        }
        #expect(matched > 500, "the strings matched only \(matched) times; the test checks too little")
    }
}
