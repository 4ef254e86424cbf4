@testable import DisclosureKit
import Foundation
import Crypto
import Testing
import X509

@Suite struct KeyFileTests {
    @Test(arguments: SigningAlgorithm.allCases)
    func writtenKeysLoadBackWithTheSameKeyIDAndMode0600(algorithm: SigningAlgorithm) throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let key = PrivateSigningKey.generate(algorithm)
        let files = try KeyFile.write(key, name: "office", folder: folder)
        #expect(files.privateKey == folder + "/office.key.pem")
        let mode = try FileManager.default.attributesOfItem(atPath: files.privateKey)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let privateText = try String(contentsOfFile: files.privateKey, encoding: .utf8)
        #expect(privateText.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try String(contentsOfFile: files.publicKey, encoding: .utf8).hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        let loaded = try KeyFile.loadPrivateKey(at: files.privateKey)
        #expect(loaded.algorithm == algorithm)
        #expect(loaded.publicKey.keyID == key.publicKey.keyID)
        #expect(try KeyFile.loadPublicKey(at: files.publicKey).keyID == key.publicKey.keyID)
        #expect(key.publicKey.keyID.count == 64)
    }

    @Test func keyIDIsSHA256OfTheSubjectPublicKeyInfo() throws {
        let key = PrivateSigningKey.generate(.ed25519)
        // An Ed25519 SubjectPublicKeyInfo is 44 bytes: 12 of header (OID 1.3.101.112), 32 of key.
        #expect(key.publicKey.subjectPublicKeyInfo.count == 44)
        #expect(Array(key.publicKey.subjectPublicKeyInfo.prefix(12)) == [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00])
        #expect(key.publicKey.keyID == PublicSigningKey.keyID(of: key.publicKey.subjectPublicKeyInfo))
    }

    @Test func privateKeyReadableByOthersIsRefusedWithTheFix() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try KeyFile.write(PrivateSigningKey.generate(.ed25519), name: "k", folder: folder)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: files.privateKey)
        #expect(throws: ProvenanceError.privateKeyExposed(path: files.privateKey, mode: "0644")) {
            try KeyFile.loadPrivateKey(at: files.privateKey)
        }
        let error = ProvenanceError.privateKeyExposed(path: files.privateKey, mode: "0644")
        #expect(error.description.contains("chmod 600 \(files.privateKey)"))
        #expect(error.exitCode == 3)
    }

    @Test func symbolicLinkToAPrivateKeyIsJudgedByTheKeyFile() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try KeyFile.write(PrivateSigningKey.generate(.ed25519), name: "k", folder: folder)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.pem", withDestinationPath: files.privateKey)
        #expect(try KeyFile.loadPrivateKey(at: folder + "/link.pem").algorithm == .ed25519)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: files.privateKey)
        #expect(throws: ProvenanceError.privateKeyExposed(path: folder + "/link.pem", mode: "0640")) {
            try KeyFile.loadPrivateKey(at: folder + "/link.pem")
        }
    }

    @Test func existingFilesAreNeverOverwritten() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: folder + "/k.pub.pem"))
        #expect(throws: ProvenanceError.keyExists(path: folder + "/k.pub.pem")) {
            try KeyFile.write(PrivateSigningKey.generate(.ed25519), name: "k", folder: folder)
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/k.key.pem"))
        #expect(try String(contentsOfFile: folder + "/k.pub.pem", encoding: .utf8) == "keep me")
    }

    @Test func badFilesGiveTypedErrorsNamingTheFile() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let notPEM = folder + "/notes.pem"
        try Data("just some words\n".utf8).write(to: URL(fileURLWithPath: notPEM))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: notPEM)
        #expect(throws: ProvenanceError.badPEM(path: notPEM, expected: "private key", detail: "the file has no -----BEGIN ...----- block")) {
            try KeyFile.loadPrivateKey(at: notPEM)
        }
        let damaged = folder + "/damaged.pem"
        try Data("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n".utf8).write(to: URL(fileURLWithPath: damaged))
        #expect(throws: ProvenanceError.self) { try KeyFile.loadPublicKey(at: damaged) }
        let encrypted = folder + "/enc.pem"
        try Data("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n".utf8).write(to: URL(fileURLWithPath: encrypted))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: encrypted)
        #expect(throws: ProvenanceError.encryptedPrivateKey(path: encrypted)) { try KeyFile.loadPrivateKey(at: encrypted) }
        #expect(throws: ProvenanceError.unreadable(path: folder + "/missing.pem", reason: "no such file")) {
            try KeyFile.loadPrivateKey(at: folder + "/missing.pem")
        }
        let publicOnly = try KeyFile.write(PrivateSigningKey.generate(.ed25519), name: "p", folder: folder).publicKey
        // Named as a public key whatever its permissions (0644 is normal for one).
        for mode in [0o600, 0o644] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: publicOnly)
            do {
                _ = try KeyFile.loadPrivateKey(at: publicOnly)
                Issue.record("a public key was accepted as a private key")
            } catch let error as ProvenanceError {
                #expect(error == .badPEM(path: publicOnly, expected: "private key", detail: "the file holds a public key, which cannot sign; sign with the private key file (NAME.key.pem), and give this file to whoever verifies, with --trust"))
            }
        }
    }

    @Test func unsupportedKeyTypeIsNamed() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A P-384 public key (generated here, not committed).
        let p384 = Certificate.PublicKey(P384.Signing.PrivateKey().publicKey)
        let path = folder + "/p384.pub.pem"
        try Data((try p384.serializeAsPEM().pemString + "\n").utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try KeyFile.loadPublicKey(at: path)
            Issue.record("a P-384 key was accepted")
        } catch let error as ProvenanceError {
            guard case .unsupportedKey(let p, let found) = error else { Issue.record("\(error)"); return }
            #expect(p == path)
            #expect(found.contains("P384"))
            #expect(error.description.contains("Disclose signs with Ed25519 or ECDSA P-256 keys"))
        }
    }

    @Test func certificateForAnotherKeyIsRefused() throws {
        let ca = try TestPKI.authority("CA")
        let key = PrivateSigningKey.generate(.ed25519)
        let otherLeaf = try TestPKI.leaf(for: PrivateSigningKey.generate(.ed25519), issuer: ca)
        #expect(throws: ProvenanceError.certificateKeyMismatch(certificatePath: "chain.pem", keyPath: "k.key.pem")) {
            try KeySigner(key: key, certificates: [otherLeaf], certificatePath: "chain.pem", keyPath: "k.key.pem")
        }
        #expect(ProvenanceError.certificateKeyMismatch(certificatePath: "chain.pem", keyPath: "k.key.pem").exitCode == 2)
    }
}
