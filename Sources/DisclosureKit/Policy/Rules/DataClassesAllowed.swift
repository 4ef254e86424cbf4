import Foundation

/// Flags data that went into a tool not approved for that kind of data: a declared data
/// class (`stamp --data`) outside the tool's `data_classes`, or anything but public
/// information put into a tool the policy does not list. Without recorded data classes
/// nothing is checked (the policy may require them: `declaration.fields` with
/// `data-classes`).
public struct DataClassesAllowed: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "data-classes"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        guard let d = disclosure else { return noDeclaration(context) }
        let policy = context.policy
        guard let classes = d.dataClasses, !classes.isEmpty else {
            let restricted = policy.tools.contains { $0.dataClasses != nil }
            return notApplicable(restricted ? "the declaration does not record what kinds of data went in (stamp --data), so they were not checked" : "no data classes recorded")
        }
        var problems: [String] = []
        for tool in d.tools {
            if let entry = policy.authorisedTool(named: tool.name) {
                guard let allowed = entry.dataClasses else { continue }
                let outside = classes.filter { !allowed.contains($0) }
                if !outside.isEmpty {
                    let approved = allowed.isEmpty ? "no data" : allowed.map(\.rawValue).joined(separator: ", ")
                    problems.append("\(entry.name) is approved for \(approved) only, and the declaration records \(outside.map(\.phrase).joined(separator: " and ")) (\(policy.cite(entry.line)))")
                }
            } else if !policy.tools.isEmpty {
                let outside = classes.filter { $0 != .public }
                if !outside.isEmpty {
                    problems.append("\"\(tool.name)\" is not on the policy's list, so only public information may go into it, and the declaration records \(outside.map(\.phrase).joined(separator: " and "))")
                }
            }
        }
        if problems.isEmpty {
            return pass("every declared tool is approved for \(classes.map(\.phrase).joined(separator: " and "))")
        }
        return fail(problems.joined(separator: "; "))
    }
}
