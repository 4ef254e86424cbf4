@testable import DisclosureKit
import Foundation
import Testing
import X509

/// The signature states and their statuses, on disclosures signed in memory.
@Suite struct SignatureVerifierTests {
    static func signed(_ key: PrivateSigningKey, chain: [Certificate] = [], at time: Date = TestPKI.signingTime) throws -> Disclosure {
        var d = SignaturePayloadTests.example
        d.signature = try SignaturePayload.sign(d, with: try KeySigner(key: key, certificates: chain, now: { time }))
        return d
    }

    static func verdict(_ d: Disclosure, _ trust: TrustStore, _ revocations: RevocationList = RevocationList()) -> SignatureVerifier.Verdict {
        SignatureVerifier(trust: trust, revocations: revocations, now: { TestPKI.now }).verify(d)
    }

    @Test(arguments: SigningAlgorithm.allCases)
    func bareKeyTrustedUnknownAndChanged(algorithm: SigningAlgorithm) throws {
        let key = PrivateSigningKey.generate(algorithm)
        let d = try Self.signed(key)
        let trusted = Self.verdict(d, TestPKI.trust(keys: [key]))
        #expect(trusted.state == .signedTrusted)
        #expect(trusted.message == "signed on 2026-11-25T10:00:00Z with trusted key \(key.publicKey.keyID) (test-keys.pem)")
        let unknown = Self.verdict(d, TestPKI.trust(keys: [PrivateSigningKey.generate(algorithm)]))
        #expect(unknown.state == .signedUntrusted)
        var changed = d
        changed.declarant = "Jane Smyth"
        #expect(Self.verdict(changed, TestPKI.trust(keys: [key])).state == .signatureInvalid)
    }

    @Test func unsignedIsUnsigned() {
        #expect(Self.verdict(SignaturePayloadTests.example, TrustStore()).state == .unsigned)
    }

    @Test func chainThroughAnIntermediateIsTrustedBySubject() throws {
        let root = try TestPKI.authority("Root CA")
        let intermediate = try TestPKI.authority("Staff CA", issuer: root)
        let key = PrivateSigningKey.generate(.ecdsaP256)
        let leaf = try TestPKI.leaf(for: key, "Jane Smith", issuer: intermediate)
        let v = Self.verdict(try Self.signed(key, chain: [leaf, intermediate.certificate]), TestPKI.trust(authorities: [root]))
        #expect(v.state == .signedTrusted, "\(v.message)")
        #expect(v.message.contains("by \"CN=Jane Smith,O=Example University,C=GB\""))
        #expect(v.message.contains("Root CA"))
        // Without the intermediate, no path to the root.
        let missing = Self.verdict(try Self.signed(key, chain: [leaf]), TestPKI.trust(authorities: [root]))
        #expect(missing.state == .signedUntrusted, "\(missing.message)")
        // A revoked intermediate breaks the chain.
        let list = try RevocationList(text: "serial:\(intermediate.certificate.serialNumber)", path: "r.txt")
        let revoked = Self.verdict(try Self.signed(key, chain: [leaf, intermediate.certificate]), TestPKI.trust(authorities: [root]), list)
        #expect(revoked.state == .signatureInvalid)
        #expect(revoked.message.contains("Staff CA"))
        #expect(revoked.message.contains("is revoked"))
    }

    @Test func chainFromAnUnknownCAIsSignedUntrusted() throws {
        let other = try TestPKI.authority("Someone Else CA")
        let key = PrivateSigningKey.generate(.ed25519)
        let d = try Self.signed(key, chain: [try TestPKI.leaf(for: key, issuer: other)])
        let v = Self.verdict(d, TestPKI.trust(authorities: [try TestPKI.authority("Our CA")]))
        #expect(v.state == .signedUntrusted)
        #expect(v.message.contains("which is not a trusted CA"))
        #expect(Self.verdict(d, TrustStore()).state == .signedUntrusted)
        // The leaf's key trusted directly is enough.
        #expect(Self.verdict(d, TestPKI.trust(keys: [key])).state == .signedTrusted)
    }

