import Foundation
import TOMLKit

/// The line of each top-level setting of a policy file, keyed as messages name them
/// (`policy.unlisted_tools`, `declaration.fields`), so rules can cite the line they enforce.
public struct PolicyLines: Equatable, Sendable {
    /// Line numbers by key.
    public var keys: [String: Int]

    /// Creates a line table.
    public init(keys: [String: Int] = [:]) { self.keys = keys }

    /// The line of `key`, when the file has it.
    public func line(_ key: String) -> Int? { keys[key] }
}

/// Reads a policy file (TOML, documented in `docs/policy.md`) into a ``Policy``,
/// refusing unknown keys, wrong types and values outside Disclose's vocabularies with
/// messages that name the file, the line and the key.
public struct PolicyLoader: Sendable {
    static let sections = ["policy", "declaration", "tools", "tasks", "approvals", "banned", "statement", "signature"]
    static let policyKeys = ["id", "version", "name", "organisation", "contact", "roles", "unlisted_tools"]
    static let declarationKeys = ["required", "fields", "review_levels"]
    static let toolKeys = ["name", "aliases", "purposes", "users", "note", "role_purposes", "data_classes", "dpia", "approver"]
    static let taskKeys = ["id", "title", "level", "max_extent", "purposes", "roles", "declaration_required"]
    static let statementKeys = ["required_from", "exempt_review_levels", "exempt_requires_reviewer", "placement", "language", "template"]
    static let signatureKeys = ["required", "trust"]

    /// Creates a loader.
    public init() {}

    /// Reads the policy at `path`.
    /// - Throws: ``PolicyError`` naming the file, line and key of the first problem.
    public func load(path: String) throws -> Policy {
        guard let data = FileManager.default.contents(atPath: path) else { throw PolicyError.unreadable(path: path) }
        return try load(data: data, path: path)
    }

