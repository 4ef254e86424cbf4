@testable import DisclosureKit
import Foundation
import Testing

/// ``XMLBytes/find(_:in:)`` searches with `memmem`; it must give the offsets Foundation's
/// `Data.range(of:)` gives, slices (whose indices do not start at 0) included.
@Suite struct XMLBytesFindTests {
    static func foundation(_ needle: String, in data: Data) -> Int? {
        data.range(of: Data(needle.utf8)).map { $0.lowerBound - data.startIndex }
    }

    @Test func edgeCasesAgreeWithFoundation() {
        let data = Data("<w:style w:styleId=\"AIDisclosure\"><w:name/></w:style>".utf8)
        let cases: [(String, Data)] = [
            ("", data), ("style>", data), ("<", data), ("</w:style>", data), ("absent", data),
            ("style>", Data()), ("a", Data("a".utf8)), ("ab", Data("a".utf8)), ("é", Data("café".utf8)),
            ("style>", data[10...]), ("<w:", data[1...]), ("w:name", data[5..<40]), ("style>", data[5..<40]),
        ]
        for (needle, haystack) in cases {
            #expect(XMLBytes.find(needle, in: haystack) == Self.foundation(needle, in: haystack), "\(needle) in \(haystack.count) bytes from \(haystack.startIndex)")
        }
        #expect(XMLBytes.find("style>", in: data) == 47)
        #expect(XMLBytes.find("style>", in: data[28...]) == 19)
    }

    @Test func randomTextAgreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab<>/\"=é".unicodeScalars)
        func text(_ count: Int) -> String {
            String(String.UnicodeScalarView((0..<count).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        var found = 0
        for _ in 0..<2_000 {
            let data = Data(text(Int.random(in: 0...40, using: &generator)).utf8)
            let start = data.isEmpty ? 0 : Int.random(in: 0...data.count, using: &generator)
            let slice = data[start...]
            let needle = text(Int.random(in: 0...3, using: &generator))
            let expected = Self.foundation(needle, in: slice)
            #expect(XMLBytes.find(needle, in: slice) == expected, "\(needle) in \(Array(slice)) from \(start)")
            if expected != nil { found += 1 }
        }
        #expect(found > 200, "the random needles were found \(found) times")
    }
}
