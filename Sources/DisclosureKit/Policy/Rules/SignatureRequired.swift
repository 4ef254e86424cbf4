import Foundation

/// Flags a disclosure that is not signed with a trusted key when the policy requires
/// signatures (`signature.required`). It reads the `signature` check's state when that
/// check ran before it; otherwise it can only see whether a signature is present, and
/// says that it was not checked against trusted keys.
public struct SignatureRequired: PolicyRule {
    /// The rule's identifier; results carry `policy.` before it.
    public static let id = "signature-required"

    /// Creates the rule.
    public init() {}

    /// Holds `disclosure` against `context.policy`; one result.
    public func check(_ disclosure: Disclosure?, context: PolicyContext) -> [CheckResult] {
        guard let d = disclosure else { return noDeclaration(context) }
        let policy = context.policy
        let cite = policy.cite(policy.lines.line("signature.required"))
        guard policy.signature.required else { return pass("the policy does not require a signature") }
        if context.stage == .stamp {
            return d.signature == nil
                ? fail("the policy requires every disclosure to be signed (\(cite)); give a signing key with --sign-key")
                : pass("signed; verify checks the key against the policy's trust anchors")
        }
        if let check = context.earlier(CheckID.signature) {
            switch check.state.flatMap(SignatureState.init) {
            case .signedTrusted?:
                return pass("signed with a trusted key, as the policy requires")
            case .signedUntrusted?:
                return fail("the policy requires a signature from a trusted key (\(cite)); this one is valid, but its key is not among the trusted keys")
            case .signatureInvalid?:
                return fail("the policy requires a valid signature (\(cite)); this one does not match the disclosure or cannot be checked")
            case .unsigned?:
                return fail("the policy requires every disclosure to be signed (\(cite)), and this one is not")
            case nil:
                return fail("the policy requires a signature (\(cite)), and the signature check gave no state")
            }
        }
        return d.signature == nil
            ? fail("the policy requires every disclosure to be signed (\(cite)), and this one is not")
            : warn("the disclosure is signed, but the signature was not checked against trusted keys (give --trust)")
    }
}
