@testable import DisclosureKit
import Foundation
import Testing

/// docs/pptx.md shows what stamping writes; every `xml` block there must be what the code writes
/// for Fixtures/pptx/plain.pptx (`…` stands for text the page leaves out).
@Suite struct PPTXDocumentationTests {
    static let page = PPTXFixtures.root.appendingPathComponent("docs/pptx.md")

    static func xmlBlocks() throws -> [String] {
        let text = try String(contentsOf: page, encoding: .utf8)
        return text.components(separatedBy: "```xml\n").dropFirst().compactMap { $0.components(separatedBy: "\n```").first }
    }

    @Test func everyDocumentedExampleIsWhatTheCodeWrites() throws {
        let blocks = try Self.xmlBlocks()
        #expect(blocks.count == 4)
        let (dir, path) = try PPTXFixtures.copy("plain.pptx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let parts = try DOCXFixtures.parts(path).mapValues { String(decoding: $0, as: UTF8.self) }
        for block in blocks {
            let pieces = block.components(separatedBy: "…")
            let found = parts.values.contains { part in
                var rest = part[...]
                for piece in pieces {
                    guard let r = rest.range(of: piece) else { return false }
                    rest = rest[r.upperBound...]
                }
                return true
            }
            #expect(found, "docs/pptx.md shows what the code does not write: \(block.prefix(120))")
        }
    }

    @Test func theRegistryRowMatchesTheHandler() throws {
        let readme = try String(contentsOf: PPTXFixtures.root.appendingPathComponent("Sources/DisclosureKit/Formats/README.md"), encoding: .utf8)
        #expect(readme.contains("| capability | DOCX | PPTX |"))
        let handler = PPTXHandler()
        let page = try String(contentsOf: Self.page, encoding: .utf8)
        for ext in handler.fileExtensions { #expect(page.contains("`.\(ext)`"), "docs/pptx.md names .\(ext)") }
    }
}
