import DiscloseTestSupport
import Foundation
import Testing

/// Every PDF fixture (Scripts/fixtures/make_pdf.py) through the built binary: stamp, verify,
/// stamp again, unstamp to the original bytes; the refusals with their exit codes; changes made
/// after stamping, as other programs make them; and what the audit finds in the fixtures.
@Suite struct PDFFixturesEndToEndTests {
    static let stampable = ["plain.pdf", "a4.pdf", "xref-stream.pdf", "incremental.pdf", "tagged.pdf", "pdfa-2b.pdf",
                            "encodings.pdf", "type0.pdf", "ai-traces.pdf", "ai-declaration.pdf", "actions.pdf"]

    @Test(arguments: stampable)
    func stampVerifyRestampUnstamp(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("pdf/" + fixture, to: folder)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        for placement in ["end", "start"] {
            let stamp = try CLI.run(["stamp", file, "--placement", placement] + CLI.sampleFacts)
            #expect(stamp.exitCode == 0, "\(fixture) (\(placement)): \(stamp.stderr)")
            let stamped = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(stamped.count > original.count && stamped.prefix(original.count) == original, "\(fixture): the original is the stamped file's prefix")
            let verify = try CLI.run(["verify", file])
            #expect(verify.exitCode == 0, "\(fixture) (\(placement)): \(verify.stdout)\(verify.stderr)")
            #expect(verify.stdout.hasSuffix(": verified\n") || verify.stdout.contains(": verified with "), "\(fixture): \(verify.stdout)")
            #expect(!verify.stdout.contains(" fail "), "\(fixture): \(verify.stdout)")
            let again = try CLI.run(["stamp", file, "--placement", placement] + CLI.sampleFacts)
            #expect(again.exitCode == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == stamped, "\(fixture): stamping again with the same facts changes nothing")
            let unstamp = try CLI.run(["unstamp", file])
            #expect(unstamp.exitCode == 0, "\(unstamp.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original, "\(fixture) (\(placement)): unstamp gives back the original bytes")
        }
    }

