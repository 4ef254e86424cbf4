import Foundation
import X509

/// Signs disclosures with a private key and, optionally, the certificate chain issued for it.
///
/// ```swift
/// let key = try KeyFile.loadPrivateKey(at: "comms.key.pem")
/// let chain = try KeyFile.loadCertificates(at: "comms-chain.pem")
/// let signer = try KeySigner(key: key, certificates: chain, certificatePath: "comms-chain.pem", keyPath: "comms.key.pem")
/// let result = try Stamper().stamp(path: "report.docx", disclosure: facts, options: StampOptions(signer: signer))
/// ```
public struct KeySigner: DisclosureSigner {
    /// The signing key.
    public let key: PrivateSigningKey
    /// The chain recorded with the signature (leaf first), as PEM.
    public let certificatePEMs: [String]
    /// The clock for `signedAt` (tests pass a fixed time).
    public let now: @Sendable () -> Date

    /// Creates a signer.
    /// - Parameters:
    ///   - key: the private key.
    ///   - certificates: the chain issued for the key, leaf first; empty for a bare key.
    ///   - certificatePath: where the chain came from, for messages.
    ///   - keyPath: where the key came from, for messages.
    ///   - now: the clock for the recorded signing time.
    /// - Throws: ``ProvenanceError/certificateKeyMismatch(certificatePath:keyPath:)`` when the leaf is not for `key`.
    public init(key: PrivateSigningKey, certificates: [Certificate] = [], certificatePath: String = "the certificate chain", keyPath: String = "the signing key",
                now: @escaping @Sendable () -> Date = { Date() }) throws {
        if let leaf = certificates.first, leaf.publicKey != key.publicKey.key {
            throw ProvenanceError.certificateKeyMismatch(certificatePath: certificatePath, keyPath: keyPath)
        }
        self.key = key
        self.certificatePEMs = try certificates.map { try $0.serializeAsPEM().pemString }
        self.now = now
    }

    /// The record: algorithm, key id, the chain when there is one, and the signing time (UTC, seconds).
    public func record() throws -> DisclosureSignature {
        DisclosureSignature(
            algorithm: key.algorithm.rawValue, keyID: key.publicKey.keyID, value: "",
            certificates: certificatePEMs.isEmpty ? nil : certificatePEMs,
            signedAt: KeySigner.timestamp(now()))
    }

    /// Signs the payload bytes.
    public func sign(_ payload: Data) throws -> Data {
        try key.sign(payload)
    }

    /// `2026-11-25T09:30:00Z`.
    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    /// Parses a recorded `signedAt` (with or without fractional seconds).
    static func parseTimestamp(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text)
    }
}
