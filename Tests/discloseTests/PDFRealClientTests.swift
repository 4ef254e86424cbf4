import Foundation
import Testing

/// Stamped PDFs opened by the programs people and other tools use: qpdf, poppler (pdftotext,
/// pdfinfo), pikepdf, LibreOffice Draw and pyHanko. Scripts/install-clients installs them; each
/// suite skips, naming what is missing, without its program.
enum PDFClients {
    static var hasQpdf: Bool { RealClients.path(of: "qpdf") != nil }
    static var hasPoppler: Bool { RealClients.path(of: "pdftotext") != nil && RealClients.path(of: "pdfinfo") != nil }
    static let hasPikepdf: Bool = python("import pikepdf")
    static let hasPyHanko: Bool = python("import pyhanko.sign, pyhanko_certvalidator") && RealClients.path(of: "openssl") != nil
    static let hasPIL: Bool = python("import PIL.Image")

    static func python(_ code: String) -> Bool {
        RealClients.path(of: "python3") != nil && (try? RealClients.output("python3", ["-c", code]).1) == 0
    }

    /// The fixtures a stamp must accept (Fixtures/pdf/, made by Scripts/fixtures/make_pdf.py).
    static let stampable = ["plain.pdf", "a4.pdf", "xref-stream.pdf", "incremental.pdf", "tagged.pdf", "pdfa-2b.pdf",
                            "encodings.pdf", "type0.pdf", "ai-traces.pdf", "ai-declaration.pdf", "actions.pdf"]

    /// Copies Fixtures/pdf/`fixture` into `folder` and stamps a second copy; returns both paths.
    static func stamped(_ fixture: String, in folder: String, extra: [String] = []) throws -> (original: String, stamped: String) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try RealClients.stampedCopy("pdf/" + fixture, in: folder, extra: extra)
    }

    static func pageCount(_ path: String) throws -> Int? {
        let (info, status) = try RealClients.output("pdfinfo", [path])
        guard status == 0 else { return nil }
        return info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
    }

    /// The "Page N size: W x H pts" line of pdfinfo for one page.
    static func pageSize(_ path: String, page: Int) throws -> String? {
        let (info, _) = try RealClients.output("pdfinfo", ["-f", "\(page)", "-l", "\(page)", path])
        return info.split(separator: "\n").first { $0.hasPrefix("Page") && $0.contains("size:") }
            .map { String($0[$0.range(of: "size:")!.upperBound...]).trimmingCharacters(in: .whitespaces) }
    }

    /// pdftotext of pages `first`...`last` (all when nil).
    static func text(_ path: String, first: Int? = nil, last: Int? = nil) throws -> String {
        var args: [String] = []
        if let first { args += ["-f", "\(first)"] }
        if let last { args += ["-l", "\(last)"] }
        let (text, status) = try RealClients.output("pdftotext", args + ["-enc", "UTF-8", path, "-"])
        guard status == 0 else { throw RealClients.Failure(message: "pdftotext failed on \(path)") }
        return text
    }

    static func words(_ text: String) -> [String] { text.split(whereSeparator: \.isWhitespace).map(String.init) }
}

/// qpdf finds no error or warning in any stamped fixture, and the original file is the first part
/// of the stamped one, byte for byte.
@Suite(.enabled(if: PDFClients.hasQpdf, "qpdf is not installed; install it with Scripts/install-clients to run these tests"))
struct QpdfChecksStampedPDFsTests {
    @Test(arguments: PDFClients.stampable)
    func qpdfCheckPasses(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for placement in ["end", "start"] {
            let (original, stamped) = try PDFClients.stamped(fixture, in: folder + "/" + placement, extra: ["--placement", placement])
            let (out, status) = try RealClients.output("qpdf", ["--check", stamped])
            #expect(status == 0, "\(fixture) (\(placement)): qpdf --check exited \(status):\n\(out)")
            #expect(out.contains("No syntax or stream encoding errors found"), "\(fixture) (\(placement)): \(out)")
            #expect(!out.contains("WARNING"), "\(fixture) (\(placement)): \(out)")
            let before = try Data(contentsOf: URL(fileURLWithPath: original))
            let after = try Data(contentsOf: URL(fileURLWithPath: stamped))
            #expect(after.count > before.count && after.prefix(before.count) == before, "\(fixture): the original bytes are the stamped file's prefix")
        }
    }
}

