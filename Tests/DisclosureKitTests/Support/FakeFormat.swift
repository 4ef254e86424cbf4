import DisclosureKit
import Foundation

/// A test-only format that exists to exercise Stamper and Verifier without a real handler.
/// A `.fake` file is lines of text; our statement is a line `@@statement <text>` and our
/// metadata a line `@@meta <json>`; a line `@@hidden` before the statement marks it hidden.
struct FakeHandler: FormatHandler {
    var id: FormatID { "fake" }
    var displayName: String { "Fake test format" }
    var fileExtensions: Set<String> { ["fake"] }
    func sniff(head: Data) -> Bool { head.starts(with: Data("FAKE".utf8)) }
    func open(_ input: DocumentInput) throws -> any OpenedDocument {
        guard let text = String(data: input.data, encoding: .utf8) else {
            throw DisclosureError.invalidEncoding(path: input.path, encoding: "UTF-8", byteOffset: nil)
        }
        return FakeDocument(lines: text.components(separatedBy: "\n"), path: input.path)
    }
}

struct FakeDocument: OpenedDocument {
    var lines: [String]
    var path: String
    var handler: any FormatHandler { FakeHandler() }

    private func isOurs(_ line: String) -> Bool { line.hasPrefix("@@") }
    private var contentLines: [String] { lines.filter { !isOurs($0) } }

    func text() throws -> DocumentText {
        var paragraphs: [TextParagraph] = []
        for (i, line) in lines.enumerated() where !isOurs(line) {
            paragraphs.append(TextParagraph(text: line, location: Location(line: i + 1)))
        }
        return DocumentText(streams: [TextStream(name: "body", paragraphs: paragraphs)])
    }

    func findStamp() throws -> FoundStamp {
        var statement: FoundStatement?
        var metadata: FoundMetadata?
        var problems: [String] = []
        let hidden = lines.contains("@@hidden")
        for (i, line) in lines.enumerated() {
            if line.hasPrefix("@@statement ") {
                if statement != nil { problems.append("two statements") }
                statement = FoundStatement(text: String(line.dropFirst(12)), location: Location(line: i + 1),
                                           visibilityProblems: hidden ? ["marked hidden"] : [])
            } else if line.hasPrefix("@@meta ") {
                metadata = FoundMetadata(json: Data(line.dropFirst(7).utf8), location: Location(line: i + 1))
            }
        }
        return FoundStamp(statement: statement, metadata: metadata, problems: problems)
    }

    func unmanagedParts() throws -> [DocumentPart] {
        [DocumentPart(name: "-", bytes: Data(contentLines.joined(separator: "\n").utf8))]
    }

    func stamped(_ request: StampRequest) throws -> Data {
        var out = contentLines
        let statementLine = "@@statement " + request.statement
        if request.placement == .start { out.insert(statementLine, at: 0) } else { out.append(statementLine) }
        out.append("@@meta " + request.json)
        return Data(out.joined(separator: "\n").utf8)
    }

    func unstamped() throws -> Data {
        Data(contentLines.joined(separator: "\n").utf8)
    }
}

extension FormatRegistry {
    static let fake = FormatRegistry(handlers: [FakeHandler()])
}
