@testable import DisclosureKit
import Foundation
import Testing

/// Documents made for these tests: a class's submissions, in a folder and as one archive.
enum Submissions {
    static func docx(_ paragraphs: [String], header: [String] = [], creator: String? = nil) throws -> Data {
        let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        func esc(_ t: String) -> String { t.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
        func ps(_ list: [String]) -> String { list.map { "<w:p><w:r><w:t xml:space=\"preserve\">\(esc($0))</w:t></w:r></w:p>" }.joined() }
        var types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
        types += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>"
        let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(r)/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>"
        let docRels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdH\" Type=\"\(r)/header\" Target=\"header1.xml\"/></Relationships>"
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"\(w)\" xmlns:r=\"\(r)\"><w:body>\(ps(paragraphs))<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdH\"/></w:sectPr></w:body></w:document>"
        let headerXML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:hdr xmlns:w=\"\(w)\" xmlns:r=\"\(r)\">\(ps(header.isEmpty ? ["Year 10 History"] : header))</w:hdr>"
        let core = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\(creator.map { "<dc:creator>\(esc($0))</dc:creator>" } ?? "")</cp:coreProperties>"
        return try ZipRebuilder.write(entries: [
            ("[Content_Types].xml", Data(types.utf8), false), ("_rels/.rels", Data(rels.utf8), false),
            ("word/document.xml", Data(document.utf8), false), ("word/_rels/document.xml.rels", Data(docRels.utf8), false),
            ("word/header1.xml", Data(headerXML.utf8), false), ("docProps/core.xml", Data(core.utf8), false),
        ])
    }

    static let essay = (1...6).map { "Paragraph \($0) of my essay on the causes of the First World War, with alliances and militarism." }

    /// The files of a class: (path, bytes).
    static func files() throws -> [(String, Data)] {
        [
            ("Amelia_Khan_History_Essay.docx", try docx(essay + ["I used ChatGPT to check my spelling."])),
            ("Khan Ben - History essay.docx", try docx(essay)),
            ("history-essay-chloe-price.md", Data(("# Essay\n\n" + essay.joined(separator: "\n\n") + "\n\nNo AI was used in this essay.\n").utf8)),
            ("essay final.docx", try docx(essay, creator: "Dan Lee")),
            ("Ella Wood/essay.md", Data("# Essay\n\nMy words.\n".utf8)),
        ]
    }

    static func folder() throws -> String {
        let folder = try CLI.temporaryFolder()
        for (path, data) in try files() {
            let full = folder + "/class/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: full))
        }
        try ZipRebuilder.write(entries: try files().map { ($0.0, $0.1, false) }).write(to: URL(fileURLWithPath: folder + "/class.zip"))
        return folder
    }

    /// Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF rows).
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        chars.append("\n")
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r\n" || c == "\n" || c == "\r" {
                row.append(field); field = ""
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            } else { field.append(c) }
            i += 1
        }
        return rows
    }
}

@Suite struct ClassRegisterEndToEndTests {
    func register(_ folder: String, _ root: String) throws -> [[String: String]] {
        let r = try CLI.run(["audit", root, "--no-cache", "--format", "register", "--output", "r.csv", "--fail-on", "none"], in: folder)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/r.csv"))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rows = Submissions.parseCSV(String(decoding: data, as: UTF8.self))
        #expect(rows.first == ClassRegister.columns)
        return rows.dropFirst().filter { !$0[0].hasPrefix("# Note:") }.map { Dictionary(uniqueKeysWithValues: zip(ClassRegister.columns, $0)) }
    }

