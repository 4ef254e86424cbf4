import Foundation

/// Problems with key files, certificates, trust paths and revocation lists. Each case
/// names the file, the problem and what to do next, and maps to a documented exit code.
public enum ProvenanceError: Error, Equatable, Sendable {
    /// The file does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// The file holds no PEM block of the kind needed, or a block is damaged.
    case badPEM(path: String, expected: String, detail: String)
    /// The key is of a type Disclose does not sign or verify with.
    case unsupportedKey(path: String, found: String)
    /// A password-protected (encrypted PKCS#8) private key.
    case encryptedPrivateKey(path: String)
    /// A private key file that other users can read (`mode` is its octal permission bits).
    case privateKeyExposed(path: String, mode: String)
    /// A private key was given where a public key or certificate is expected.
    case privateKeyInTrustPath(path: String)
    /// The certificate chain's first certificate does not hold the signing key's public key.
    case certificateKeyMismatch(certificatePath: String, keyPath: String)
    /// A certificate could not be parsed.
    case badCertificate(path: String, detail: String)
    /// A revocation list line is neither a key id, `serial:<hex>`, a comment nor blank.
    case badRevocationEntry(path: String, line: Int, text: String)
    /// Creating a key would overwrite an existing file.
    case keyExists(path: String)
    /// Writing a key file failed.
    case writeFailed(path: String, reason: String)

    /// The documented exit code: 2 for a wrong value or combination on the command line,
    /// 3 for a file that cannot be read or used, 4 for a failed write.
    public var exitCode: Int32 {
        switch self {
        case .certificateKeyMismatch, .keyExists, .privateKeyInTrustPath: return 2
        case .unreadable, .badPEM, .unsupportedKey, .encryptedPrivateKey, .privateKeyExposed, .badCertificate, .badRevocationEntry: return 3
        case .writeFailed: return 4
        }
    }
}

extension ProvenanceError: LocalizedError, CustomStringConvertible {
    /// The file, the problem, then what to do next.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason)). Check the path and that you have permission to read it."
        case .badPEM(let path, let expected, let detail):
            return "\(path): no usable \(expected) was found (\(detail)). Give a PEM file, as written by `disclose keys create` or `openssl`."
        case .unsupportedKey(let path, let found):
            return "\(path): the key is \(found); Disclose signs with Ed25519 or ECDSA P-256 keys. Make one with `disclose keys create --name NAME`."
        case .encryptedPrivateKey(let path):
            return "\(path): the private key is encrypted (password-protected), which Disclose does not read. Decrypt a copy with `openssl pkey -in \(path) -out PLAIN.key.pem`, restrict it with `chmod 600 PLAIN.key.pem`, and sign with that."
        case .privateKeyExposed(let path, let mode):
            return "\(path): this private key can be read by other users (permissions \(mode)), so it was not used. Restrict it with `chmod 600 \(path)`, and consider making a new key if others may have copied it."
        case .privateKeyInTrustPath(let path):
            return "\(path): this is a private key; trust paths take public keys and CA certificates. Give the public key instead (the .pub.pem file next to it), and keep the private key to yourself."
        case .certificateKeyMismatch(let certificatePath, let keyPath):
            return "\(certificatePath): the first certificate is not for the key in \(keyPath). Put the certificate issued for this key first, then its intermediates."
        case .badCertificate(let path, let detail):
            return "\(path): a certificate could not be read (\(detail)). Give PEM certificates (-----BEGIN CERTIFICATE-----), leaf first."
        case .badRevocationEntry(let path, let line, let text):
            return "\(path):\(line): \"\(text)\" is not a key id (64 hex digits) or a certificate serial (serial:<hex>). Fix or comment out the line with #."
        case .keyExists(let path):
            return "\(path): a file with this name already exists, so no key was written. Choose another --name or --out, or move the old file away first."
        case .writeFailed(let path, let reason):
            return "\(path): could not write the key (\(reason)). Check the folder exists and you may write to it."
        }
    }

    public var errorDescription: String? { description }
}
