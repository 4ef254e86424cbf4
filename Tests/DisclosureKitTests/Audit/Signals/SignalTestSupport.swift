import DiscloseTestSupport
@testable import DisclosureKit
import Foundation

/// Builds evidence inputs for the scanner tests, directly or through the real format handlers.
enum SignalSamples {
    static let repository = TestRepository.root
    static let fixtures = repository.appendingPathComponent("Fixtures/audit")
    static let corpus = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    /// An input with one body paragraph per string (no raw markup).
    static func input(_ paragraphs: [String], metadata: [MetadataEntry] = [], raw: Data = Data()) -> EvidenceInput {
        let body = paragraphs.enumerated().map { TextParagraph(text: $0.element, location: Location(paragraph: $0.offset + 1)) }
        return EvidenceInput(path: "test.txt", format: "test", text: DocumentText(streams: [TextStream(name: "body", paragraphs: body)]),
                             metadata: metadata, raw: raw)
    }

    /// An input read by the handler for `path`'s extension.
    static func open(_ data: Data, path: String) throws -> EvidenceInput {
        guard let handler = FormatRegistry.standard.handler(forPath: path, head: data.prefix(4096)) else { throw Failure(message: "no handler for \(path)") }
        let doc = try handler.open(DocumentInput(data: data, path: path))
        return EvidenceInput(path: path, format: handler.id, text: try doc.text(), metadata: try doc.metadataEntries(), raw: data)
    }

    static func open(_ text: String, path: String) throws -> EvidenceInput { try open(Data(text.utf8), path: path) }

    static func fixture(_ name: String) throws -> EvidenceInput {
        try open(try Data(contentsOf: fixtures.appendingPathComponent(name)), path: name)
    }

    static func scan(_ input: EvidenceInput) -> Evidence { EvidenceScanner().scan(input) }
    static func scan(_ paragraphs: [String], metadata: [MetadataEntry] = []) -> Evidence { scan(input(paragraphs, metadata: metadata)) }
    static func scan(_ text: String, path: String) throws -> Evidence { scan(try open(text, path: path)) }

    static func html(head: String = "", body: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Test</title>\n\(head)</head>\n<body>\n\(body)\n</body>\n</html>\n"
    }

    struct Failure: Error { var message: String }
}

extension Evidence {
    /// The signal ids found.
    var ids: [String] { findings.map(\.signal.rawValue) }
    /// The declaration kinds found.
    var kinds: [String] { declarations.map(\.kind.rawValue) }
    func finding(_ id: String) -> Finding? { findings.first { $0.signal.rawValue == id } }
}
