@testable import DisclosureKit
import Foundation
import Testing

/// Every pupil submission in Fixtures/submissions (Scripts/fixtures/make_submissions.py) is read
/// through its real handler and the audit's scanner, and gives the facts expected.json lists.
@Suite struct SubmissionsTests {
    struct Expected: Decodable {
        var status: String
        var aiUse: String?
        var tools: [String]
        var purposes: [String]
        var date: String?
        var words: String?
    }

    static let folder = SignalSamples.repository.appendingPathComponent("Fixtures/submissions")
    static let expected: [String: Expected] = try! JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))

    @Test func everyWrittenFormIsCovered() {
        #expect(Self.expected.count >= 18)
        #expect(Set(Self.expected.values.map(\.status)) == ["declared-ai-use", "declared-no-ai", "declared-unclear", "undisclosed"])
    }

    @Test(arguments: expected.keys.sorted())
    func submission(name: String) throws {
        let want = try #require(Self.expected[name])
        let input = try SignalSamples.open(try Data(contentsOf: Self.folder.appendingPathComponent(name)), path: name)
        let evidence = EvidenceScanner().scan(input)
        let status = Classifier().status(stampFound: false, checks: [], evidence: evidence)
        #expect(status.rawValue == want.status, "\(name): \(evidence.declarations.map(\.quote))")
        let record = AuditRecord(path: name, format: input.format, status: status, declarations: evidence.declarations)
        guard let aiUse = want.aiUse else {
            #expect(evidence.declarations.isEmpty, "\(name): \(evidence.declarations.map(\.quote))")
            return
        }
        let facts = try #require(record.declaredFacts, "\(name)")
        #expect(facts.aiUse.rawValue == aiUse, "\(name)")
        #expect(facts.tools.map(\.name) == want.tools, "\(name): \(facts.tools)")
        #expect(facts.purposes.compactMap { $0.purpose?.rawValue } == want.purposes, "\(name): \(facts.purposes)")
        #expect(facts.date == want.date, "\(name)")
        if let words = want.words { #expect(evidence.declarations.contains { $0.quote == Excerpt.cut(words) || $0.facts?.words == words }, "\(name): \(evidence.declarations.map(\.quote))") }
        // The library reader gives what the audit's scanner gives.
        #expect(DeclarationReader.read(input.text, metadata: input.metadata, raw: input.raw) == evidence.declarations, "\(name)")
    }

    @Test func declarationsOutsideTheBodyAreFoundInTheirStreams() throws {
        func part(_ name: String) throws -> String? {
            let input = try SignalSamples.open(try Data(contentsOf: Self.folder.appendingPathComponent(name)), path: name)
            return EvidenceScanner().scan(input).declarations.first?.location.part
        }
        #expect(try part("Oliver_Smith_History_Essay_final.docx") == "word/header1.xml")
        #expect(try part("Noah Williams - History essay v2.docx") == "word/footer1.xml")
        #expect(try part("Isla_Brown_History_Essay.docx") == "word/footnotes.xml")
        #expect(try part("Jack Taylor History Essay.docx") == "word/comments.xml")
        #expect(try part("Mia_Wilson_History_Essay.docx") == "word/document.xml")
    }
}
