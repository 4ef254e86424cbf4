import DiscloseTestSupport
import DisclosureKit
import Foundation
import Testing

/// docs/pdf.md shows what stamping writes; every `pdf` and `xml` block there must be in the update
/// the code appends to Fixtures/pdf/plain.pdf (`…` stands for text the page leaves out), and the
/// page's other statements of fact must match the stamped file.
@Suite struct PDFDocumentationTests {
    static let page = TestRepository.root.appendingPathComponent("docs/pdf.md")

    static func blocks(_ language: String) throws -> [String] {
        let text = try String(contentsOf: page, encoding: .utf8)
        return text.components(separatedBy: "```\(language)\n").dropFirst().compactMap { $0.components(separatedBy: "\n```").first }
    }

    /// Stamps a copy of Fixtures/pdf/`fixture`; returns the original and the stamped bytes.
    static func stamp(_ fixture: String) throws -> (original: Data, stamped: Data) {
        let dir = try TestRepository.temporaryFolder(prefix: "disclose-pdf-docs-")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try TestRepository.copyFixture("pdf/" + fixture, to: dir)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        return (original, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// True when the pieces of `block` (split at `…`) occur in `text` in order.
    static func contains(_ text: String, _ block: String) -> Bool {
        var rest = text[...]
        for piece in block.components(separatedBy: "…") where !piece.isEmpty {
            guard let r = rest.range(of: piece) else { return false }
            rest = rest[r.upperBound...]
        }
        return true
    }

    @Test func everyDocumentedExampleIsWhatTheCodeWrites() throws {
        let pdf = try Self.blocks("pdf"), xml = try Self.blocks("xml")
        #expect(pdf.count == 1 && xml.count == 1)
        let (original, stamped) = try Self.stamp("plain.pdf")
        #expect(stamped.prefix(original.count) == original, "the original is the stamped file's prefix, as the page says")
        // Latin-1, so that binary stream bytes cannot stop the search.
        let update = String(stamped.dropFirst(original.count).map { Character(Unicode.Scalar($0)) })
        for block in pdf + xml {
            #expect(Self.contains(update, block), "docs/pdf.md shows what the code does not write: \(block.prefix(160))")
        }
        #expect(update.contains("/OriginalLength \(original.count)"), "plain.pdf is \(original.count) bytes; the page's example says otherwise")
    }

    @Test func unstampGivesTheOriginalBackAsThePageSays() throws {
        let dir = try TestRepository.temporaryFolder(prefix: "disclose-pdf-docs-")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try TestRepository.copyFixture("pdf/plain.pdf", to: dir)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let again = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        #expect(again.unchanged, "stamping with the same facts changes nothing")
        _ = try Stamper().unstamp(path: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
    }

    @Test func theFontAndExtensionThePageNamesAreUsed() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        let font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
        #expect(text.contains(font) && text.contains("`fonts-dejavu-core`"))
        let bootstrap = try String(contentsOf: TestRepository.root.appendingPathComponent("Scripts/bootstrap"), encoding: .utf8)
        #expect(bootstrap.contains("fonts-dejavu-core"), "Scripts/bootstrap installs the font the page names")
        #expect(text.contains("(`.pdf`)"))
        let (_, stamped) = try Self.stamp("type0.pdf")
        let latin1 = String(stamped.map { Character(Unicode.Scalar($0)) })
        #expect(latin1.contains("+DejaVuSans"), "the statement font is a DejaVu Sans subset (a six-letter tag, a plus, the name)")
    }
}
