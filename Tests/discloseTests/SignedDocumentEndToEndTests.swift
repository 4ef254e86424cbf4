import Foundation
import Testing

/// A DOCX signed by its author (`_xmlsignatures/`) is stamped only with
/// `--allow-invalidating-signature`, because stamping breaks that signature.
@Suite struct SignedDocumentEndToEndTests {
    static func signedPackage() -> Data {
        let signature = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\" Id=\"idPackageSignature\"><SignedInfo/></Signature>"
        let sigRels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature\" Target=\"sig1.xml\"/></Relationships>"
        return RawZip.archive(RawZip.docxParts(text: "A signed contract.") + [
            RawZip.Entry(name: "_xmlsignatures/origin.sigs", bytes: Data()),
            RawZip.Entry(name: "_xmlsignatures/_rels/origin.sigs.rels", bytes: Data(sigRels.utf8)),
            RawZip.Entry(name: "_xmlsignatures/sig1.xml", bytes: Data(signature.utf8)),
        ])
    }

    @Test func refusedWithoutTheFlagAndNothingWritten() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/contract.docx"
        let bytes = Self.signedPackage()
        try bytes.write(to: URL(fileURLWithPath: path))

        for extra in [[], ["--dry-run"]] {
            let r = try CLI.run(["stamp", path] + extra + CLI.sampleFacts)
            #expect(r.exitCode == 3)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr == "disclose: error: \(path): the document is digitally signed (_xmlsignatures/sig1.xml), and stamping changes it, so its own signature would no longer verify. Nothing was written. Stamp it first and then ask the signer to sign it again, or, if a broken signature is acceptable, stamp it with --allow-invalidating-signature.\n")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "the file is unchanged")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["contract.docx"])
    }

    @Test func stampedWithTheFlagSayingTheSignatureNoLongerVerifies() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/contract.docx"
        try Self.signedPackage().write(to: URL(fileURLWithPath: path))

        let r = try CLI.run(["stamp", path, "--allow-invalidating-signature"] + CLI.sampleFacts)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("\(path): stamped\n"))
        #expect(r.stderr == "disclose: \(path): warning: the document's own signature (_xmlsignatures/sig1.xml) no longer verifies; ask the signer to sign it again\n")
        let verify = try CLI.run(["verify", path])
        #expect(verify.exitCode == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.hasSuffix(": verified\n"))

        // Stamping again with the same facts changes nothing, so it needs no flag and warns of nothing.
        let again = try CLI.run(["stamp", path] + CLI.sampleFacts)
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(again.stdout.contains("already stamped with these facts; unchanged"))
        #expect(again.stderr.isEmpty)
    }

    @Test func anUnsignedPackageNeedsNoFlag() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/report.docx"
        // An origin part alone holds no signature.
        try RawZip.archive(RawZip.docxParts() + [RawZip.Entry(name: "_xmlsignatures/origin.sigs", bytes: Data())])
            .write(to: URL(fileURLWithPath: path))
        let r = try CLI.run(["stamp", path] + CLI.sampleFacts)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
    }
}
