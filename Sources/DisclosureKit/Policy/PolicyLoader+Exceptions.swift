import Foundation
import TOMLKit

/// The keys added for what real policies say: purposes per role and data classes on a
/// tool, exceptions approved in advance (`[[approvals]]`) and banned uses (`[[banned]]`).
extension PolicyLoader {
    static let approvalKeys = ["id", "tools", "purposes", "people", "tasks", "approver", "expires", "note"]
    static let bannedKeys = ["purposes", "message"]

    /// `role_purposes = { pupils = ["drafting", "research"] }`: each role's own purposes for one tool.
    func readRolePurposes(_ t: TOMLTable, _ s: TOMLSourceMap.Section, _ r: TOMLReader, roles: [String]) throws -> [String: [Purpose]] {
        guard let table = try r.table(t, "role_purposes", s) else { return [:] }
        var out: [String: [Purpose]] = [:]
        for role in table.keys {
            let key = "role_purposes.\(role)"
            if !roles.isEmpty && !roles.contains(role) {
                throw r.invalid(key, s, "\"\(role)\" is not one of the roles in policy.roles (\(roles.joined(separator: ", "))); add it there or correct the spelling")
            }
            guard let value = table[role], value.type == .array, let array = value.array else {
                throw r.wrongType(key, s, expected: "a list of purposes", found: table[role]!)
            }
            let names = try array.map { element -> String in
                guard element.type == .string, let name = element.string else { throw r.wrongType(key, s, expected: "a list of strings", found: element) }
                return name
            }
            out[role] = try PolicyLoader.purposes(names, key, s, r)
        }
        return out
    }

    static func dataClasses(_ t: TOMLTable, _ key: String, _ s: TOMLSourceMap.Section, _ r: TOMLReader) throws -> [DataClass]? {
        guard let names = try r.strings(t, key, s) else { return nil }
        try noRepeats(names, key: key, section: s, reader: r, what: "data class")
        return try names.map { name in
            guard let value = DataClass(rawValue: name) else {
                throw r.invalid(key, s, value: name, "\"\(name)\" is not a data class Disclose knows; use one of \(DataClass.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
    }

    func readApprovals(_ root: TOMLTable, _ r: TOMLReader, tasks: [String]) throws -> [ApprovedException] {
        var out: [ApprovedException] = []
        var seen: Set<String> = []
        for (index, t) in try r.tables(root, "approvals").enumerated() {
            let s = TOMLSourceMap.Section(name: "approvals", index: index)
            try r.checkKeys(t, s, allowed: PolicyLoader.approvalKeys)
            guard let id = try r.nonEmptyString(t, "id", s) else {
                throw PolicyError.missingKey(path: r.path, line: r.map.line(of: s), key: "approvals.id", hint: "every [[approvals]] entry needs an id, cited with `disclose stamp --approval`")
            }
            if !seen.insert(id).inserted { throw r.invalid("id", s, value: id, "the approval \"\(id)\" is listed twice; give each approval its own id") }
            guard let approver = try r.nonEmptyString(t, "approver", s) else {
                throw PolicyError.missingKey(path: r.path, line: r.map.line(of: s), key: "approvals.approver", hint: "say who approved the exception, e.g. approver = \"Headteacher\"")
            }
            var expires: String?
            if let value = try r.string(t, "expires", s) {
                guard value.count == 10, Disclosure.isISO8601(value) else {
                    throw r.invalid("expires", s, value: value, "\"\(value)\" is not a date; write the last day the approval covers as YYYY-MM-DD, e.g. \"2026-07-31\"")
                }
                expires = value
            }
            let scopeTasks = try r.strings(t, "tasks", s)
            for task in scopeTasks ?? [] where !tasks.contains(task) {
                throw r.invalid("tasks", s, value: task, "the task \"\(task)\" is not in the policy's [[tasks]]" + (tasks.isEmpty ? "" : " (\(tasks.joined(separator: ", ")))"))
            }
            let purposes = try PolicyLoader.purposes(t, "purposes", s, r)
            let scope = ["tools", "purposes", "people", "tasks"].filter { t[$0] != nil }
            if scope.isEmpty {
                throw PolicyError.missingKey(path: r.path, line: r.map.line(of: s), key: "approvals.tools",
                                             hint: "say what the approval covers with at least one of tools, purposes, people or tasks")
            }
            out.append(ApprovedException(
                id: id, tools: try r.strings(t, "tools", s), purposes: purposes, people: try r.strings(t, "people", s), tasks: scopeTasks,
                approver: approver, expires: expires, note: try r.string(t, "note", s), line: r.map.line(of: s)))
        }
        return out
    }

    func readBanned(_ root: TOMLTable, _ r: TOMLReader) throws -> [BannedUse] {
        try r.tables(root, "banned").enumerated().map { index, t in
            let s = TOMLSourceMap.Section(name: "banned", index: index)
            try r.checkKeys(t, s, allowed: PolicyLoader.bannedKeys)
            guard let purposes = try PolicyLoader.purposes(t, "purposes", s, r), !purposes.isEmpty else {
                throw PolicyError.missingKey(path: r.path, line: r.map.line(of: s), key: "banned.purposes", hint: "list the purposes never allowed, e.g. purposes = [\"emotion-recognition\"]")
            }
            guard let message = try r.nonEmptyString(t, "message", s) else {
                throw PolicyError.missingKey(path: r.path, line: r.map.line(of: s), key: "banned.message", hint: "give the policy's own words for why, e.g. message = \"The trust never uses AI to read pupils' emotions (section 4.2)\"")
            }
            return BannedUse(purposes: purposes, message: message, line: r.map.line(of: s))
        }
    }
}
