import Foundation
import TOMLKit

/// Reads typed values out of a parsed TOML table, turning every problem into a
/// ``PolicyError`` that names the file, the line and the key. Shared by the policy and
/// config loaders.
struct TOMLReader {
    typealias Section = TOMLSourceMap.Section

    /// The path as given, for messages.
    let path: String
    /// Lines of keys and headers.
    let map: TOMLSourceMap

    /// The largest policy or config file read, in bytes.
    static let maxBytes = 1 << 20

    /// Reads and parses a TOML file.
    static func open(path: String) throws -> (TOMLTable, TOMLReader, String) {
        guard let data = FileManager.default.contents(atPath: path) else { throw PolicyError.unreadable(path: path) }
        return try parse(data: data, path: path)
    }

    /// Parses TOML bytes read from `path`.
    static func parse(data: Data, path: String) throws -> (TOMLTable, TOMLReader, String) {
        if data.count > maxBytes {
            throw PolicyError.notText(path: path, reason: "the file is \(data.count) bytes, over the limit of \(maxBytes)")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw PolicyError.notText(path: path, reason: "the file is not valid UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.utf8.contains(0) { throw PolicyError.notText(path: path, reason: "the file contains a NUL byte") }
        do {
            let table = try TOMLTable(string: text)
            return (table, TOMLReader(path: path, map: TOMLSourceMap(text: text)), text)
        } catch let error as TOMLParseError {
            throw PolicyError.syntax(path: path, line: error.source.begin.line, column: error.source.begin.column, reason: error.description)
        }
    }

    func line(_ key: String, _ section: Section) -> Int? { map.line(of: key, in: section) }

    /// Refuses keys outside `allowed`, naming the first unknown one in file order.
    func checkKeys(_ table: TOMLTable, _ section: Section, allowed: [String]) throws {
        let unknown = table.keys.filter { !allowed.contains($0) }
        guard !unknown.isEmpty else { return }
        let first = unknown.min { (line($0, section) ?? .max) < (line($1, section) ?? .max) }!
        throw PolicyError.unknownKey(path: path, line: line(first, section), key: section.display(first), allowed: allowed)
    }

    func wrongType(_ key: String, _ section: Section, expected: String, found value: TOMLValueConvertible) -> PolicyError {
        .wrongType(path: path, line: line(key, section), key: section.display(key), expected: expected, found: value.type.description)
    }

    func invalid(_ key: String, _ section: Section, value: String? = nil, _ detail: String) -> PolicyError {
        let at = value.map { map.line(ofValue: $0, key: key, in: section) } ?? line(key, section)
        return .invalidValue(path: path, line: at, key: section.display(key), detail: detail)
    }

    func table(_ parent: TOMLTable, _ key: String, _ section: Section = .root) throws -> TOMLTable? {
        guard let value = parent[key] else { return nil }
        guard let table = value.table, value.type == .table else { throw wrongType(key, section, expected: "a table ([\(key)])", found: value) }
        return table
    }

    func tables(_ parent: TOMLTable, _ key: String) throws -> [TOMLTable] {
        guard let value = parent[key] else { return [] }
        guard value.type == .array, let array = value.array else { throw wrongType(key, .root, expected: "a list of tables ([[\(key)]])", found: value) }
        return try array.map { element in
            guard element.type == .table, let table = element.table else { throw wrongType(key, .root, expected: "a list of tables ([[\(key)]])", found: element) }
            return table
        }
    }

    func string(_ t: TOMLTable, _ key: String, _ section: Section) throws -> String? {
        guard let value = t[key] else { return nil }
        guard value.type == .string, let s = value.string else { throw wrongType(key, section, expected: "a string (in quotes)", found: value) }
        return s
    }

    func nonEmptyString(_ t: TOMLTable, _ key: String, _ section: Section) throws -> String? {
        guard let s = try string(t, key, section) else { return nil }
        if s.trimmingCharacters(in: .whitespaces).isEmpty { throw invalid(key, section, "the value is empty") }
        return s
    }

    func bool(_ t: TOMLTable, _ key: String, _ section: Section) throws -> Bool? {
        guard let value = t[key] else { return nil }
        guard value.type == .bool, let b = value.bool else { throw wrongType(key, section, expected: "true or false", found: value) }
        return b
    }

    func int(_ t: TOMLTable, _ key: String, _ section: Section) throws -> Int? {
        guard let value = t[key] else { return nil }
        guard value.type == .int, let i = value.int else { throw wrongType(key, section, expected: "a whole number", found: value) }
        return i
    }

    func strings(_ t: TOMLTable, _ key: String, _ section: Section) throws -> [String]? {
        guard let value = t[key] else { return nil }
        guard value.type == .array, let array = value.array else { throw wrongType(key, section, expected: "a list of strings", found: value) }
        return try array.map { element in
            guard element.type == .string, let s = element.string else { throw wrongType(key, section, expected: "a list of strings", found: element) }
            return s
        }
    }

    /// A string that must be one of `choices`.
    func choice(_ t: TOMLTable, _ key: String, _ section: Section, _ choices: [String]) throws -> String? {
        guard let s = try string(t, key, section) else { return nil }
        guard choices.contains(s) else {
            throw invalid(key, section, value: s, "\"\(s)\" is not allowed; use one of \(choices.joined(separator: ", "))")
        }
        return s
    }

    /// Resolves `relative` against the folder of the file being read; absolute paths stay as they are.
    func resolve(_ relative: String) -> String {
        TOMLReader.resolve(relative, against: path)
    }

    static func resolve(_ relative: String, against file: String) -> String {
        let expanded = (relative as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        let base = URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent()
        return base.appendingPathComponent(expanded).standardizedFileURL.path
    }
}
