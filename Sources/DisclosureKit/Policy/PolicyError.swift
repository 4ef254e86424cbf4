import Foundation

/// Why a policy or config file could not be used. Every message names the file, the line
/// (where known) and the key, and says what to do:
/// `disclose-policy.toml:14: key "tools.purposes": "essay-writing" is not a purpose Disclose knows; …`.
public enum PolicyError: Error, Equatable, Sendable {
    /// The file does not exist or cannot be read.
    case unreadable(path: String)
    /// The file is not UTF-8 text, holds a NUL byte, or is too large to be a policy.
    case notText(path: String, reason: String)
    /// The file is not valid TOML.
    case syntax(path: String, line: Int, column: Int, reason: String)
    /// A key the format does not define (often a misspelling).
    case unknownKey(path: String, line: Int?, key: String, allowed: [String])
    /// A key whose value has the wrong TOML type.
    case wrongType(path: String, line: Int?, key: String, expected: String, found: String)
    /// A required key is absent.
    case missingKey(path: String, line: Int?, key: String, hint: String)
    /// A value of the right type that is not allowed.
    case invalidValue(path: String, line: Int?, key: String, detail: String)
    /// A file that `init` would overwrite.
    case wouldOverwrite(path: String)
    /// Writing a file failed.
    case writeFailed(path: String, reason: String)

    /// The documented exit code: 3 when the file cannot be read, 4 when a write failed, else 2 (a usage error).
    public var exitCode: Int32 {
        switch self {
        case .unreadable, .notText: return 3
        case .writeFailed: return 4
        default: return 2
        }
    }
}

extension PolicyError: LocalizedError, CustomStringConvertible {
    /// `file:line: key "k": problem; what to do`.
    public var description: String {
        switch self {
        case .unreadable(let path):
            return "\(path): the file does not exist or cannot be read. Check the path (or the `policy` entry in .disclose.toml)."
        case .notText(let path, let reason):
            return "\(path): \(reason); a policy or config file is UTF-8 TOML text."
        case .syntax(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): not valid TOML: \(reason)"
        case .unknownKey(let path, let line, let key, let allowed):
            return "\(PolicyError.at(path, line)) unknown key \"\(key)\"; the keys allowed here are \(allowed.joined(separator: ", ")). Check the spelling against docs/policy.md."
        case .wrongType(let path, let line, let key, let expected, let found):
            return "\(PolicyError.at(path, line)) key \"\(key)\": expected \(expected), found \(PolicyError.article(found))"
        case .missingKey(let path, let line, let key, let hint):
            return "\(PolicyError.at(path, line)) key \"\(key)\" is missing; \(hint)"
        case .invalidValue(let path, let line, let key, let detail):
            return "\(PolicyError.at(path, line)) key \"\(key)\": \(detail)"
        case .wouldOverwrite(let path):
            return "\(path) already exists; nothing was written. Give --force to replace it."
        case .writeFailed(let path, let reason):
            return "\(path): could not write the file (\(reason)). Check the folder exists and you may write to it."
        }
    }

    public var errorDescription: String? { description }

    static func at(_ path: String, _ line: Int?) -> String {
        line.map { "\(path):\($0):" } ?? "\(path):"
    }

    static func article(_ type: String) -> String {
        let vowel = type.first.map { "aeiou".contains($0) } ?? false
        return (vowel ? "an " : "a ") + type
    }
}
