import Foundation
import SwiftASN1
import X509

/// The keys and CA certificates a verifier trusts, read from `--trust` paths:
/// PEM files of `PUBLIC KEY` and `CERTIFICATE` blocks, or folders of them.
public struct TrustStore: Sendable {
    /// A trusted public key and the file it came from.
    public struct TrustedKey: Sendable {
        /// The key.
        public var key: PublicSigningKey
        /// The file it was read from.
        public var source: String
    }

    /// A trusted (CA) certificate, a trust anchor, and the file it came from.
    public struct TrustedCertificate: Sendable {
        /// The certificate.
        public var certificate: Certificate
        /// The file it was read from.
        public var source: String
    }

    /// Trusted public keys.
    public var keys: [TrustedKey]
    /// Trusted certificates (trust anchors).
    public var certificates: [TrustedCertificate]

    /// File name endings read from a folder.
    public static let folderExtensions = [".pem", ".crt", ".cer", ".pub"]

    /// Creates a trust store.
    public init(keys: [TrustedKey] = [], certificates: [TrustedCertificate] = []) {
        self.keys = keys
        self.certificates = certificates
    }

    /// True when nothing is trusted.
    public var isEmpty: Bool { keys.isEmpty && certificates.isEmpty }

    /// The trusted key with this key id, if any.
    public func key(id: String) -> TrustedKey? {
        keys.first { $0.key.keyID == id.lowercased() }
    }

    /// Reads trust paths. A folder is read one level deep: its `.pem`, `.crt`, `.cer` and `.pub`
    /// files, in name order, skipping hidden files and private key files.
    /// - Throws: ``ProvenanceError`` naming the path: unreadable, not PEM, unsupported key,
    ///   a private key named directly, or a folder with nothing to trust.
    public static func load(paths: [String]) throws -> TrustStore {
        var store = TrustStore()
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ProvenanceError.unreadable(path: path, reason: "no such file or folder")
            }
            if isFolder.boolValue {
                let names: [String]
                do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
                    throw ProvenanceError.unreadable(path: path, reason: "the folder cannot be listed")
                }
                let files = names.filter { name in
                    !name.hasPrefix(".") && folderExtensions.contains { name.lowercased().hasSuffix($0) }
                }.sorted()
                var added = 0
                for name in files {
                    added += try store.add(file: (path as NSString).appendingPathComponent(name), inFolder: true)
                }
                if added == 0 {
                    throw ProvenanceError.badPEM(path: path, expected: "trusted public key or certificate",
                                                 detail: "the folder has no public keys or certificates in .pem, .crt, .cer or .pub files")
                }
            } else {
                _ = try store.add(file: path, inFolder: false)
            }
        }
        return store
    }

    /// Adds the keys and certificates in one file; returns how many.
    mutating func add(file: String, inFolder: Bool) throws -> Int {
        let blocks = try KeyFile.pemBlocks(at: file, expected: "trusted public key or certificate")
        var added = 0
        var privateKeys = 0
        for block in blocks {
            switch block.discriminator {
            case "PUBLIC KEY":
                guard let key = try? Certificate.PublicKey(pemDocument: block) else {
                    throw ProvenanceError.badPEM(path: file, expected: "public key", detail: "a PUBLIC KEY block is damaged")
                }
                guard let wrapped = PublicSigningKey(key) else {
                    throw ProvenanceError.unsupportedKey(path: file, found: "of type \(PublicSigningKey.describeUnsupported(key))")
                }
                keys.append(TrustedKey(key: wrapped, source: file))
                added += 1
            case "CERTIFICATE":
                certificates.append(TrustedCertificate(certificate: try KeyFile.loadCertificate(block, path: file), source: file))
                added += 1
            case "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY":
                privateKeys += 1
            default:
                continue
            }
        }
        if privateKeys > 0 && !inFolder { throw ProvenanceError.privateKeyInTrustPath(path: file) }
        if added == 0 && !inFolder && privateKeys == 0 {
            throw ProvenanceError.badPEM(path: file, expected: "trusted public key or certificate",
                                         detail: "found only \(blocks.map(\.discriminator).joined(separator: ", "))")
        }
        return added
    }
}
