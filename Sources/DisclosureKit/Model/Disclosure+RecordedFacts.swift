import Foundation

extension Disclosure {
    /// One fact a disclosure records, labelled for people (`show` prints one per line).
    public struct RecordedFact: Equatable, Sendable {
        /// "tools", "review", "task", "policy approval"…
        public var label: String
        /// The value as a person reads it.
        public var value: String

        /// Creates a fact.
        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// Every fact the disclosure records, in a fixed order, for `disclose show`: the six
    /// every declaration carries, then the organisation, note, language, policy, task and role,
    /// then any other field found in the disclosure's JSON (fields added in later versions,
    /// or by another tool) under its own name. Nothing recorded is left out: the fields are
    /// found by walking the encoded disclosure, so a new field appears without a change here.
    /// The statement, content binding and signature are reported on their own and left out.
    public var recordedFacts: [RecordedFact] {
        var facts: [RecordedFact] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.trimmingCharacters(in: .whitespaces).isEmpty { facts.append(RecordedFact(label: label, value: value)) }
        }
        add("tools", tools.isEmpty ? "none" : tools.map(\.displayName).joined(separator: "; "))
        add("purposes", purposes.isEmpty ? "none" : purposes.map(\.rawValue).joined(separator: ", "))
        add("extent", extent.rawValue)
        add("review", review.level.rawValue + (review.reviewer.map { " by \($0)" } ?? ""))
        add("review note", review.note)
        add("declarant", declarant)
        add("organisation", organisation)
        add("date", date)
        add("note", note)
        add("language", language)
        add("policy", policy.map { $0.id + ($0.version.map { " version \($0)" } ?? "") })
        add("task", policy?.task)
        add("role", policy?.role)
        add("data classes", dataClasses.map { $0.map(\.rawValue).joined(separator: ", ") })
        add("approval", approval)
        let assessed = tools.compactMap { t in t.dpia.map { "\(t.name): \($0)" } }
        add("DPIA", assessed.isEmpty ? nil : assessed.joined(separator: "; "))

        // Everything else the encoding holds.
        if let data = try? JSONEncoder().encode(self), let object = try? JSONSerialization.jsonObject(with: data) {
            for fact in Disclosure.otherFacts(in: object) { add(fact.label, fact.value) }
        }
        return facts
    }

    /// The paths ``recordedFacts`` shows by name (array indexes written `[]`).
    static let namedPaths: Set<String> = [
        "schema", "statement", "content", "signature", "tools[].name", "tools[].version", "tools[].model", "tools[].provider", "purposes[]",
        "extent", "review.level", "review.reviewer", "review.note", "declarant", "organisation", "date", "note", "language", "policy.id",
        "policy.version", "policy.task", "policy.role", "dataClasses[]", "approval", "tools[].dpia",
    ]

    /// Every scalar in an encoded disclosure that ``namedPaths`` does not cover, labelled by its path.
    static func otherFacts(in object: Any) -> [RecordedFact] {
        flatten(object, path: "").compactMap { path, value in
            let pattern = path.replacingOccurrences(of: #"\[\d+\]"#, with: "[]", options: .regularExpression)
            if namedPaths.contains(pattern) || namedPaths.contains(where: { pattern.hasPrefix($0 + ".") }) { return nil }
            return value.isEmpty ? nil : RecordedFact(label: label(path), value: value)
        }
    }

    /// (path, value) for every scalar in `object`, keys sorted; arrays of scalars joined by ", ".
    static func flatten(_ object: Any, path: String) -> [(String, String)] {
        switch object {
        case let dictionary as [String: Any]:
            return dictionary.keys.sorted().flatMap { key in flatten(dictionary[key]!, path: path.isEmpty ? key : "\(path).\(key)") }
        case let array as [Any]:
            if array.allSatisfy({ !($0 is [String: Any]) && !($0 is [Any]) }) {
                return array.isEmpty ? [] : [(path + "[]", array.map(scalar).joined(separator: ", "))]
            }
            return array.enumerated().flatMap { flatten($0.element, path: "\(path)[\($0.offset)]") }
        default:
            return [(path, scalar(object))]
        }
    }

    private static func scalar(_ value: Any) -> String {
        if let string = value as? String { return string }
        if value is NSNull { return "" }
        return "\(value)"
    }

    /// "policy.dataClasses[]" → "policy data classes"; "tools[1].dpia" → "tool 2 dpia".
    static func label(_ path: String) -> String {
        var words: [String] = []
        for part in path.replacingOccurrences(of: "[]", with: "").split(separator: ".") {
            var name = String(part)
            var index: Int?
            if let open = name.firstIndex(of: "["), let n = Int(name[name.index(after: open)...].dropLast()) {
                index = n + 1
                name = String(name[..<open])
                if name.hasSuffix("s") { name.removeLast() }
            }
            let spaced = name.unicodeScalars.reduce(into: "") { out, c in
                if CharacterSet.uppercaseLetters.contains(c) { out += " " + String(c).lowercased() } else { out.unicodeScalars.append(c) }
            }
            words.append(spaced.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ") + (index.map { " \($0)" } ?? ""))
        }
        return words.joined(separator: " ")
    }
}
