import DisclosureKit
import Foundation

/// Hand-built audit reports covering every status, location kind and hostile string.
enum ReportSamples {
    static let generatedAt = "2026-12-01T09:00:00Z"
    static let hostilePath = "e/hostile <script>alert(1)</script>, \"q\".md"
    static let unicodePath = "ü/日本語 notes.md"

    static var passingChecks: [CheckResult] {
        [CheckResult(id: "statement-present", status: .pass, message: "statement found at word/document.xml, paragraph 6"),
         CheckResult(id: "content-binding", status: .pass, message: "text unchanged since stamping")]
    }

    static var verified: AuditRecord {
        AuditRecord(path: "a/verified.docx", format: "docx", status: .disclosedVerified, size: 1200,
                    sha256: String(repeating: "ab", count: 32), disclosure: Samples.disclosure, checks: passingChecks)
    }

    static var problems: AuditRecord {
        AuditRecord(path: "b/problems.md", format: "markdown", status: .disclosedWithProblems, size: 300,
                    disclosure: Samples.disclosure,
                    checks: [CheckResult(id: "statement-present", status: .pass, message: "statement found at line 20"),
                             CheckResult(id: "content-binding", status: .fail, message: "the text has changed since stamping, first at line 12",
                                         location: Location(line: 12, column: 1, byteOffset: 400)),
                             CheckResult(id: "statement-visible", status: .warn, message: "the statement is small")])
    }

    static var declared: AuditRecord {
        AuditRecord(path: "c/declared.html", format: "html", status: .declaredAIUse,
                    declarations: [Declaration(kind: "w3c-meta", location: Location(line: 4, column: 5, byteOffset: 120),
                                               quote: "<meta name=\"ai-disclosure\" content=\"ai-assisted\">",
                                               explanation: "A W3C AI-disclosure meta tag.")])
    }

    static var strongFinding: Finding {
        Finding(signal: "metadata.ai-generator", strength: .strong, location: Location(part: "docProps/app.xml", byteOffset: 210),
                excerpt: "Microsoft Copilot", explanation: "The document properties name an AI tool as the application.")
    }

    static var docxPartFinding: Finding {
        Finding(signal: "residue.assistant-opener", strength: .moderate,
                location: Location(part: "word/document.xml", paragraph: 3, byteOffset: 4521),
                excerpt: "Certainly! Here is, \"quoted\" text", explanation: "A paragraph opens the way chat assistants reply.")
    }

    static var signals: AuditRecord {
        AuditRecord(path: "d/signals.docx", format: "docx", status: .undisclosedWithSignals, size: 9000,
                    findings: [strongFinding, docxPartFinding])
    }

    static var hostileFinding: Finding {
        Finding(signal: "typography.unusual", strength: .weak, location: Location(line: 7, column: 3, byteOffset: 88),
                excerpt: "=cmd|' /C calc'!A0", explanation: "<script>alert(\"x\")</script>, with commas\nand lines")
    }

    static var noOffsetFinding: Finding {
        Finding(signal: "residue.placeholder", strength: .moderate, location: Location(paragraph: 2),
                excerpt: "-[Insert name] Ünïcödé ✓ 日本語", explanation: "")
    }

    static var hostile: AuditRecord {
        AuditRecord(path: hostilePath, format: "markdown", status: .undisclosedWithSignals,
                    findings: [hostileFinding, noOffsetFinding])
    }

    static var plain: AuditRecord { AuditRecord(path: "f/plain.md", format: "markdown", status: .undisclosed, size: 10) }
    static var unicode: AuditRecord { AuditRecord(path: unicodePath, format: "markdown", status: .undisclosed) }

    static var unsupported: AuditRecord {
        AuditRecord(path: "g/picture.png", format: nil, status: .unsupported, error: "not a document Disclose reads (extension .png)")
    }

    static var unreadable: AuditRecord {
        AuditRecord(path: "h/broken.docx", format: "docx", status: .unreadable,
                    error: "@SUM(1): not a valid zip archive,\nso it cannot be read")
    }

    static var records: [AuditRecord] {
        [unreadable, verified, problems, declared, signals, hostile, plain, unicode, unsupported]
    }

    static var report: AuditReport {
        AuditReport(tool: "disclose 0.1.0", generatedAt: generatedAt, roots: ["docs"], records: records)
    }

    static func render(_ format: AuditReportFormat, _ report: AuditReport = ReportSamples.report, colour: Bool = false) throws -> String {
        String(decoding: try format.writer(options: AuditReportOptions(colour: colour)).render(report), as: UTF8.self)
    }
}