    @Test func restampingWithOtherFactsReplacesTheStamp() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("pdf/plain.pdf", to: folder)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(try CLI.run(["stamp", file] + CLI.sampleFacts).exitCode == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: file))
        var facts = CLI.sampleFacts
        facts[facts.firstIndex(of: "Jane Smith")!] = "Zoë Nguyễn"
        #expect(try CLI.run(["stamp", file] + facts).exitCode == 0)
        let second = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(second.prefix(original.count) == original && second != first)
        #expect(second.count < first.count + first.count - original.count, "our last update was replaced, not followed by another")
        let show = try CLI.run(["show", file])
        #expect(show.stdout.contains("Zoë Nguyễn") && !show.stdout.contains("Jane Smith"), "\(show.stdout)")
        #expect(try CLI.run(["verify", file]).exitCode == 0)
        #expect(try CLI.run(["unstamp", file]).exitCode == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original)
    }

    @Test func encryptedIsRefusedWithExitThree() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("pdf/encrypted.pdf", to: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let stamp = try CLI.run(["stamp", file] + CLI.sampleFacts)
        #expect(stamp.exitCode == 3)
        #expect(stamp.stderr.contains("\(file): ") && stamp.stderr.contains("encrypted"), "\(stamp.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    @Test func damagedIsRefusedForStampingWithExitThree() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("pdf/damaged.pdf", to: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let stamp = try CLI.run(["stamp", file] + CLI.sampleFacts)
        #expect(stamp.exitCode == 3)
        #expect(stamp.stderr.contains("\(file): ") && stamp.stderr.contains("damaged"), "\(stamp.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    @Test func signedIsStampedOnlyWhenAllowed() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("pdf/signed.pdf", to: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let refused = try CLI.run(["stamp", file] + CLI.sampleFacts)
        #expect(refused.exitCode == 3)
        #expect(refused.stderr.contains("\(file): ") && refused.stderr.contains("--allow-invalidating-signature"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        let allowed = try CLI.run(["stamp", file, "--allow-invalidating-signature"] + CLI.sampleFacts)
        #expect(allowed.exitCode == 0, "\(allowed.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)).prefix(before.count) == before, "the signed revision is untouched")
        #expect(try CLI.run(["verify", file]).exitCode == 0)
    }

    @Test func thePDFAClaimIsNamed() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("pdf/pdfa-2b.pdf", to: folder)
        let stamp = try CLI.run(["stamp", file] + CLI.sampleFacts)
        #expect(stamp.exitCode == 0)
        let verify = try CLI.run(["verify", file])
        #expect((stamp.stdout + stamp.stderr + verify.stdout).contains("PDF/A-2b"), "the result says which PDF/A part and level the file claims: \(stamp.stdout)\(stamp.stderr)\(verify.stdout)")
    }

    // MARK: Changes after stamping, made as other programs make them

    /// Appends an incremental update to `file` (pdflib.incremental, as a PDF editor saving
    /// incrementally does): object `number` gets `body`.
    static func appendUpdate(_ file: String, number: Int, body: String) throws {
        let script = """
        import sys
        sys.path.insert(0, sys.argv[1])
        from pdflib import incremental, last_startxref
        import re
        data = open(sys.argv[2], "rb").read()
        tail = data[last_startxref(data):]
        root = int(re.findall(rb"/Root (\\d+) 0 R", data)[-1])
        size = max(int(s) for s in re.findall(rb"/Size (\\d+)", data))
        info = [int(n) for n in re.findall(rb"/Info (\\d+) 0 R", data)]
        kind = "stream" if tail.lstrip()[:1].isdigit() else "table"
        update = {int(sys.argv[3]): sys.argv[4].encode("latin-1")}
        open(sys.argv[2], "wb").write(incremental(data, update, root=root, size=size, info=info[-1] if info else None, prev_kind=kind))
        """
        let r = try ProcessRunner.run(tool: "python3", ["-c", script, CLI.packageRoot.appendingPathComponent("Scripts/fixtures").path, file, "\(number)", body])
        guard r.exitCode == 0 else { throw RealClients.Failure(message: "could not append an update: \(r.stderr)") }
    }

    @Test func anUpdateThatChangesTextIsCaughtAndNamesThePage() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("pdf/plain.pdf", to: folder)
        #expect(try CLI.run(["stamp", file] + CLI.sampleFacts).exitCode == 0)
        // plain.pdf: object 6 is page 2's content stream (catalog 1, pages 2, font 3, content 4, page 5, content 6, page 7).
        let content = "BT /F1 12 Tf 72 720 Td (Recommendations: demolish the footbridge.) Tj ET"
        try Self.appendUpdate(file, number: 6, body: "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream")
        let verify = try CLI.run(["verify", file])
        #expect(verify.exitCode == 1, "\(verify.stdout)")
        #expect(verify.stdout.contains("text changed"), "\(verify.stdout)")
        #expect(verify.stdout.contains("page 2"), "the first page that differs is named: \(verify.stdout)")
    }

    @Test func anUpdateThatKeepsTheTextIsToldApartAndUnstampAddsAnUpdate() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("pdf/plain.pdf", to: folder)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(try CLI.run(["stamp", file] + CLI.sampleFacts).exitCode == 0)
        // A new Info dictionary, as a program saving a changed title does (object 8 is Info).
        try Self.appendUpdate(file, number: 8, body: "<< /Title (River survey, final) /Producer (Another editor) >>")
        let changed = try Data(contentsOf: URL(fileURLWithPath: file))
        let verify = try CLI.run(["verify", file])
        #expect(verify.exitCode == 0, "the text is unchanged: \(verify.stdout)")
        #expect(verify.stdout.contains("text unchanged"), "\(verify.stdout)")
        let unstamp = try CLI.run(["unstamp", file])
        #expect(unstamp.exitCode == 0, "\(unstamp.stderr)")
        let after = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(after.count > changed.count && after.prefix(changed.count) == changed, "unstamp appends an update, keeping the later one")
        #expect(after.prefix(original.count) == original)
        let show = try CLI.run(["verify", file])
        #expect(show.exitCode != 0 && !show.stdout.contains("statement found"), "no stamp is left: \(show.stdout)")
        if RealClients.path(of: "pdfinfo") != nil {
            #expect(try PDFClients.pageCount(file) == 2, "our page is gone")
        }
    }

    // MARK: Audit

    @Test func theAuditFindsWhatEachFixtureCarries() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["plain.pdf", "ai-traces.pdf", "ai-declaration.pdf", "actions.pdf", "encrypted.pdf", "damaged.pdf"] {
            _ = try CLI.copyFixture("pdf/" + name, to: folder)
        }
        let r = try CLI.run(["audit", ".", "--no-cache", "--format", "jsonl", "--fail-on", "none"], in: folder)
        #expect(r.exitCode == 0, "\(r.stderr)")
        var byName: [String: [String: Any]] = [:]
        var raw: [String: String] = [:]
        for line in r.stdout.split(separator: "\n") {
            guard let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let path = record["path"] as? String else { continue }
            byName[path] = record
            raw[path] = String(line)
        }
        #expect(byName["plain.pdf"]?["format"] as? String == "pdf")
        #expect(byName["plain.pdf"]?["status"] as? String == "undisclosed", "\(raw["plain.pdf"] ?? "no record")")
        #expect(byName["encrypted.pdf"]?["status"] as? String == "unreadable", "\(raw["encrypted.pdf"] ?? "no record")")
        #expect((byName["encrypted.pdf"]?["error"] as? String)?.contains("encrypted") == true)
        #expect(byName["damaged.pdf"] != nil && byName["damaged.pdf"]?["status"] as? String != "unreadable", "a damaged file is audited, with a warning: \(raw["damaged.pdf"] ?? "no record")")
        let traces = raw["ai-traces.pdf"] ?? ""
        #expect(traces.contains("ChatGPT") || traces.contains("trainedAlgorithmicMedia"), "metadata traces are reported: \(traces)")
        #expect(byName["ai-traces.pdf"]?["status"] as? String != "undisclosed", "\(traces)")
        #expect(((byName["ai-declaration.pdf"]?["declarations"] as? [Any]) ?? []).isEmpty == false, "the written declaration is read: \(raw["ai-declaration.pdf"] ?? "")")
        let actions = raw["actions.pdf"] ?? ""
        // JavaScript and launch actions reach the audit record as notes (never run, never AI evidence).
        let notes = (byName["actions.pdf"]?["notes"] as? [String] ?? []).joined(separator: " ")
        #expect(notes.contains("JavaScript") && notes.contains("launch"), "JavaScript and the launch action are reported: \(actions)")
        #expect(notes.contains("never run"), "\(actions)")
        #expect(byName["actions.pdf"]?["findings"] as? [Any] == nil || (byName["actions.pdf"]?["findings"] as? [Any])?.isEmpty == true, "active content is not AI evidence")
    }
}
