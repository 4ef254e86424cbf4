import DiscloseTestSupport
import DisclosureKit
import Foundation
import Testing

/// Hostile packages, generated at test time by Scripts/fixtures/make_hostile_docx.py.
@Suite struct DOCXHostileInputTests {
    static let folder: String? = {
        let dir = NSTemporaryDirectory() + "disclose-hostile-" + UUID().uuidString
        let script = DOCXFixtures.root.appendingPathComponent("Scripts/fixtures/make_hostile_docx.py").path
        guard let run = try? ProcessRunner.run(tool: "python3", [script, dir]) else { return nil }
        return run.exitCode == 0 ? dir : nil
    }()

    static let cases: [(String, String)] = [
        ("encrypted.docx", "the document is encrypted or password-protected"),
        ("old-word-97.docx", "older Word 97–2003 document"),
        ("truncated.docx", "not a readable zip package"),
        ("not-a-zip.docx", "not a zip package"),
        ("empty.docx", "not a zip package"),
        ("no-content-types.docx", "it has no [Content_Types].xml or _rels/.rels"),
        ("zip-bomb.docx", "expands from 63.7 KiB to 64.0 MiB, a compression ratio typical of zip bombs, over the safety limit of 200:1"),
        ("too-many-entries.docx", "the package has 10050 entries, over the safety limit of 10000 entries"),
        ("billion-laughs.docx", "declares a document type (DTD)"),
        ("external-entity.docx", "declares a document type (DTD)"),
        ("deep-nesting.docx", "elements are nested more than 2000 deep"),
        ("malformed-xml.docx", "word/document.xml is not usable XML at line 2"),
        ("strict-ooxml.docx", "a Strict Open XML document"),
        ("duplicate-names.docx", "two entries named \"word/document.xml\""),
        ("missing-main-part.docx", "the main document part word/document.xml named in _rels/.rels is missing"),
    ]

    @Test(.enabled(if: folder != nil, "python3 is needed to generate the hostile files"), arguments: cases)
    func refusedWithClearErrorAndUntouched(name: String, expected: String) throws {
        let path = Self.folder! + "/" + name
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
            Issue.record("\(name) was stamped")
        } catch let error as DisclosureError {
            #expect(error.exitCode == 3)
            #expect(error.description.hasPrefix(path + ": "))
            #expect(error.description.contains(expected), "\(error.description)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the file is unchanged")
        #expect(try FileManager.default.contentsOfDirectory(atPath: Self.folder!).allSatisfy { !$0.hasPrefix(".disclose-tmp-") })
    }

    @Test(.enabled(if: folder != nil, "python3 is needed to generate the hostile files"))
    func validControlFileStamps() throws {
        let path = Self.folder! + "/valid.docx"
        // The stamped copy goes to a folder of its own: the refusal tests, running at the same
        // time, check that the hostile files' folder holds no temporary file.
        let outputFolder = NSTemporaryDirectory() + "disclose-hostile-out-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outputFolder) }
        let output = outputFolder + "/valid.out.docx"
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(outputPath: output))
        #expect(try Verifier().verify(path: output).passed)
    }
}
