import Crypto
import Foundation
import SwiftASN1
import X509

/// A private key Disclose signs with: Ed25519 or ECDSA P-256.
///
/// ```swift
/// let key = PrivateSigningKey.generate(.ed25519)
/// let files = try KeyFile.write(key, name: "comms-office", folder: ".")
/// let loaded = try KeyFile.loadPrivateKey(at: files.privateKey)   // refuses a key others can read
/// ```
public struct PrivateSigningKey: Sendable {
    /// The key's algorithm.
    public let algorithm: SigningAlgorithm
    /// The matching public key (and its key id).
    public let publicKey: PublicSigningKey
    let key: Certificate.PrivateKey

    /// Makes a new random key.
    public static func generate(_ algorithm: SigningAlgorithm) -> PrivateSigningKey {
        let key: Certificate.PrivateKey = algorithm == .ed25519
            ? Certificate.PrivateKey(Curve25519.Signing.PrivateKey())
            : Certificate.PrivateKey(P256.Signing.PrivateKey())
        // Both key types are supported, so this cannot fail.
        return PrivateSigningKey(key, path: "")!
    }

    init?(_ key: Certificate.PrivateKey, path: String) {
        guard let publicKey = PublicSigningKey(key.publicKey) else { return nil }
        self.algorithm = publicKey.algorithm
        self.publicKey = publicKey
        self.key = key
    }

    /// Signs `payload`: 64 raw bytes for Ed25519, a DER `ECDSA-Sig-Value` for P-256 (SHA-256).
    public func sign(_ payload: Data) throws -> Data {
        Data(try key.sign(bytes: payload, signatureAlgorithm: algorithm.certificateAlgorithm).rawRepresentation)
    }

    /// The key as a PKCS#8 `PRIVATE KEY` PEM block. Write it only to a file of mode 0600.
    func pem() throws -> String {
        try key.serializeAsPEM().pemString + "\n"
    }
}

/// Reads and writes key files: PKCS#8 PEM private keys (mode 0600) and SubjectPublicKeyInfo PEM public keys.
public enum KeyFile {
    /// The files written for a new key.
    public struct Written: Sendable {
        /// `NAME.key.pem`, mode 0600.
        public var privateKey: String
        /// `NAME.pub.pem`.
        public var publicKey: String
    }

