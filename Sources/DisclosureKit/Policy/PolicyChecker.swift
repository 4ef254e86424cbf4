import Foundation

/// What `policy check` found for one file: each policy rule's result.
public struct PolicyReport: Sendable {
    /// The file.
    public var path: String
    /// The format's identifier.
    public var format: FormatID
    /// The disclosure, when one was found and decoded.
    public var disclosure: Disclosure?
    /// One result per rule (`policy.<rule-id>`), in registry order.
    public var results: [CheckResult]
    /// The whole verification the results came from (built-in checks included).
    public var verification: VerificationReport

    /// True when no rule failed.
    public var passed: Bool { !results.contains { $0.status == .fail } }
}

/// Holds documents' disclosures against a policy: verifies each document (so rules can
/// consult the built-in checks and, when given, the signature check) and keeps the
/// policy's results.
///
/// ```swift
/// let checker = PolicyChecker(policy: try PolicyLoader().load(path: "disclose-policy.toml"))
/// let report = try checker.check(path: "essay.md")
/// print(report.passed)
/// ```
public struct PolicyChecker: Sendable {
    /// The policy.
    public var policy: Policy
    /// The task every document is expected to be made for, if any.
    public var expectedTask: String?
    /// Checks run before the policy's (e.g. the signature check), in order.
    public var earlierChecks: [any VerificationCheck]
    /// Reads and opens documents.
    public var loader: DocumentLoader

    /// Creates a checker.
    public init(policy: Policy, expectedTask: String? = nil, earlierChecks: [any VerificationCheck] = [], loader: DocumentLoader = DocumentLoader()) {
        self.policy = policy
        self.expectedTask = expectedTask
        self.earlierChecks = earlierChecks
        self.loader = loader
    }

    /// Checks the file at `path`.
    /// - Throws: ``DisclosureError`` when the file cannot be read at all.
    public func check(path: String) throws -> PolicyReport {
        let verifier = Verifier(loader: loader, additionalChecks: earlierChecks + [PolicyCheck(policy: policy, expectedTask: expectedTask)])
        let report = try verifier.verify(path: path)
        let results = report.checks.filter { $0.id.hasPrefix("policy.") }
        return PolicyReport(path: path, format: report.format, disclosure: report.disclosure, results: results, verification: report)
    }
}
