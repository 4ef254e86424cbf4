import DiscloseTestSupport
@testable import DisclosureKit
import Crypto
import Foundation
import Testing
import X509

@Suite struct SignaturePayloadTests {
    /// The RFC 8032 section 7.1 TEST 1 key: public test data, used so docs/signing.md's worked example can be reproduced.
    static let rfc8032Key: PrivateSigningKey = {
        let raw = Data(hex: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
        return PrivateSigningKey(Certificate.PrivateKey(try! Curve25519.Signing.PrivateKey(rawRepresentation: raw)), path: "")!
    }()

    /// The disclosure of the worked example in docs/signing.md.
    static var example: Disclosure {
        var d = Disclosure(tools: [Tool(name: "Microsoft 365 Copilot")], purposes: [.drafting], extent: .partial,
                           review: Review(level: .edited, reviewer: "Head of Communications"), declarant: "Jane Smith", date: "2026-11-25")
        d.statement = "AI use disclosure: This document was made with help from Microsoft 365 Copilot for drafting. Extent of AI use: part of the content. Human review: reviewed and edited by Head of Communications. Declared by Jane Smith, on 25 November 2026."
        d.content = ContentBinding(format: "markdown", text: NamedDigest(value: String(repeating: "ab", count: 32)),
                                   parts: NamedDigest(value: String(repeating: "cd", count: 32)), paragraphs: 3,
                                   paragraphMap: ParagraphMap(groupSize: 1, digests: "1a2b3c4d5e6f"))
        return d
    }

    static func exampleSigner() throws -> KeySigner {
        try KeySigner(key: rfc8032Key, now: { TestPKI.date("2026-11-25T09:30:00Z") })
    }

    static let examplePayload = #"{"content":{"canonicalization":"disclose-text/1","format":"markdown","paragraphMap":{"digests":"1a2b3c4d5e6f","groupSize":1},"paragraphs":3,"parts":{"algorithm":"sha-256","value":"cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"},"text":{"algorithm":"sha-256","value":"abababababababababababababababababababababababababababababababab"}},"date":"2026-11-25","declarant":"Jane Smith","extent":"partial","language":"en-GB","purposes":["drafting"],"review":{"level":"edited","reviewer":"Head of Communications"},"schema":"disclose/1","signature":{"algorithm":"ed25519","keyId":"KEYID","signedAt":"2026-11-25T09:30:00Z"},"statement":"AI use disclosure: This document was made with help from Microsoft 365 Copilot for drafting. Extent of AI use: part of the content. Human review: reviewed and edited by Head of Communications. Declared by Jane Smith, on 25 November 2026.","tools":[{"name":"Microsoft 365 Copilot"}]}"#

    /// The worked example's values, as docs/signing.md prints them.
    static let exampleKeyID = "06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9"
    static let examplePayloadSHA256 = "b9cc9c29fc044fcb758d12d52a0afc4d957a34d501a8d16df2dd6fa970319273"
    static let exampleValue = "gUXqX5/FV1TvPp0pbNQ97F8ndajUQu2GH9VSJJJeGLtXaPAhz2SOPClCYRIh1LETvLS5QCijWcPomOZC9A2OAA=="

    static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }

    @Test func workedExampleInTheDocsIsExact() throws {
        #expect(Self.rfc8032Key.publicKey.keyID == Self.exampleKeyID)
        var signed = Self.example
        signed.signature = try SignaturePayload.sign(signed, with: try Self.exampleSigner())
        let payload = try SignaturePayload.bytes(for: signed)
        #expect(String(decoding: payload, as: UTF8.self) == Self.examplePayload.replacingOccurrences(of: "KEYID", with: Self.exampleKeyID))
        #expect(Self.hex(SHA256.hash(data: payload)) == Self.examplePayloadSHA256)
        // Ed25519 is deterministic here (BoringSSL); CryptoKit may randomise, so check the documented value verifies.
        signed.signature?.value = Self.exampleValue
        let verdict = SignatureVerifier(trust: TestPKI.trust(keys: [Self.rfc8032Key])).verify(signed)
        #expect(verdict.state == .signedTrusted, "\(verdict.message)")
    }

    @Test func docsPrintTheWorkedExampleExactly() throws {
        let docs = try String(contentsOf: DOCXFixtures.root.appendingPathComponent("docs/signing.md"), encoding: .utf8)
        let block = try #require(docs.components(separatedBy: "wrapped here for reading").last?
            .components(separatedBy: "```text\n").dropFirst().first?.components(separatedBy: "```").first)
        let payload = Self.examplePayload.replacingOccurrences(of: "KEYID", with: Self.exampleKeyID)
        #expect(block.replacingOccurrences(of: "\n", with: "") == payload)
        #expect(docs.contains("one line, \(payload.utf8.count) bytes"))
        for value in [Self.exampleKeyID, Self.examplePayloadSHA256, Self.exampleValue] { #expect(docs.contains(value)) }
    }

