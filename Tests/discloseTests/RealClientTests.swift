import DiscloseTestSupport
import Foundation
import Testing

/// Programs people really use, found on PATH. Scripts/install-clients installs them all; each
/// suite below skips, naming the missing program, when its program is absent (as in CI).
enum RealClients {
    static func path(of tool: String) -> String? { ProcessRunner.path(of: tool) }

    static var hasPandoc: Bool { path(of: "pandoc") != nil }
    static var hasLibreOffice: Bool { path(of: "soffice") != nil }
    static var hasCmarkGFM: Bool { path(of: "cmark-gfm") != nil }
    static var chromium: String? { ["chromium", "chromium-browser", "google-chrome"].first { path(of: $0) != nil } }
    static let hasPythonDocx: Bool = path(of: "python3") != nil && (try? output("python3", ["-c", "import docx"]).1) == 0

    /// LibreOffice instances started at the same moment can exit 0 without writing their output,
    /// even with separate profiles; the tests run in parallel, so soffice runs one at a time.
    private static let sofficeLock = NSLock()

    /// Runs a tool (killed after `timeout` seconds) and returns its standard output and exit status.
    static func output(_ tool: String, _ arguments: [String], timeout: Double = 180) throws -> (String, Int32) {
        if tool == "soffice" {
            sofficeLock.lock()
            defer { sofficeLock.unlock() }
            return try run(tool, arguments, timeout: timeout)
        }
        return try run(tool, arguments, timeout: timeout)
    }

    private static func run(_ tool: String, _ arguments: [String], timeout: Double) throws -> (String, Int32) {
        let output = try ProcessRunner.run(tool: tool, arguments, timeout: timeout)
        return (output.stdout, output.exitCode)
    }

    /// Paragraphs of a document as pandoc reads them (plain text, no wrapping).
    static func pandocParagraphs(_ file: String) throws -> [String] {
        let (text, status) = try output("pandoc", ["--wrap=none", "-t", "plain", file])
        guard status == 0 else { return ["pandoc failed with status \(status)"] }
        return text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Copies `fixture` into a new folder and stamps the copy; returns the original and the stamped path.
    static func stampedCopy(_ fixture: String, in folder: String, extra: [String] = []) throws -> (original: String, stamped: String) {
        let original = try CLI.copyFixture(fixture, to: folder)
        let url = URL(fileURLWithPath: original)
        let stamped = folder + "/" + url.deletingPathExtension().lastPathComponent + "-stamped." + url.pathExtension
        try FileManager.default.copyItem(atPath: original, toPath: stamped)
        let result = try CLI.run(["stamp", stamped] + CLI.sampleFacts + extra)
        guard result.exitCode == 0 else { throw Failure(message: "stamp failed: \(result.stderr)") }
        return (original, stamped)
    }

    struct Failure: Error, CustomStringConvertible { var message: String; var description: String { message } }
}

/// Opens stamped documents in pandoc (when installed): the statement is there and every
/// other paragraph reads as before.
@Suite(.enabled(if: RealClients.hasPandoc, "pandoc is not installed; install it with Scripts/install-clients to run these tests"))
struct PandocReadsStampedDocumentsTests {
    @Test(arguments: ["sample/annual-report.docx", "sample/newsletter.md", "sample/open-day.html"])
    func statementAppearsAndRestIsUnchanged(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture(fixture, to: folder)
        let before = try RealClients.pandocParagraphs(file)
        let stamp = try CLI.run(["stamp", file] + CLI.sampleFacts)
        try #require(stamp.exitCode == 0, "stamp failed: \(stamp.stderr)")
        let after = try RealClients.pandocParagraphs(file)
        let statement = after.filter { $0.contains("AI use disclosure:") }
        #expect(statement.count == 1, "pandoc shows the statement once")
        #expect(statement.first?.contains("Microsoft 365 Copilot") == true)
        #expect(after.filter { !$0.contains("AI use disclosure:") } == before, "every other paragraph reads as before")
    }
}

/// LibreOffice (headless) opens stamped Word documents: converted to plain text, the statement
/// is there once and every other line is as before.
@Suite(.enabled(if: RealClients.hasLibreOffice, "LibreOffice (soffice) is not installed; install it with Scripts/install-clients to run these tests"))
struct LibreOfficeOpensStampedDocumentsTests {
    static let fixtures = ["sample/annual-report.docx", "docx/tables.docx", "docx/rtl-arabic.docx", "docx/existing-custom-properties.docx"]

