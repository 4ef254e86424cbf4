import Foundation
import X509

/// Checks a disclosure's signature against trusted keys and CA certificates and
/// concludes one of the four ``SignatureState``s, with the reason in words.
public struct SignatureVerifier: Sendable {
    /// What the signature check concluded.
    public struct Verdict: Equatable, Sendable {
        /// The state.
        public var state: SignatureState
        /// Why, in plain English: who signed, or what is wrong.
        public var message: String
    }

    /// Trusted keys and CAs.
    public var trust: TrustStore
    /// Revoked keys and certificates.
    public var revocations: RevocationList
    /// The clock, to refuse signing times in the future.
    public var now: @Sendable () -> Date

    /// The most certificates a signature may record (leaf and intermediates); longer chains are refused unchecked.
    public static let maximumCertificates = 8

    /// How far in the future a signing time may lie (clock skew) before it is refused.
    public static let allowedClockSkew: TimeInterval = 300

    /// Creates a verifier.
    public init(trust: TrustStore = TrustStore(), revocations: RevocationList = RevocationList(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.trust = trust
        self.revocations = revocations
        self.now = now
    }

    /// Checks `disclosure.signature` over ``SignaturePayload/bytes(for:)``.
    public func verify(_ disclosure: Disclosure) -> Verdict {
        guard let signature = disclosure.signature else {
            return Verdict(state: .unsigned, message: "the disclosure is not signed")
        }
        func invalid(_ reason: String) -> Verdict { Verdict(state: .signatureInvalid, message: reason) }

        guard let algorithm = SigningAlgorithm(rawValue: signature.algorithm) else {
            return invalid("the signature uses \"\(signature.algorithm)\", which this version does not check (it checks ed25519 and ecdsa-p256-sha256)")
        }
        let keyID = signature.keyID.lowercased()
        guard keyID.count == 64, keyID.allSatisfy(\.isHexDigit) else {
            return invalid("the key id \"\(signature.keyID)\" is malformed (it should be 64 hex digits)")
        }
        guard let value = Data(base64Encoded: signature.value), !value.isEmpty else {
            return invalid("the signature value is empty or not base64, so it is truncated or malformed")
        }
        var signedAt: Date?
        if let text = signature.signedAt {
            guard let date = KeySigner.parseTimestamp(text) else {
                return invalid("the signing time \"\(text)\" is not an ISO 8601 timestamp")
            }
            guard date <= now().addingTimeInterval(SignatureVerifier.allowedClockSkew) else {
                return invalid("the signing time \(text) is in the future")
            }
            signedAt = date
        }
        if let entry = revocations.revocation(ofKey: keyID) {
            return invalid("the signing key \(keyID) is revoked (\(entry.path), line \(entry.line))")
        }

        var chain: [Certificate] = []
        let key: PublicSigningKey
        let keySource: String
        if let pems = signature.certificates, !pems.isEmpty {
            guard pems.count <= SignatureVerifier.maximumCertificates else {
                return invalid("the signature records \(pems.count) certificates; a chain of more than \(SignatureVerifier.maximumCertificates) is not checked")
            }
            for (index, pem) in pems.enumerated() {
                guard let certificate = try? Certificate(pemEncoded: pem) else {
                    return invalid("certificate \(index + 1) recorded with the signature cannot be read")
                }
                chain.append(certificate)
            }
            guard let leafKey = PublicSigningKey(chain[0].publicKey) else {
                return invalid("the signing certificate holds a \(PublicSigningKey.describeUnsupported(chain[0].publicKey)) key, which Disclose does not verify with")
            }
            guard leafKey.keyID == keyID else {
                return invalid("the first certificate recorded with the signature is not for the signing key \(keyID)")
            }
            key = leafKey
            keySource = "the signing certificate"
        } else if let trusted = trust.key(id: keyID) {
            key = trusted.key
            keySource = trusted.source
        } else {
            return Verdict(state: .signedUntrusted, message: "signed with key \(keyID) (\(algorithm.rawValue)), which is not among the trusted keys, so the signature could not be checked; give the signer's public key with --trust")
        }

        guard key.algorithm == algorithm else {
            return invalid("wrong algorithm for the key: the signature says \(algorithm.rawValue), but key \(keyID) in \(keySource) is an \(key.algorithm.displayName) key")
        }
        let payload: Data
        do { payload = try SignaturePayload.bytes(for: disclosure) } catch {
            return invalid("the disclosure cannot be encoded for checking")
        }
        do {
            guard try key.isValid(signature: value, for: payload) else {
                return invalid("the signature does not match the disclosure: its facts, statement, content binding or signature fields were changed after signing, or the signature was made for another disclosure")
            }
        } catch {
            return invalid("\(error)")
        }

        let when = signature.signedAt.map { " on \($0)" } ?? ""
        guard !chain.isEmpty else {
            return Verdict(state: .signedTrusted, message: "signed\(when) with trusted key \(keyID) (\(keySource))")
        }
        guard let signedAt else {
            return invalid("the signature carries certificates but no signing time (signedAt), so the certificates cannot be checked")
        }
        switch CertificateChainValidator(trust: trust, revocations: revocations).validate(chain: chain, at: signedAt) {
        case .invalid(let reason):
            return invalid(reason)
        case .trusted(let subject, let anchor):
            return Verdict(state: .signedTrusted, message: "signed\(when) by \"\(subject)\", certificate chain to trusted CA \(anchor)")
        case .untrusted(let reason):
            if let direct = trust.key(id: keyID) {
                return Verdict(state: .signedTrusted, message: "signed\(when) by \"\(chain[0].subject)\" with trusted key \(keyID) (\(direct.source))")
            }
            return Verdict(state: .signedUntrusted, message: "the signature is valid, but \(reason)")
        }
    }
}
