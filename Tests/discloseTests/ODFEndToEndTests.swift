import Foundation
import Testing

/// OpenDocument text and presentations through the `disclose` binary: stamp, show, verify,
/// unstamp, audit, and the refusals (encrypted, signed).
@Suite struct ODFEndToEndTests {
    @Test(arguments: ["odt/newsletter.odt", "odp/open-day.odp"])
    func stampShowVerifyUnstamp(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try CLI.copyFixture(fixture, to: folder)
        let name = (path as NSString).lastPathComponent
        let stamp = try CLI.run(["stamp", name] + CLI.sampleFacts, in: folder)
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        #expect(stamp.stdout.hasPrefix("\(name): stamped\n"))

        let verify = try CLI.run(["verify", name], in: folder)
        #expect(verify.exitCode == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("metadata-present            metadata found at meta.xml"))
        #expect(verify.stdout.contains("content-binding             text unchanged since stamping"))
        #expect(verify.stdout.hasSuffix(": verified\n"))

        let show = try CLI.run(["show", "--format", "json", name], in: folder)
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [[String: Any]])
        let disclosure = shown.first?["disclosure"] as? [String: Any]
        #expect(disclosure?["declarant"] as? String == "Jane Smith")
        #expect((disclosure?["content"] as? [String: Any])?["format"] as? String == (fixture.hasSuffix(".odt") ? "odt" : "odp"))

        let again = try CLI.run(["stamp", name] + CLI.sampleFacts, in: folder)
        #expect(again.stdout.contains("already stamped with these facts; unchanged"))

        let unstamp = try CLI.run(["unstamp", name], in: folder)
        #expect(unstamp.exitCode == 0, "\(unstamp.stderr)")
        #expect(unstamp.stdout.contains("removed the statement and metadata"))
        let after = try CLI.run(["verify", name], in: folder)
        #expect(after.exitCode == 1, "no stamp left: \(after.stdout)")
    }

    @Test func encryptedAndSignedDocumentsAreRefusedWithExit3() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try CLI.copyFixture("odt/encrypted.odt", to: folder)
        _ = try CLI.copyFixture("odt/signed.odt", to: folder)
        let encrypted = try CLI.run(["stamp", "encrypted.odt"] + CLI.sampleFacts, in: folder)
        #expect(encrypted.exitCode == 3)
        #expect(encrypted.stderr.hasPrefix("disclose: error: encrypted.odt: the document is encrypted or password-protected, so it cannot be read."))
        let signed = try CLI.run(["stamp", "signed.odt"] + CLI.sampleFacts, in: folder)
        #expect(signed.exitCode == 3)
        #expect(signed.stderr == "disclose: error: signed.odt: the document is digitally signed (META-INF/documentsignatures.xml), and stamping changes it, so its own signature would no longer verify. Nothing was written. Stamp it first and then ask the signer to sign it again, or, if a broken signature is acceptable, stamp it with --allow-invalidating-signature.\n")
        let allowed = try CLI.run(["stamp", "signed.odt", "--allow-invalidating-signature"] + CLI.sampleFacts, in: folder)
        #expect(allowed.exitCode == 0, "\(allowed.stderr)")
        #expect(allowed.stderr == "disclose: signed.odt: warning: the document's own signature (META-INF/documentsignatures.xml) no longer verifies; ask the signer to sign it again\n")
    }

    @Test func auditReadsStampedAndUnstampedOpenDocuments() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try CLI.copyFixture("odt/newsletter.odt", to: folder)
        _ = try CLI.copyFixture("odp/open-day.odp", to: folder)
        _ = try CLI.copyFixture("odt/encrypted.odt", to: folder)
        #expect(try CLI.run(["stamp", "open-day.odp"] + CLI.sampleFacts, in: folder).exitCode == 0)
        let r = try CLI.run(["audit", ".", "--no-cache", "--format", "jsonl", "--fail-on", "none"], in: folder)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let records = try r.stdout.split(separator: "\n").compactMap { line -> [String: Any]? in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return object["path"] == nil ? nil : object
        }
        let byPath = Dictionary(uniqueKeysWithValues: records.map { ($0["path"] as? String ?? "", $0) })
        #expect(byPath["open-day.odp"]?["status"] as? String == "disclosed-verified")
        #expect(byPath["open-day.odp"]?["format"] as? String == "odp")
        #expect((byPath["open-day.odp"]?["findings"] as? [Any])?.isEmpty == true, "our own stamp is not read as a signal")
        #expect(byPath["newsletter.odt"]?["format"] as? String == "odt")
        #expect(byPath["newsletter.odt"]?["status"] as? String == "undisclosed")
        #expect(byPath["encrypted.odt"]?["status"] as? String == "unreadable")
    }
}