    @Test func statementAppearsAndRestIsUnchanged() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var pairs: [(String, String)] = []
        for fixture in Self.fixtures {
            let sub = folder + "/" + String(pairs.count)
            try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
            pairs.append(try RealClients.stampedCopy(fixture, in: sub))
        }
        // One conversion for every file (LibreOffice takes seconds to start), with a private profile.
        let inputs = pairs.flatMap { [$0.0, $0.1] }
        let out = folder + "/txt"
        let (_, status) = try RealClients.output("soffice", [
            "-env:UserInstallation=file://\(folder)/profile", "--headless", "--convert-to", "txt:Text (encoded):UTF8",
            "--outdir", out] + inputs, timeout: 300)
        try #require(status == 0, "soffice exited with \(status)")
        func lines(_ docx: String) throws -> [String] {
            let name = URL(fileURLWithPath: docx).deletingPathExtension().lastPathComponent + ".txt"
            let text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            return text.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: .newlines)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        for (original, stamped) in pairs {
            let before = try lines(original), after = try lines(stamped)
            let statement = after.filter { $0.hasPrefix("AI use disclosure:") }
            #expect(statement.count == 1, "\(original): LibreOffice shows the statement once")
            #expect(statement.first?.contains("Microsoft 365 Copilot") == true, "\(original)")
            #expect(after.filter { !$0.hasPrefix("AI use disclosure:") } == before, "\(original): every other line reads as before")
        }
    }
}

/// python-docx opens stamped Word documents, reads the body as before, and finds our custom properties.
@Suite(.enabled(if: RealClients.hasPythonDocx, "python-docx is not installed; install it with Scripts/install-clients to run these tests"))
struct PythonDocxOpensStampedDocumentsTests {
    static let script = """
    import docx, json, sys
    from docx.oxml import parse_xml
    d = docx.Document(sys.argv[1])
    props = {}
    for part in d.part.package.iter_parts():
        if str(part.partname) == "/docProps/custom.xml":
            for p in parse_xml(part.blob):
                props[p.get("name")] = "".join(p.itertext())
    print(json.dumps({"paragraphs": [p.text for p in d.paragraphs], "properties": props}))
    """

    func read(_ file: String) throws -> (paragraphs: [String], properties: [String: String]) {
        let (text, status) = try RealClients.output("python3", ["-c", Self.script, file])
        guard status == 0, let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw RealClients.Failure(message: "python-docx could not open \(file) (status \(status))")
        }
        return (object["paragraphs"] as? [String] ?? [], object["properties"] as? [String: String] ?? [:])
    }

    @Test(arguments: ["sample/annual-report.docx", "docx/existing-custom-properties.docx", "docx/plain.docx"])
    func customPropertiesAreReadable(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (original, stamped) = try RealClients.stampedCopy(fixture, in: folder)
        let before = try read(original), after = try read(stamped)
        #expect(after.paragraphs == before.paragraphs, "body paragraphs outside our content control read as before")
        #expect(after.properties["AI Disclosure Tools"] == "Microsoft 365 Copilot")
        #expect(after.properties["AI Disclosure Extent"] == "partial")
        #expect(after.properties["AI Disclosure Declarant"] == "Jane Smith")
        let json = try #require(after.properties["AI Disclosure"])
        let disclosure = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(disclosure?["schema"] as? String == "disclose/1")
        for (name, value) in before.properties { #expect(after.properties[name] == value, "existing property \(name) kept") }
    }
}

/// The cmark-gfm program renders stamped Markdown: the statement shows as a block quote and the
/// rest renders exactly as before. Front matter is cut off first, as static site generators do;
/// with `--metadata comment` the file is rendered whole.
@Suite(.enabled(if: RealClients.hasCmarkGFM, "cmark-gfm is not installed; install it with Scripts/install-clients to run these tests"))
struct CmarkGFMRendersStampedMarkdownTests {
    static let fixtures = ["sample/newsletter.md", "sample/pupil-essay.md", "markdown/crlf.md", "markdown/cr-only.md",
                           "markdown/heading-only.md", "markdown/no-final-newline.md", "markdown/no-front-matter.md",
                           "markdown/non-latin.md", "markdown/setext-lookalike.md", "markdown/toml-front-matter.md",
                           "markdown/utf8-bom.md", "markdown/yaml-front-matter.md"]
    /// The fixtures that start with front matter of their own.
    static let withFrontMatter: Set<String> = ["sample/newsletter.md", "markdown/crlf.md", "markdown/toml-front-matter.md", "markdown/utf8-bom.md", "markdown/yaml-front-matter.md"]