    /// Chain validation blocks its caller; run from every cooperative thread at once it must still finish.
    /// The limit catches a starved pool, which never finishes; it is generous because on a busy
    /// two-core run the clock also counts time the test spends waiting for a thread.
    @Test(.timeLimit(.minutes(10)))
    func chainValidationFromManyConcurrentTasksDoesNotStarveThePool() async throws {
        let ca = try TestPKI.authority("CA")
        let key = PrivateSigningKey.generate(.ed25519)
        let d = try Self.signed(key, chain: [try TestPKI.leaf(for: key, issuer: ca)])
        let trust = TestPKI.trust(authorities: [ca])
        let states = await withTaskGroup(of: SignatureState.self) { group in
            for _ in 0..<32 { group.addTask { Self.verdict(d, trust).state } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(states.count == 32)
        #expect(states.allSatisfy { $0 == .signedTrusted })
    }

    @Test func leafWithoutDigitalSignatureUsageIsInvalid() throws {
        let ca = try TestPKI.authority("CA")
        let key = PrivateSigningKey.generate(.ed25519)
        for usage in [KeyUsage(keyEncipherment: true), nil] {
            let d = try Self.signed(key, chain: [try TestPKI.leaf(for: key, issuer: ca, usage: usage)])
            let v = Self.verdict(d, TestPKI.trust(authorities: [ca]))
            #expect(v.state == .signatureInvalid)
            #expect(v.message.contains("does not allow digital signatures"))
        }
    }

    @Test func certificateNotYetValidAtSigningTimeIsInvalid() throws {
        let ca = try TestPKI.authority("CA")
        let key = PrivateSigningKey.generate(.ed25519)
        let leaf = try TestPKI.leaf(for: key, issuer: ca, from: TestPKI.date("2026-12-01T00:00:00Z"), until: TestPKI.date("2027-12-01T00:00:00Z"))
        let v = Self.verdict(try Self.signed(key, chain: [leaf]), TestPKI.trust(authorities: [ca]))
        #expect(v.state == .signatureInvalid)
        #expect(v.message.contains("not yet valid"))
    }

    @Test func certificateExpiredSinceSigningStillVerifies() throws {
        let ca = try TestPKI.authority("CA", until: TestPKI.date("2030-01-01T00:00:00Z"))
        let key = PrivateSigningKey.generate(.ed25519)
        let leaf = try TestPKI.leaf(for: key, issuer: ca, from: TestPKI.date("2025-06-01T00:00:00Z"), until: TestPKI.date("2025-12-31T00:00:00Z"))
        let v = Self.verdict(try Self.signed(key, chain: [leaf], at: TestPKI.date("2025-07-01T00:00:00Z")), TestPKI.trust(authorities: [ca]))
        #expect(v.state == .signedTrusted, "validity is judged at signedAt: \(v.message)")
    }

    @Test func damagedRecordsAreInvalidWithTheReason() throws {
        let key = PrivateSigningKey.generate(.ed25519)
        let trust = TestPKI.trust(keys: [key])
        let good = try Self.signed(key)
        var cases: [(String, (inout DisclosureSignature) -> Void)] = []
        cases.append(("uses \"rsa-pss\"", { $0.algorithm = "rsa-pss" }))
        cases.append(("key id \"xyz\" is malformed", { $0.keyID = "xyz" }))
        cases.append(("empty or not base64", { $0.value = "" }))
        cases.append(("not an ISO 8601 timestamp", { $0.signedAt = "yesterday" }))
        cases.append(("is in the future", { $0.signedAt = "2030-01-01T00:00:00Z" }))
        cases.append(("records 9 certificates", { $0.certificates = Array(repeating: "x", count: 9) }))
        cases.append(("certificate 1 recorded with the signature cannot be read", { $0.certificates = ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"] }))
        for (reason, damage) in cases {
            var d = good
            damage(&d.signature!)
            let v = Self.verdict(d, trust)
            #expect(v.state == .signatureInvalid, "\(reason)")
            #expect(v.message.contains(reason), "\(v.message)")
        }
    }

    @Test func checkStatusFollowsStateAndRequireSignature() throws {
        let key = PrivateSigningKey.generate(.ed25519)
        let signed = try Self.signed(key)
        var broken = signed
        broken.note = "added later"
        let cases: [(Disclosure, TrustStore, CheckStatus, CheckStatus, String)] = [
            (signed, TestPKI.trust(keys: [key]), .pass, .pass, "signed-trusted"),
            (signed, TrustStore(), .warn, .fail, "signed-untrusted"),
            (broken, TestPKI.trust(keys: [key]), .fail, .fail, "signature-invalid"),
            (SignaturePayloadTests.example, TrustStore(), .notApplicable, .fail, "unsigned"),
        ]
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/doc.md"
        try Data("# Title\n\nText.\n".utf8).write(to: URL(fileURLWithPath: path))
        let document = try DocumentLoader().open(path)
        for (disclosure, trust, plain, required, state) in cases {
            let context = VerificationContext(path: path, document: document, found: try document.findStamp(), disclosure: disclosure)
            let a = SignatureCheck(trust: trust, now: { TestPKI.now }).run(context)
            let b = SignatureCheck(trust: trust, requireSignature: true, now: { TestPKI.now }).run(context)
            #expect(a.map(\.id) == [CheckID.signature])
            #expect(a.first?.status == plain, "\(state)")
            #expect(b.first?.status == required, "\(state)")
            #expect(a.first?.state == state)
            #expect(SignatureCheck(trust: trust, reportUnsigned: false, now: { TestPKI.now }).run(context).isEmpty == (state == "unsigned"))
        }
    }
}
