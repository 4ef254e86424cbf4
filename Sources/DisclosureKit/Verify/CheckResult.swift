import Foundation

/// The outcome of one check.
public enum CheckStatus: String, Codable, Sendable, CaseIterable {
    case pass
    case fail
    case warn
    case notApplicable = "not-applicable"
}

/// One check's result, with a reason a person can act on.
public struct CheckResult: Codable, Equatable, Sendable {
    /// Stable identifier, e.g. `statement-present`, `content-binding`, `signature`, `policy.tool-authorised`.
    public var id: CheckID
    /// The outcome.
    public var status: CheckStatus
    /// Why, in plain English.
    public var message: String
    /// Where in the document, when it applies.
    public var location: Location?
    /// A short machine-readable state, where a check has more outcomes than its status
    /// (the `signature` check: a ``SignatureState`` raw value).
    public var state: String?

    /// Creates a check result.
    public init(id: CheckID, status: CheckStatus, message: String, location: Location? = nil, state: String? = nil) {
        self.id = id
        self.status = status
        self.message = message
        self.location = location
        self.state = state
    }
}

/// Everything a verification check may look at.
public struct VerificationContext {
    /// The path, for messages.
    public var path: String
    /// The opened document.
    public var document: any OpenedDocument
    /// Our stamp as found.
    public var found: FoundStamp
    /// The disclosure decoded from the metadata, when it decoded.
    public var disclosure: Disclosure?
    /// The results of every check run before this one (built-in checks first, then
    /// earlier additional checks in order), so a policy rule can consult the signature check.
    public var earlier: [CheckResult] = []
    /// The file's bytes, when the verifier read them (for checks that scan the document).
    public var raw: Data?
    /// Declarations made another way (written, other standards' labels) with their facts,
    /// when the caller already scanned for them (the audit); nil when not scanned.
    public var declarations: [Declaration]?
}

/// A check run by ``Verifier``. Built-in checks, signatures and policies all conform.
public protocol VerificationCheck: Sendable {
    /// Runs the check.
    func run(_ context: VerificationContext) -> [CheckResult]
}

/// Everything `verify` found for one file.
public struct VerificationReport: Sendable {
    /// The file.
    public var path: String
    /// The format's identifier.
    public var format: FormatID
    /// The disclosure, when one was found and decoded.
    public var disclosure: Disclosure?
    /// Our stamp as found.
    public var found: FoundStamp
    /// Every check's result, in a fixed order.
    public var checks: [CheckResult]
    /// Non-fatal observations from reading the file.
    public var warnings: [String]

    /// True when no check failed.
    public var passed: Bool { !checks.contains { $0.status == .fail } }
}

extension CheckResult {
    /// What a person can do next about this result: nil when it passed or does not apply.
    /// Kind and practical: a failure is described as something to put right, never as proof of
    /// anything about a person, and a missing declaration on someone else's document is for
    /// its author to add (verify is often run by a teacher or editor on work that is not theirs).
    public var nextStep: String? {
        guard status == .fail || status == .warn else { return nil }
        return CheckResult.nextStep(id: id, status: status, state: state)
    }

    /// The next-step text for a check id (and, for `signature`, its state).
    static func nextStep(id: CheckID, status: CheckStatus, state: String?) -> String? {
        switch id {
        case CheckID.statementPresent where status == .warn:
            return "the statement is still there and still says what was declared; nothing needs doing, but stamping again (`disclose stamp FILE`) restores the markers other programs and later checks rely on."
        case CheckID.statementPresent:
            return "if the document is yours, add a declaration with `disclose stamp FILE`; if it is someone else's, ask its author to add one. A missing declaration is not in itself a sign that AI was used."
        case CheckID.metadataPresent:
            return "the machine-readable record may have been dropped when another program saved the file; if the document is yours, stamp it again with `disclose stamp FILE`, otherwise ask its author to."
        case CheckID.metadataValid:
            return "the record is incomplete or cannot be read; the author can stamp again, giving the missing facts (`disclose stamp FILE --help` lists them)."
        case CheckID.agreement:
            return "the visible statement and the record say different things, often because the statement was edited by hand; the author can stamp again so that both match."
        case CheckID.contentBinding:
            return status == .warn
                ? "only formatting or other parts changed; nothing needs doing unless you want the record to match exactly (stamp again)."
                : "the text was edited after it was stamped, which is normal for a document still being worked on; if the declaration still describes it, the author can stamp again to record the current text."
        case CheckID.statementVisible:
            return "stamp again with `disclose stamp FILE`, which puts the statement where readers see it, and keep it out of hidden parts of the document."
        case CheckID.structure:
            return "stamp again with `disclose stamp FILE`: it replaces every earlier stamp with a single one."
        case CheckID.signature:
            switch state.flatMap(SignatureState.init(rawValue:)) {
            case .signedUntrusted?:
                return "the signature is sound but its key is not one you trust yet; if you know the key belongs to the signer, add it with `--trust KEY.pem` (or `trust` in .disclose.toml)."
            case .signatureInvalid?:
                return "the record no longer matches its signature, for example after it was changed by another program; ask whoever signed it to stamp and sign it again before relying on it."
            case .unsigned?:
                return "a signed declaration is required here; the author can stamp again with `--sign-key KEY` (see docs/signing.md)."
            default:
                return "see docs/signing.md for what each signature state means."
            }
        case "policy.declaration-required":
            return "this policy asks for a declaration on this document; if it is yours, add one with `disclose stamp FILE` (a declaration of no AI use counts); if it is someone else's, ask its author to."
        case let policy where policy.hasPrefix("policy.") && status == .warn:
            return "the policy notes this without refusing it; if it needs attention, talk to whoever looks after the policy."
        case let policy where policy.hasPrefix("policy."):
            return "the declaration is recorded as made, and does not meet the policy rule quoted above; if the facts are right, talk to whoever looks after the policy; if a fact was recorded by mistake, the author can stamp again with the corrected facts."
        default:
            return nil
        }
    }
}
