import Foundation
import Testing

/// A workbook or drawing is named for what it is, and a presentation is read as one, whatever the
/// file name says: the main part's content type decides, not the zip signature (issue 14 §0, §1).
@Suite struct OtherOfficePackageTests {
    static func package(mainPart: String, contentType: String) -> Data {
        RawZip.archive([
            RawZip.Entry(name: "[Content_Types].xml", bytes: Data("""
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/\(mainPart)" ContentType="\(contentType)"/></Types>
                """.utf8)),
            RawZip.Entry(name: "_rels/.rels", bytes: Data("""
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="\(mainPart)"/></Relationships>
                """.utf8)),
            RawZip.Entry(name: mainPart, bytes: Data("<?xml version=\"1.0\"?><root/>".utf8)),
        ])
    }

    static let cases: [(file: String, main: String, type: String, words: String)] = [
        ("marks.xlsx", "xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "an Excel workbook"),
        ("drawing.docx", "visio/document.xml", "application/vnd.ms-visio.drawing.main+xml", "an Office Open XML package (its main part is application/vnd.ms-visio.drawing.main+xml)"),
    ]

    @Test(arguments: cases.indices)
    func namedForWhatItIsAndLeftUnchanged(_ i: Int) throws {
        let item = Self.cases[i]
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + item.file
        let bytes = Self.package(mainPart: item.main, contentType: item.type)
        try bytes.write(to: URL(fileURLWithPath: path))
        let stamp = try CLI.run(["stamp", path] + CLI.sampleFacts)
        #expect(stamp.exitCode == 3)
        #expect(stamp.stderr.contains("\(path): not a document Disclose reads: by its content, it is \(item.words)"), "\(stamp.stderr)")
        #expect(!stamp.stderr.contains("no document body"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        let audit = try CLI.run(["audit", ".", "--no-cache", "--format", "jsonl", "--fail-on", "none"], in: folder)
        let record = audit.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .first { $0["path"] as? String == item.file }
        #expect(record?["status"] as? String == "unsupported", "\(audit.stdout)")
        #expect((record?["error"] as? String)?.contains(item.words) == true)
    }

    @Test func aWordDocumentWithTheSameShapeIsStillOne() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/plain.docx"
        try RawZip.archive(RawZip.docxParts()).write(to: URL(fileURLWithPath: path))
        #expect(try CLI.run(["stamp", path] + CLI.sampleFacts).exitCode == 0)
    }

    @Test(arguments: ["deck.pptx", "slides-named-as-word.docx"])
    func aDeckIsStampedAsAPresentationWhateverItIsCalled(file: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: CLI.packageRoot.appendingPathComponent("Fixtures/pptx/plain.pptx").path, toPath: folder + "/" + file)
        let stamp = try CLI.run(["stamp", file] + CLI.sampleFacts, in: folder)
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        let verify = try CLI.run(["verify", file], in: folder)
        #expect(verify.exitCode == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("statement found at ppt/slides/slide4.xml"), "\(verify.stdout)")
    }

    @Test func aPackageCallingItselfAPresentationWithoutOneIsNamedAsSuch() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/deck.pptx"
        let bytes = Self.package(mainPart: "ppt/presentation.xml", contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")
        try bytes.write(to: URL(fileURLWithPath: path))
        let stamp = try CLI.run(["stamp", path] + CLI.sampleFacts)
        #expect(stamp.exitCode == 3)
        #expect(stamp.stderr.contains("\(path): Disclose cannot use this file: its main part ppt/presentation.xml is not a PresentationML presentation"), "\(stamp.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }
}
