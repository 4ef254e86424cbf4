import Foundation

/// `trimmingCharacters(in:)` without Foundation's cost (about 25,000 instructions a call, a
/// bridge to `NSString` and back) when there is nothing to trim: a string whose first and last
/// bytes are ASCII characters outside the set is returned as it is, which is what Foundation
/// returns for it. Any other string (empty, white space or any non-ASCII byte at either end)
/// is trimmed by Foundation, as before.
struct QuickTrim: Sendable {
    private let set: CharacterSet
    /// For each ASCII byte, whether `set` contains it (read from the set itself).
    private let ascii: [Bool]

    init(_ set: CharacterSet) {
        self.set = set
        ascii = (0..<128).map { set.contains(Unicode.Scalar(UInt8($0))) }
    }

    static let whitespaces = QuickTrim(.whitespaces)
    static let whitespacesAndNewlines = QuickTrim(.whitespacesAndNewlines)

    /// True when `s` starts and ends with an ASCII byte outside the set (so nothing is trimmed).
    func keepsAll(_ s: String) -> Bool {
        edgesKept(s.utf8.first, s.utf8.last)
    }

    func keepsAll(_ s: Substring) -> Bool {
        edgesKept(s.utf8.first, s.utf8.last)
    }

    private func edgesKept(_ first: UInt8?, _ last: UInt8?) -> Bool {
        guard let first, let last else { return false }
        return first < 0x80 && last < 0x80 && !ascii[Int(first)] && !ascii[Int(last)]
    }

    /// `s.trimmingCharacters(in: set)`.
    func callAsFunction(_ s: String) -> String {
        keepsAll(s) ? s : s.trimmingCharacters(in: set)
    }

    /// `s.trimmingCharacters(in: set)`.
    func callAsFunction(_ s: Substring) -> String {
        keepsAll(s) ? String(s) : s.trimmingCharacters(in: set)
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
        let quick = s.withUTF8 { b -> String? in
            guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
            guard b.contains(t) else { return "" }
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            for c in b { if c == t { out += replacement.utf8 } else { out.append(c) } }
            return String(decoding: out, as: UTF8.self)
        }
        switch quick {
        case nil: return s.replacingOccurrences(of: String(target), with: replacement)
        case ""?: return s
        case let done?: return done
        }
    }

    /// True when `s` is all ASCII (so it holds no character outside ASCII to replace).
    static func isASCII(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 < 0x80 }
    }
}
