import DisclosureKit
import Foundation
import Testing

/// The format-independent flow, on the test-only `.fake` format.
@Suite struct StampVerifyFlowTests {
    let loader = DocumentLoader(registry: .fake)

    func makeFile(_ text: String) throws -> (folder: String, path: String) {
        let folder = try Samples.temporaryFolder()
        let path = folder + "/doc.fake"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    func status(_ report: VerificationReport, _ id: CheckID) -> CheckStatus? {
        report.checks.first { $0.id == id }?.status
    }

    @Test func stampThenVerifyPasses() throws {
        let (folder, path) = try makeFile("First paragraph\nSecond paragraph")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try Stamper(loader: loader).stamp(path: path, disclosure: Samples.disclosure)
        #expect(result.format == "fake")
        #expect(result.replacedExisting == false)
        #expect(result.disclosure.content?.paragraphs == 2)
        let report = try Verifier(loader: loader).verify(path: path)
        #expect(report.passed)
        #expect(report.checks.map(\.id) == ["statement-present", "metadata-present", "metadata-valid", "statement-matches-metadata", "content-binding", "statement-visible", "single-stamp"])
        #expect(report.checks.allSatisfy { $0.status == .pass })
    }

    @Test func restampIsIdempotentAndUnstampRestores() throws {
        let original = "Alpha\nBeta"
        let (folder, path) = try makeFile(original)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let stamper = Stamper(loader: loader)
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        let once = try Data(contentsOf: URL(fileURLWithPath: path))
        let again = try stamper.stamp(path: path, disclosure: Samples.disclosure)
        #expect(again.replacedExisting)
        #expect(again.unchanged)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == once)
        let removed = try stamper.unstamp(path: path)
        #expect(removed.removed)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
    }

    @Test func textEditFailsBindingAndNamesParagraph() throws {
        let (folder, path) = try makeFile("Alpha\nBeta\nGamma")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Stamper(loader: loader).stamp(path: path, disclosure: Samples.disclosure)
        let stamped = try String(contentsOfFile: path, encoding: .utf8)
        try stamped.replacingOccurrences(of: "Beta", with: "Betta").write(toFile: path, atomically: true, encoding: .utf8)
        let report = try Verifier(loader: loader).verify(path: path)
        #expect(!report.passed)
        let binding = try #require(report.checks.first { $0.id == "content-binding" })
        #expect(binding.status == .fail)
        #expect(binding.message == "text changed since stamping; first difference: line 2: \"Betta\"")
    }

    @Test func whitespaceOnlyEditIsPartsChangedWarning() throws {
        let (folder, path) = try makeFile("Alpha\nBeta")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Stamper(loader: loader).stamp(path: path, disclosure: Samples.disclosure)
        let stamped = try String(contentsOfFile: path, encoding: .utf8)
        try stamped.replacingOccurrences(of: "Beta", with: "Beta  ").write(toFile: path, atomically: true, encoding: .utf8)
        let report = try Verifier(loader: loader).verify(path: path)
        #expect(status(report, "content-binding") == .warn)
        #expect(report.passed, "a warning does not fail verification")
    }

    @Test func swappedStatementFailsAgreement() throws {
        let (folder, path) = try makeFile("Alpha")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Stamper(loader: loader).stamp(path: path, disclosure: Samples.disclosure)
        let stamped = try String(contentsOfFile: path, encoding: .utf8)
        let edited = stamped.components(separatedBy: "\n").map { line in
            line.hasPrefix("@@statement ") ? line.replacingOccurrences(of: "part of the content", with: "minor edits only") : line
        }
        try edited.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let report = try Verifier(loader: loader).verify(path: path)
        #expect(status(report, "statement-matches-metadata") == .fail)
        #expect(status(report, "content-binding") == .pass)
    }

    @Test func hiddenStatementFailsVisibility() throws {
        let (folder, path) = try makeFile("Alpha")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Stamper(loader: loader).stamp(path: path, disclosure: Samples.disclosure)
        let stamped = try String(contentsOfFile: path, encoding: .utf8)
        try ("@@hidden\n" + stamped).write(toFile: path, atomically: true, encoding: .utf8)
        let report = try Verifier(loader: loader).verify(path: path)
        let check = try #require(report.checks.first { $0.id == "statement-visible" })
        #expect(check.status == .fail)
        #expect(check.message == "readers may not see the statement: marked hidden")
    }

    @Test func unstampedDocumentFailsPresenceChecks() throws {
        let (folder, path) = try makeFile("Alpha")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = try Verifier(loader: loader).verify(path: path)
        #expect(status(report, "statement-present") == .fail)
        #expect(status(report, "metadata-present") == .fail)
        #expect(status(report, "content-binding") == .notApplicable)
        #expect(!report.passed)
    }

    @Test func corruptMetadataIsReportedNotThrown() throws {
        let (folder, path) = try makeFile("Alpha\n@@statement AI use disclosure: x\n@@meta {not json")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = try Verifier(loader: loader).verify(path: path)
        let check = try #require(report.checks.first { $0.id == "metadata-valid" })
        #expect(check.status == .fail)
        #expect(check.message == "the disclosure could not be read: not valid JSON")
    }

    @Test func dryRunAndOutputLeaveOriginalAlone() throws {
        let (folder, path) = try makeFile("Alpha")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let stamper = Stamper(loader: loader)
        let dry = try stamper.stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(dryRun: true))
        #expect(dry.dryRun)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "Alpha")
        let out = folder + "/copy.fake"
        _ = try stamper.stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(outputPath: out))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "Alpha")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("@@statement AI use disclosure:"))
    }

    @Test func incompleteDisclosureIsRefusedBeforeReading() throws {
        var d = Samples.disclosure
        d.declarant = " "
        #expect(throws: DisclosureError.invalidInput("missing.fake: the disclosure is incomplete: the declarant is empty.")) {
            try Stamper(loader: loader).stamp(path: "missing.fake", disclosure: d)
        }
    }

    @Test func approvalsCanRefuseAndNothingIsWritten() throws {
        let (folder, path) = try makeFile("Alpha")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let refuse: @Sendable (Disclosure, String) throws -> Void = { _, p in
            throw DisclosureError.policyViolation(path: p, rule: "tool-authorised", detail: "not on the list")
        }
        #expect(throws: DisclosureError.self) {
            try Stamper(loader: loader).stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(approvals: [refuse]))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "Alpha")
    }

    @Test func bindingFromAnotherFormatIsRejected() throws {
        let (folder, path) = try makeFile("Alpha")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var d = Samples.disclosure
        d.content = ContentBinding(format: "docx", text: NamedDigest(value: "00"), parts: NamedDigest(value: "00"), paragraphs: 1, paragraphMap: nil)
        d.statement = StatementRenderer().render(d)
        let json = try d.canonicalJSONString()
        try ("Alpha\n@@statement \(d.statement!)\n@@meta \(json)").write(toFile: path, atomically: true, encoding: .utf8)
        let report = try Verifier(loader: loader).verify(path: path)
        let check = try #require(report.checks.first { $0.id == "content-binding" })
        #expect(check.status == .fail)
        #expect(check.message.contains("stamped on a docx document"))
    }
}
