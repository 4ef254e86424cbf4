import DiscloseTestSupport
import DisclosureKit
import Foundation
import Testing

/// Validates the SARIF report against the official SARIF 2.1.0 JSON schema with Python's
/// `jsonschema`. Skips (with a message) when python3, jsonschema or the schema file is absent.
@Suite struct SARIFSchemaTests {
    static let packageRoot = TestRepository.root

    static var schemaPath: String? {
        let candidates = [
            ProcessInfo.processInfo.environment["DISCLOSE_SARIF_SCHEMA"],
            packageRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas/sarif-schema-2.1.0.json").path,
            "/work/shared/schemas/sarif-schema-2.1.0.json",
        ].compactMap { $0 }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// python3 from PATH (so a pyenv or venv interpreter with jsonschema is found), else /usr/bin/python3.
    static var python: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { $0 + "/python3" } + ["/usr/bin/python3"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let validator = """
    import json, sys
    try:
        import jsonschema
    except ImportError:
        print("SKIP: the Python package jsonschema is not installed"); sys.exit(0)
    schema = json.load(open(sys.argv[1]))
    log = json.load(open(sys.argv[2]))
    cls = jsonschema.validators.validator_for(schema)
    errors = sorted(cls(schema).iter_errors(log), key=lambda e: list(e.path))
    for e in errors[:10]:
        print("INVALID at", "/".join(str(p) for p in e.path), ":", e.message)
    print("VALID" if not errors else "ERRORS %d" % len(errors))
    """

    /// Runs the validator; nil when it had to skip.
    func validate(_ report: AuditReport) throws -> String? {
        guard let schema = SARIFSchemaTests.schemaPath else {
            print("SARIFSchemaTests: skipped, the SARIF 2.1.0 schema file was not found (set DISCLOSE_SARIF_SCHEMA)")
            return nil
        }
        guard let python = SARIFSchemaTests.python else {
            print("SARIFSchemaTests: skipped, python3 was not found")
            return nil
        }
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let logPath = folder + "/report.sarif", scriptPath = folder + "/validate.py"
        try AuditReportFormat.sarif.writer().render(report).write(to: URL(fileURLWithPath: logPath))
        try Data(SARIFSchemaTests.validator.utf8).write(to: URL(fileURLWithPath: scriptPath))
        let run = try ProcessRunner.run(URL(fileURLWithPath: python), [scriptPath, schema, logPath])
        let text = run.stdout + run.stderr
        if text.hasPrefix("SKIP") {
            print("SARIFSchemaTests: skipped, \(text)")
            return nil
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func sampleReportIsValidSARIF() throws {
        guard let outcome = try validate(ReportSamples.report) else { return }
        #expect(outcome == "VALID")
    }

    @Test func emptyReportIsValidSARIF() throws {
        guard let outcome = try validate(AuditReport(generatedAt: ReportSamples.generatedAt, roots: [], records: [])) else { return }
        #expect(outcome == "VALID")
    }

    @Test func absoluteRootReportIsValidSARIF() throws {
        var report = ReportSamples.report
        report.roots = ["/srv/audit docs"]
        report.records.append(AuditRecord(path: "/srv/elsewhere/x.md", format: "markdown", status: .undisclosedWithSignals,
                                          findings: [ReportSamples.hostileFinding,
                                                     Finding(signal: "residue.x", strength: .weak, location: Location(paragraph: -2, line: 0, column: -1, byteOffset: -5),
                                                             excerpt: "", explanation: "")]))
        guard let outcome = try validate(report) else { return }
        #expect(outcome == "VALID")
    }
}
