import DisclosureKit
import Foundation
import Testing

/// Hostile decks, generated at test time by Scripts/fixtures/make_hostile_pptx.py: each is
/// refused with a clear error (exit 3) naming the file and the problem, and never changed.
@Suite struct PPTXHostileInputTests {
    static let folder: String? = {
        let dir = NSTemporaryDirectory() + "disclose-hostile-pptx-" + UUID().uuidString
        let script = PPTXFixtures.root.appendingPathComponent("Scripts/fixtures/make_hostile_pptx.py").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script, dir]
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        return p.terminationStatus == 0 ? dir : nil
    }()

    static let cases: [(String, String)] = [
        ("truncated.pptx", "not a readable zip package (every .pptx file is a zip archive)"),
        ("not-a-zip.pptx", "not a zip package (every .pptx file is a zip archive)"),
        ("zip-bomb.pptx", "the part ppt/slides/slide1.xml expands from 63.7 KiB to 64.0 MiB, a compression ratio typical of zip bombs"),
        ("billion-laughs.pptx", "ppt/slides/slide1.xml is not usable XML"),
        ("external-entity.pptx", "declares a document type (DTD)"),
        ("deep-nesting.pptx", "elements are nested more than 2000 deep"),
        ("malformed-slide.pptx", "ppt/slides/slide1.xml is not usable XML at line 2"),
        ("missing-slide-part.pptx", "the slide list names slide 1, but the part ppt/slides/slide1.xml is missing"),
        ("missing-slide-relationship.pptx", "the slide list names slide 1, but its relationship rId11 is not in ppt/_rels/presentation.xml.rels"),
        ("strict.pptx", "a Strict Open XML presentation, which Disclose does not edit yet"),
        ("duplicate-names.pptx", "two entries named \"ppt/slides/slide1.xml\""),
    ]

    @Test(.enabled(if: folder != nil, "python3 is needed to generate the hostile files"), arguments: cases)
    func refusedWithClearErrorAndUntouched(name: String, expected: String) throws {
        let path = Self.folder! + "/" + name
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
            Issue.record("\(name) was stamped")
        } catch let error as DisclosureError {
            #expect(error.exitCode == 3)
            #expect(error.description.hasPrefix(path + ": "))
            #expect(error.description.contains(expected), "\(error.description)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the file is unchanged")
    }

    @Test(.enabled(if: folder != nil, "python3 is needed to generate the hostile files"))
    func billionLaughsIsRefusedBeforeAnyEntityIsExpanded() throws {
        let path = Self.folder! + "/billion-laughs.pptx"
        #expect { try Verifier().verify(path: path) } throws: { error in
            (error as? DisclosureError)?.description.contains("declares a document type (DTD)") == true
        }
    }
}
