import Crypto
import Foundation
import SwiftASN1
import X509

/// A signature algorithm Disclose signs and verifies with.
public enum SigningAlgorithm: String, CaseIterable, Sendable {
    /// Ed25519 (RFC 8032); the signature is the 64 raw bytes.
    case ed25519
    /// ECDSA over P-256 with SHA-256; the signature is a DER `ECDSA-Sig-Value`.
    case ecdsaP256 = "ecdsa-p256-sha256"

    /// The short name used on the command line (`ed25519`, `p256`).
    public var optionName: String { self == .ed25519 ? "ed25519" : "p256" }

    /// A readable name for messages ("Ed25519", "ECDSA P-256").
    public var displayName: String { self == .ed25519 ? "Ed25519" : "ECDSA P-256" }

    /// The algorithm for a `--algorithm` value (`ed25519`, `p256`, or the recorded name).
    public init?(optionName: String) {
        switch optionName.lowercased() {
        case "ed25519": self = .ed25519
        case "p256", "p-256", "ecdsa-p256", "ecdsa-p256-sha256": self = .ecdsaP256
        default: return nil
        }
    }

    var certificateAlgorithm: Certificate.SignatureAlgorithm {
        self == .ed25519 ? .ed25519 : .ecdsaWithSHA256
    }
}

/// A public key Disclose can verify with, and its key id.
public struct PublicSigningKey: Hashable, Sendable {
    /// The key's algorithm.
    public let algorithm: SigningAlgorithm
    /// The key, as swift-certificates holds it.
    public let key: Certificate.PublicKey
    /// The DER SubjectPublicKeyInfo.
    public let subjectPublicKeyInfo: [UInt8]

    /// The key id: lower-case hex SHA-256 of the DER SubjectPublicKeyInfo (64 digits).
    public var keyID: String { PublicSigningKey.keyID(of: subjectPublicKeyInfo) }

    /// Wraps a public key; `nil` when it is neither Ed25519 nor P-256.
    public init?(_ key: Certificate.PublicKey) {
        if Curve25519.Signing.PublicKey(key) != nil {
            algorithm = .ed25519
        } else if P256.Signing.PublicKey(key) != nil {
            algorithm = .ecdsaP256
        } else {
            return nil
        }
        self.key = key
        var serializer = DER.Serializer()
        guard (try? serializer.serialize(key)) != nil else { return nil }
        subjectPublicKeyInfo = serializer.serializedBytes
    }

    /// The key as a `PUBLIC KEY` PEM block (SubjectPublicKeyInfo), as openssl writes it.
    public func pem() throws -> String {
        try key.serializeAsPEM().pemString + "\n"
    }

    /// True when `signature` is a valid signature by this key over `payload`.
    /// Throws ``SignatureValueProblem`` when the value cannot be a signature of this algorithm.
    func isValid(signature: Data, for payload: Data) throws -> Bool {
        switch algorithm {
        case .ed25519:
            guard signature.count == 64 else { throw SignatureValueProblem.wrongLength(signature.count, expected: 64) }
            guard let key = Curve25519.Signing.PublicKey(key) else { return false }
            return key.isValidSignature(signature, for: payload)
        case .ecdsaP256:
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else {
                throw SignatureValueProblem.notDER(signature.count)
            }
            guard let key = P256.Signing.PublicKey(key) else { return false }
            return key.isValidSignature(parsed, for: payload)
        }
    }

    /// Lower-case hex SHA-256 of `der`.
    static func keyID(of der: [UInt8]) -> String {
        Digests.hex(SHA256.hash(data: der))
    }

    /// Describes an unsupported key for messages.
    static func describeUnsupported(_ key: Certificate.PublicKey) -> String {
        "\(key)".replacingOccurrences(of: ".PublicKey", with: "")
    }
}

/// Why a signature value cannot be a signature of the recorded algorithm.
enum SignatureValueProblem: Error, CustomStringConvertible {
    case wrongLength(Int, expected: Int)
    case notDER(Int)

    var description: String {
        switch self {
        case .wrongLength(let n, let expected):
            return "the signature value is \(n) bytes; an Ed25519 signature has \(expected), so it is truncated or malformed"
        case .notDER(let n):
            return "the signature value (\(n) bytes) is not a DER ECDSA signature, so it is truncated or malformed"
        }
    }
}
