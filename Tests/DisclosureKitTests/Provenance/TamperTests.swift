@testable import DisclosureKit
import Foundation
import Testing
import X509

/// Tampering with signed documents, in every format: each case must fail, naming the right check.
/// Each test prints one `tamper:` line (format, case, failed checks, signature state) for the record.
@Suite struct TamperTests {
    static func record(_ format: SignedFormat, _ name: String, _ report: VerificationReport) {
        let signature = report.check(CheckID.signature)
        print("tamper: \(format.testDescription) \(name): failed=\(report.failedIDs.map(\.rawValue).joined(separator: ",")) signature=\(signature?.state ?? "-") (\(signature?.message ?? ""))")
    }

    @Test(arguments: SignedFormat.all)
    func untouchedSignedDocumentIsTrusted(format: SignedFormat) throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        let path = try setup.signedCopy(format.fixture)
        let report = try setup.verify(path)
        #expect(report.passed, "\(report.checks)")
        let signature = try #require(report.check(CheckID.signature))
        #expect(signature.status == .pass)
        #expect(signature.state == "signed-trusted")
        #expect(signature.message.contains("Communications Office"))
        #expect(signature.message.contains("Example University Signing CA"))
    }

    @Test(arguments: SignedFormat.all)
    func oneChangedCharacterOfContentFailsContentBinding(format: SignedFormat) throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        let path = try setup.signedCopy(format.fixture)
        try format.changeContent(path)
        let report = try setup.verify(path)
        Self.record(format, "content-character", report)
        #expect(report.failedIDs == [CheckID.contentBinding])
        // The signature covers the disclosure (with its binding), which is unchanged; the binding catches the edit.
        #expect(report.check(CheckID.signature)?.state == "signed-trusted")
    }

    @Test(arguments: SignedFormat.all)
    func changedMetadataFieldIsSignatureInvalid(format: SignedFormat) throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        let path = try setup.signedCopy(format.fixture)
        try SigningSetup.tamper(path) { $0.language = "en-US" }
        let report = try setup.verify(path)
        Self.record(format, "metadata-field", report)
        #expect(report.failedIDs == [CheckID.signature])
        #expect(report.check(CheckID.signature)?.state == "signature-invalid")
        #expect(report.check(CheckID.signature)?.message.contains("changed after signing") == true)
    }

    @Test(arguments: SignedFormat.all)
    func metadataEditedInTheFileBytesIsSignatureInvalid(format: SignedFormat) throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        let path = try setup.signedCopy(format.fixture)
        // As someone editing the file by hand would: the stored JSON only, nothing else.
        if path.hasSuffix(".docx") {
            try DOCXFixtures.rewrite(path, part: "docProps/custom.xml") { xml in
                #expect(xml.contains("en-GB"))
                return xml.replacingOccurrences(of: "en-GB", with: "en-US")
            }
        } else {
            try SignedFormat.replaceOnce(in: path, #""language":"en-GB""#, #""language":"en-US""#)
        }
        #expect(try SigningSetup.disclosure(at: path).language == "en-US")
        let report = try setup.verify(path)
        Self.record(format, "metadata-bytes", report)
        #expect(report.failedIDs == [CheckID.signature])
        #expect(report.check(CheckID.signature)?.state == "signature-invalid")
    }

    @Test(arguments: SignedFormat.all)
    func changedSigningTimeIsSignatureInvalid(format: SignedFormat) throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        let path = try setup.signedCopy(format.fixture)
        try SigningSetup.tamper(path) { $0.signature?.signedAt = "2026-06-01T10:00:00Z" }
        let report = try setup.verify(path)
        Self.record(format, "signedAt-field", report)
        #expect(report.failedIDs == [CheckID.signature])
        #expect(report.check(CheckID.signature)?.state == "signature-invalid")
    }

    @Test(arguments: SignedFormat.all)
    func swappedStatementIsSignatureInvalid(format: SignedFormat) throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        let path = try setup.signedCopy(format.fixture)
        // The visible statement and the recorded one are swapped together, so they still agree.
        var lighter = Samples.disclosure
        lighter.extent = .minorEdits
        let swapped = StatementRenderer().render(lighter)
        try SigningSetup.tamper(path, statement: swapped) { $0.extent = .minorEdits }
        let report = try setup.verify(path)
        Self.record(format, "swapped-statement", report)
        #expect(report.check(CheckID.agreement)?.status == .pass)
        #expect(report.failedIDs == [CheckID.signature])
        #expect(report.check(CheckID.signature)?.state == "signature-invalid")
    }

    @Test(arguments: SignedFormat.all)
    func signatureMovedFromAnotherDocumentIsSignatureInvalid(format: SignedFormat) throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        let path = try setup.signedCopy(format.fixture)
        let other = try setup.signedCopy(format.other, name: "other-" + (format.other as NSString).lastPathComponent)
        let moved = try SigningSetup.disclosure(at: other).signature
        try SigningSetup.tamper(path) { $0.signature = moved }
        let report = try setup.verify(path)
        Self.record(format, "signature-moved", report)
        #expect(report.failedIDs == [CheckID.signature])
        #expect(report.check(CheckID.signature)?.state == "signature-invalid")
    }

    @Test(arguments: SignedFormat.all)
    func wholeSignedDisclosureMovedFromAnotherDocumentFailsContentBinding(format: SignedFormat) throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        let path = try setup.signedCopy(format.fixture)
        let other = try setup.signedCopy(format.other, name: "other-" + (format.other as NSString).lastPathComponent)
        let moved = try SigningSetup.disclosure(at: other)
        try SigningSetup.tamper(path) { $0 = moved }
        let report = try setup.verify(path)
        Self.record(format, "disclosure-moved", report)
        // The signature is genuine, for the other document: the content binding names the problem.
        #expect(report.failedIDs == [CheckID.contentBinding])
        #expect(report.check(CheckID.signature)?.state == "signed-trusted")
    }

    @Test(arguments: SignedFormat.all)
    func truncatedSignatureIsSignatureInvalid(format: SignedFormat) throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        let path = try setup.signedCopy(format.fixture)
        try SigningSetup.tamper(path) { d in
            let bytes = Data(base64Encoded: d.signature!.value)!
            d.signature!.value = bytes.prefix(40).base64EncodedString()
        }
        let report = try setup.verify(path)
        Self.record(format, "truncated-signature", report)
        #expect(report.failedIDs == [CheckID.signature])
        #expect(report.check(CheckID.signature)?.state == "signature-invalid")
        #expect(report.check(CheckID.signature)?.message.contains("truncated or malformed") == true)

        try SigningSetup.tamper(path) { $0.signature!.value = String($0.signature!.value.dropLast(3)) }
        let chopped = try setup.verify(path)
        Self.record(format, "chopped-base64", chopped)
        #expect(chopped.check(CheckID.signature)?.state == "signature-invalid")
        #expect(chopped.check(CheckID.signature)?.message.contains("not base64") == true)
    }

    @Test(arguments: SignedFormat.all)
    func expiredCertificateIsSignatureInvalid(format: SignedFormat) throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        let expired = try TestPKI.leaf(for: setup.key, issuer: setup.ca, from: TestPKI.date("2025-01-01T00:00:00Z"), until: TestPKI.date("2026-01-01T00:00:00Z"))
        let path = try setup.signedCopy(format.fixture, signer: try setup.signer(certificates: [expired]))
        let report = try setup.verify(path)
        Self.record(format, "expired-certificate", report)
        #expect(report.failedIDs == [CheckID.signature])
        #expect(report.check(CheckID.signature)?.state == "signature-invalid")
        #expect(report.check(CheckID.signature)?.message.contains("had expired") == true)
    }

    @Test(arguments: SignedFormat.all)
    func revokedKeyIsSignatureInvalid(format: SignedFormat) throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        let path = try setup.signedCopy(format.fixture)
        let list = try RevocationList(text: "# lost laptop\n\(setup.key.publicKey.keyID)\n", path: "revoked.txt")
        let report = try setup.verify(path, revocations: list)
        Self.record(format, "revoked-key", report)
        #expect(report.failedIDs == [CheckID.signature])
        #expect(report.check(CheckID.signature)?.state == "signature-invalid")
        #expect(report.check(CheckID.signature)?.message.contains("revoked (revoked.txt, line 2)") == true)
    }

    @Test(arguments: SignedFormat.all)
    func revokedCertificateIsSignatureInvalid(format: SignedFormat) throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        let path = try setup.signedCopy(format.fixture)
        let serial = setup.leaf.serialNumber.description
        let list = try RevocationList(text: "serial:\(serial)  # left the organisation\n", path: "revoked.txt")
        let report = try setup.verify(path, revocations: list)
        Self.record(format, "revoked-certificate", report)
        #expect(report.failedIDs == [CheckID.signature])
        #expect(report.check(CheckID.signature)?.state == "signature-invalid")
        #expect(report.check(CheckID.signature)?.message.contains("is revoked") == true)
    }

    @Test(arguments: SignedFormat.all)
    func wrongAlgorithmForTheKeyIsSignatureInvalid(format: SignedFormat) throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        let p256 = PrivateSigningKey.generate(.ecdsaP256)
        let path = try setup.signedCopy(format.fixture, signer: try setup.signer(certificates: [], key: p256))
        try SigningSetup.tamper(path) { $0.signature!.algorithm = "ed25519" }
        let report = try setup.verify(path, trust: TestPKI.trust(keys: [p256]))
        Self.record(format, "wrong-algorithm", report)
        #expect(report.failedIDs == [CheckID.signature])
        #expect(report.check(CheckID.signature)?.state == "signature-invalid")
        #expect(report.check(CheckID.signature)?.message.contains("wrong algorithm for the key: the signature says ed25519") == true)
    }

    @Test(arguments: SignedFormat.all)
    func chainFromAnImpostorCAIsSignatureInvalid(format: SignedFormat) throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        // Same name as the trusted CA, different key.
        let impostor = try TestPKI.authority("Example University Signing CA")
        let forged = try TestPKI.leaf(for: setup.key, issuer: impostor)
        let path = try setup.signedCopy(format.fixture, signer: try setup.signer(certificates: [forged]))
        let report = try setup.verify(path)
        Self.record(format, "impostor-ca", report)
        #expect(report.failedIDs == [CheckID.signature])
        #expect(report.check(CheckID.signature)?.state == "signature-invalid")
        #expect(report.check(CheckID.signature)?.message.contains("untrusted chain") == true)
    }
}
