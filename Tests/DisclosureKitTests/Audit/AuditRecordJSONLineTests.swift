@testable import DisclosureKit
import Foundation
import Testing

/// ``AuditRecord/jsonLine()`` is written by hand (``JSONLineWriter``); its bytes must be the
/// bytes `JSONEncoder` writes (``AuditRecord/jsonLineUsingFoundation()``), for every record.
@Suite struct AuditRecordJSONLineTests {
    static func expectSameBytes(_ record: AuditRecord, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let mine = try record.jsonLine()
        let foundation = try record.jsonLineUsingFoundation()
        #expect(mine == foundation, "\(record.path):\n\(String(decoding: mine, as: UTF8.self))\n≠\n\(String(decoding: foundation, as: UTF8.self))",
                sourceLocation: sourceLocation)
    }

    @Test func everyAuditedFixtureAndCaseEncodesAsJSONEncoderDoes() throws {
        let records = AuditEvidenceFrozenTests.current.values
        #expect(records.count >= 550)
        #expect(records.contains { !$0.checks.isEmpty && $0.checks.contains { $0.location != nil } })
        for record in records { try Self.expectSameBytes(record) }
    }

    @Test func stampedFilesEncodeAsJSONEncoderDoes() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.stamped("a.md")
        for sample in ["annual-report.docx", "open-day.html", "newsletter.md"] {
            let path = try folder.write("stamped-" + sample, try Data(contentsOf: SignalSamples.repository.appendingPathComponent("Fixtures/sample/" + sample)))
            _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        }
        try folder.write("b.html", "<html><head><meta name=\"ai-disclosure\" content=\"ai-assisted\"></head><body><p>Certainly! Here is a summary:</p></body></html>")
        try folder.write("c.txt", "plain")
        let (report, _) = Auditor().audit([folder.root])
        #expect(report.records.count == 6)
        #expect(report.records.filter { $0.disclosure != nil }.count == 4)
        for record in report.records { try Self.expectSameBytes(record) }
    }

    @Test func everyEscapeAndAbsentValueEncodesAsJSONEncoderDoes() throws {
        let awkward = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }.joined() + " \u{2028}\u{2029}\u{FEFF}é😀 /slash\\ \"quoted\""
        var record = AuditRecord(path: "dir/" + awkward, format: "markdown", status: .declaredUnclear, size: -1, sha256: awkward, error: awkward, author: awkward)
        record.notes = [awkward, "", "second"]
        record.checks = [CheckResult(id: "statement-present", status: .warn, message: awkward),
                         CheckResult(id: "signature", status: .fail, message: "m", location: Location(), state: awkward),
                         CheckResult(id: "policy.x", status: .notApplicable, message: "", location: Location(part: awkward, paragraph: 0, line: Int.max, column: Int.min, byteOffset: 7, words: awkward))]
        record.declarations = [
            Declaration(kind: "written-statement", location: Location(paragraph: 3), quote: awkward, explanation: awkward),
            Declaration(kind: "w3c-meta", location: Location(line: 1, column: 2), quote: "q", explanation: "e",
                        facts: DeclarationFacts(aiUse: .used, tools: [.init(asWritten: awkward, canonical: nil), .init(asWritten: "chat gpt", canonical: "ChatGPT")],
                                                purposes: [.init(asWritten: "plan", purpose: .ideaGeneration), .init(asWritten: awkward, purpose: nil), .init(asWritten: "x", purpose: .other("odd \"one\""))],
                                                date: awkward, confidence: .partial, words: awkward)),
            Declaration(kind: "c2pa", location: Location(), quote: "", explanation: "", facts: DeclarationFacts(aiUse: .none, confidence: .clear, words: "")),
        ]
        record.findings = [Finding(signal: "residue.assistant-opener", strength: .strong, location: Location(part: "word/document.xml", paragraph: 2, byteOffset: 0), excerpt: awkward, explanation: awkward),
                           Finding(signal: "s", strength: .weak, location: Location(), excerpt: "", explanation: "")]
        try Self.expectSameBytes(record)
        // A disclosure with every field the hand-written encoder writes, then each absent in turn,
        // then with the fields it hands to JSONEncoder (policy, policy outcome).
        var disclosure = Disclosure(tools: [Tool(name: awkward, version: "4o", model: "m", provider: "p", dpia: "d"), Tool(name: "Claude")],
                                    purposes: [.drafting, .other(awkward)], extent: .partial, review: Review(level: .edited, reviewer: awkward, note: awkward),
                                    declarant: awkward, organisation: awkward, date: "2026-11-25", note: awkward, language: "en-GB", statement: awkward,
                                    content: ContentBinding(format: "markdown", text: NamedDigest(value: awkward), parts: NamedDigest(algorithm: "a", value: "b"),
                                                            paragraphs: 3, paragraphMap: ParagraphMap(groupSize: 8, digests: awkward)),
                                    dataClasses: [.public, .specialCategory], approval: awkward)
        record.disclosure = disclosure
        try Self.expectSameBytes(record)
        disclosure.content?.paragraphMap = nil
        disclosure.tools = []
        disclosure.purposes = []
        disclosure.dataClasses = []
        disclosure.review = Review(level: .none)
        record.disclosure = disclosure
        try Self.expectSameBytes(record)
        disclosure.content = nil; disclosure.dataClasses = nil; disclosure.approval = nil; disclosure.note = nil
        disclosure.organisation = nil; disclosure.statement = nil
        record.disclosure = disclosure
        try Self.expectSameBytes(record)
        disclosure.policy = PolicyReference(id: "p", version: "1", task: awkward)
        disclosure.policyOutcome = PolicyOutcome(policy: "p", rules: [awkward])
        record.disclosure = disclosure
        try Self.expectSameBytes(record)
        try Self.expectSameBytes(AuditRecord(path: "", format: nil, status: .unsupported))
        for status in AuditStatus.allCases { try Self.expectSameBytes(AuditRecord(path: "p", format: "docx", status: status, size: 0)) }
    }

    /// A cached line given under another spelling of its root has its `path` value spliced; the
    /// result must be the bytes of the record re-encoded with the new path, for every record.
    @Test func splicingThePathGivesTheReencodedLine() throws {
        var records = Array(AuditEvidenceFrozenTests.current.values)
        #expect(records.count >= 550)
        let awkward = "dir/\"q\",\"path\":\"x\",\"sha256\":\\ \n\u{1}é😀"
        records.append(AuditRecord(path: awkward, format: "markdown", status: .unreadable, error: ",\"path\":\"" + awkward))
        records.append(AuditRecord(path: "", format: nil, status: .unsupported))
        for record in records {
            let line = try record.jsonLine()
            for newPath in ["/tmp/share/" + record.path, "", awkward, "x,\"path\":\"y\",\"sha256\":null"] {
                var moved = record
                moved.path = newPath
                let spliced = JSONLineWriter.replacingTopLevelPath(in: line, from: record.path, to: newPath)
                #expect(spliced == (try moved.jsonLine()), "\(record.path) → \(newPath)")
            }
            // A line whose path is not the one given is left to the decoder.
            #expect(JSONLineWriter.replacingTopLevelPath(in: line, from: record.path + "-other", to: "n") == nil)
        }
        #expect(JSONLineWriter.replacingTopLevelPath(in: Data("{}".utf8), from: "", to: "n") == nil)
        #expect(JSONLineWriter.replacingTopLevelPath(in: Data(), from: "", to: "n") == nil)
    }

    /// The header and summary lines of a JSON Lines report are written by hand too: the same
    /// bytes as `JSONEncoder`, for awkward text in every string and any counts.
    @Test func headerAndSummaryLinesEncodeAsJSONEncoderDoes() throws {
        let awkward = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }.joined() + " \u{2028}\u{2029}\u{FEFF}é😀 /slash\\ \"quoted\""
        var generator = SystemRandomNumberGenerator()
        func text() -> String {
            let pieces = ["", "a", "/", "\\", "\"", "\n", "\u{0}", "\u{1F}", "é", "😀", "\u{2028}", awkward, "docs/ä b.md"]
            return (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
        var headers = [ReportHeader(tool: "disclose 1.0", generatedAt: "2026-12-08T03:00:00Z", roots: []),
                       ReportHeader(tool: awkward, generatedAt: awkward, roots: [awkward, "", "."])]
        var summaries = [ReportSummaryLine(excludedFiles: 0, excludedFolders: 0, notFound: []),
                         ReportSummaryLine(excludedFiles: Int.max, excludedFolders: Int.min, notFound: [AuditRootFailure(path: awkward, reason: awkward)])]
        for _ in 0..<300 {
            var header = ReportHeader(tool: text(), generatedAt: text(), roots: (0..<Int.random(in: 0...3, using: &generator)).map { _ in text() })
            header.note = text()
            header.format = text()
            headers.append(header)
            summaries.append(ReportSummaryLine(excludedFiles: Int.random(in: -5...1_000_000, using: &generator), excludedFolders: Int.random(in: 0...9, using: &generator),
                                               notFound: (0..<Int.random(in: 0...3, using: &generator)).map { _ in AuditRootFailure(path: text(), reason: text()) }))
        }
        for header in headers {
            let mine = try header.jsonLine(), foundation = try header.jsonLineUsingFoundation()
            #expect(mine == foundation, "\(String(decoding: mine, as: UTF8.self))\n≠\n\(String(decoding: foundation, as: UTF8.self))")
            #expect(try JSONDecoder().decode(ReportHeader.self, from: mine) == header)
        }
        for summary in summaries {
            let mine = try summary.jsonLine(), foundation = try summary.jsonLineUsingFoundation()
            #expect(mine == foundation, "\(String(decoding: mine, as: UTF8.self))\n≠\n\(String(decoding: foundation, as: UTF8.self))")
            #expect(try JSONDecoder().decode(ReportSummaryLine.self, from: mine) == summary)
        }
    }

    /// The hand-written encoder lists each type's fields itself, so a field added to one of these
    /// types (and so written by `JSONEncoder`) must be added to ``JSONLineWriter`` too: this test
    /// fails until the list below is brought up to date, pointing at the writer.
    @Test func theWriterKnowsEveryField() {
        func labels(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }
        let location = Location(part: "p", paragraph: 1, line: 1, column: 1, byteOffset: 1, words: "w")
        let facts = DeclarationFacts(aiUse: .used, tools: [], purposes: [], date: "d", confidence: .clear, words: "w")
        let disclosure = Disclosure(tools: [Tool(name: "t")], purposes: [.drafting], extent: .partial, review: Review(level: .edited), declarant: "d", date: "2026-12-07")
        let seen: [String: [String]] = [
            "AuditRecord": labels(AuditRecord(path: "p", format: nil, status: .unsupported)),
            "Location": labels(location),
            "CheckResult": labels(CheckResult(id: "x", status: .pass, message: "m")),
            "Declaration": labels(Declaration(kind: "k", location: location, quote: "q", explanation: "e", facts: facts)),
            "DeclarationFacts": labels(facts),
            "Finding": labels(Finding(signal: "s", strength: .weak, location: location, excerpt: "x", explanation: "e")),
            "Disclosure": labels(disclosure),
            "Tool": labels(Tool(name: "t")),
            "Review": labels(Review(level: .edited)),
            "ContentBinding": labels(ContentBinding(format: "f", text: NamedDigest(value: "v"), parts: NamedDigest(value: "v"), paragraphs: 0, paragraphMap: nil)),
            "ReportHeader": labels(ReportHeader(tool: "t", generatedAt: "g", roots: [])),
            "ReportSummaryLine": labels(ReportSummaryLine(excludedFiles: 0, excludedFolders: 0, notFound: [])),
            "AuditRootFailure": labels(AuditRootFailure(path: "p", reason: "r")),
        ]
        let known: [String: [String]] = [
            "AuditRecord": ["path", "format", "status", "size", "sha256", "disclosure", "checks", "declarations", "findings", "error", "author", "notes"],
            "Location": ["part", "paragraph", "line", "column", "byteOffset", "words"],
            "CheckResult": ["id", "status", "message", "location", "state"],
            "Declaration": ["kind", "location", "quote", "explanation", "facts"],
            "DeclarationFacts": ["aiUse", "tools", "purposes", "date", "confidence", "words"],
            "Finding": ["signal", "strength", "location", "excerpt", "explanation"],
            // policy, signature and policyOutcome send the record to JSONEncoder.
            "Disclosure": ["schema", "tools", "purposes", "extent", "review", "declarant", "organisation", "date", "policy", "note",
                           "dataClasses", "approval", "language", "statement", "content", "signature", "policyOutcome"],
            "Tool": ["name", "version", "model", "provider", "dpia"],
            "Review": ["level", "reviewer", "note"],
            "ContentBinding": ["format", "canonicalization", "text", "parts", "paragraphs", "paragraphMap"],
            // ReportHeader.jsonLine() and ReportSummaryLine.jsonLine() (ReportHeader.swift).
            "ReportHeader": ["type", "format", "tool", "generatedAt", "roots", "note"],
            "ReportSummaryLine": ["type", "excludedFiles", "excludedFolders", "notFound"],
            "AuditRootFailure": ["path", "reason"],
        ]
        for (type, fields) in seen {
            #expect(fields == known[type], "\(type) has fields \(fields); JSONLineWriter (AuditRecord+JSONLine.swift) writes \(known[type] ?? []): add the new ones there and here")
        }
    }
}
