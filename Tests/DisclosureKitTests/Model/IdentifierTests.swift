import DisclosureKit
import Foundation
import Testing

/// Identifiers are typed (a format id cannot stand where a check id is meant) but read and write
/// as the plain strings documented in docs/format.md and docs/reports.md.
@Suite struct IdentifierTests {
    @Test func eachEncodesAsItsStringAndDecodesBack() throws {
        struct Sample: Codable, Equatable { var format: FormatID; var check: CheckID; var signal: SignalID; var kind: DeclarationKind }
        let sample = Sample(format: "docx", check: .contentBinding, signal: "residue.assistant-opener", kind: .writtenStatement)
        let json = String(decoding: try JSONEncoder().encode(sample), as: UTF8.self)
        #expect(json.contains(#""format":"docx""#))
        #expect(json.contains(#""check":"content-binding""#))
        #expect(json.contains(#""kind":"written-statement""#))
        #expect(try JSONDecoder().decode(Sample.self, from: Data(json.utf8)) == sample)
    }

    @Test func theBuiltInIdsAreTheDocumentedStrings() {
        #expect(CheckID.statementPresent.rawValue == "statement-present")
        #expect(CheckID.structure.rawValue == "single-stamp")
        #expect(DeclarationKind.aiAttribution.rawValue == "ai-attribution")
        for id in ["docx", "markdown", "html", "txt"] { #expect(FormatRegistry.standard.handler(id: id)?.id.rawValue == id) }
        #expect(CheckID(rawValue: "policy.tool-authorised").hasPrefix("policy."))
        #expect(CheckID(rawValue: "a") < CheckID(rawValue: "b"))
    }
}
