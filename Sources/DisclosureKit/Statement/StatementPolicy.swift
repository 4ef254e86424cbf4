import Foundation

/// What a policy adds to the statement's wording: its human name, so that the statement
/// says "under the Example University Generative AI Policy, version 3" rather than the
/// machine id. Applies only to disclosures made under the policy with the same `id`.
///
/// New policy facts that belong in the statement (a contact for questions, say) are
/// added here and rendered by a sentence function of their own in ``StatementRenderer``.
public struct StatementPolicy: Equatable, Sendable {
    /// The policy's identifier; the name is used only for a disclosure whose policy has this id.
    public var id: String
    /// The policy's human name, e.g. "Example University Generative AI Policy".
    public var name: String?

    /// Creates the statement's view of a policy.
    public init(id: String, name: String? = nil) {
        self.id = id
        self.name = name
    }
}

extension Policy {
    /// What this policy adds to the statement's wording.
    public var statementPolicy: StatementPolicy {
        StatementPolicy(id: id, name: name)
    }

    /// The statement renderer for this policy: its template, or the default wording,
    /// naming the policy by its human name.
    /// - Throws: ``DisclosureError/invalidInput(_:)``; the loader has already checked the template.
    public func statementRenderer() throws -> StatementRenderer {
        var renderer = try statement.template.map { try StatementRenderer(template: $0, source: source, policy: statementPolicy) }
            ?? StatementRenderer(policy: statementPolicy)
        renderer.contact = contact
        return renderer
    }
}
