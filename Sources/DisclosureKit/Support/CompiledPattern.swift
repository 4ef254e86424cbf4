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
