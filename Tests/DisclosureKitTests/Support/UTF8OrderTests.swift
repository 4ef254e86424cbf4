@testable import DisclosureKit
import Foundation
import Testing

/// Folder listings, archive entries and report rows sort by UTF-8 bytes; the `memcmp` comparison
/// must give exactly the order of `utf8.lexicographicallyPrecedes`.
struct UTF8OrderTests {
    static let pieces = ["", "a", "A", "b", "Z", "_", ".", "-", "~", "é", "e\u{301}", "ß", "日本", "😀", "\u{0}", "\u{7F}", "\u{80}", "\u{FFFD}",
                         "report", "report.docx", "Report.docx", "report-2.docx", "a/b", "a.b", "café", "cafe\u{301}"]

    @Test func matchesTheByteOrderOfTheUTF8Views() {
        var generator = SystemRandomNumberGenerator()
        var strings = Self.pieces
        // Short strings are stored inline, long ones on the heap; mix both, and shared prefixes.
        for _ in 0..<600 {
            let parts = (0..<Int.random(in: 1...6, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }
            strings.append(parts.joined())
            strings.append(String(repeating: "long-shared-prefix/", count: Int.random(in: 1...3, using: &generator)) + parts.joined())
        }
        // Bridged strings are not contiguous UTF-8: the fallback must agree too.
        strings += ["zeta", "éclair", "日本語"].map { NSString(string: $0) as String }
        for a in strings.prefix(400) {
            for b in strings.suffix(400) {
                #expect(UTF8Order.precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a.debugDescription) vs \(b.debugDescription)")
            }
        }
        #expect(strings.sorted(by: UTF8Order.precedes).map { Array($0.utf8) } == strings.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        // The keyed sort gives the same order, equal strings included (NUL bytes, prefixes longer than its 16-byte keys).
        let many = strings + strings.prefix(50) + ["a", "a\u{0}", "a\u{0}\u{0}", String(repeating: "x", count: 16), String(repeating: "x", count: 16) + "\u{0}"]
        #expect(UTF8Order.sorted(many).map { Array($0.utf8) } == many.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(UTF8Order.sorted(many) == many.sorted(by: UTF8Order.precedes))
        #expect(UTF8Order.sorted([]) == [] && UTF8Order.sorted(["only"]) == ["only"])
    }

    @Test func ordersBytesNotCanonicalEquivalence() {
        // NFC "é" (C3 A9) and NFD "e" + U+0301 (65 CC 81) are equal as Swift strings but not as bytes.
        #expect(UTF8Order.precedes("e\u{301}", "é"))
        #expect(!UTF8Order.precedes("é", "e\u{301}"))
        #expect(UTF8Order.precedes("Z", "a"))
        #expect(UTF8Order.precedes("a", "ab"))
        #expect(!UTF8Order.precedes("ab", "ab"))
    }

    /// The cache's look-up takes a batch's indices in byte order; a list already in order is
    /// returned as it is, any other is sorted, and equal strings end up next to each other.
    @Test func sortedIndicesGiveTheByteOrder() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let strings = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                (0..<Int.random(in: 0...4, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            }
            let order = UTF8Order.sortedIndices(strings)
            #expect(order.sorted() == Array(strings.indices))
            #expect(order.map { Array(strings[$0].utf8) } == strings.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
            let sorted = UTF8Order.sorted(strings)
            #expect(UTF8Order.sortedIndices(sorted) == Array(sorted.indices))
        }
        #expect(UTF8Order.sortedIndices(["b", "a", "b"]).map { ["b", "a", "b"][$0] } == ["a", "b", "b"])
    }
}
