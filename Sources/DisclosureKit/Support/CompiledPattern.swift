import Foundation

/// A regular expression compiled once and matched exactly as `String.range(of:options:)` with
/// `.regularExpression` matches it (the same ICU engine, options and range), without compiling
/// the pattern again on every call: for patterns run once per audited file.
final class CompiledPattern: Sendable {
    // NSRegularExpression is immutable and safe to match from several threads at once.
    private let regex: NSRegularExpression

    /// - Parameters:
    ///   - pattern: an ICU pattern (a programming error when it does not compile).
    ///   - caseInsensitive: as `.caseInsensitive` in `range(of:options:)`.
    init(_ pattern: String, caseInsensitive: Bool = false) {
        regex = try! NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    /// The first match in `text`, as `text.range(of: pattern, options: .regularExpression)` returns it.
    func firstRange(in text: String) -> Range<String.Index>? {
        let found = regex.rangeOfFirstMatch(in: text, options: [], range: NSRange(location: 0, length: text.utf16.count))
        guard found.location != NSNotFound else { return nil }
        return Range(found, in: text)
    }
}

/// A regular expression compiled the first time it is matched, then kept: for a list of patterns
/// of which a run may need only a few (the written declarations' patterns are tried only on
/// sentences that have their words, and compiling all of them cost about 59 million
/// instructions, more than a small audit's own work).
final class LazyRegex: Sendable {
    private let pattern: String
    private let options: NSRegularExpression.Options
    private let compiled = Locked<NSRegularExpression?>(nil)

    /// - Parameters:
    ///   - pattern: an ICU pattern (a programming error when it does not compile).
    ///   - options: as for `NSRegularExpression`.
    init(_ pattern: String, _ options: NSRegularExpression.Options) {
        self.pattern = pattern
        self.options = options
    }

    /// The compiled expression (compiled now if this is the first use).
    var regex: NSRegularExpression {
        compiled.withLock { stored in
            if let stored { return stored }
            let made = try! NSRegularExpression(pattern: pattern, options: options)
            stored = made
            return made
        }
    }

    /// True once the expression has been compiled (for tests).
    var isCompiled: Bool { compiled.current != nil }

    /// As `NSRegularExpression.firstMatch(in:range:)`.
    func firstMatch(in string: String, range: NSRange) -> NSTextCheckingResult? {
        regex.firstMatch(in: string, range: range)
    }
}
