import Foundation

/// Warns when a declared tool has a Data Protection Impact Assessment reference in the
/// policy (`dpia` on its `[[tools]]` entry) and the disclosure does not record it, or
/// records another one (the tool's assessment changed since the stamp). `stamp --policy`
/// records the reference of every tool it names.
public struct DPIARecorded: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "dpia-recorded"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        guard let d = disclosure else { return noDeclaration(context) }
        let policy = context.policy
        let assessed = d.tools.compactMap { tool in policy.authorisedTool(named: tool.name).flatMap { entry in entry.dpia.map { (tool, entry, $0) } } }
        guard !assessed.isEmpty else { return notApplicable("no declared tool has a DPIA reference in the policy") }
        var problems: [String] = []
        for (tool, entry, reference) in assessed where tool.dpia != reference {
            problems.append(tool.dpia.map { "\(tool.name) records the DPIA \"\($0)\"; the policy now gives \"\(reference)\" (\(policy.cite(entry.line)))" }
                ?? "\(tool.name) has the DPIA \"\(reference)\" in the policy (\(policy.cite(entry.line))), and the disclosure does not record it")
        }
        if problems.isEmpty {
            return pass("the disclosure records the DPIA of \(assessed.map { "\($0.0.name) (\($0.2))" }.joined(separator: ", "))")
        }
        return warn(problems.joined(separator: "; "))
    }
}
