import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One pattern in gitignore syntax, from a `.discloseignore` file or `--exclude`.
///
/// Supported: `#` comments, blank lines, `!` negation, a trailing `/` (folders only), a
/// leading or middle `/` (anchored to the folder the rules belong to), `*`, `?`, `[a-z]`,
/// `**` (any number of folders: `**/x`, `a/**/b`, `a/**`) and `\` escapes.
public struct IgnorePattern: Equatable, Sendable {
    /// The pattern as written, for messages.
    public var source: String
    /// True for `!pattern`: a match re-includes the path.
    public var negated: Bool
    /// True for `pattern/`: matches folders only.
    public var foldersOnly: Bool
    /// True when the pattern contains a `/` before its end: it matches paths relative to
    /// the rules' folder, not a name at any depth.
    public var anchored: Bool
    /// The pattern split at `/`; `**` segments match any number of path components.
    var segments: [String]

    /// Parses one line; nil for blank lines and comments.
    public init?(line: String) {
        var text = Substring(line)
        if text.hasSuffix("\r") { text = text.dropLast() }
        // Trailing spaces are ignored unless escaped with a backslash.
        while text.hasSuffix(" ") && !text.hasSuffix("\\ ") { text = text.dropLast() }
        guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
        source = String(text)
        negated = text.hasPrefix("!")
        if negated { text = text.dropFirst() }
        if text.hasPrefix("\\#") || text.hasPrefix("\\!") { text = text.dropFirst() }
        foldersOnly = text.hasSuffix("/")
        while text.hasSuffix("/") { text = text.dropLast() }
        guard !text.isEmpty else { return nil }
        anchored = text.dropFirst().contains("/") || text.hasPrefix("/")
        if text.hasPrefix("/") { text = text.drop { $0 == "/" } }
        segments = text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if !anchored { segments = ["**"] + segments }
    }

    /// True when the pattern matches `components` (a path relative to the rules' folder).
    public func matches(_ components: [String], isFolder: Bool) -> Bool {
        matches(components[...], isFolder: isFolder)
    }

    /// True when the pattern matches `components` (a path relative to the rules' folder).
    func matches(_ components: ArraySlice<String>, isFolder: Bool) -> Bool {
        if foldersOnly && !isFolder { return false }
        return Self.match(segments[...], components)
    }

    static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return !path.isEmpty }
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let component = path.first, fnmatch(first, component, 0) == 0 else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}

/// The patterns of one `.discloseignore` file (or the `--exclude` list), with the folder they
/// apply to. Later patterns override earlier ones, as in gitignore.
public struct IgnoreRules: Equatable, Sendable {
    /// The name of the ignore file read in every walked folder.
    public static let fileName = ".discloseignore"

    /// The folder the patterns are relative to, as components below the walk's root.
    public var base: [String]
    /// The patterns, in file order.
    public var patterns: [IgnorePattern]

    /// Parses rules from the text of an ignore file.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - base: the folder holding the file, as components below the walk's root.
    public init(text: String, base: [String] = []) {
        self.base = base
        self.patterns = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" })
            .compactMap { IgnorePattern(line: String($0)) }
    }

    /// Rules from patterns given one by one (`--exclude`).
    public init(patterns: [String], base: [String] = []) {
        self.base = base
        self.patterns = patterns.compactMap { IgnorePattern(line: $0) }
    }

    /// The verdict of these rules for a path below the root: true (ignore), false
    /// (re-included by a `!` pattern) or nil (no pattern matches, or the path is outside `base`).
    public func verdict(_ components: [String], isFolder: Bool) -> Bool? {
        // Asked for every entry the walk lists: no arrays are made (`--exclude` is usually empty).
        guard !patterns.isEmpty, components.count > base.count, components.starts(with: base) else { return nil }
        let relative = components[base.count...]
        var result: Bool?
        for pattern in patterns where pattern.matches(relative, isFolder: isFolder) {
            result = !pattern.negated
        }
        return result
    }
}

/// A stack of rules (shallowest first, `--exclude` last) deciding whether a path is ignored.
/// Deeper ignore files override shallower ones; `--exclude` overrides every file.
public struct IgnoreStack: Sendable {
    /// The rules, lowest precedence first.
    public var layers: [IgnoreRules]

    /// Creates a stack.
    public init(layers: [IgnoreRules] = []) {
        self.layers = layers
    }

    /// True when the last rule to match `components` ignores it.
    public func isIgnored(_ components: [String], isFolder: Bool) -> Bool {
        for layer in layers.reversed() {
            if let verdict = layer.verdict(components, isFolder: isFolder) { return verdict }
        }
        return false
    }
}
