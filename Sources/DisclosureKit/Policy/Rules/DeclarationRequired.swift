import Foundation

/// Flags a document that carries no AI-use declaration when the policy asks every
/// document to carry one (`declaration.required`, or the task's `declaration_required`),
/// e.g. a pupil submission handed in without a declaration. A declaration written in the
/// document (or another tool's label) counts when its facts are clear; one whose words
/// could not be read gives a warning to check by eye. The message describes the file, not
/// the person, and advises asking the author for a declaration, never making one for them.
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
        if let written = context.written {
            if written.isClear {
                return pass("the document carries a written declaration (\(written.quoted))")
            }
            let why = required ? "; the policy asks for a declaration \(scope) (\(policy.cite(line)))" : ""
            return result(required ? .warn : .pass, "the document carries a declaration (\(written.quoted)), but whether AI was used \(Self.checkByEye)\(why)")
        }
        guard required else { return pass("no declaration, and the policy does not require one") }
        if context.metadataFound {
            return fail("this file carries a declaration that could not be read (see metadata-valid), and the policy asks for a declaration \(scope) (\(policy.cite(line))); ask the author for a new one")
        }
        return fail("this file carries no AI-use declaration, and the policy asks for one \(scope), even when no AI was used (\(policy.cite(line))); ask the author to add one (a declaration that no AI was used counts)")
    }
}
