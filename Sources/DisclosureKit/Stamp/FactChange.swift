import Foundation

/// One fact that differs between a document's earlier stamp and the new one.
public struct FactChange: Equatable, Sendable, CustomStringConvertible {
    /// The fact's name: `tools`, `purposes`, `extent`, `review`, `reviewer`, `declarant`, …
    public var field: String
    /// The earlier value; nil when it was not given.
    public var before: String?
    /// The new value; nil when it is no longer given.
    public var after: String?

    /// Creates a change.
    public init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }

    /// `extent: partial → substantial`.
    public var description: String {
        "\(field): \(before.map { "\"\($0)\"" } ?? "(not given)") → \(after.map { "\"\($0)\"" } ?? "(not given)")"
    }

    /// The facts a person declares, by name, in the order changes are listed.
    static func facts(_ d: Disclosure) -> [(String, String?)] {
        [
            ("tools", d.tools.isEmpty ? nil : d.tools.map(\.displayName).joined(separator: "; ")),
            ("purposes", d.purposes.isEmpty ? nil : d.purposes.map(\.rawValue).joined(separator: ", ")),
            ("extent", d.extent.rawValue),
            ("review", d.review.level.rawValue),
            ("reviewer", d.review.reviewer),
            ("review-note", d.review.note),
            ("declarant", d.declarant),
            ("organisation", d.organisation),
            ("date", d.date),
            ("note", d.note),
            ("language", d.language),
            ("policy", d.policy.map { $0.id + ($0.version.map { " version \($0)" } ?? "") }),
            ("task", d.policy?.task),
            ("role", d.policy?.role),
        ]
    }

    /// The declared facts that differ from `earlier` to `later`, field by field.
    public static func between(_ earlier: Disclosure, _ later: Disclosure) -> [FactChange] {
        zip(facts(earlier), facts(later)).compactMap { old, new in
            old.1 == new.1 ? nil : FactChange(field: old.0, before: old.1, after: new.1)
        }
    }
}