    /// Reads a policy from TOML bytes; `path` is used for messages and to resolve trust paths.
    public func load(data: Data, path: String) throws -> Policy {
        let (root, r, _) = try TOMLReader.parse(data: data, path: path)
        try r.checkKeys(root, .root, allowed: PolicyLoader.sections)
        var lines: [String: Int] = [:]
        func note(_ key: String, _ section: TOMLSourceMap.Section) {
            if let line = r.map.exactLine(of: key, in: section) { lines[section.display(key)] = line }
        }

        let head = TOMLSourceMap.Section(name: "policy", index: nil)
        guard let policyTable = try r.table(root, "policy") else {
            throw PolicyError.missingKey(path: path, line: nil, key: "policy.id", hint: "start the file with a [policy] table giving id = \"...\" and version = \"...\"")
        }
        try r.checkKeys(policyTable, head, allowed: PolicyLoader.policyKeys)
        guard let id = try r.nonEmptyString(policyTable, "id", head) else {
            throw PolicyError.missingKey(path: path, line: r.map.line(of: head), key: "policy.id", hint: "give the policy an identifier, e.g. id = \"oak-trust-ai\"; it is recorded in every disclosure stamped under it")
        }
        let roles = try r.strings(policyTable, "roles", head) ?? []
        try PolicyLoader.noRepeats(roles, key: "roles", section: head, reader: r, what: "role")
        let unlisted = try r.choice(policyTable, "unlisted_tools", head, Enforcement.allCases.map(\.rawValue)).flatMap(Enforcement.init) ?? .warn
        for key in ["unlisted_tools", "roles"] { note(key, head) }

        var policy = Policy(
            source: path, id: id, version: try r.nonEmptyString(policyTable, "version", head),
            name: try r.string(policyTable, "name", head), organisation: try r.string(policyTable, "organisation", head),
            contact: try r.nonEmptyString(policyTable, "contact", head),
            roles: roles, unlistedTools: unlisted, tools: [], declaration: DeclarationRequirements(), tasks: [],
            statement: StatementRequirements(), signature: SignatureRequirements(), lines: PolicyLines())

        policy.tools = try readTools(root, r, roles: roles)
        policy.tasks = try readTasks(root, r, roles: roles)
        policy.approvals = try readApprovals(root, r, tasks: policy.tasks.map(\.id))
        policy.banned = try readBanned(root, r)

        let declaration = TOMLSourceMap.Section(name: "declaration", index: nil)
        if let t = try r.table(root, "declaration") {
            try r.checkKeys(t, declaration, allowed: PolicyLoader.declarationKeys)
            policy.declaration.required = try r.bool(t, "required", declaration) ?? false
            if let names = try r.strings(t, "fields", declaration) {
                policy.declaration.fields = try names.map { name in
                    guard let field = DeclarationField(rawValue: name) else {
                        throw r.invalid("fields", declaration, value: name,
                                        "\"\(name)\" is not a declaration field Disclose knows; use one of \(DeclarationField.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return field
                }
            }
            if let levels = try r.strings(t, "review_levels", declaration) {
                try PolicyLoader.noRepeats(levels, key: "review_levels", section: declaration, reader: r, what: "review level")
                policy.declaration.reviewLevels = try levels.map { raw in
                    guard let level = ReviewLevel(rawValue: raw), level != .none else {
                        throw r.invalid("review_levels", declaration, value: raw,
                                        "\"\(raw)\" is not a review level a policy can ask for; use one of \(ReviewLevel.allCases.filter { $0 != .none }.map(\.rawValue).joined(separator: ", "))")
                    }
                    return level
                }
            }
            for key in PolicyLoader.declarationKeys { note(key, declaration) }
        }
        note("contact", head)
        policy.statement = try readStatement(root, r)
        for key in PolicyLoader.statementKeys { note(key, TOMLSourceMap.Section(name: "statement", index: nil)) }

        let signature = TOMLSourceMap.Section(name: "signature", index: nil)
        if let t = try r.table(root, "signature") {
            try r.checkKeys(t, signature, allowed: PolicyLoader.signatureKeys)
            policy.signature.required = try r.bool(t, "required", signature) ?? false
            policy.signature.trust = try (r.strings(t, "trust", signature) ?? []).map { entry in
                if entry.trimmingCharacters(in: .whitespaces).isEmpty { throw r.invalid("trust", signature, "an entry is empty; give the path of a trusted key or CA certificate") }
                return r.resolve(entry)
            }
            for key in PolicyLoader.signatureKeys { note(key, signature) }
        }
        policy.lines = PolicyLines(keys: lines)
        return policy
    }

    private func readTools(_ root: TOMLTable, _ r: TOMLReader, roles: [String]) throws -> [AuthorisedTool] {
        var tools: [AuthorisedTool] = []
        var seen: [String: Int] = [:]
        for (index, t) in try r.tables(root, "tools").enumerated() {
            let s = TOMLSourceMap.Section(name: "tools", index: index)
            try r.checkKeys(t, s, allowed: PolicyLoader.toolKeys)
            guard let name = try r.nonEmptyString(t, "name", s) else {
                throw PolicyError.missingKey(path: r.path, line: r.map.line(of: s), key: "tools.name", hint: "every [[tools]] entry needs the tool's name, e.g. name = \"Microsoft 365 Copilot\"")
            }
            let aliases = try r.strings(t, "aliases", s) ?? []
            for (key, value) in [("name", name)] + aliases.map({ ("aliases", $0) }) {
                let normal = Policy.normalise(value)
                if let first = seen[normal] {
                    throw r.invalid(key, s, value: value, "\"\(value)\" is listed twice (first at line \(first)); merge the two entries into one [[tools]] table")
                }
                seen[normal] = r.map.line(ofValue: value, key: key, in: s) ?? 0
            }
            let users = try r.strings(t, "users", s)
            if let users { try PolicyLoader.checkRoles(users, key: "users", section: s, known: roles, reader: r) }
            tools.append(AuthorisedTool(
                name: name, aliases: aliases, purposes: try PolicyLoader.purposes(t, "purposes", s, r), users: users,
                note: try r.string(t, "note", s), rolePurposes: try readRolePurposes(t, s, r, roles: roles),
                dataClasses: try PolicyLoader.dataClasses(t, "data_classes", s, r),
                dpia: try r.nonEmptyString(t, "dpia", s), approver: try r.nonEmptyString(t, "approver", s), line: r.map.line(of: s)))
        }
        return tools
    }

    private func readTasks(_ root: TOMLTable, _ r: TOMLReader, roles: [String]) throws -> [PolicyTask] {
        var tasks: [PolicyTask] = []
        var seen: Set<String> = []
        for (index, t) in try r.tables(root, "tasks").enumerated() {
            let s = TOMLSourceMap.Section(name: "tasks", index: index)
            try r.checkKeys(t, s, allowed: PolicyLoader.taskKeys)
            guard let id = try r.nonEmptyString(t, "id", s) else {
                throw PolicyError.missingKey(path: r.path, line: r.map.line(of: s), key: "tasks.id", hint: "every [[tasks]] entry needs an id, given with `disclose stamp --task`")
            }
            if !seen.insert(id).inserted { throw r.invalid("id", s, value: id, "the task \"\(id)\" is listed twice; give each task its own id") }
            guard let number = try r.int(t, "level", s) else {
                throw PolicyError.missingKey(path: r.path, line: r.map.line(of: s), key: "tasks.level", hint: "give the task's AI Assessment Scale level, 1 to 5")
            }
            guard let level = AIASLevel(rawValue: number) else {
                let names = AIASLevel.allCases.map { "\($0.rawValue) (\($0.title))" }
                throw r.invalid("level", s, "\(number) is not an AIAS level; use \(names.dropLast().joined(separator: ", ")) or \(names.last!)")
            }
            let maxExtent = try r.choice(t, "max_extent", s, Extent.allCases.map(\.rawValue)).flatMap(Extent.init)
            let taskRoles = try r.strings(t, "roles", s)
            if let taskRoles { try PolicyLoader.checkRoles(taskRoles, key: "roles", section: s, known: roles, reader: r) }
            tasks.append(PolicyTask(
                id: id, title: try r.string(t, "title", s), level: level, maxExtent: maxExtent,
                purposes: try PolicyLoader.purposes(t, "purposes", s, r), roles: taskRoles,
                declarationRequired: try r.bool(t, "declaration_required", s), line: r.map.line(of: s)))
        }
        return tasks
    }

    private func readStatement(_ root: TOMLTable, _ r: TOMLReader) throws -> StatementRequirements {
        let s = TOMLSourceMap.Section(name: "statement", index: nil)
        var out = StatementRequirements()
        guard let t = try r.table(root, "statement") else { return out }
        try r.checkKeys(t, s, allowed: PolicyLoader.statementKeys)
        if let from = try r.choice(t, "required_from", s, Extent.allCases.map(\.rawValue) + ["never"]) {
            out.requiredFrom = Extent(rawValue: from)
        }
        out.exemptReviewLevels = try (r.strings(t, "exempt_review_levels", s) ?? []).map { raw in
            guard let level = ReviewLevel(rawValue: raw), level != .none else {
                throw r.invalid("exempt_review_levels", s, value: raw,
                                "\"\(raw)\" is not a review level that can lift the requirement; use one of \(ReviewLevel.allCases.filter { $0 != .none }.map(\.rawValue).joined(separator: ", "))")
            }
            return level
        }
        out.exemptRequiresReviewer = try r.bool(t, "exempt_requires_reviewer", s) ?? true
        out.placement = try r.choice(t, "placement", s, Placement.allCases.map(\.rawValue)).flatMap(Placement.init)
        if let language = try r.string(t, "language", s) {
            guard language.range(of: #"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"#, options: .regularExpression) != nil else {
                throw r.invalid("language", s, value: language, "\"\(language)\" is not a BCP 47 language tag; write it like en-GB")
            }
            guard StatementLanguage.isSupported(language) else {
                throw r.invalid("language", s, value: language,
                                "statements are written in English only, so \"\(language)\" would tag English text with another language; use an English tag such as \(StatementLanguage.examples.joined(separator: ", "))")
            }
            out.language = language
        }
        if let template = try r.string(t, "template", s) {
            let source = "\(r.path):template"
            do {
                _ = try StatementRenderer(template: template, source: source)
            } catch let DisclosureError.invalidInput(message) {
                throw r.invalid("template", s, String(message.dropFirst(source.count + 2)))
            }
            out.template = template
        }
        return out
    }

    static func purposes(_ t: TOMLTable, _ key: String, _ s: TOMLSourceMap.Section, _ r: TOMLReader) throws -> [Purpose]? {
        guard let names = try r.strings(t, key, s) else { return nil }
        return try purposes(names, key, s, r)
    }

    static func purposes(_ names: [String], _ key: String, _ s: TOMLSourceMap.Section, _ r: TOMLReader) throws -> [Purpose] {
        let purposes = try names.map { name in
            guard let purpose = Purpose(rawValue: name) else {
                throw r.invalid(key, s, value: name,
                                "\"\(name)\" is not a purpose Disclose knows; use one of \(Purpose.allCases.map(\.rawValue).joined(separator: ", ")), or other:<text>")
            }
            return purpose
        }
        try noRepeats(purposes.map(\.rawValue), key: key, section: s, reader: r, what: "purpose")
        return purposes
    }

    static func checkRoles(_ names: [String], key: String, section: TOMLSourceMap.Section, known: [String], reader r: TOMLReader) throws {
        try noRepeats(names, key: key, section: section, reader: r, what: "role")
        guard !known.isEmpty else { return }
        for name in names where !known.contains(name) {
            throw r.invalid(key, section, value: name, "\"\(name)\" is not one of the roles in policy.roles (\(known.joined(separator: ", "))); add it there or correct the spelling")
        }
    }

    static func noRepeats(_ values: [String], key: String, section: TOMLSourceMap.Section, reader r: TOMLReader, what: String) throws {
        var seen: Set<String> = []
        for value in values where !seen.insert(value).inserted {
            throw r.invalid(key, section, value: value, "the \(what) \"\(value)\" is listed twice")
        }
    }
}
