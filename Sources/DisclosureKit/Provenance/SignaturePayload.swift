import Foundation

/// The exact bytes a disclosure's signature covers (`docs/signing.md`).
///
/// The payload is the canonical JSON (``Disclosure/canonicalJSON()``) of the whole disclosure,
/// statement and content binding included, whose `signature` object holds every field except
/// `value`: `algorithm`, `keyId`, and, when present, `certificates` and `signedAt`. So the
/// algorithm, the key, the certificate chain and the signing time are all signed.
public enum SignaturePayload {
    /// The signed bytes for `disclosure`; its `signature` (if any) supplies the signed header fields.
    /// - Throws: an `EncodingError` only if the disclosure cannot be encoded.
    public static func bytes(for disclosure: Disclosure) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[DisclosureSignature.omitValue] = true
        return try encoder.encode(disclosure)
    }

    /// Signs `disclosure` with `signer`: asks for the signature record, fills in the value over
    /// ``bytes(for:)``, and returns the complete record.
    public static func sign(_ disclosure: Disclosure, with signer: any DisclosureSigner) throws -> DisclosureSignature {
        var record = try signer.record()
        record.value = ""
        var unsigned = disclosure
        unsigned.signature = record
        record.value = try signer.sign(try bytes(for: unsigned)).base64EncodedString()
        return record
    }
}
