@testable import DisclosureKit
import Foundation
import Testing

/// The reader over the generated cases (Scripts/fixtures/make_declarations.py): recall of
/// declarations with the right AI use and every tool, and no declaration in texts that only
/// mention AI. Prints the figures `Scripts/declarations-eval` reports.
@Suite struct DeclarationCasesTests {
    struct Case: Decodable {
        var form: String
        var text: String
        var aiUse: String?
        var tools: [String]?
        var purposes: [String]?
    }
    struct Cases: Decodable {
        var declarations: [Case]
        var mentions: [Case]
    }

    static let cases: Cases = {
        let url = SignalSamples.repository.appendingPathComponent("Fixtures/declarations/cases.json")
        return try! JSONDecoder().decode(Cases.self, from: try! Data(contentsOf: url))
    }()

    static func read(_ text: String) -> [Declaration] {
        let paragraphs = text.components(separatedBy: "\n\n").enumerated().map { TextParagraph(text: $0.element, location: Location(paragraph: $0.offset + 1)) }
        return DeclarationReader.read(DocumentText(streams: [TextStream(name: "body", paragraphs: paragraphs)]))
    }

    static func facts(_ text: String) -> DeclarationFacts? {
        AuditRecord(path: "case", format: nil, status: .undisclosed, declarations: read(text)).declaredFacts
    }

    struct Figures {
        var total = 0, found = 0, rightUse = 0, withTools = 0, allTools = 0, withPurposes = 0, allPurposes = 0
        var misses: [String] = []
    }

    static let figures: Figures = {
        var f = Figures()
        for c in cases.declarations {
            f.total += 1
            guard let facts = facts(c.text) else { f.misses.append("missed [\(c.form)] \(c.text)"); continue }
            f.found += 1
            if facts.aiUse.rawValue == c.aiUse { f.rightUse += 1 } else { f.misses.append("aiUse \(facts.aiUse) ≠ \(c.aiUse ?? "") [\(c.form)] \(c.text)") }
            if let tools = c.tools, !tools.isEmpty {
                f.withTools += 1
                if Set(tools).isSubset(of: facts.tools.map(\.name)) { f.allTools += 1 } else { f.misses.append("tools \(facts.tools.map(\.name)) ≠ \(tools) [\(c.form)] \(c.text)") }
            }
            if let purposes = c.purposes, !purposes.isEmpty {
                f.withPurposes += 1
                if Set(purposes).isSubset(of: facts.purposes.compactMap { $0.purpose?.rawValue }) { f.allPurposes += 1 }
                else { f.misses.append("purposes \(facts.purposes.map { $0.purpose?.rawValue ?? "?" }) ≠ \(purposes) [\(c.form)] \(c.text)") }
            }
        }
        return f
    }()

    static func percent(_ a: Int, _ b: Int) -> String { b == 0 ? "n/a" : String(format: "%.1f%%", Double(a) * 100 / Double(b)) }

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.declarations.count >= 200)
        #expect(Self.cases.mentions.count >= 200)
    }

    @Test func declarationsAreFoundWithTheRightAIUse() {
        let f = Self.figures
        print("declarations-eval: declarations found \(f.found)/\(f.total) (\(Self.percent(f.found, f.total)))")
        print("declarations-eval: found with the right aiUse \(f.rightUse)/\(f.total) (\(Self.percent(f.rightUse, f.total)); goal 97%)")
        print("declarations-eval: every tool named \(f.allTools)/\(f.withTools) (\(Self.percent(f.allTools, f.withTools)); goal 90%)")
        print("declarations-eval: every purpose mapped \(f.allPurposes)/\(f.withPurposes) (\(Self.percent(f.allPurposes, f.withPurposes)))")
        for miss in f.misses { print("declarations-eval:   \(miss)") }
        #expect(Double(f.rightUse) >= 0.97 * Double(f.total), "\(f.misses.joined(separator: "\n"))")
        #expect(Double(f.allTools) >= 0.90 * Double(f.withTools))
    }

    @Test func mentionsAreNotDeclarations() {
        let false_ = Self.cases.mentions.filter { !Self.read($0.text).isEmpty }
        let precision = Self.figures.found + false_.count == 0 ? 1 : Double(Self.figures.found) / Double(Self.figures.found + false_.count)
        print("declarations-eval: false declarations \(false_.count)/\(Self.cases.mentions.count) texts that mention AI; precision \(String(format: "%.1f%%", precision * 100))")
        for c in false_ { print("declarations-eval:   false [\(c.form)] \(c.text) → \(Self.read(c.text).map(\.quote))") }
        #expect(false_.isEmpty, "\(false_.map(\.text))")
    }
}

/// The reader over ../shared/corpus (optional): documents written by other people, none of which
/// declares AI use in writing, so every written declaration found there would be a false one.
@Suite struct DeclarationCorpusTests {
    static var present: Bool { FileManager.default.fileExists(atPath: SignalSamples.corpus.appendingPathComponent("README.md").path) }

    @Test(.enabled(if: present, "../shared/corpus is absent, so the declaration corpus test is skipped"))
    func noWrittenDeclarationsInTheCorpus() throws {
        var files = 0
        var found: [String] = []
        for folder in ["docx", "md", "html"] {
            let dir = SignalSamples.corpus.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
                guard let data = try? Data(contentsOf: dir.appendingPathComponent(name)),
                      let input = try? SignalSamples.open(data, path: name) else { continue }
                files += 1
                for d in DeclarationReader.read(input.text, metadata: input.metadata, raw: input.raw)
                where ["written-statement", "labelled-field"].contains(d.kind) {
                    found.append("\(folder)/\(name) \(d.location): \(d.quote)")
                }
            }
        }
        print("declarations-eval: corpus \(files) documents (docx, md, html), false written declarations \(found.count)")
        for line in found { print("declarations-eval:   corpus false \(line)") }
        #expect(files > 100)
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