    func render(_ file: String, cutFrontMatter: Bool) throws -> String {
        var text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
        if cutFrontMatter { text = Self.withoutFrontMatter(text) }
        let temp = file + ".render.md"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temp))
        let (html, status) = try RealClients.output("cmark-gfm", ["--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tasklist", temp])
        guard status == 0 else { throw RealClients.Failure(message: "cmark-gfm failed on \(file)") }
        return html
    }

    static func withoutFrontMatter(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalised.components(separatedBy: "\n")
        let first = lines.first?.replacingOccurrences(of: "\u{FEFF}", with: "")
        guard first == "---" || first == "+++", let close = lines.dropFirst().firstIndex(where: { $0 == first || (first == "---" && $0 == "...") }) else { return normalised }
        lines.removeSubrange(0...close)
        return lines.joined(separator: "\n")
    }

    @Test(arguments: fixtures, ["native", "comment"])
    func statementRendersAndRestIsUnchanged(fixture: String, metadata: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (original, stamped) = try RealClients.stampedCopy(fixture, in: folder, extra: ["--metadata", metadata])
        let hasOwn = Self.withFrontMatter.contains(fixture)
        let before = try render(original, cutFrontMatter: hasOwn)
        let after = try render(stamped, cutFrontMatter: hasOwn || metadata == "native")
        let begin = try #require(after.range(of: "<!-- disclose:statement:begin -->\n"), "\(fixture): the statement block is rendered")
        let end = try #require(after.range(of: "<!-- disclose:statement:end -->\n"))
        let block = after[begin.upperBound..<end.lowerBound]
        #expect(block.hasPrefix("<blockquote>\n<p>AI use disclosure: This document was made with help from Microsoft 365 Copilot"), "\(fixture): \(block)")
        var rest = after
        rest.removeSubrange(begin.lowerBound..<end.upperBound)
        if metadata == "comment", let comment = rest.range(of: #"<!-- disclose:metadata [^\n]* -->\n"#, options: .regularExpression) {
            rest.removeSubrange(comment)
        }
        #expect(rest == before, "\(fixture): the rendering outside the statement block is unchanged")
    }
}

/// Headless Chromium loads stamped pages: the DOM's body holds the statement once and, with our
/// aside taken out, is exactly as before; the head holds our meta tags.
@Suite(.enabled(if: RealClients.chromium != nil, "Chromium is not installed; install it with Scripts/install-clients to run these tests"))
struct ChromiumShowsStampedPagesTests {
    static let fixtures = ["sample/open-day.html", "html/main.html", "html/article.html", "html/body-only.html", "html/fragment.html",
                           "html/no-head.html", "html/crlf.html", "html/malformed.html", "html/windows-1252.html",
                           "html/shift_jis.html", "html/utf16le-bom.html", "html/wrong-charset.html"]

    func dom(_ file: String, profile: String) throws -> String {
        let (text, status) = try RealClients.output(RealClients.chromium!, [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile)", "--dump-dom", URL(fileURLWithPath: file).absoluteString,
        ], timeout: 120)
        guard status == 0 else { throw RealClients.Failure(message: "Chromium failed on \(file) with status \(status)") }
        return text
    }

    static func body(_ dom: String) -> String {
        guard let start = dom.range(of: "<body"), let end = dom.range(of: "</body>", options: .backwards) else { return dom }
        return String(dom[start.lowerBound..<end.upperBound])
    }

    @Test(arguments: fixtures)
    func statementShowsAndRestIsUnchanged(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (original, stamped) = try RealClients.stampedCopy(fixture, in: folder)
        let before = try dom(original, profile: folder + "/profile"), after = try dom(stamped, profile: folder + "/profile")
        let asides = after.components(separatedBy: "data-disclose=\"statement\"").count - 1
        #expect(asides == 1, "\(fixture): one statement in the DOM")
        #expect(Self.body(after).contains("AI use disclosure: This document was made with help from Microsoft 365 Copilot"), "\(fixture): the statement's text is in the body")
        #expect(after.contains("application/ld+json"), "\(fixture): our JSON-LD is in the DOM")
        let removed = Self.body(after).replacingOccurrences(of: #"<aside class="ai-disclosure" data-disclose="statement"[^>]*>.*?</aside>\n?"#,
                                                            with: "", options: .regularExpression)
        #expect(removed == Self.body(before), "\(fixture): the body is as before outside the statement")
    }
}