    /// The bundled class (Fixtures/submissions): every row names the person and says where the
    /// declaration is in the words expected.json gives ("in footnote 1", "in a text box", …).
    @Test func theBundledClassGivesEveryPersonAndPlaceExpected() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = CLI.packageRoot.appendingPathComponent("Fixtures/submissions").path
        try FileManager.default.copyItem(atPath: source, toPath: folder + "/class")
        try FileManager.default.removeItem(atPath: folder + "/class/expected.json")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: source + "/expected.json"))) as? [String: [String: Any]])
        let rows = try register(folder, "class")
        #expect(rows.count == expected.count)
        for row in rows {
            let name = String(row["file"]!.dropFirst("class/".count))
            let want = try #require(expected[name], "\(name)")
            #expect(row["person"] == want["person"] as? String, "\(name)")
            #expect(row["status"] == want["status"] as? String, "\(name)")
            #expect(row["where"] == (want["where"] as? String ?? ""), "\(name)")
            #expect(!(row["where"] ?? "").contains(".xml"), "never a part name: \(name)")
        }
    }

    @Test func aFolderAndItsArchiveGiveTheSameRegister() throws {
        let folder = try Submissions.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plain = try register(folder, "class")
        let zipped = try register(folder, "class.zip")
        #expect(plain.count == 5)
        #expect(zipped.map { $0["file"]!.replacingOccurrences(of: "class.zip/", with: "class/") } == plain.map { $0["file"]! })
        for (a, b) in zip(plain, zipped) {
            for column in ClassRegister.columns where column != "file" { #expect(a[column] == b[column], "\(column)") }
        }
        let byFile = Dictionary(uniqueKeysWithValues: zipped.map { ($0["file"]!, $0) })
        #expect(byFile["class.zip/Amelia_Khan_History_Essay.docx"]?["person"] == "Amelia Khan")
        #expect(byFile["class.zip/Khan Ben - History essay.docx"]?["person"] == "Ben Khan")
        #expect(byFile["class.zip/history-essay-chloe-price.md"]?["person"] == "Chloe Price")
        #expect(byFile["class.zip/essay final.docx"]?["person"] == "Dan Lee")
        #expect(byFile["class.zip/essay final.docx"]?["person_source"] == "author property")
        #expect(byFile["class.zip/Ella Wood/essay.md"]?["person_source"] == "folder name")
        let amelia = try #require(byFile["class.zip/Amelia_Khan_History_Essay.docx"])
        #expect(amelia["status"]?.hasPrefix("declared") == true)
        #expect(amelia["where"] == "end of the document (paragraph 7 of 7)")
        #expect(amelia["pupil_words"]?.contains("I used ChatGPT to check my spelling") == true)
        #expect(byFile["class.zip/Khan Ben - History essay.docx"]?["status"] == "undisclosed")
        #expect(!zipped.contains { $0.values.contains { $0.contains("word/") } })
    }

    @Test func theWorkbookHasTheSameRowsAsTheCSV() throws {
        let folder = try Submissions.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try CLI.run(["audit", "class.zip", "--no-cache", "--format", "register", "--output", "r.xlsx", "--fail-on", "none"], in: folder)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let zip = try ZipReader(data: try Data(contentsOf: URL(fileURLWithPath: folder + "/r.xlsx")))
        let sheet = try #require(zip.entries.first { $0.name == "xl/worksheets/sheet1.xml" })
        let xml = String(decoding: try zip.read(sheet, limit: 1 << 24), as: UTF8.self)
        #expect(xml.contains("<t>Amelia Khan</t>"))
        #expect(xml.contains("<autoFilter ref=\"A1:M7\"/>"))
        let wrong = try CLI.run(["audit", "class", "--no-cache", "--output", "r2.xlsx"], in: folder)
        #expect(wrong.exitCode == 2)
        #expect(wrong.stderr.contains("--output r2.xlsx is an XLSX workbook, which only the register is written as; add --format register"))
    }

    @Test(.enabled(if: RegisterClients.hasOpenpyxl, "openpyxl is not installed; install it with Scripts/install-clients to run this test"))
    func openpyxlReadsTheWorkbook() throws {
        let folder = try Submissions.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try CLI.run(["audit", "class.zip", "--no-cache", "--format", "register", "--output", "r.xlsx", "--fail-on", "none"], in: folder)
        _ = try CLI.run(["audit", "class.zip", "--no-cache", "--format", "register", "--output", "r.csv", "--fail-on", "none"], in: folder)
        let script = """
        import csv, json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb.active
        rows = [["" if c is None else str(c) for c in row] for row in ws.iter_rows(values_only=True)]
        print(json.dumps({"title": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "rows": rows}))
        """
        let (out, status) = try RealClients.output("python3", ["-c", script, folder + "/r.xlsx"])
        #expect(status == 0)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(result["title"] as? String == "Register")
        #expect(result["freeze"] as? String == "A2")
        #expect(result["filter"] as? String == "A1:M7")
        let csv = Submissions.parseCSV(try String(contentsOfFile: folder + "/r.csv", encoding: .utf8))
        let rows = try #require(result["rows"] as? [[String]])
        #expect(rows.map { $0 + Array(repeating: "", count: max(0, 13 - $0.count)) } == csv)
    }

    @Test(.enabled(if: RealClients.hasLibreOffice, "LibreOffice (soffice) is not installed; install it with Scripts/install-clients to run this test"))
    func libreOfficeConvertsTheWorkbookToTheSameCSV() throws {
        let folder = try Submissions.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try CLI.run(["audit", "class.zip", "--no-cache", "--format", "register", "--output", "r.xlsx", "--fail-on", "none"], in: folder)
        _ = try CLI.run(["audit", "class.zip", "--no-cache", "--format", "register", "--output", "r.csv", "--fail-on", "none"], in: folder)
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        let (_, status) = try RealClients.output("soffice", ["--headless", "-env:UserInstallation=file://\(folder)/lo-profile",
                                                            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", folder + "/out", folder + "/r.xlsx"])
        #expect(status == 0)
        let converted = Submissions.parseCSV(try String(contentsOfFile: folder + "/out/r.csv", encoding: .utf8))
        let ours = Submissions.parseCSV(try String(contentsOfFile: folder + "/r.csv", encoding: .utf8))
        #expect(converted == ours)
    }
}

enum RegisterClients {
    static let hasOpenpyxl: Bool = RealClients.path(of: "python3") != nil && (try? RealClients.output("python3", ["-c", "import openpyxl"]).1) == 0
}

/// The reports a folder audit writes: JSON Lines order, what the walk left out, and plurals.
@Suite struct AuditReportsEndToEndTests {
    @Test func aWarmRunsJSONLinesFileIsSortedLikeTheColdOne() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Walk order (a, then a.md) differs from path order (a.md before a/b.md).
        for name in ["a/b.md", "a.md", "a-b.md", "b/c/d.md", "b.md", "Z.md"] {
            let full = folder + "/docs/" + name
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "# \(name)\n\nText.\n".write(toFile: full, atomically: true, encoding: .utf8)
        }
        var outputs: [String] = []
        for _ in 0..<3 {
            let r = try CLI.run(["audit", "docs", "--format", "jsonl", "--output", "out.jsonl", "--cache", "c.sqlite", "--jobs", "3"], in: folder)
            #expect(r.exitCode == 0)
            outputs.append(try String(contentsOfFile: folder + "/out.jsonl", encoding: .utf8))
        }
        let expected = ["docs/Z.md", "docs/a-b.md", "docs/a.md", "docs/a/b.md", "docs/b.md", "docs/b/c/d.md"]
        for text in outputs {
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix(#"{"format":"disclose-audit-report","#) == true)
            #expect(lines.last?.hasPrefix(#"{"excludedFiles":0,"#) == true)
            let paths = lines.compactMap { line -> String? in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
                return object["path"] as? String
            }
            #expect(paths == expected)
        }
        let strip = { (t: String) in t.split(separator: "\n").dropFirst().joined(separator: "\n") }
        #expect(strip(outputs[1]) == strip(outputs[0]))
        #expect(strip(outputs[2]) == strip(outputs[0]))
    }

    @Test func excludedFilesAreCountedInEveryFormat() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["keep.md", "drafts/a.md", "drafts/b.md", "old/x.md", "old/y.md", "scratch.md"] {
            let full = folder + "/docs/" + name
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "# Doc\n".write(toFile: full, atomically: true, encoding: .utf8)
        }
        try "scratch.md\nold/*.md\n".write(toFile: folder + "/docs/.discloseignore", atomically: true, encoding: .utf8)
        let terminal = try CLI.run(["audit", "docs", "--no-cache", "--exclude", "drafts/"], in: folder)
        #expect(terminal.stdout.contains("\n3 files and 1 folder excluded (--exclude or .discloseignore).\n"))
        #expect(terminal.stdout.contains("\n1 file needs no attention and is not listed; add --verbose to list it.\n"))
        let json = try CLI.run(["audit", "docs", "--no-cache", "--exclude", "drafts/", "--format", "json"], in: folder)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(doc["excludedFiles"] as? Int == 3)
        #expect(doc["excludedFolders"] as? Int == 1)
        let csv = try CLI.run(["audit", "docs", "--no-cache", "--exclude", "drafts/", "--format", "csv"], in: folder)
        #expect(csv.stdout.contains("\r\n# 3 files and 1 folder excluded (--exclude or .discloseignore),"))
    }

    @Test(arguments: AuditReportFormat.allCases)
    func aPathThatDoesNotExistIsInTheReport(_ format: AuditReportFormat) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "# Doc\n".write(toFile: folder + "/a.md", atomically: true, encoding: .utf8)
        let r = try CLI.run(["audit", "a.md", "no-such-folder", "--no-cache", "--format", format.rawValue, "--output", "out.\(format.fileExtension)"], in: folder)
        #expect(r.exitCode == 3)
        #expect(r.stderr.contains("no-such-folder"))
        let written = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/out.\(format.fileExtension)")), as: UTF8.self)
        #expect(written.contains("no-such-folder"), "\(format)")
        #expect(written.contains("a.md"), "\(format)")
    }

    @Test func theProgressLineCountsOneFileInTheSingular() {
        #expect(Plural.count(1, "file") + " done" == "1 file done")
        #expect(Plural.count(2, "file") + " done" == "2 files done")
        #expect(AuditReport.excludedPhrase(files: 1, folders: 0) == "1 file excluded (--exclude or .discloseignore)")
        #expect(AuditReport.excludedPhrase(files: 0, folders: 0) == nil)
    }
}
