import Foundation

/// Fields the evidence scanner reads beyond the document properties: hyperlink targets
/// from the relationships parts, and a C2PA manifest stored in the package.
extension DOCXDocument {
    /// Where the C2PA specification puts the manifest store in ZIP-based formats (OOXML included).
    static let c2paManifestPart = "META-INF/content_credential.c2pa"

    /// External hyperlink targets of the main document, its headers, footers, footnotes and endnotes.
    func hyperlinkEntries() throws -> [MetadataEntry] {
        var entries: [MetadataEntry] = []
        var relsParts = [OOXML.relsPart(of: package.mainPart)]
        if let rels = try mainRels() {
            for (_, suffix) in DOCXDocument.streams {
                relsParts += package.relatedParts(rels, owner: package.mainPart, typeSuffix: suffix).map { OOXML.relsPart(of: $0) }
            }
        }
        for part in relsParts where package.entries[part] != nil {
            let rels = part == relsParts.first ? try mainRels() : try RelationshipsScanner.scan(try package.read(part), part: part, path: package.path, limits: package.limits)
            for r in rels?.relationships ?? [] where r.external && r.type.hasSuffix("/hyperlink") {
                entries.append(MetadataEntry(key: EvidenceEntryKey.link, value: r.target, location: Location(part: part, byteOffset: r.range.lowerBound)))
            }
        }
        return entries
    }

    /// The package's C2PA manifest store, as readable text, when it has one.
    func c2paEntries() throws -> [MetadataEntry] {
        guard package.entries[DOCXDocument.c2paManifestPart] != nil else { return [] }
        let data = try package.read(DOCXDocument.c2paManifestPart)
        return [MetadataEntry(key: EvidenceEntryKey.c2paManifest, value: C2PAText.printableRuns(data), location: Location(part: DOCXDocument.c2paManifestPart))]
    }
}
