import Foundation

/// Reads relationships (`*.rels`) and content types.
final class RelationshipsScanner: XMLScanHandler {
    struct Relationship { var id: String; var type: String; var target: String; var external: Bool; var range: Range<Int> }
    private(set) var relationships: [Relationship] = []
    private(set) var overrides: [(partName: String, contentType: String, range: Range<Int>)] = []

    var wantsText: Bool { false }
    func wantsAttributes(_ localName: String) -> Bool { localName == "Relationship" || localName == "Override" }
    func didRead(text: String) {}
    func didEnd(_ tag: XMLEndTag) throws {}

    func didStart(_ tag: XMLStartTag) throws {
        if tag.localName == "Relationship" {
            relationships.append(Relationship(
                id: tag.attribute("Id") ?? "", type: tag.attribute("Type") ?? "", target: tag.attribute("Target") ?? "",
                external: tag.attribute("TargetMode") == "External", range: tag.tagStart..<tag.tagEnd))
        } else if tag.localName == "Override" {
            overrides.append((tag.attribute("PartName") ?? "", tag.attribute("ContentType") ?? "", tag.tagStart..<tag.tagEnd))
        }
    }

    static func scan(_ data: Data, part: String, path: String, limits: ReadLimits, wording: PackageWording = .word) throws -> RelationshipsScanner {
        let scanner = RelationshipsScanner()
        do {
            try XMLScanner.scan(data, maxDepth: limits.maxNestingDepth, handler: scanner)
        } catch let error as XMLScanError {
            throw OOXMLErrors.xml(error, part: part, path: path, wording: wording)
        }
        return scanner
    }
}
