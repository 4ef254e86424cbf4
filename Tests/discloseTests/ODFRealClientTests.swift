import Foundation
import Testing

/// Real programs and OpenDocument: LibreOffice opens and saves stamped files (the stamp must
/// survive, and an edit must still be caught), converts them to PDF (pdftotext must find the
/// statement), and odfpy reads our user-defined properties. Each suite skips, naming what is
/// missing, when its program is absent; Scripts/install-clients installs them all.
enum ODFClients {
    /// soffice with Writer and Impress (Impress's library is libsdlo).
    static var hasLibreOffice: Bool {
        RealClients.hasLibreOffice && FileManager.default.fileExists(atPath: "/usr/lib/libreoffice/program/libsdlo.so")
    }
    static var hasPdftotext: Bool { RealClients.path(of: "pdftotext") != nil }
    static let hasOdfpy: Bool = RealClients.path(of: "python3") != nil && (try? RealClients.output("python3", ["-c", "import odf.opendocument"]).1) == 0

    /// Converts `inputs` with LibreOffice into `outdir` (one start for all files, a private profile).
    static func convert(_ inputs: [String], to format: String, outdir: String, profile: String) throws {
        let (_, status) = try RealClients.output("soffice", [
            "-env:UserInstallation=file://\(profile)", "--headless", "--convert-to", format, "--outdir", outdir] + inputs, timeout: 300)
        guard status == 0 else { throw RealClients.Failure(message: "soffice exited with \(status)") }
    }

    /// Rewrites one part of a zip package with python (an edit made before LibreOffice saves).
    static func replaceInPart(_ path: String, part: String, _ old: String, _ new: String) throws {
        let script = """
            import sys, zipfile, shutil
            src, part, old, new = sys.argv[1:5]
            tmp = src + ".tmp"
            with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp, "w") as zout:
                for info in zin.infolist():
                    data = zin.read(info)
                    if info.filename == part:
                        data = data.decode("utf-8").replace(old, new).encode("utf-8")
                    zout.writestr(info, data)
            shutil.move(tmp, src)
            """
        let (_, status) = try RealClients.output("python3", ["-c", script, path, part, old, new])
        guard status == 0 else { throw RealClients.Failure(message: "python3 could not rewrite \(part)") }
    }
}

@Suite(.enabled(if: ODFClients.hasLibreOffice, "LibreOffice Writer and Impress (soffice) are not installed; install them with Scripts/install-clients to run these tests"))
struct ODFLibreOfficeSurvivalTests {
    static let fixtures = [("odt/newsletter.odt", "odt", "Pupils will visit", "Pupils could visit"), ("odp/open-day.odp", "odp", "Welcome to Oakfield", "Welcome to Elmfield")]

