import Foundation
import Testing

/// Stamped decks in the programs people use (Scripts/install-clients installs them; each suite
/// skips, naming what is missing, without them).
enum PPTXClients {
    static let hasPythonPptx: Bool = RealClients.path(of: "python3") != nil && (try? RealClients.output("python3", ["-c", "import pptx"]).1) == 0
    static var hasPdftotext: Bool { RealClients.path(of: "pdftotext") != nil }

    /// One part of a package, as text (python3's zipfile).
    static func part(_ path: String, _ name: String) throws -> String {
        try RealClients.output("python3", ["-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", path, name]).0
    }

    /// Stamps a copy of Fixtures/pptx/plain.pptx named `name` in `folder`.
    static func stampedDeck(_ name: String, in folder: String, extra: [String] = []) throws -> String {
        let path = folder + "/" + name
        try FileManager.default.copyItem(atPath: CLI.packageRoot.appendingPathComponent("Fixtures/pptx/plain.pptx").path, toPath: path)
        let r = try CLI.run(["stamp", path] + CLI.sampleFacts + extra)
        guard r.exitCode == 0 else { throw RealClients.Failure(message: "stamp failed: \(r.stderr)") }
        return path
    }

    /// Converts files with LibreOffice (one start for all, a private profile) into `out`.
    static func soffice(_ files: [String], to format: String, out: String, profile: String) throws {
        let (_, status) = try RealClients.output("soffice", ["-env:UserInstallation=file://\(profile)", "--headless", "--convert-to", format, "--outdir", out] + files, timeout: 300)
        guard status == 0 else { throw RealClients.Failure(message: "soffice exited with \(status)") }
    }
}

/// A stamped deck opened and saved by LibreOffice Impress keeps its stamp: LibreOffice drops
/// slide names and our shapes' names and tags, but keeps the text, so the statement slide is found
/// by its title and the statement recorded in the metadata (issue 14 §2c).
@Suite(.enabled(if: RealClients.hasLibreOffice, "LibreOffice (soffice) is not installed; install it with Scripts/install-clients to run these tests"))
struct LibreOfficeSavesStampedDecksTests {
    @Test func theStampSurvivesAndAChangedWordIsCaught() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let kept = try PPTXClients.stampedDeck("kept.pptx", in: folder)
        let edited = try PPTXClients.stampedDeck("edited.pptx", in: folder)
        try PPTXEndToEndTests.rewrite(edited, part: "ppt/slides/slide2.xml", "half hour", "full hour")
        try PPTXClients.soffice([kept, edited], to: "pptx", out: folder + "/saved", profile: folder + "/profile")
        let saved = folder + "/saved/kept.pptx"
        #expect(try !PPTXClients.part(saved, "ppt/slides/slide4.xml").contains("disclose:statement"), "LibreOffice drops our tag (if it keeps it now, update docs/pptx.md)")

        let verify = try CLI.run(["verify", saved])
        #expect(verify.exitCode == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("warn           statement-present           statement found at ppt/slides/slide4.xml, recognised by its text"), "\(verify.stdout)")
        #expect(verify.stdout.contains("metadata-present            metadata found at docProps/custom.xml"))
        #expect(verify.stdout.contains("statement-matches-metadata  statement and metadata agree"))
        #expect(verify.stdout.contains("content-binding             text unchanged, but formatting or other parts changed since stamping"), "\(verify.stdout)")

        let caught = try CLI.run(["verify", folder + "/saved/edited.pptx"])
        #expect(caught.exitCode == 1, "\(caught.stdout)")
        #expect(caught.stdout.contains("content-binding             text changed since stamping"), "\(caught.stdout)")

        // Stamping the saved copy again puts our markup back, on the same slide, once.
        let restamp = try CLI.run(["stamp", saved] + CLI.sampleFacts)
        #expect(restamp.exitCode == 0, "\(restamp.stderr)")
        let slide = try PPTXClients.part(saved, "ppt/slides/slide4.xml")
        #expect(slide.contains(#"<p:cNvPr id="3" name="AI use disclosure statement" descr="disclose:statement"/>"#))
        #expect(slide.contains(#"<p:cSld name="AI use disclosure">"#))
        let after = try CLI.run(["verify", saved])
        #expect(after.exitCode == 0 && after.stdout.hasSuffix(": verified\n"), "\(after.stdout)")
        let unstamp = try CLI.run(["unstamp", saved])
        #expect(unstamp.exitCode == 0)
        #expect(try !PPTXClients.part(saved, "ppt/presentation.xml").contains("rIdDiscloseSlide"))
    }

    @Test(.enabled(if: PPTXClients.hasPdftotext, "pdftotext is not installed; install poppler-utils with Scripts/install-clients to run this test"))
    func aPDFOfTheDeckShowsTheStatementOnItsOwnPage() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let end = try PPTXClients.stampedDeck("end.pptx", in: folder)
        let start = try PPTXClients.stampedDeck("start.pptx", in: folder, extra: ["--placement", "start"])
        try PPTXClients.soffice([end, start], to: "pdf", out: folder + "/pdf", profile: folder + "/profile")
        for (name, page) in [("end", 4), ("start", 1)] {
            let (text, status) = try RealClients.output("pdftotext", ["-f", "\(page)", "-l", "\(page)", folder + "/pdf/\(name).pdf", "-"])
            #expect(status == 0)
            let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(words.hasPrefix("AI use disclosure AI use disclosure: This document was made with help from Microsoft 365 Copilot"), "\(name): \(words)")
        }
    }
}

/// python-pptx opens stamped decks, finds the statement slide with its title and text, and our
/// custom properties.
@Suite(.enabled(if: PPTXClients.hasPythonPptx, "python-pptx is not installed; install it with Scripts/install-clients to run these tests"))
struct PythonPptxOpensStampedDecksTests {
    static let script = """
    import json, sys, pptx
    from lxml import etree
    p = pptx.Presentation(sys.argv[1])
    last = p.slides[-1]
    props = {}
    for part in p.part.package.iter_parts():
        if str(part.partname) == "/docProps/custom.xml":
            for e in etree.fromstring(part.blob):
                props[e.get("name")] = "".join(e.itertext())
    print(json.dumps({"slides": len(p.slides), "layout": last.slide_layout.name, "title": last.shapes.title.text if last.shapes.title is not None else None,
                      "texts": [s.text_frame.text for s in last.shapes if s.has_text_frame], "props": props}))
    """

    @Test(arguments: ["plain.pptx", "textboxes-only.pptx", "custom-properties.pptx"])
    func statementSlideAndPropertiesAreThere(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (_, path) = try RealClients.stampedCopy("pptx/" + fixture, in: folder)
        let (out, status) = try RealClients.output("python3", ["-c", Self.script, path])
        try #require(status == 0, "python-pptx could not open \(fixture)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let texts = json["texts"] as? [String] ?? []
        #expect(texts.first == "AI use disclosure")
        #expect(texts.last?.hasPrefix("AI use disclosure: This document was made with help from Microsoft 365 Copilot") == true, "\(texts)")
        let props = json["props"] as? [String: String] ?? [:]
        #expect(props["AI Disclosure Declarant"] == "Jane Smith")
        #expect(props["AI Disclosure"]?.contains("\"declarant\":\"Jane Smith\"") == true)
        if fixture == "plain.pptx" {
            #expect(json["layout"] as? String == "Title and Content")
            #expect(json["title"] as? String == "AI use disclosure")
        }
        if fixture == "custom-properties.pptx" { #expect(props["Department"] == "Comms") }
    }
}
