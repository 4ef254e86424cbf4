import Foundation
import Testing

/// A stamped Word document opened and saved by LibreOffice keeps its label (issue 14 §2c):
/// LibreOffice turns our block content control into an inline one and drops its tag, but keeps
/// its alias, our paragraph style and our custom properties. Verify must still find the statement
/// (a warning that its markers were lost, exit 0), see that the text is unchanged, still catch a
/// word changed before saving (exit 1), and stamping again must restore our own markup.
@Suite(.enabled(if: RealClients.hasLibreOffice, "LibreOffice (soffice) is not installed; install it with Scripts/install-clients to run these tests"))
struct EditorSurvivalDOCXTests {
    static let fixtures = ["sample/annual-report.docx", "docx/tables.docx", "docx/rtl-arabic.docx", "docx/existing-custom-properties.docx"]

    /// Rewrites `path` with `old` replaced by `new` in word/document.xml (every other entry as it was).
    static func editWord(_ path: String, _ old: String, _ new: String) throws {
        let script = """
            import sys, zipfile, shutil
            src, old, new = sys.argv[1], sys.argv[2], sys.argv[3]
            tmp = src + ".tmp"
            with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
                for item in zin.infolist():
                    data = zin.read(item.filename)
                    if item.filename == "word/document.xml":
                        assert old.encode() in data
                        data = data.replace(old.encode(), new.encode(), 1)
                    zout.writestr(item, data)
            shutil.move(tmp, src)
            """
        let (_, status) = try RealClients.output("python3", ["-c", script, path, old, new])
        try #require(status == 0, "python3 could not edit \(path)")
    }

    @Test func theLabelSurvivesASaveByLibreOffice() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var stamped: [String] = []
        for (i, fixture) in Self.fixtures.enumerated() {
            let sub = folder + "/in\(i)"
            try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
            stamped.append(try RealClients.stampedCopy(fixture, in: sub).stamped)
        }
        // A copy of the first, with a word changed before LibreOffice saves it.
        let edited = folder + "/in0/edited.docx"
        try FileManager.default.copyItem(atPath: stamped[0], toPath: edited)
        try Self.editWord(edited, "4,200", "4,300")

        // One LibreOffice run saves every file as .docx again, into its own folder.
        let out = folder + "/saved"
        let (_, status) = try RealClients.output("soffice", [
            "-env:UserInstallation=file://\(folder)/profile", "--headless", "--convert-to", "docx:MS Word 2007 XML",
            "--outdir", out] + stamped + [edited], timeout: 300)
        try #require(status == 0, "soffice exited with \(status)")
        func saved(_ path: String) -> String { out + "/" + URL(fileURLWithPath: path).lastPathComponent }

        for original in stamped {
            let file = saved(original)
            try #require(FileManager.default.fileExists(atPath: file), "LibreOffice wrote no \(file)")
            let verify = try CLI.run(["verify", file])
            #expect(verify.exitCode == 0, "\(original): \(verify.stdout)\(verify.stderr)")
            #expect(verify.stdout.contains("warn           statement-present"), "\(original): \(verify.stdout)")
            #expect(verify.stdout.contains("recognised by its text and the marks that remained"), "\(original)")
            #expect(verify.stdout.contains("warn           content-binding             text unchanged"), "\(original): \(verify.stdout)")
            #expect(verify.stdout.contains("pass           statement-matches-metadata"), "\(original)")

            // The statement is not counted as text: an audit sees the file as disclosed, not changed.
            let show = try CLI.run(["show", file])
            #expect(show.stdout.contains("AI use disclosure: This document was made with help from Microsoft 365 Copilot"), "\(original)")

            // Stamping again restores our markers: one statement, found by its tag, verified clean of that warning.
            let restamp = try CLI.run(["stamp", file, "--keep"])
            #expect(restamp.exitCode == 0, "\(original): \(restamp.stderr)")
            let again = try CLI.run(["verify", file])
            #expect(again.stdout.contains("pass           statement-present"), "\(original): \(again.stdout)")
            #expect(again.stdout.contains("pass           single-stamp"), "\(original)")
            #expect(again.stdout.contains("pass           content-binding"), "\(original): \(again.stdout)")
            let count = try Self.statementCount(file)
            #expect(count == 1, "\(original): \(count) statements after restamping")
        }

        // The word changed before the save is caught.
        let changed = try CLI.run(["verify", saved(edited)])
        #expect(changed.exitCode == 1, "\(changed.stdout)")
        #expect(changed.stdout.contains("fail           content-binding             text changed since stamping"), "\(changed.stdout)")
        #expect(changed.stdout.contains("4,300"), "\(changed.stdout)")
    }

    /// Paragraphs starting "AI use disclosure:" in the document's text, as python's zipfile reads word/document.xml.
    static func statementCount(_ path: String) throws -> Int {
        let (out, status) = try RealClients.output("python3", ["-c", """
            import sys, zipfile, re
            xml = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
            print(len(re.findall(r"<w:t[^>]*>AI use disclosure:", xml)))
            """, path])
        try #require(status == 0)
        return Int(out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}
