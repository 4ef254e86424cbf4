import Foundation

/// `trimmingCharacters(in:)` without Foundation's cost (25,000 to 50,000 instructions a call, a
/// bridge to `NSString` and back). An all-ASCII string is trimmed by bytes: each of its
/// characters is one byte (CR LF aside, and the set holds both or neither), so dropping the set's
/// bytes from either end drops the characters Foundation drops. A string whose first and last
/// bytes are ASCII characters outside the set is returned as it is (nothing to trim). Any other
/// string is trimmed by Foundation, as before.
struct QuickTrim: Sendable {
    private let set: CharacterSet
    /// For each ASCII byte, whether `set` contains it (read from the set itself).
    private let ascii: [Bool]
    /// False for a set that holds one of CR and LF but not the other (then only the edge test applies).
    private let bytewise: Bool

    init(_ set: CharacterSet) {
        self.set = set
        ascii = (0..<128).map { set.contains(Unicode.Scalar(UInt8($0))) }
        bytewise = ascii[0x0D] == ascii[0x0A]
    }

    static let whitespaces = QuickTrim(.whitespaces)
    static let whitespacesAndNewlines = QuickTrim(.whitespacesAndNewlines)

    /// `s.trimmingCharacters(in: set)`, or nil when Foundation must answer.
    private func quick(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard let first = b.first, let last = b.last else { return 0..<0 }
        if first < 0x80, last < 0x80, !ascii[Int(first)], !ascii[Int(last)] { return 0..<b.count }
        guard bytewise, !b.contains(where: { $0 >= 0x80 }) else { return nil }
        var start = 0, end = b.count
        while start < end, ascii[Int(b[start])] { start += 1 }
        while end > start, ascii[Int(b[end - 1])] { end -= 1 }
        return start..<end
    }

    /// `s.trimmingCharacters(in: set)`.
    func callAsFunction(_ s: String) -> String {
        var s = s
        let range = s.withUTF8 { quick($0) }
        guard let range else { return s.trimmingCharacters(in: set) }
        if range.count == s.utf8.count { return s }
        return s.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// `s.trimmingCharacters(in: set)`.
    func callAsFunction(_ s: Substring) -> String {
        callAsFunction(String(s))
    }
}

/// `replacingOccurrences(of:with:)` for one ASCII character (not CR or LF, which can be half of
/// one character) in an all-ASCII string, by bytes: in ASCII text every occurrence is a whole
/// character, so Foundation replaces exactly these bytes. Other strings go to Foundation.
enum QuickReplace {
    /// `s.replacingOccurrences(of: String(target), with: replacement)`.
    static func replacing(_ s: String, _ target: Unicode.Scalar, with replacement: String) -> String {
        precondition(target.isASCII && target != "\r" && target != "\n")
        let t = UInt8(target.value)
        var s = s
        // nil: not ASCII (Foundation answers); .some(nil): no target (unchanged); .some(text): replaced.
        let quick = s.withUTF8 { b -> String?? in
            guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
            guard b.contains(t) else { return .some(nil) }
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            for c in b { if c == t { out += replacement.utf8 } else { out.append(c) } }
            return .some(String(decoding: out, as: UTF8.self))
        }
        switch quick {
        case nil: return s.replacingOccurrences(of: String(target), with: replacement)
        case .some(nil): return s
        case .some(let done?): return done
        }
    }

    /// True when `s` is all ASCII (so it holds no character outside ASCII to replace).
    static func isASCII(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 < 0x80 }
    }
}
