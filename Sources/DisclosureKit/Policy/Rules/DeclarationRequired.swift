import Foundation

/// Flags a document that carries no AI-use declaration when the policy asks every
/// document to carry one (`declaration.required`, or the task's `declaration_required`),
/// e.g. a pupil submission handed in without a declaration. The message describes the
/// file, not the person, and says how to add one.
public struct DeclarationRequired: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "declaration-required"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        let policy = context.policy
        if disclosure != nil { return pass("the document carries a declaration") }
        var required = policy.declaration.required
        var line = policy.lines.line("declaration.required")
        var scope = "on every document"
        if let id = context.taskID(for: nil), let task = policy.task(id: id), let override = task.declarationRequired {
            required = override
            line = task.line
            scope = "for the task \"\(task.id)\""
        }
        guard required else { return pass("no declaration, and the policy does not require one") }
        if context.metadataFound {
            return fail("this file carries a declaration that could not be read (see metadata-valid), and the policy asks for a declaration \(scope) (\(policy.cite(line))); stamp it again with `disclose stamp`")
        }
        return fail("this file carries no AI-use declaration, and the policy asks for one \(scope), even when no AI was used (\(policy.cite(line))); add one with `disclose stamp` (with --extent none if no AI was used)")
    }
}
