import Foundation

/// Quick forms of the `String` operations the package checks run on every entry name and
/// content type, for text that is ASCII (nearly every part name and type): each character is
/// then one byte (CR LF aside), so comparing bytes gives what comparing characters gives. Text
/// that is not ASCII goes through the `String` operations as before, so nothing reads
/// differently (a combining mark after a letter makes another character, which a byte search
/// would not see).
enum ASCIIText {
    /// True when every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// `text.contains(needle)`, for a non-empty ASCII `needle` without CR or LF.
    static func contains(_ text: String, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard isASCII(text) else { return text.contains(needle.description) }
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= count else { return false }
            let n = needle.utf8Start
            var at = 0
            while at + count <= bytes.count {
                var k = 0
                while k < count, bytes[at + k] == n[k] { k += 1 }
                if k == count { return true }
                at += 1
            }
            return false
        }
    }

    /// `text` with ASCII letters in lower case and other characters as they are: what
    /// `String(text.map { $0.isASCII ? Character($0.lowercased()) : $0 })` gives, without a
    /// string per character when `text` is ASCII.
    static func foldingASCIICase(_ text: String) -> String {
        guard isASCII(text) else { return String(text.map { $0.isASCII ? Character($0.lowercased()) : $0 }) }
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// `text.lowercased().hasSuffix(suffix)`, for a lower-case ASCII `suffix`.
    static func lowercasedHasSuffix(_ text: String, _ suffix: StaticString) -> Bool {
        guard isASCII(text) else { return text.lowercased().hasSuffix(suffix.description) }
        let count = suffix.utf8CodeUnitCount
        let utf8 = text.utf8
        guard utf8.count >= count else { return false }
        let s = suffix.utf8Start
        for (k, b) in utf8.suffix(count).enumerated() where (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != s[k] { return false }
        return true
    }
}
