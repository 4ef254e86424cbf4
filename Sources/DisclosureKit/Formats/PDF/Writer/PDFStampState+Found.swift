import Foundation

extension PDFStampState {
    /// Our stamp as the handler contract reports it (``FoundStamp``).
    /// - Parameter statementText: the text a reader sees on one of our pages (the text extractor's).
    func foundStamp(statementText: (PDFReference) throws -> String) rethrows -> FoundStamp {
        var problems: [String] = []
        if pages.count > 1 {
            problems.append("\(pages.count) statement pages of ours (pages \(pages.map { String($0.index + 1) }.joined(separator: ", ")))")
        }
        let statement = try pages.first.map {
            FoundStatement(text: try statementText($0.reference), location: Location(words: "page \($0.index + 1)"))
        }
        let found = metadata.map { FoundMetadata(json: $0.json, location: Location(part: "XMP metadata"), facts: $0.facts) }
        return FoundStamp(statement: statement, metadata: found, problems: problems)
    }
}