    @Test func payloadCoversEverySignatureFieldButTheValue() throws {
        let ca = try TestPKI.authority("CA")
        let key = PrivateSigningKey.generate(.ecdsaP256)
        let signer = try KeySigner(key: key, certificates: [try TestPKI.leaf(for: key, issuer: ca)], now: { TestPKI.signingTime })
        var d = Self.example
        d.signature = try SignaturePayload.sign(d, with: signer)
        let payload = String(decoding: try SignaturePayload.bytes(for: d), as: UTF8.self)
        #expect(payload.contains(#""signature":{"algorithm":"ecdsa-p256-sha256","certificates":["-----BEGIN CERTIFICATE-----\n"#))
        #expect(payload.contains(#""keyId":"\#(key.publicKey.keyID)","signedAt":"2026-11-25T10:00:00Z"}"#))
        #expect(!payload.contains(d.signature!.value))
        #expect(payload.components(separatedBy: #""value""#).count == 3, "only the two digests have a value")
        // The stored form carries the value; decoding it back gives the same payload.
        let stored = try d.canonicalJSON()
        #expect(String(decoding: stored, as: UTF8.self).contains(#""value":"\#(d.signature!.value)""#))
        let decoded = try Disclosure.decode(json: stored, path: "x")
        #expect(try SignaturePayload.bytes(for: decoded) == SignaturePayload.bytes(for: d))
    }

    // MARK: other tools read our keys and bytes

    static let openssl: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let output = try ProcessRunner.run(URL(fileURLWithPath: openssl!), arguments)
        return (output.exitCode, output.stdout + output.stderr)
    }

    @Test(.enabled(if: openssl != nil, "openssl is not installed; skipping the interoperability check"), arguments: SigningAlgorithm.allCases)
    func opensslVerifiesOurSignaturesWithOurKeyFiles(algorithm: SigningAlgorithm) throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let key = PrivateSigningKey.generate(algorithm)
        let files = try KeyFile.write(key, name: "k", folder: folder)
        var d = Self.example
        d.signature = try SignaturePayload.sign(d, with: try KeySigner(key: key))
        let payload = try SignaturePayload.bytes(for: d)
        try payload.write(to: URL(fileURLWithPath: folder + "/payload.json"))
        try Data(base64Encoded: d.signature!.value)!.write(to: URL(fileURLWithPath: folder + "/sig.bin"))

        let verify = algorithm == .ed25519
            ? ["pkeyutl", "-verify", "-pubin", "-inkey", files.publicKey, "-rawin", "-in", folder + "/payload.json", "-sigfile", folder + "/sig.bin"]
            : ["dgst", "-sha256", "-verify", files.publicKey, "-signature", folder + "/sig.bin", folder + "/payload.json"]
        let good = try Self.run(verify)
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.contains("Verified") || good.output.contains("Verification success") || good.output.contains("Verified OK"))

        // One changed byte of the payload: openssl refuses it too.
        var changed = payload
        changed[changed.startIndex + 10] ^= 0x01
        try changed.write(to: URL(fileURLWithPath: folder + "/payload.json"))
        #expect(try Self.run(verify).status != 0)

        // openssl reads our PKCS#8 private key and derives the same public key.
        let derived = try Self.run(["pkey", "-in", files.privateKey, "-pubout"])
        #expect(derived.output == (try String(contentsOfFile: files.publicKey, encoding: .utf8)))
    }

    @Test(.enabled(if: openssl != nil, "openssl is not installed; skipping the interoperability check"))
    func opensslVerifiesTheDocumentedExample() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(try Self.rfc8032Key.publicKey.pem().utf8).write(to: URL(fileURLWithPath: folder + "/pub.pem"))
        try Data(Self.examplePayload.replacingOccurrences(of: "KEYID", with: Self.exampleKeyID).utf8).write(to: URL(fileURLWithPath: folder + "/payload.json"))
        try Data(base64Encoded: Self.exampleValue)!.write(to: URL(fileURLWithPath: folder + "/sig.bin"))
        let r = try Self.run(["pkeyutl", "-verify", "-pubin", "-inkey", folder + "/pub.pem", "-rawin", "-in", folder + "/payload.json", "-sigfile", folder + "/sig.bin"])
        #expect(r.status == 0, "\(r.output)")
    }
}

extension Data {
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self.init(bytes)
    }
}
