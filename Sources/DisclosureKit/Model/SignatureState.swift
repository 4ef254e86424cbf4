import Foundation

/// What signature verification concluded, carried in the `signature` check's ``CheckResult/state``.
public enum SignatureState: String, Codable, CaseIterable, Sendable {
    /// The signature is valid and the key (or its certificate chain) is trusted.
    case signedTrusted = "signed-trusted"
    /// The signature is valid but the key is not among the trusted keys.
    case signedUntrusted = "signed-untrusted"
    /// The signature does not match the disclosure, or cannot be checked.
    case signatureInvalid = "signature-invalid"
    /// The disclosure carries no signature.
    case unsigned
}
