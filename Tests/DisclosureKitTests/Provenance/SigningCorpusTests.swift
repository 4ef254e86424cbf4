@testable import DisclosureKit
import Foundation
import Testing

/// Signing real-world documents from ../shared/corpus (optional: skipped when the folder is absent).
@Suite struct SigningCorpusTests {
    static var present: Bool { FileManager.default.fileExists(atPath: DOCXFixtures.corpus.path) }
    /// Every `stride`-th file, to keep the suite quick on a shared machine (1 checks them all: 293 of 296 on 2026-12-01).
    static let stride = 4

    @Test(.enabled(if: present, "../shared/corpus is absent, so the signing corpus test is skipped"))
    func everyStampableCorpusDocumentSignsVerifiesAndCatchesAChangedField() throws {
        let setup = try SigningSetup()
        defer { setup.cleanUp() }
        var trusted = 0, caught = 0, refused = 0, total = 0
        var problems: [String] = []
        for folder in ["docx", "md", "html"] {
            let dir = DOCXFixtures.corpus.appendingPathComponent(folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            for name in Swift.stride(from: 0, to: names.count, by: Self.stride).map({ names[$0] }) {
                total += 1
                let path = setup.folder + "/" + name
                try FileManager.default.copyItem(atPath: dir.appendingPathComponent(name).path, toPath: path)
                // The corpus is read-only (0444) and the copy keeps that mode; stamping in place
                // refuses read-only files, so make the copy writable.
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
                defer { try? FileManager.default.removeItem(atPath: path) }
                do {
                    _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(signer: try setup.signer()))
                } catch is DisclosureError {
                    refused += 1
                    continue
                }
                let report = try setup.verify(path)
                if report.check(CheckID.signature)?.state == "signed-trusted" { trusted += 1 } else { problems.append("\(name): \(report.checks)") }
                try SigningSetup.tamper(path) { $0.organisation = "Another University" }
                let after = try setup.verify(path)
                if after.check(CheckID.signature)?.state == "signature-invalid" { caught += 1 } else { problems.append("\(name): tamper not caught") }
            }
        }
        print("Signing corpus: \(trusted) of \(total - refused) stamped documents signed-trusted, \(caught) changed fields caught, \(refused) of \(total) refused by stamping")
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(trusted == total - refused)
        #expect(caught == trusted)
        #expect(trusted > 0)
    }
}
