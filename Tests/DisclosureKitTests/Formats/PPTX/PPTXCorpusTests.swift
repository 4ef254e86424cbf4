import DisclosureKit
import Foundation
import Testing

/// Real decks from ../shared/corpus/pptx (optional: skipped when the folder is absent). Every
/// readable deck is stamped, verified and unstamped with every untouched entry copied raw;
/// Strict Open XML decks and the damaged fuzzer files end as clear errors.
@Suite struct PPTXCorpusTests {
    static var present: Bool { FileManager.default.fileExists(atPath: PPTXFixtures.corpus.path) }
    /// Parts a stamp may change; everything else must be the original entry, raw.
    static let allowed: Set<String> = ["ppt/presentation.xml", "ppt/_rels/presentation.xml.rels", "docProps/custom.xml", "[Content_Types].xml", "_rels/.rels"]

    @Test(.enabled(if: present, "../shared/corpus/pptx is absent, so the PPTX corpus test is skipped"))
    func everyReadableDeckStampsVerifiesAndUnstamps() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: PPTXFixtures.corpus.path).sorted()
        let dir = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var passed: [String] = [], strict: [String] = [], damaged: [String] = []
        for name in files {
            let copy = dir + "/" + name
            try FileManager.default.copyItem(atPath: PPTXFixtures.corpus.appendingPathComponent(name).path, toPath: copy)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: copy)
            let original = try Data(contentsOf: URL(fileURLWithPath: copy))
            let originalText: DocumentText
            do {
                originalText = try DocumentLoader().open(copy).text()
            } catch let error as DisclosureError {
                #expect(error.exitCode == 3, "\(name)")
                if error.description.contains("Strict Open XML") { strict.append(name) } else { damaged.append(name) }
                #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == original)
                continue
            }
            let originalParts = try DOCXFixtures.parts(copy)
            _ = try Stamper().stamp(path: copy, disclosure: Samples.disclosure)
            let report = try Verifier().verify(path: copy)
            let failures = report.checks.filter { $0.status != .pass }
            #expect(failures.isEmpty, "\(name): \(failures)")
            let stamped = try DocumentLoader().open(copy)
            #expect(try stamped.text() == originalText, "\(name): text after stamping")
            #expect(try stamped.findStamp().statement?.visibilityProblems == [], "\(name)")
            let before = try ZipInspector(original), after = try ZipInspector(try Data(contentsOf: URL(fileURLWithPath: copy)))
            let changed = Set(before.entries.filter { e in after[e.name]?.raw != e.raw }.map(\.name))
            #expect(changed.subtracting(Self.allowed).isEmpty, "\(name): entries changed: \(changed.subtracting(Self.allowed))")
            let restamp = try Stamper().stamp(path: copy, disclosure: Samples.disclosure)
            #expect(restamp.unchanged, "\(name): stamping again changes nothing")
            _ = try Stamper().unstamp(path: copy)
            let unstampedParts = try DOCXFixtures.parts(copy)
            #expect(unstampedParts == originalParts, "\(name): parts after unstamp differ: \(Set(unstampedParts.keys).symmetricDifference(originalParts.keys)) \(originalParts.filter { unstampedParts[$0.key] != $0.value }.keys.sorted())")
            if failures.isEmpty && unstampedParts == originalParts { passed.append(name) }
        }
        print("PPTX corpus: \(passed.count) of \(files.count) decks stamped, verified and unstamped; \(strict.count) Strict Open XML refused; \(damaged.count) damaged refused with a clear error")
        #expect(passed.count + strict.count + damaged.count == files.count)
        #expect(damaged.count == 2, "\(damaged)")
        #expect(passed.count == files.count - strict.count - 2)
    }
}
