import DisclosureKit
import Foundation
import Testing

/// Real-world documents from ../shared/corpus (optional: skipped when the folder is absent).
@Suite struct DOCXCorpusTests {
    static let docx = DOCXFixtures.corpus.appendingPathComponent("docx")
    static let odd = DOCXFixtures.corpus.appendingPathComponent("odd")
    static var present: Bool { FileManager.default.fileExists(atPath: docx.path) }

    @Test(.enabled(if: present, "../shared/corpus/docx is absent, so the DOCX corpus test is skipped"))
    func everyCorpusDocumentStampsVerifiesAndUnstamps() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.docx.path).filter { $0.hasSuffix(".docx") }.sorted()
        let dir = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var passed = 0
        for name in files {
            let source = Self.docx.appendingPathComponent(name).path
            let copy = dir + "/" + name
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: source, toPath: copy)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: copy)
            let original = try Data(contentsOf: URL(fileURLWithPath: copy))
            let originalText = try DocumentLoader().open(copy).text()
            _ = try Stamper().stamp(path: copy, disclosure: Samples.disclosure)
            let report = try Verifier().verify(path: copy)
            let failures = report.checks.filter { $0.status != .pass }
            #expect(failures.isEmpty, "\(name): \(failures)")
            let before = try ZipInspector(original), after = try ZipInspector(try Data(contentsOf: URL(fileURLWithPath: copy)))
            let changed = Set(after.entries.filter { e in before[e.name]?.raw != e.raw }.map(\.name))
            let allowed: Set<String> = ["word/document.xml", "word/styles.xml", "docProps/custom.xml", "[Content_Types].xml", "_rels/.rels"]
            #expect(changed.subtracting(allowed).count <= 1, "\(name): entries changed: \(changed.subtracting(allowed))") // the main part may have another name
            _ = try Stamper().unstamp(path: copy)
            #expect(try DocumentLoader().open(copy).text() == originalText, "\(name): text after unstamp")
            if failures.isEmpty { passed += 1 }
        }
        print("DOCX corpus: \(passed) of \(files.count) documents stamped, verified and unstamped")
        #expect(passed == files.count)
    }

    @Test(.enabled(if: present, "../shared/corpus/odd is absent, so the odd-files test is skipped"))
    func oddFilesAreHandledOrRefusedCleanly() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.odd.path).sorted()
        var handled = 0, refused = 0
        for name in files {
            do {
                let doc = try DocumentLoader().open(Self.odd.appendingPathComponent(name).path)
                _ = try doc.text()
                handled += 1
            } catch let error as DisclosureError {
                #expect(error.exitCode == 3, "\(name)")
                refused += 1
            }
        }
        print("DOCX odd files: \(handled) read, \(refused) refused with a clear error")
        #expect(handled + refused == files.count)
        #expect(handled == 4)
    }
}