    /// Writes `key` as `NAME.key.pem` (private, mode 0600) and `NAME.pub.pem` (public) in `folder`.
    /// Never overwrites a file.
    /// - Throws: ``ProvenanceError/keyExists(path:)`` or ``ProvenanceError/writeFailed(path:reason:)``.
    public static func write(_ key: PrivateSigningKey, name: String, folder: String) throws -> Written {
        let base = folder == "." ? name : (folder as NSString).appendingPathComponent(name)
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            // A new folder for keys is private to its owner, like the private key in it.
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw ProvenanceError.writeFailed(path: folder, reason: "the folder cannot be made: \(error.localizedDescription)")
            }
        } else if !isFolder.boolValue {
            throw ProvenanceError.writeFailed(path: folder, reason: "it is a file, not a folder")
        }
        let files = Written(privateKey: base + ".key.pem", publicKey: base + ".pub.pem")
        for path in [files.privateKey, files.publicKey] where FileManager.default.fileExists(atPath: path) {
            throw ProvenanceError.keyExists(path: path)
        }
        try create(files.privateKey, contents: Data(try key.pem().utf8), mode: 0o600)
        do {
            try create(files.publicKey, contents: Data(try key.publicKey.pem().utf8), mode: 0o644)
        } catch {
            try? FileManager.default.removeItem(atPath: files.privateKey)
            throw error
        }
        return files
    }

    /// Creates a new file with exactly `mode`, failing if it exists; the contents are never
    /// readable with wider permissions, not even for a moment.
    static func create(_ path: String, contents: Data, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == EEXIST { throw ProvenanceError.keyExists(path: path) }
            throw ProvenanceError.writeFailed(path: path, reason: reason)
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            guard fchmod(fd, mode) == 0 else { throw ProvenanceError.writeFailed(path: path, reason: String(cString: strerror(errno))) }
            try handle.write(contentsOf: contents)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            if let error = error as? ProvenanceError { throw error }
            throw ProvenanceError.writeFailed(path: path, reason: error.localizedDescription)
        }
    }

    /// Loads a private key, refusing one that other users can read.
    /// - Throws: ``ProvenanceError`` naming the file: unreadable, exposed (with the `chmod 600` fix),
    ///   not PEM, encrypted or an unsupported key type.
    public static func loadPrivateKey(at path: String) throws -> PrivateSigningKey {
        let attributes: [FileAttributeKey: Any]
        do {
            // The permissions that matter are the key file's, not a symbolic link's.
            attributes = try FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
        } catch {
            throw ProvenanceError.unreadable(path: path, reason: "no such file")
        }
        // A public key or certificate is named as such whatever its permissions (one that
        // others can read is normal for it, and not the problem).
        if let blocks = try? pemBlocks(at: path, expected: "private key"), !blocks.isEmpty,
           blocks.allSatisfy({ ["PUBLIC KEY", "CERTIFICATE"].contains($0.discriminator) }) {
            let what = blocks.contains { $0.discriminator == "PUBLIC KEY" } ? "a public key" : "a certificate"
            throw ProvenanceError.badPEM(path: path, expected: "private key", detail: "the file holds \(what), which cannot sign; sign with the private key file (NAME.key.pem), and give this file to whoever verifies, with --trust")
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw ProvenanceError.privateKeyExposed(path: path, mode: String(format: "%04o", mode))
        }
        let blocks = try pemBlocks(at: path, expected: "private key")
        if blocks.contains(where: { $0.discriminator == "ENCRYPTED PRIVATE KEY" }) {
            throw ProvenanceError.encryptedPrivateKey(path: path)
        }
        guard let block = blocks.first(where: { ["PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"].contains($0.discriminator) }) else {
            let found = blocks.map(\.discriminator).joined(separator: ", ")
            throw ProvenanceError.badPEM(path: path, expected: "private key", detail: "the file holds \(found); sign with the private key file (.key.pem)")
        }
        let parsed: Certificate.PrivateKey
        do {
            parsed = try Certificate.PrivateKey(pemDocument: block)
        } catch {
            throw ProvenanceError.unsupportedKey(path: path, found: "of a type or size Disclose cannot read")
        }
        guard let key = PrivateSigningKey(parsed, path: path) else {
            throw ProvenanceError.unsupportedKey(path: path, found: "of type \(PublicSigningKey.describeUnsupported(parsed.publicKey))")
        }
        return key
    }

    /// Loads a public key (`PUBLIC KEY` PEM block), or the public key of a private key file's
    /// key or of a certificate, to print its key id.
    public static func loadPublicKey(at path: String) throws -> PublicSigningKey {
        let blocks = try pemBlocks(at: path, expected: "public key")
        for block in blocks {
            switch block.discriminator {
            case "PUBLIC KEY":
                let key: Certificate.PublicKey
                do { key = try Certificate.PublicKey(pemDocument: block) } catch {
                    throw ProvenanceError.badPEM(path: path, expected: "public key", detail: "the PUBLIC KEY block is damaged")
                }
                guard let wrapped = PublicSigningKey(key) else {
                    throw ProvenanceError.unsupportedKey(path: path, found: "of type \(PublicSigningKey.describeUnsupported(key))")
                }
                return wrapped
            case "CERTIFICATE":
                let certificate = try loadCertificate(block, path: path)
                guard let wrapped = PublicSigningKey(certificate.publicKey) else {
                    throw ProvenanceError.unsupportedKey(path: path, found: "of type \(PublicSigningKey.describeUnsupported(certificate.publicKey))")
                }
                return wrapped
            case "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY":
                return try loadPrivateKey(at: path).publicKey
            default:
                continue
            }
        }
        throw ProvenanceError.badPEM(path: path, expected: "public key", detail: "found \(blocks.map(\.discriminator).joined(separator: ", "))")
    }

    /// Loads a PEM file of certificates, in order (leaf first).
    public static func loadCertificates(at path: String) throws -> [Certificate] {
        let blocks = try pemBlocks(at: path, expected: "certificate").filter { $0.discriminator == "CERTIFICATE" }
        guard !blocks.isEmpty else {
            throw ProvenanceError.badPEM(path: path, expected: "certificate", detail: "no -----BEGIN CERTIFICATE----- block")
        }
        return try blocks.map { try loadCertificate($0, path: path) }
    }

    static func loadCertificate(_ block: PEMDocument, path: String) throws -> Certificate {
        do {
            return try Certificate(derEncoded: block.derBytes)
        } catch {
            throw ProvenanceError.badCertificate(path: path, detail: "not a valid X.509 certificate")
        }
    }

    /// Every PEM block in the file at `path`.
    static func pemBlocks(at path: String, expected: String) throws -> [PEMDocument] {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            throw ProvenanceError.unreadable(path: path, reason: !exists ? "no such file" : isFolder.boolValue ? "it is a folder" : "permission denied")
        }
        guard data.count <= 1 << 20 else {
            throw ProvenanceError.badPEM(path: path, expected: expected, detail: "the file is over 1 MB")
        }
        let text = String(decoding: data, as: UTF8.self)
        let blocks: [PEMDocument]
        do {
            blocks = try PEMDocument.parseMultiple(pemString: text)
        } catch {
            throw ProvenanceError.badPEM(path: path, expected: expected, detail: "a PEM block is damaged or incomplete")
        }
        guard !blocks.isEmpty else {
            throw ProvenanceError.badPEM(path: path, expected: expected, detail: "the file has no -----BEGIN ...----- block")
        }
        return blocks
    }
}
