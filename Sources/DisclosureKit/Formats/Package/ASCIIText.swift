import Foundation

/// Quick forms of the `String` operations the package checks run on every entry name and
/// content type, for text that is ASCII (nearly every part name and type): each character is
/// then one byte (CR LF aside), so comparing bytes gives what comparing characters gives. Text
/// that is not ASCII goes through the `String` operations as before, so nothing reads
/// differently (a combining mark after a letter makes another character, which a byte search
/// would not see).
enum ASCIIText {
    /// `body` over the UTF-8 bytes of `text` when they are all ASCII and stored contiguously;
    /// nil otherwise (the caller then uses the `String` operation).
    static func withASCII<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        let result: Result?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var any: UInt8 = 0
            for b in bytes { any |= b }
            return any < 0x80 ? body(bytes) : nil
        }
        return result ?? nil
    }

    /// True when every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool {
        withASCII(text) { _ in true } ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// `b` with A-Z in lower case.
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// `text.contains(needle)`, for a non-empty ASCII `needle` without CR or LF.
    static func contains(_ text: String, _ needle: StaticString) -> Bool {
        withASCII(text) { bytes in
            let count = needle.utf8CodeUnitCount
            let n = needle.utf8Start
            var at = 0
            while at + count <= bytes.count {
                var k = 0
                while k < count, bytes[at + k] == n[k] { k += 1 }
                if k == count { return true }
                at += 1
            }
            return false
        } ?? text.contains(needle.description)
    }

    /// `text` with ASCII letters in lower case and other characters as they are: what
    /// `String(text.map { $0.isASCII ? Character($0.lowercased()) : $0 })` gives, without a
    /// string per character when `text` is ASCII.
    static func foldingASCIICase(_ text: String) -> String {
        withASCII(text) { bytes in
            bytes.contains { $0 >= 0x41 && $0 <= 0x5A } ? String(decoding: bytes.map(lower), as: UTF8.self) : text
        } ?? String(text.map { $0.isASCII ? Character($0.lowercased()) : $0 })
    }

    /// `text.lowercased().hasSuffix(suffix)`, for a lower-case ASCII `suffix`.
    static func lowercasedHasSuffix(_ text: String, _ suffix: StaticString) -> Bool {
        withASCII(text) { bytes in
            let count = suffix.utf8CodeUnitCount
            guard bytes.count >= count else { return false }
            let s = suffix.utf8Start
            let start = bytes.count - count
            for k in 0..<count where lower(bytes[start + k]) != s[k] { return false }
            return true
        } ?? text.lowercased().hasSuffix(suffix.description)
    }
}
