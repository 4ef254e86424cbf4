import Foundation
import Testing

/// Real programs over stamped copies of ../shared/corpus (optional: skipped when the corpus or
/// the program is absent). Every `stride`-th file of each folder, to keep the run short.
enum RealClientCorpus {
    static let root = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static var present: Bool { FileManager.default.fileExists(atPath: root.path) }
    static let stride = 4

    static func files(_ folder: String, every: Int = stride) -> [String] {
        let dir = root.appendingPathComponent(folder).path
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
        return Swift.stride(from: 0, to: names.count, by: every).map { dir + "/" + names[$0] }
    }

    /// A writable copy of `source` and a stamped copy beside it; nil when Disclose refuses the file.
    static func stampedPair(_ source: String, in folder: String) throws -> (original: String, stamped: String)? {
        let name = URL(fileURLWithPath: source).lastPathComponent
        let original = folder + "/" + name
        try FileManager.default.copyItem(atPath: source, toPath: original)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: original)
        let stamped = folder + "/stamped-" + name
        let result = try CLI.run(["stamp", original, "--output", stamped] + CLI.sampleFacts)
        return result.exitCode == 0 ? (original, stamped) : nil
    }
}

@Suite(.enabled(if: RealClientCorpus.present && RealClients.hasPandoc, "needs ../shared/corpus and pandoc (Scripts/install-clients); skipped"))
struct PandocReadsStampedCorpusTests {
    @Test(arguments: ["docx", "md"])
    func statementOnceAndEveryOtherParagraphAsBefore(folder: String) throws {
        let work = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        var checked = 0, refused = 0, unreadableByPandoc = 0, notForPandoc = 0
        for source in RealClientCorpus.files(folder) {
            // pandoc reads neither TOML front matter (`+++`, Zola and Hugo) nor a title block
            // (`% Title`) once YAML front matter stands before it: both are left out, and counted
            // (docs/markdown-html.md says to use --metadata comment for title-block files).
            if folder == "md", let head = FileManager.default.contents(atPath: source)?.prefix(4),
               head.starts(with: Array("+++".utf8)) || head.starts(with: Array("\u{FEFF}+++".utf8)) || head.starts(with: Array("% ".utf8)) {
                notForPandoc += 1
                continue
            }
            guard let (original, stamped) = try RealClientCorpus.stampedPair(source, in: work) else { refused += 1; continue }
            let before = try RealClients.pandocParagraphs(original)
            if before.first?.hasPrefix("pandoc failed") == true { unreadableByPandoc += 1; continue }
            let after = try RealClients.pandocParagraphs(stamped)
            let statement = after.filter { $0.contains("AI use disclosure:") }
            #expect(statement.count == 1, "\(source): pandoc shows the statement once")
            #expect(after.filter { !$0.contains("AI use disclosure:") } == before.filter { !$0.contains("AI use disclosure:") },
                    "\(source): every other paragraph reads as before")
            checked += 1
        }
        print("pandoc over the \(folder) corpus: \(checked) stamped files read as before, \(refused) refused by Disclose, \(unreadableByPandoc) that pandoc cannot read unstamped, \(notForPandoc) with TOML front matter or a pandoc title block left out")
        #expect(checked > 0)
    }
}

@Suite(.enabled(if: RealClientCorpus.present && RealClients.hasPythonDocx, "needs ../shared/corpus and python-docx (Scripts/install-clients); skipped"))
struct PythonDocxOpensStampedCorpusTests {
    @Test func customPropertiesReadableAndParagraphsAsBefore() throws {
        let work = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let reader = PythonDocxOpensStampedDocumentsTests()
        var checked = 0, refused = 0, unreadable = 0
        for source in RealClientCorpus.files("docx") {
            guard let (original, stamped) = try RealClientCorpus.stampedPair(source, in: work) else { refused += 1; continue }
            guard let before = try? reader.read(original) else { unreadable += 1; continue }
            let after = try reader.read(stamped)
            #expect(after.paragraphs == before.paragraphs, "\(source): body paragraphs outside our content control read as before")
            #expect(after.properties["AI Disclosure Tools"] == "Microsoft 365 Copilot", "\(source)")
            for (name, value) in before.properties where !name.hasPrefix("AI Disclosure") {
                #expect(after.properties[name] == value, "\(source): existing property \(name) kept")
            }
            checked += 1
        }
        print("python-docx over the docx corpus: \(checked) stamped files read, \(refused) refused by Disclose, \(unreadable) python-docx cannot open unstamped")
        #expect(checked > 0)
    }
}

@Suite(.enabled(if: RealClientCorpus.present && RealClients.hasLibreOffice, "needs ../shared/corpus and LibreOffice (Scripts/install-clients); skipped"))
struct LibreOfficeOpensStampedCorpusTests {
    @Test func statementShowsInTheConvertedText() throws {
        let work = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        var checked = 0
        for source in RealClientCorpus.files("docx", every: 16) {
            guard let (_, stamped) = try RealClientCorpus.stampedPair(source, in: work) else { continue }
            let (_, status) = try RealClients.output("soffice", ["--headless", "-env:UserInstallation=file://\(work)/lo-profile",
                                                                 "--convert-to", "txt:Text", "--outdir", work + "/txt", stamped])
            let text = (try? String(contentsOfFile: work + "/txt/" + URL(fileURLWithPath: stamped).deletingPathExtension().lastPathComponent + ".txt", encoding: .utf8)) ?? ""
            #expect(status == 0 && text.contains("AI use disclosure:"), "\(source): LibreOffice opens the stamped copy and shows the statement")
            checked += 1
        }
        print("LibreOffice over the docx corpus: \(checked) stamped files opened and converted")
        #expect(checked > 0)
    }
}