/// Poppler reads the statement on its own page, every original page as before, and one page more.
@Suite(.enabled(if: PDFClients.hasPoppler, "pdftotext and pdfinfo are not installed; install poppler-utils with Scripts/install-clients to run these tests"))
struct PopplerReadsStampedPDFsTests {
    @Test(arguments: PDFClients.stampable)
    func statementPageAndEveryOriginalWord(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for placement in ["end", "start"] {
            let (original, stamped) = try PDFClients.stamped(fixture, in: folder + "/" + placement, extra: ["--placement", placement])
            let pages = try #require(try PDFClients.pageCount(original))
            #expect(try PDFClients.pageCount(stamped) == pages + 1, "\(fixture) (\(placement)): pdfinfo reports one more page")
            let statementPage = placement == "end" ? pages + 1 : 1
            let (first, last) = placement == "end" ? (1, pages) : (2, pages + 1)
            #expect(try PDFClients.pageSize(stamped, page: statementPage) == PDFClients.pageSize(original, page: 1),
                    "\(fixture) (\(placement)): the statement page is the size of the first page")

            let statement = PDFClients.words(try PDFClients.text(stamped, first: statementPage, last: statementPage)).joined(separator: " ")
            #expect(statement.hasPrefix("AI use disclosure"), "\(fixture) (\(placement)): \(statement)")
            for phrase in ["Microsoft 365 Copilot", "Jane Smith", "Example University"] {
                #expect(statement.contains(phrase), "\(fixture) (\(placement)): the statement says \"\(phrase)\": \(statement)")
            }
            let before = try PDFClients.text(original)
            let after = try PDFClients.text(stamped, first: first, last: last)
            #expect(after == before, "\(fixture) (\(placement)): the original pages read exactly as before")
            var remaining = PDFClients.words(try PDFClients.text(stamped))
            for word in PDFClients.words(before) {
                if let i = remaining.firstIndex(of: word) { remaining.remove(at: i) } else { Issue.record("\(fixture) (\(placement)): \"\(word)\" is missing after stamping") }
            }
        }
    }
}

/// pikepdf reads our XMP properties, and every property the document had keeps its value.
@Suite(.enabled(if: PDFClients.hasPikepdf, "pikepdf is not installed; install it with Scripts/install-clients to run these tests"))
struct PikepdfReadsStampedXMPTests {
    static let script = """
    import json, sys, pikepdf
    with pikepdf.open(sys.argv[1]) as pdf:
        meta = pdf.open_metadata()
        print(json.dumps({k: str(v) for k, v in meta.items()}))
    """

    static func properties(_ path: String) throws -> [String: String] {
        let (out, status) = try RealClients.output("python3", ["-c", script, path])
        guard status == 0 else { throw RealClients.Failure(message: "pikepdf could not open \(path)") }
        return try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: String] ?? [:]
    }

    @Test(arguments: ["plain.pdf", "xref-stream.pdf", "tagged.pdf", "pdfa-2b.pdf", "ai-traces.pdf"])
    func ourPropertiesAndTheOriginalOnes(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (original, stamped) = try PDFClients.stamped(fixture, in: folder)
        let before = try Self.properties(original)
        let after = try Self.properties(stamped)
        let ours = after.filter { $0.key.lowercased().contains("disclose") }
        #expect(!ours.isEmpty, "\(fixture): no property in a Disclose namespace: \(after.keys.sorted())")
        #expect(ours.values.contains { $0.contains("Jane Smith") }, "\(fixture): the declarant is in our properties: \(ours)")
        let source = after["{http://iptc.org/std/Iptc4xmpExt/2008-02-29/}DigitalSourceType"]
        #expect(source?.hasPrefix("http://cv.iptc.org/newscodes/digitalsourcetype/") == true, "\(fixture): IPTC DigitalSourceType: \(source ?? "absent")")
        for (key, value) in before where !key.hasSuffix("}ModifyDate") && !key.hasSuffix("}MetadataDate") && !key.hasSuffix("}DigitalSourceType") {
            #expect(after[key] == value, "\(fixture): \(key) kept (\(value) became \(after[key] ?? "absent"))")
        }
        if fixture == "pdfa-2b.pdf" {
            #expect(after["{http://www.aiim.org/pdfa/ns/id/}part"] == "2" && after["{http://www.aiim.org/pdfa/ns/id/}conformance"] == "B",
                    "the PDF/A claim is kept")
        }
        print("pikepdf: \(fixture): our XMP properties: \(ours.keys.sorted())")
    }
}

