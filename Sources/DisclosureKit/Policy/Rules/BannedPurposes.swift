import Foundation

/// Flags a purpose the policy never allows (`[[banned]]`: agents acting on their own,
/// emotion recognition, deepfakes of real people), with the policy's own message. No tool
/// entry, role or approval lifts a ban. Written declarations are checked for the purposes
/// read from their words.
public struct BannedPurposes: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "banned-purpose"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        let policy = context.policy
        guard !policy.banned.isEmpty else { return notApplicable("the policy bans no purposes") }
        let purposes: [Purpose]
        if let d = disclosure {
            purposes = d.purposes
        } else if let written = context.written {
            purposes = written.mappedPurposes
        } else {
            return noDeclaration(context)
        }
        let hits = policy.banned.compactMap { ban -> String? in
            let named = purposes.filter(ban.bans)
            guard !named.isEmpty else { return nil }
            return "\(named.map(\.rawValue).quotedList): \(ban.message) (\(policy.cite(ban.line)))"
        }
        return hits.isEmpty ? pass("no declared purpose is one the policy bans") : fail(hits.joined(separator: "; "))
    }
}
