@testable import DisclosureKit
import Foundation
import Testing

/// The markup shown in docs/odf.md is the markup the code writes.
@Suite struct ODFDocsTests {
    static let statement = "AI use disclosure: drafted with help from Copilot."
    static let root: [String: String] = Dictionary(uniqueKeysWithValues: ODF.prefixes.map { ($0.prefix, $0.uri) })

    /// The fenced block after `<!-- example: NAME -->`.
    static func example(_ name: String) throws -> String {
        let doc = try String(contentsOf: ODFFixtures.root.appendingPathComponent("docs/odf.md"), encoding: .utf8)
        let marker = try #require(doc.range(of: "<!-- example: \(name) -->"))
        let rest = doc[marker.upperBound...]
        let open = try #require(rest.range(of: "```xml\n"))
        let close = try #require(rest[open.upperBound...].range(of: "\n```"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    @Test func everyExampleIsWhatTheCodeWrites() throws {
        #expect(try Self.example("odt-statement") == ODF.textStatementXML(Self.statement, root: Self.root))
        #expect(try Self.example("odt-style") == ODF.textStyleXML(root: Self.root))
        #expect(try Self.example("odp-slide") == ODF.slideXML(Self.statement, masterPage: "Default", root: Self.root))
        #expect(try Self.example("odp-styles") == ODF.slideStylesXML(root: Self.root))
        #expect(try Self.example("meta") == ODF.propertiesXML(json: "{…}", facts: [("tools", "Copilot"), ("extent", "partial")], root: Self.root, openedEmpty: false))
    }

    @Test func aStampedFixtureHoldsTheDocumentedMarkup() throws {
        let (dir, path) = try ODFFixtures.copy("odt/newsletter.odt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let statement = try #require(result.disclosure.statement)
        let documented = try Self.example("odt-statement").replacingOccurrences(of: Self.statement, with: statement)
        #expect(try ODFFixtures.part(path, "content.xml").contains(documented))
        #expect(try ODFFixtures.part(path, "styles.xml").contains(try Self.example("odt-style")))
    }
}
