import Foundation

/// A paragraph's text folded to lower case when it is all ASCII, to rule out regular
/// expressions cheaply: a pattern that needs a word can only match text that contains it.
/// For all-ASCII text, UTF-16 offsets (`NSRange`) are byte offsets, and ICU's case-insensitive
/// matching of ASCII words is ASCII case folding; text with any other character is not folded
/// (``init(_:)`` returns nil) and every pattern is tried on it, as before.
struct ASCIIWords {
    private let lower: [UInt8]

    /// Nil when `text` has a byte outside ASCII.
    init?(_ text: String) {
        var folded: [UInt8] = []
        folded.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            guard b < 0x80 else { return nil }
            folded.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        lower = folded
    }

    /// True when `word` (lower-case ASCII) occurs within `range` (offsets into the text).
    func contains(_ word: [UInt8], in range: NSRange) -> Bool {
        let start = max(0, range.location), end = min(lower.count, range.location + range.length)
        guard let first = word.first, end - start >= word.count else { return false }
        var i = start
        while i + word.count <= end {
            if lower[i] == first {
                var j = 1
                while j < word.count, lower[i + j] == word[j] { j += 1 }
                if j == word.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Words (lower-case ASCII) grouped by their first byte, for ``containsAny(_:)``.
    static func byFirstByte(_ words: some Sequence<String>) -> [[[UInt8]]] {
        var table = [[[UInt8]]](repeating: [], count: 128)
        for word in Set(words).sorted() { table[Int(word.utf8.first!)].append(Array(word.utf8)) }
        return table
    }

    /// True when any word of `table` (``byFirstByte(_:)``) occurs in the text: one pass, one
    /// look-up a byte.
    func containsAny(_ table: [[[UInt8]]]) -> Bool {
        let n = lower.count
        for i in 0..<n {
            for word in table[Int(lower[i])] where word.count <= n - i {
                var j = 1
                while j < word.count, lower[i + j] == word[j] { j += 1 }
                if j == word.count { return true }
            }
        }
        return false
    }

    /// True when every group of `required` has a word within `range`.
    func mayMatch(_ required: [[[UInt8]]], in range: NSRange) -> Bool {
        required.allSatisfy { group in group.contains { contains($0, in: range) } }
    }

    /// True when the text has an ASCII digit within `range`.
    func hasDigit(in range: NSRange) -> Bool {
        let start = max(0, range.location), end = min(lower.count, range.location + range.length)
        return start < end && lower[start..<end].contains { $0 >= 0x30 && $0 <= 0x39 }
    }
}
