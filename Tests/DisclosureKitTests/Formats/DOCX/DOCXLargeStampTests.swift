import DiscloseTestSupport
@testable import DisclosureKit
import Foundation
import Testing

/// Stamping a large Word document copies the main part's DEFLATE blocks away from the statement
/// (issue 17, ``DeflateSplice``): the archive stays valid for every zip reader, the parts read as
/// they should, and the main part's compressed size barely moves.
@Suite struct DOCXLargeStampTests {
    /// A copy of `plain.docx` whose body holds `paragraphs` more paragraphs (about 110 bytes each).
    static func largeCopy(paragraphs: Int = 40_000) throws -> (folder: String, path: String) {
        let (dir, path) = try DOCXFixtures.copy("plain.docx")
        try DOCXFixtures.rewrite(path, part: "word/document.xml") { xml in
            let body = ZipDeflateTests.documentXML(paragraphs: paragraphs)
            let inner = String(decoding: body, as: UTF8.self).components(separatedBy: "<w:body>")[1].components(separatedBy: "<w:sectPr/>")[0]
            let at = xml.range(of: "<w:body>")!.upperBound
            return String(xml[..<at]) + inner + String(xml[at...])
        }
        return (dir, path)
    }

    static func mainEntry(_ path: String) throws -> ZipInspector.Entry {
        try #require(try ZipInspector(Data(contentsOf: URL(fileURLWithPath: path))).entries.first { $0.name == "word/document.xml" })
    }

    @Test("stamp at the end, restamp at the start, unstamp: parts exact, blocks copied, zip valid", arguments: [Placement.end, .start])
    func stampLarge(placement: Placement) throws {
        let (dir, path) = try Self.largeCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let originalParts = try DOCXFixtures.parts(path)
        let originalText = try Self.paragraphs(path)
        let before = try Self.mainEntry(path)
        #expect(before.uncompressedSize > 4 << 20)

        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(placement: placement))
        let after = try Self.mainEntry(path)
        // Only a stretch around the statement was compressed again: the size moves by a few hundred bytes, not percent.
        #expect(abs(after.compressedSize - before.compressedSize) < 2_000, "before \(before.compressedSize), after \(after.compressedSize)")
        #expect(try Verifier().verify(path: path).passed)
        #expect(try Self.paragraphs(path) == originalText)
        let stampedMain = try #require(try DOCXFixtures.parts(path)["word/document.xml"])
        #expect(ZipDeflateTests.referenceCRC(stampedMain) == after.crc)
        try Self.checkWithOtherReaders(path)

        // Restamp with the other placement: the old statement is cut out and the new one put in.
        let other: Placement = placement == .end ? .start : .end
        _ = try Stamper().stamp(path: path, disclosure: Samples.noAI, options: StampOptions(placement: other))
        #expect(try Verifier().verify(path: path).passed)
        #expect(try Self.paragraphs(path) == originalText)
        try Self.checkWithOtherReaders(path)

        _ = try Stamper().unstamp(path: path)
        #expect(try DOCXFixtures.parts(path) == originalParts)
    }

    @Test("the text read after a stamp let go of the scanned paragraphs is the text read before")
    func textAfterStamping() throws {
        let (dir, path) = try DOCXFixtures.copy("tables.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let document = try DocumentLoader().open(path)
        let before = try document.text()
        let d = Samples.disclosure
        let request = StampRequest(disclosure: d, statement: "AI use disclosure: test.", json: try d.canonicalJSONString(), facts: d.keyFacts, placement: .end)
        let first = try document.stamped(request)
        #expect(try document.text() == before)
        #expect(!before.streams.isEmpty)
        // Stamping again from the same opened document gives the same bytes.
        #expect(try document.stamped(request) == first)
    }

    /// The text of every paragraph, stream by stream (a statement at the start moves the paragraphs' numbers).
    static func paragraphs(_ path: String) throws -> [[String]] {
        try DocumentLoader().open(path).text().streams.map { $0.paragraphs.map(\.text) }
    }

    /// `unzip -t` and Python's `zipfile.testzip()` (each when installed) find every CRC-32 right.
    static func checkWithOtherReaders(_ path: String) throws {
        if ProcessRunner.path(of: "unzip") != nil {
            let result = try ProcessRunner.run(tool: "unzip", ["-tq", path])
            #expect(result.exitCode == 0, "unzip -t: \(result.stdout)\(result.stderr)")
        }
        if ProcessRunner.path(of: "python3") != nil {
            let result = try ProcessRunner.run(tool: "python3", ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip())", path])
            #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "None", "zipfile.testzip: \(result.stdout)\(result.stderr)")
        }
    }

    static let hasPythonDocx = ProcessRunner.path(of: "python3") != nil && ((try? ProcessRunner.run(tool: "python3", ["-c", "import docx"]).exitCode) == 0)

    @Test("python-docx opens a large stamped document and reads the statement and every paragraph",
          .enabled(if: hasPythonDocx, "python-docx is not installed; install it with Scripts/install-clients to run this test"))
    func pythonDocxReadsIt() throws {
        let (dir, path) = try Self.largeCopy(paragraphs: 20_000)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = "import docx, sys\nd = docx.Document(sys.argv[1])\nps = [p.text for p in d.paragraphs]\nprint(len(ps))\nprint(sum(1 for t in d.element.body.iter() if t.text and t.text.startswith('AI use disclosure')))"
        let before = try ProcessRunner.run(tool: "python3", ["-c", script, path]).stdout.split(separator: "\n")
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let after = try ProcessRunner.run(tool: "python3", ["-c", script, path]).stdout.split(separator: "\n")
        try #require(before.count == 2 && after.count == 2, "python-docx output: \(before) / \(after)")
        #expect(before[1] == "0")
        #expect(after[1] != "0")
        // The statement sits in a content control, which python-docx's body paragraphs skip; the rest is all there.
        #expect(Int(after[0])! >= Int(before[0])!)
    }
}
