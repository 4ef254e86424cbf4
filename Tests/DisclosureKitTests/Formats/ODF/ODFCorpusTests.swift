@testable import DisclosureKit
import Foundation
import Testing

/// Real OpenDocument files from ../shared/corpus/odf (optional: skipped when the folder is absent).
/// Each readable one is stamped, verified and unstamped with every other entry copied raw; the
/// encrypted one ends as the encrypted error, and one with a DTD as a clear refusal.
@Suite struct ODFCorpusTests {
    static var present: Bool { FileManager.default.fileExists(atPath: ODFFixtures.corpus.path) }
    /// Files that must be refused, and the words of the refusal.
    static let refused: [String: String] = [
        "odfpy__tests_examples_aes_sample.12f8389.odt": "the document is encrypted or password-protected",
        "odfpy__tests_examples_nasty.odt": "declares a document type (DTD)",
    ]
    static let signed = "odfpy__contrib_odfsign_testdocs_ClimateChange2.odt"

    @Test(.enabled(if: present, "../shared/corpus/odf is absent, so the ODF corpus test is skipped"))
    func everyCorpusDocumentStampsVerifiesAndUnstamps() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ODFFixtures.corpus.path).filter { $0.hasSuffix(".odt") || $0.hasSuffix(".odp") }.sorted()
        let dir = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var passed = 0, refusedAsExpected = 0
        var options = StampOptions()
        options.allowInvalidatingSignature = true
        for name in files {
            let copy = dir + "/" + name
            try FileManager.default.copyItem(atPath: ODFFixtures.corpus.appendingPathComponent(name).path, toPath: copy)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: copy)
            let original = try ODFFixtures.bytes(copy)
            if let words = Self.refused[name] {
                do {
                    _ = try Stamper().stamp(path: copy, disclosure: Samples.disclosure, options: options)
                    Issue.record("\(name): stamped, but it should be refused")
                } catch let error as DisclosureError {
                    #expect(error.description.contains(words), "\(name): \(error)")
                    #expect(error.exitCode == 3)
                    if error.description.contains(words) { refusedAsExpected += 1 }
                }
                #expect(try ODFFixtures.bytes(copy) == original)
                continue
            }
            let originalParts = try ODFFixtures.parts(copy)
            let originalText = try DocumentLoader().open(copy).text()
            let result = try Stamper().stamp(path: copy, disclosure: Samples.disclosure, options: options)
            #expect(result.invalidatedSignatures.isEmpty == (name != Self.signed), "\(name): signature parts \(result.invalidatedSignatures)")
            let report = try Verifier().verify(path: copy)
            let failures = report.checks.filter { $0.status != .pass }
            #expect(failures.isEmpty, "\(name): \(failures)")
            let before = try ZipInspector(original), after = try ZipInspector(try ODFFixtures.bytes(copy))
            let changed = Set(after.entries.filter { e in before[e.name]?.raw != e.raw }.map(\.name))
            let allowed: Set<String> = ["content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"]
            #expect(changed.isSubset(of: allowed), "\(name): entries changed: \(changed.subtracting(allowed))")
            // The mimetype stays where it was (first, and stored, in every file but one that LibreOffice 4.3 wrote otherwise).
            #expect(after["mimetype"]?.raw == before["mimetype"]?.raw && after.entries.firstIndex { $0.name == "mimetype" } == before.entries.firstIndex { $0.name == "mimetype" }, "\(name): mimetype kept")
            #expect(try DocumentLoader().open(copy).text() == originalText, "\(name): text with the stamp")
            let again = try Stamper().stamp(path: copy, disclosure: Samples.disclosure, options: options)
            #expect(again.unchanged, "\(name): restamp")
            _ = try Stamper().unstamp(path: copy)
            let unstamped = try ODFFixtures.parts(copy)
            #expect(unstamped == originalParts, "\(name): parts after unstamp differ: \(unstamped.keys.filter { unstamped[$0] != originalParts[$0] })")
            if failures.isEmpty && unstamped == originalParts && changed.isSubset(of: allowed) { passed += 1 }
        }
        print("ODF corpus: \(passed) of \(files.count - Self.refused.count) readable documents stamped, verified and unstamped; \(refusedAsExpected) of \(Self.refused.count) refused as expected")
        #expect(passed == files.count - Self.refused.count)
        #expect(refusedAsExpected == Self.refused.count)
    }
}
