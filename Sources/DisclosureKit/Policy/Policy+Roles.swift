import Foundation

extension Policy {
    /// Why `role` cannot be recorded under this policy, in words that name the roles it lists and
    /// the closest one ("the role \"student\" is not in the policy; it lists students, staff,
    /// researchers. Did you mean \"students\"?"), or nil when the policy knows the role or lists
    /// no roles. A front end checks this before stamping, so a misspelt role is a usage error
    /// to correct, not a policy breach to record.
    public func roleProblem(_ role: String) -> String? {
        guard !roles.isEmpty, !roles.contains(role) else { return nil }
        let folded = role.lowercased()
        let close = roles.first { $0.lowercased() == folded }
            ?? roles.first { $0.lowercased() == folded + "s" || $0.lowercased() + "s" == folded }
            ?? roles.first { $0.lowercased().hasPrefix(folded) || folded.hasPrefix($0.lowercased()) }
        return "the role \"\(role)\" is not in the policy (\(cite(lines.line("policy.roles")))); it lists \(roles.joined(separator: ", "))."
            + (close.map { " Did you mean \"\($0)\"?" } ?? " Choose one of these, or add the role to the policy's roles.")
    }
}
