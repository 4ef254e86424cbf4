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
    public var id: String
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
    public init(id: String, status: CheckStatus, message: String, location: Location? = nil, state: String? = nil) {
        self.id = id
        self.status = status
        self.message = message
        self.location = location
        self.state = state
    }
}

/// Stable identifiers of the built-in checks.
public enum CheckID {
    public static let statementPresent = "statement-present"
    public static let metadataPresent = "metadata-present"
    public static let metadataValid = "metadata-valid"
    public static let agreement = "statement-matches-metadata"
    public static let contentBinding = "content-binding"
    public static let statementVisible = "statement-visible"
    public static let structure = "single-stamp"
    /// The signature check (`Provenance/`); its ``CheckResult/state`` is a ``SignatureState``.
    public static let signature = "signature"
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
    public var format: String
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
