@_spi(FixedExpiryValidationTime) import X509
import Foundation
import SwiftASN1

/// Checks a signature's certificate chain: every certificate valid at the signing time, the
/// leaf allowed to make digital signatures, nothing revoked, and a path to a trusted CA built
/// and checked by swift-certificates' `Verifier` with an RFC 5280 policy evaluated at the
/// signing time.
public struct CertificateChainValidator: Sendable {
    /// What the chain check concluded.
    public enum Outcome: Equatable, Sendable {
        /// The chain leads to a trusted CA; `subject` is the leaf's subject, `anchor` names the CA and its file.
        case trusted(subject: String, anchor: String)
        /// The chain is sound but leads to no trusted CA.
        case untrusted(reason: String)
        /// Something is wrong with the chain.
        case invalid(reason: String)
    }

    /// The trust anchors.
    public var trust: TrustStore
    /// Revoked keys and serials.
    public var revocations: RevocationList

    /// Creates a validator.
    public init(trust: TrustStore, revocations: RevocationList = RevocationList()) {
        self.trust = trust
        self.revocations = revocations
    }

    /// Checks `chain` (leaf first) as it stood at `signingTime`.
    public func validate(chain: [Certificate], at signingTime: Date) -> Outcome {
        guard let leaf = chain.first else { return .invalid(reason: "the certificate list is empty") }
        for certificate in chain {
            let name = CertificateChainValidator.name(certificate)
            if signingTime > certificate.notValidAfter {
                return .invalid(reason: "the certificate for \(name) had expired when the disclosure was signed (\(KeySigner.timestamp(signingTime))); it was valid until \(KeySigner.timestamp(certificate.notValidAfter))")
            }
            if signingTime < certificate.notValidBefore {
                return .invalid(reason: "the certificate for \(name) was not yet valid when the disclosure was signed (\(KeySigner.timestamp(signingTime))); it is valid from \(KeySigner.timestamp(certificate.notValidBefore))")
            }
            if let entry = revocations.revocation(of: certificate) {
                return .invalid(reason: "the certificate for \(name) (serial \(RevocationList.serialHex(certificate.serialNumber))) is revoked (\(entry.path), line \(entry.line))")
            }
        }
        guard let usage = try? leaf.extensions.keyUsage, usage.digitalSignature else {
            return .invalid(reason: "the certificate for \(CertificateChainValidator.name(leaf)) does not allow digital signatures (its key usage must include digitalSignature)")
        }
        if trust.certificates.isEmpty {
            return .untrusted(reason: "the certificate for \(CertificateChainValidator.name(leaf)), issued by \(leaf.issuer), cannot be checked: no CA certificates were given with --trust")
        }
        let roots = CertificateStore(trust.certificates.map(\.certificate))
        let intermediates = CertificateStore(chain.dropFirst())
        let revocations = self.revocations
        let result = BlockingAsync.run { () -> CertificateValidationResult in
            var verifier = X509.Verifier(rootCertificates: roots) {
                RFC5280Policy(fixedExpiryValidationTime: signingTime)
                NotRevokedPolicy(revocations: revocations)
            }
            return await verifier.validate(leaf: leaf, intermediates: intermediates)
        }
        switch result {
        case .validCertificate(let validated):
            let root = validated.last ?? leaf
            let source = trust.certificates.first { $0.certificate == root }?.source ?? "--trust"
            return .trusted(subject: leaf.subject.description, anchor: "\(CertificateChainValidator.name(root)) (\(source))")
        case .couldNotValidate(let failures):
            if let failure = failures.first {
                return .invalid(reason: "the certificate chain does not meet RFC 5280 at the signing time: \(failure.policyFailureReason)")
            }
            let trustedNames = Set(trust.certificates.map(\.certificate.subject))
            if chain.contains(where: { trustedNames.contains($0.issuer) || trustedNames.contains($0.subject) }) {
                return .invalid(reason: "untrusted chain: the certificates name a trusted CA as issuer, but no signature path to it verifies")
            }
            return .untrusted(reason: "the certificate for \(CertificateChainValidator.name(leaf)) was issued by \(chain.last?.issuer.description ?? "?"), which is not a trusted CA")
        }
    }

    /// The certificate's subject, quoted, for messages.
    static func name(_ certificate: Certificate) -> String {
        "\"\(certificate.subject)\""
    }
}

/// Fails any candidate chain with a certificate on the revocation list (trust anchors included).
struct NotRevokedPolicy: VerifierPolicy {
    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = []
    let revocations: RevocationList

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
        for certificate in chain {
            if let entry = revocations.revocation(of: certificate) {
                return .failsToMeetPolicy(reason: "the certificate \"\(certificate.subject)\" is revoked (\(entry.path), line \(entry.line))")
            }
            if let key = PublicSigningKey(certificate.publicKey), let entry = revocations.revocation(ofKey: key.keyID) {
                return .failsToMeetPolicy(reason: "the key of \"\(certificate.subject)\" is revoked (\(entry.path), line \(entry.line))")
            }
        }
        return .meetsPolicy
    }
}
