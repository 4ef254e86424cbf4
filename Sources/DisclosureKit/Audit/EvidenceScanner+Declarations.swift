import Foundation

extension EvidenceScanner {
    /// The declarations other than our own stamp that a document carries (written
    /// statements, W3C, C2PA, IETF, schema.org labels), with their facts, as the audit
    /// finds them. The one way `verify`, `policy check` and `show` read them.
    /// - Parameters:
    ///   - document: the opened document.
    ///   - raw: the file's bytes (for labels that live in markup).
    ///   - path: the path, for locations.
    /// - Throws: ``DisclosureError`` when the document's text or metadata cannot be read.
    public static func declarations(in document: any OpenedDocument, raw: Data, path: String) throws -> [Declaration] {
        let input = EvidenceInput(path: path, format: document.handler.id, text: try document.text(),
                                  metadata: try document.metadataEntries(), raw: raw)
        return EvidenceScanner().scan(input).declarations
    }
}
