import Foundation

/// The `signature` verification check: runs ``SignatureVerifier`` on the disclosure and
/// reports one ``CheckResult`` whose `state` is a ``SignatureState``.
///
/// | state | status | with `requireSignature` |
/// |---|---|---|
/// | `signed-trusted` | pass | pass |
/// | `signed-untrusted` | warn | fail |
/// | `signature-invalid` | fail | fail |
/// | `unsigned` | not-applicable | fail |
///
/// ```swift
/// let trust = try TrustStore.load(paths: ["keys/"])
/// let verifier = Verifier(additionalChecks: [SignatureCheck(trust: trust, requireSignature: true)])
/// ```
public struct SignatureCheck: VerificationCheck {
    /// Does the cryptographic and trust work.
    public var verifier: SignatureVerifier
    /// When true, anything but `signed-trusted` fails.
    public var requireSignature: Bool
    /// When false, an unsigned disclosure gives no result at all (so plain `verify` lists the
    /// signature check only for signed documents); `requireSignature` implies true.
    public var reportUnsigned: Bool

    /// Creates the check.
    /// - Parameters:
    ///   - trust: the trusted keys and CA certificates.
    ///   - revocations: revoked keys and certificates.
    ///   - requireSignature: fail anything but `signed-trusted`.
    ///   - reportUnsigned: report `unsigned` as not-applicable (true) or say nothing (false).
    ///   - now: the clock, to refuse signing times in the future.
    public init(trust: TrustStore = TrustStore(), revocations: RevocationList = RevocationList(), requireSignature: Bool = false,
                reportUnsigned: Bool = true, now: @escaping @Sendable () -> Date = { Date() }) {
        self.verifier = SignatureVerifier(trust: trust, revocations: revocations, now: now)
        self.requireSignature = requireSignature
        self.reportUnsigned = reportUnsigned || requireSignature
    }

    /// Runs the check.
    public func run(_ context: VerificationContext) -> [CheckResult] {
        let location = context.found.metadata?.location
        guard let disclosure = context.disclosure else {
            guard reportUnsigned else { return [] }
            return [CheckResult(id: CheckID.signature, status: requireSignature ? .fail : .notApplicable,
                                message: "no readable disclosure, so no signature to check", state: SignatureState.unsigned.rawValue)]
        }
        let verdict = verifier.verify(disclosure)
        if verdict.state == .unsigned && !reportUnsigned { return [] }
        var message = verdict.message
        let status: CheckStatus
        switch verdict.state {
        case .signedTrusted: status = .pass
        case .signatureInvalid: status = .fail
        case .signedUntrusted: status = requireSignature ? .fail : .warn
        case .unsigned: status = requireSignature ? .fail : .notApplicable
        }
        if requireSignature && (verdict.state == .signedUntrusted || verdict.state == .unsigned) {
            message += "; a signature from a trusted key is required (--require-signature)"
        }
        return [CheckResult(id: CheckID.signature, status: status, message: message, location: location, state: verdict.state.rawValue)]
    }
}