/// LibreOffice Draw (headless) renders the statement page. Headless Chromium's PDF viewer draws
/// nothing into a screenshot, so Draw is the renderer here; the picture is kept and its path printed.
@Suite(.enabled(if: RealClients.hasLibreOffice, "LibreOffice (soffice) is not installed; install it with Scripts/install-clients to run this test"))
struct LibreOfficeRendersTheStatementPageTests {
    @Test(arguments: ["plain.pdf", "type0.pdf", "tagged.pdf"])
    func statementPageIsDrawn(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        // --placement start: Draw converts the first page.
        let (_, stamped) = try PDFClients.stamped(fixture, in: folder, extra: ["--placement", "start"])
        let out = folder + "/png"
        let (_, status) = try RealClients.output("soffice", ["-env:UserInstallation=file://\(folder)/profile", "--headless",
                                                            "--convert-to", "png", "--outdir", out, stamped], timeout: 300)
        #expect(status == 0)
        let png = out + "/" + URL(fileURLWithPath: stamped).deletingPathExtension().lastPathComponent + ".png"
        #expect(FileManager.default.fileExists(atPath: png), "LibreOffice wrote no picture of \(stamped)")
        print("LibreOffice Draw: \(fixture): the statement page, rendered: \(png)")
        guard PDFClients.hasPIL else {
            print("PIL is not installed, so the picture's ink was not measured")
            return
        }
        let (ink, _) = try RealClients.output("python3", ["-c", """
            import sys
            from PIL import Image
            im = Image.open(sys.argv[1]).convert("L")
            w, h = im.size
            dark = sum(1 for p in im.getdata() if p < 128)
            print(dark, w, h)
            """, png])
        let numbers = ink.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(numbers.count == 3)
        #expect(numbers[0] > 2_000, "\(fixture): the statement page has text drawn on it (\(numbers[0]) dark pixels)")
        #expect(numbers[1] < numbers[2], "\(fixture): a portrait page like the first")
    }
}

/// A PDF signed by pyHanko, stamped with --allow-invalidating-signature: the first revision's
/// signature still verifies over its byte range, and now covers a revision, not the whole file.
@Suite(.enabled(if: PDFClients.hasPyHanko, "pyHanko or openssl is not installed; install pyhanko with Scripts/install-clients to run this test"))
struct PyHankoSignatureSurvivesStampTests {
    static let sign = """
    import sys
    from pyhanko.sign import signers
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    signer = signers.SimpleSigner.load(sys.argv[1], sys.argv[2])
    with open(sys.argv[3], "rb") as inf:
        with open(sys.argv[4], "wb") as out:
            signers.sign_pdf(IncrementalPdfFileWriter(inf), signers.PdfSignatureMetadata(field_name="Signature1"), signer=signer, output=out)
    """
    static let validate = """
    import json, sys
    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    with open(sys.argv[2], "rb") as f:
        _, _, der = pem.unarmor(f.read())
    context = ValidationContext(trust_roots=[x509.Certificate.load(der)])
    with open(sys.argv[1], "rb") as f:
        reader = PdfFileReader(f)
        sig = reader.embedded_signatures[0]
        status = validate_pdf_signature(sig, context)
        print(json.dumps({"intact": status.intact, "valid": status.valid, "coverage": status.coverage.name,
                          "revisions": reader.xrefs.total_revisions, "signedRevision": sig.signed_revision}))
    """

    static func status(_ path: String, cert: String) throws -> [String: Any] {
        let (out, code) = try RealClients.output("python3", ["-c", validate, path, cert])
        guard code == 0 else { throw RealClients.Failure(message: "pyHanko could not validate \(path)") }
        return try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
    }

    @Test func firstRevisionSignatureStillValid() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let key = folder + "/key.pem", cert = folder + "/cert.pem"
        let (_, made) = try RealClients.output("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                                          "-days", "30", "-subj", "/CN=Disclose test signer"])
        try #require(made == 0, "openssl could not make a test certificate")
        let plain = try CLI.copyFixture("pdf/plain.pdf", to: folder)
        let signed = folder + "/signed.pdf"
        let (_, signedStatus) = try RealClients.output("python3", ["-c", Self.sign, key, cert, plain, signed])
        try #require(signedStatus == 0, "pyHanko could not sign the fixture")
        let before = try Self.status(signed, cert: cert)
        #expect(before["intact"] as? Bool == true && before["valid"] as? Bool == true && before["coverage"] as? String == "ENTIRE_FILE", "\(before)")
        let signedBytes = try Data(contentsOf: URL(fileURLWithPath: signed))

        let refused = try CLI.run(["stamp", signed] + CLI.sampleFacts)
        #expect(refused.exitCode == 3, "a signed PDF is refused without the flag: \(refused.stderr)")
        #expect(refused.stderr.contains("--allow-invalidating-signature"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: signed)) == signedBytes)

        let stamp = try CLI.run(["stamp", signed, "--allow-invalidating-signature"] + CLI.sampleFacts)
        try #require(stamp.exitCode == 0, "\(stamp.stderr)")
        let after = try Self.status(signed, cert: cert)
        #expect(after["intact"] as? Bool == true, "the signed bytes are unchanged: \(after)")
        #expect(after["valid"] as? Bool == true, "the signature still verifies over its byte range: \(after)")
        #expect(after["coverage"] as? String == "ENTIRE_REVISION", "the signature now covers its revision, not the whole file: \(after)")
        #expect((after["revisions"] as? Int ?? 0) == (before["revisions"] as? Int ?? 0) + 1, "one revision more: \(after)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: signed)).prefix(signedBytes.count) == signedBytes)
        print("pyHanko: after stamping, the signature is \(after)")
    }
}
