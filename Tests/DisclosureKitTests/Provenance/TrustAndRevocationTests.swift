@testable import DisclosureKit
import Foundation
import Testing
import X509

@Suite struct TrustAndRevocationTests {
    @Test func revocationListReadsKeyIDsSerialsAndComments() throws {
        let id = String(repeating: "A1", count: 32)
        let list = try RevocationList(text: "# revoked 2026-11-30\n\n\(id)   # lost laptop\nserial:0A:1B:2c\nserial:00ff\n", path: "rev.txt")
        #expect(list.revocation(ofKey: id.lowercased()) == RevocationList.Entry(path: "rev.txt", line: 3))
        #expect(list.serials["a1b2c"] == RevocationList.Entry(path: "rev.txt", line: 4))
        #expect(list.serials["ff"] == RevocationList.Entry(path: "rev.txt", line: 5))
        #expect(list.keyIDs.count == 1)
    }

    @Test func revocationListRefusesLinesThatAreNotEntries() throws {
        #expect(throws: ProvenanceError.badRevocationEntry(path: "rev.txt", line: 2, text: "abc123")) {
            try RevocationList(text: "# ok\nabc123\n", path: "rev.txt")
        }
        #expect(throws: ProvenanceError.badRevocationEntry(path: "rev.txt", line: 1, text: "serial:zz")) {
            try RevocationList(text: "serial:zz", path: "rev.txt")
        }
        #expect(ProvenanceError.badRevocationEntry(path: "rev.txt", line: 2, text: "abc123").description
            == "rev.txt:2: \"abc123\" is not a key id (64 hex digits) or a certificate serial (serial:<hex>). Fix or comment out the line with #.")
        #expect(throws: ProvenanceError.unreadable(path: "/nonexistent/rev.txt", reason: "no such file")) {
            try RevocationList.load(path: "/nonexistent/rev.txt")
        }
    }

    @Test func serialMatchesHowSwiftCertificatesAndOpensslPrintIt() throws {
        let ca = try TestPKI.authority("CA")
        let leaf = try TestPKI.leaf(for: PrivateSigningKey.generate(.ed25519), issuer: ca)
        let openssl = leaf.serialNumber.bytes.map { String(format: "%02X", $0) }.joined(separator: ":")
        for written in ["serial:\(leaf.serialNumber)", "serial:\(openssl)"] {
            #expect(try RevocationList(text: written, path: "r").revocation(of: leaf) != nil, "\(written)")
        }
    }

    @Test func trustStoreReadsFilesAndFoldersAndSkipsPrivateKeysInFolders() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let keys = folder + "/keys"
        try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true)
        let a = try KeyFile.write(PrivateSigningKey.generate(.ed25519), name: "a", folder: keys)
        _ = try KeyFile.write(PrivateSigningKey.generate(.ecdsaP256), name: "b", folder: keys)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: keys + "/README.txt"))
        let ca = try TestPKI.authority("Signing CA")
        let caFile = folder + "/ca.crt"
        try Data(try TestPKI.pem([ca.certificate]).utf8).write(to: URL(fileURLWithPath: caFile))

        let store = try TrustStore.load(paths: [keys, caFile])
        #expect(store.keys.count == 2)
        #expect(store.certificates.count == 1)
        #expect(store.certificates.first?.source == caFile)
        let aID = try KeyFile.loadPublicKey(at: a.publicKey).keyID
        #expect(store.key(id: aID)?.source == a.publicKey)
        #expect(store.key(id: aID.uppercased()) != nil)

        #expect(throws: ProvenanceError.privateKeyInTrustPath(path: a.privateKey)) { try TrustStore.load(paths: [a.privateKey]) }
        #expect(throws: ProvenanceError.unreadable(path: folder + "/nope", reason: "no such file or folder")) {
            try TrustStore.load(paths: [folder + "/nope"])
        }
        let empty = folder + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(throws: ProvenanceError.self) { try TrustStore.load(paths: [empty]) }
        let text = folder + "/plain.pem"
        try Data("hello".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: ProvenanceError.badPEM(path: text, expected: "trusted public key or certificate", detail: "the file has no -----BEGIN ...----- block")) {
            try TrustStore.load(paths: [text])
        }
    }

    @Test func certificateFileErrorsNameTheFile() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bad = folder + "/chain.pem"
        try Data("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".utf8).write(to: URL(fileURLWithPath: bad))
        #expect(throws: ProvenanceError.badCertificate(path: bad, detail: "not a valid X.509 certificate")) { try KeyFile.loadCertificates(at: bad) }
        let key = try KeyFile.write(PrivateSigningKey.generate(.ed25519), name: "k", folder: folder)
        #expect(throws: ProvenanceError.badPEM(path: key.publicKey, expected: "certificate", detail: "no -----BEGIN CERTIFICATE----- block")) {
            try KeyFile.loadCertificates(at: key.publicKey)
        }
    }
}
