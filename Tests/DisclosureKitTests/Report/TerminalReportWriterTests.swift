@testable import DisclosureKit
import Foundation
import Testing

@Suite struct TerminalReportWriterTests {
    @Test func summaryTableCountsEveryStatus() throws {
        let text = try ReportSamples.render(.terminal)
        let expected = """
        Audit of 9 files in docs (disclose 0.1.0, 2026-12-01T09:00:00Z)

          Status                    Files
          disclosed-verified            1
          disclosed-with-problems       1
          declared-no-ai                0
          declared-ai-use               1
          declared-unclear              0
          undisclosed-with-signals      2
          undisclosed                   2
          unsupported                   1
          unreadable                    1
          total                         9

        """
        #expect(text.hasPrefix(expected))
    }

    @Test func filesWithDetailsAreListedWithTheirFindings() throws {
        let text = try ReportSamples.render(.terminal)
        let title = try #require(SignalCatalogue.descriptor(id: "metadata.ai-generator")).title
        #expect(text.contains("""
        d/signals.docx  undisclosed-with-signals (docx)
          to look at: some signals are worth a look (strongest: strong, \(title))
          strong   metadata.ai-generator in the file's metadata
              “Microsoft Copilot”
              The document properties name an AI tool as the application.
          moderate residue.assistant-opener at paragraph 3
              “Certainly! Here is, "quoted" text”
              A paragraph opens the way chat assistants reply.

        """))
        let statement = StatementRenderer().render(Samples.disclosure)
        #expect(text.contains("b/problems.md  disclosed-with-problems (markdown)\n  to look at: the Disclose stamp did not pass every check (content-binding)\n  disclosure: \(statement)\n  failed check content-binding: the text has changed since stamping, first at line 12 (line 12)\n"))
        #expect(text.contains("c/declared.html  declared-ai-use (html)\n  declaration w3c-meta at line 4: “<meta name=\"ai-disclosure\" content=\"ai-assisted\">”\n      A W3C AI-disclosure meta tag.\n"))
        #expect(text.contains("h/broken.docx  unreadable (docx)\n  to look at: the file could not be read; open it to check it by hand\n  error: @SUM(1): not a valid zip archive,\\u{a}so it cannot be read\n"))
        #expect(!text.contains("a/verified.docx"))
        #expect(!text.contains("f/plain.md"))
        #expect(text.contains("\n4 files need no attention and are not listed; add --verbose to list them.\n"))
    }

    @Test func verboseListsEveryFile() throws {
        let text = TerminalReportWriter(verbose: true).text(ReportSamples.report)
        for record in ReportSamples.report.records {
            #expect(text.contains("\n\(ReportText.printable(record.path))  \(record.status.rawValue)"))
        }
        #expect(!text.contains("not listed"))
    }

    @Test func oneUnlistedFileIsSingular() {
        let report = AuditReport(generatedAt: "t", roots: ["d"], records: [AuditRecord(path: "d/a.md", format: "markdown", status: .undisclosed)])
        let text = TerminalReportWriter().text(report)
        #expect(text.contains("\n1 file needs no attention and is not listed; add --verbose to list it.\n"))
        #expect(text.hasPrefix("Audit of 1 file in d"))
    }

    @Test func failingPolicyMakesAnUndisclosedFileListed() {
        var record = AuditRecord(path: "d/a.md", format: "markdown", status: .undisclosed)
        record.checks = [CheckResult(id: "policy.declaration-required", status: .fail, message: "the task asks for a declaration and none was found")]
        let text = TerminalReportWriter().text(AuditReport(generatedAt: "t", roots: ["d"], records: [record]))
        #expect(text.contains("d/a.md  undisclosed (markdown)\n  to look at: does not meet the policy's declaration-required rule: the task asks for a declaration and none was found\n"))
        #expect(!text.contains("not listed"))
    }

    @Test func excludedAndNotFoundAreReported() {
        var report = AuditReport(generatedAt: "t", roots: ["d", "missing"], records: [])
        report.excludedFiles = 36
        report.rootFailures = [AuditRootFailure(path: "missing", reason: "missing: No such file or directory.")]
        let text = TerminalReportWriter().text(report)
        #expect(text.contains("\nmissing  not found\n  error: missing: No such file or directory.\n"))
        #expect(text.contains("\n36 files excluded (--exclude or .discloseignore).\n"))
    }

    @Test func noteEndsTheReport() throws {
        #expect(try ReportSamples.render(.terminal).hasSuffix("\nNote: \(AuditReport.standingNote)\n"))
    }

    @Test func colourOnlyWhenAsked() throws {
        #expect(!(try ReportSamples.render(.terminal)).contains("\u{1B}"))
        let coloured = try ReportSamples.render(.terminal, colour: true)
        #expect(coloured.contains("\u{1B}[32mdisclosed-verified"))
        #expect(coloured.contains("\u{1B}[1mNote:\u{1B}[0m"))
    }

    @Test func controlCharactersFromFilesCannotDriveTheTerminal() throws {
        let record = AuditRecord(path: "x\u{1B}[2Jy.md", format: "markdown", status: .undisclosedWithSignals,
                                 findings: [Finding(signal: "residue.x", strength: .weak, location: Location(line: 1),
                                                    excerpt: "ok", explanation: "bad\u{9B}31m")])
        let text = try ReportSamples.render(.terminal, AuditReport(generatedAt: "t", roots: [], records: [record]))
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{9B}"))
        #expect(text.contains("x\\u{1b}[2Jy.md"))
        #expect(text.contains("bad\\u{9b}31m"))
    }
}

@Suite struct ReportTextTests {
    @Test func bidiOverridesAndSeparatorsAreMadeVisible() {
        #expect(ReportText.printable("invoice\u{202E}fdp.md") == "invoice\\u{202e}fdp.md")
        #expect(ReportText.printable("a\u{2028}b\u{2066}c\u{7F}") == "a\\u{2028}b\\u{2066}c\\u{7f}")
        #expect(ReportText.printable("Ünïcödé ✓ 日本語 عربي") == "Ünïcödé ✓ 日本語 عربي")
    }

    /// The byte check that lets clean text through untouched agrees with the scalar rule, for
    /// random text made of the scalars at and beside each range's edges (and of curly quotes,
    /// which share a lead byte with the separators).
    @Test func theByteCheckAgreesWithTheScalarRule() {
        let values: [UInt32] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x41, 0x7E, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xBF, 0xE9,
                                0x2019, 0x201C, 0x2027, 0x2028, 0x2029, 0x202A, 0x202E, 0x202F, 0x2065, 0x2066,
                                0x2069, 0x206A, 0x20AC, 0x65E5, 0xE000, 0xFEFF, 0x1F600]
        let scalars = values.map { Unicode.Scalar($0)! }
        var generator = SystemRandomNumberGenerator()
        for round in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<(round % 7) { text.append(scalars.randomElement(using: &generator)!) }
            var string = String(text)
            let expected = string.unicodeScalars.contains(where: ReportText.isControl)
            #expect(string.withUTF8 { ReportText.mayHoldControl($0) } == expected, "\(string.unicodeScalars.map { $0.value })")
            let scalarwise = string.unicodeScalars.map { ReportText.isControl($0) ? ReportText.escaped($0) : String($0) }.joined()
            #expect(ReportText.printable(string) == scalarwise)
        }
    }
}
