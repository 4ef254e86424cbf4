import Foundation
import Testing

/// Packages whose entry names programs read differently (issue 14 §3), written byte by byte:
/// refused for stamp and verify with exit 3 and the entries named, reported `unreadable` by
/// audit, never changed.
@Suite struct AmbiguousPackageEndToEndTests {
    static let hint = "Open the original in Word or LibreOffice, save it again, and use the saved copy."

    static let cases: [(file: String, entries: [RawZip.Entry], problem: String)] = {
        var parts = RawZip.docxParts()
        let document = parts[2]
        let duplicate = parts + [RawZip.Entry(name: "word/document.xml", bytes: Data("<w:document/>".utf8))]
        let collision = parts + [RawZip.Entry(name: "word/other.xml", bytes: document.bytes, unicodePath: "word/document.xml")]
        var renamed = parts
        renamed[2].unicodePath = "word/elsewhere.xml"
        var mismatch = parts
        mismatch[2].localName = "word/documenX.xml"
        let caseOnly = parts + [RawZip.Entry(name: "Word/Document.xml", bytes: document.bytes)]
        return [
            ("duplicate.docx", duplicate, "the package has two entries named \"word/document.xml\". Programs read such a package in different ways"),
            ("unicode-collision.docx", collision,
             "the package has two entries, \"word/document.xml\" and \"word/other.xml\", that both read as \"word/document.xml\" in programs that use the Unicode Path field."),
            ("unicode-rename.docx", renamed,
             "the entry \"word/document.xml\" is named \"word/elsewhere.xml\" by programs that use the Unicode Path field, so programs disagree on its name."),
            ("local-mismatch.docx", mismatch,
             "the entry \"word/document.xml\" is named \"word/documenX.xml\" in its local header, so programs disagree on its name."),
            ("case-only.docx", caseOnly,
             "the package has two entries, \"word/document.xml\" and \"Word/Document.xml\", whose names differ only in letter case (one part to Word)."),
        ]
    }()

    @Test(arguments: cases.map(\.file))
    func stampVerifyAndShowRefuseAndChangeNothing(file: String) throws {
        let item = Self.cases.first { $0.file == file }!
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + file
        let bytes = RawZip.archive(item.entries)
        try bytes.write(to: URL(fileURLWithPath: path))

        let stamp = try CLI.run(["stamp", path] + CLI.sampleFacts)
        #expect(stamp.exitCode == 3)
        #expect(stamp.stdout.isEmpty)
        #expect(stamp.stderr.hasPrefix("disclose: error: \(path): "), "\(stamp.stderr)")
        #expect(stamp.stderr.contains(item.problem), "\(stamp.stderr)")
        #expect(stamp.stderr.hasSuffix("so Disclose will not stamp or verify it and nothing was written. \(Self.hint)\n"), "\(stamp.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "the file is unchanged")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [file], "nothing else written")

        for command in ["verify", "show"] {
            let r = try CLI.run([command, path])
            #expect(r.exitCode == 3, "\(command)")
            #expect(r.stderr.contains(item.problem), "\(command): \(r.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func auditReportsEachAsUnreadableWithTheReason() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for item in Self.cases {
            try RawZip.archive(item.entries).write(to: URL(fileURLWithPath: folder + "/" + item.file))
        }
        try RawZip.archive(RawZip.docxParts()).write(to: URL(fileURLWithPath: folder + "/normal.docx"))
        let r = try CLI.run(["audit", ".", "--no-cache", "--format", "jsonl", "--fail-on", "none"], in: folder)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let records = r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["path"] != nil && $0["type"] == nil }
        let byPath = Dictionary(records.map { ($0["path"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byPath["normal.docx"]?["status"] as? String == "undisclosed")
        for item in Self.cases {
            let record = byPath[item.file]
            #expect(record?["status"] as? String == "unreadable", "\(item.file)")
            #expect((record?["error"] as? String)?.contains(item.problem) == true, "\(item.file): \(record?["error"] ?? "none")")
        }
    }

    @Test func anAmbiguousClassArchiveIsUnreadableInWordsForAnArchive() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let archive = RawZip.archive([
            RawZip.Entry(name: "Amelia Khan/essay.md", bytes: Data("# Essay\n\nI used ChatGPT to plan my essay.\n".utf8)),
            RawZip.Entry(name: "Amelia Khan/essay.md", bytes: Data("# Essay\n\nNo AI was used.\n".utf8)),
        ])
        try archive.write(to: URL(fileURLWithPath: folder + "/class.zip"))
        let r = try CLI.run(["audit", "class.zip", "--no-cache", "--format", "jsonl", "--fail-on", "none"], in: folder)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let records = r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["path"] != nil && $0["type"] == nil }
        #expect(records.count == 1, "neither copy of the essay is read")
        #expect(records.first?["status"] as? String == "unreadable")
        #expect(records.first?["format"] is NSNull, "an archive, not a Word document")
        #expect(records.first?["error"] as? String == "class.zip: the archive has two entries named \"Amelia Khan/essay.md\". Programs unpack such an archive in different ways, so Disclose did not read any of it; download the class's work again, or unpack it with the program you normally use and audit the folder.")
    }

    @Test func aNormalPackageWrittenTheSameWayStampsAndVerifies() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/normal.docx"
        // A Unicode Path field that carries the stored name, and a code page 437 name with the
        // same name in UTF-8 in its field, are what Info-ZIP and 7-Zip write: not ambiguous.
        var parts = RawZip.docxParts()
        parts[2].unicodePath = "word/document.xml"
        parts.append(RawZip.Entry(name: "word/media/café.bin", bytes: Data([1, 2, 3]), unicodePath: "word/media/café.bin",
                                  rawName: Data("word/media/caf".utf8) + Data([0x82]) + Data(".bin".utf8)))
        try RawZip.archive(parts).write(to: URL(fileURLWithPath: path))
        let stamp = try CLI.run(["stamp", path] + CLI.sampleFacts)
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        #expect(stamp.stdout.hasPrefix("\(path): stamped\n"))
        let verify = try CLI.run(["verify", path])
        #expect(verify.exitCode == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.hasSuffix(": verified\n"))
    }
}
