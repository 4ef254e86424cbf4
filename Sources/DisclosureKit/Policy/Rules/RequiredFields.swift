import Foundation

/// Flags a declaration that leaves out a field the policy requires
/// (`declaration.fields`): tools, purposes, extent, review, reviewer, declarant,
/// organisation, date, note, tool-version, tool-model, tool-provider, task, role or data-classes.
/// Fields about AI use (tools, purposes, review, reviewer, tool details) are required
/// only when AI was used; a "no AI" declaration has none to give.
public struct RequiredFields: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "required-fields"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        guard let d = disclosure else { return noDeclaration(context) }
        let policy = context.policy
        let missing = policy.declaration.fields.filter { !RequiredFields.isFilled($0, in: d) }
        let cite = policy.cite(policy.lines.line("declaration.fields"))
        if missing.isEmpty {
            return pass("the declaration gives every field the policy requires (\(cite))")
        }
        let names = missing.map { "\($0.rawValue) (\(RequiredFields.flag($0)))" }
        return fail("the declaration leaves out \(missing.count == 1 ? "a field" : "fields") the policy requires (\(cite)): \(names.joined(separator: ", "))")
    }

    /// True when `field` is given in `d` (or need not be, because no AI was used).
    static func isFilled(_ field: DeclarationField, in d: Disclosure) -> Bool {
        let aiUsed = d.extent != .none
        func given(_ s: String?) -> Bool { !(s ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        switch field {
        case .tools: return !aiUsed || !d.tools.isEmpty
        case .purposes: return !aiUsed || !d.purposes.isEmpty
        case .extent: return true
        case .review: return !aiUsed || d.review.level != .none
        case .reviewer: return !aiUsed || given(d.review.reviewer)
        case .declarant: return given(d.declarant)
        case .organisation: return given(d.organisation)
        case .date: return Disclosure.isISO8601(d.date)
        case .note: return given(d.note)
        case .toolVersion: return !aiUsed || (!d.tools.isEmpty && d.tools.allSatisfy { given($0.version) })
        case .toolModel: return !aiUsed || (!d.tools.isEmpty && d.tools.allSatisfy { given($0.model) })
        case .toolProvider: return !aiUsed || (!d.tools.isEmpty && d.tools.allSatisfy { given($0.provider) })
        case .task: return given(d.policy?.task)
        case .role: return given(d.policy?.role)
        case .dataClasses: return !aiUsed || d.dataClasses != nil
        }
    }

    /// The `stamp` option that fills the field in.
    static func flag(_ field: DeclarationField) -> String {
        switch field {
        case .review: return "--review other than none"
        case .tools: return "--tool"
        case .purposes: return "--purpose"
        case .dataClasses: return "--data"
        default: return "--" + field.rawValue
        }
    }
}