    @Test func aStampSurvivesASaveInLibreOfficeAndAnEditIsStillCaught() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (fixture, ext, original, edited) in Self.fixtures {
            let work = folder + "/" + ext
            try FileManager.default.createDirectory(atPath: work + "/saved", withIntermediateDirectories: true)
            let stamped = try CLI.copyFixture(fixture, to: work)
            let name = (stamped as NSString).lastPathComponent
            #expect(try CLI.run(["stamp", stamped] + CLI.sampleFacts).exitCode == 0)
            let editedCopy = work + "/edited." + ext
            try FileManager.default.copyItem(atPath: stamped, toPath: editedCopy)
            try ODFClients.replaceInPart(editedCopy, part: "content.xml", original, edited)
            try ODFClients.convert([stamped, editedCopy], to: ext, outdir: work + "/saved", profile: folder + "/profile")

            // Saved unchanged: statement and metadata found, text unchanged, the save noticed (a warning, exit 0).
            let saved = work + "/saved/" + name
            let verify = try CLI.run(["verify", saved])
            #expect(verify.exitCode == 0, "\(fixture): \(verify.stdout)\(verify.stderr)")
            #expect(verify.stdout.contains("pass           statement-present"), "\(fixture): \(verify.stdout)")
            #expect(verify.stdout.contains("pass           metadata-present"), "\(fixture): \(verify.stdout)")
            #expect(verify.stdout.contains("pass           statement-matches-metadata"), "\(fixture): \(verify.stdout)")
            #expect(verify.stdout.contains("content-binding             text unchanged, but formatting or other parts changed since stamping"), "\(fixture): \(verify.stdout)")

            // A word changed before the save is caught.
            let caught = try CLI.run(["verify", work + "/saved/edited." + ext])
            #expect(caught.exitCode == 1, "\(fixture): \(caught.stdout)")
            #expect(caught.stdout.contains("text changed since stamping"), "\(fixture): \(caught.stdout)")

            // Stamping the saved copy again restores our own markup, with one statement.
            let restamp = try CLI.run(["stamp", saved] + CLI.sampleFacts)
            #expect(restamp.exitCode == 0, "\(fixture): \(restamp.stderr)")
            let content = try RealClients.output("unzip", ["-p", saved, "content.xml"]).0
            let marker = ext == "odt" ? "<text:section text:name=\"AI use disclosure\" text:protected=\"true\">" : "<draw:frame draw:name=\"disclose:statement\""
            #expect(content.components(separatedBy: marker).count == 2, "\(fixture): our markup once")
            #expect(content.components(separatedBy: ext == "odt" ? "text:name=\"AI use disclosure\"" : "draw:name=\"AI use disclosure\"").count == 2, "\(fixture): one statement")
            let after = try CLI.run(["verify", saved])
            #expect(after.exitCode == 0 && after.stdout.hasSuffix(": verified\n"), "\(fixture): \(after.stdout)")
        }
    }
}

@Suite(.enabled(if: ODFClients.hasLibreOffice && ODFClients.hasPdftotext, "LibreOffice (soffice) or pdftotext (poppler-utils) is not installed; install them with Scripts/install-clients to run these tests"))
struct ODFLibreOfficePDFTests {
    @Test func theStatementIsInThePDF() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try ["odt/newsletter.odt", "odp/open-day.odp"].map { try CLI.copyFixture($0, to: folder) }
        for file in files { #expect(try CLI.run(["stamp", file] + CLI.sampleFacts).exitCode == 0) }
        try ODFClients.convert(files, to: "pdf", outdir: folder + "/pdf", profile: folder + "/profile")
        for file in files {
            let pdf = folder + "/pdf/" + URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".pdf"
            let (text, status) = try RealClients.output("pdftotext", [pdf, "-"])
            #expect(status == 0)
            let flat = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            #expect(flat.contains("AI use disclosure: This document was made with help from Microsoft 365 Copilot"), "\(file): \(flat.suffix(400))")
        }
    }
}

@Suite(.enabled(if: ODFClients.hasOdfpy, "odfpy is not installed; install it with Scripts/install-clients to run these tests"))
struct ODFOdfpyTests {
    @Test(arguments: ["odt/newsletter.odt", "odp/open-day.odp", "odt/no-meta.odt"])
    func odfpyReadsOurUserDefinedProperties(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture(fixture, to: folder)
        #expect(try CLI.run(["stamp", file] + CLI.sampleFacts).exitCode == 0)
        let script = """
            import sys
            from odf.opendocument import load
            from odf.meta import UserDefined
            from odf.namespaces import METANS
            doc = load(sys.argv[1])
            for p in doc.meta.getElementsByType(UserDefined):
                print(p.getAttrNS(METANS, "name") + "=" + str(p)[:40])
            """
        let (out, status) = try RealClients.output("python3", ["-c", script, file])
        #expect(status == 0)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.contains("AI Disclosure Tools=Microsoft 365 Copilot"), "\(lines)")
        #expect(lines.contains("AI Disclosure Extent=partial"))
        #expect(lines.contains { $0.hasPrefix("AI Disclosure={") })
    }
}
