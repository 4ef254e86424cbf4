import Foundation

/// Fields the evidence scanner reads beyond the document properties: hyperlink targets
/// from the relationships parts, and a C2PA manifest stored in the package.
extension DOCXDocument {
    /// Where the C2PA specification puts the manifest store in ZIP-based formats (OOXML included).
    static let c2paManifestPart = OOXML.c2paManifestPart

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
        entries += try fieldHyperlinks()
        return entries
    }

    /// Hyperlinks written as field codes in the main part (`HYPERLINK "url"` in `w:instrText`
    /// or a `w:fldSimple` instruction), which have no relationship.
    func fieldHyperlinks() throws -> [MetadataEntry] {
        let data = try mainData()
        let needle = Array("HYPERLINK".utf8)
        var entries: [MetadataEntry] = []
        data.withUnsafeBytes { raw in
            for offset in ByteSearch.all(needle, in: raw, limit: 200) {
                var i = offset + needle.count
                while i < raw.count, raw[i] == 0x20 { i += 1 }
                // The target is quoted: a plain quote in instrText, &quot; inside an attribute.
                let entity = Array("&quot;".utf8)
                var quote: [UInt8] = [0x22]
                if i < raw.count, raw[i] == 0x26, i + entity.count <= raw.count, Array(raw[i..<(i + entity.count)]) == entity { quote = entity }
                guard i < raw.count, Array(raw[i..<min(raw.count, i + quote.count)]) == quote else { continue }
                let start = i + quote.count
                var end = start
                while end < raw.count, end - start < 2048, raw[end] != 0x22, raw[end] != 0x26 || (end + quote.count <= raw.count && Array(raw[end..<(end + quote.count)]) != quote), raw[end] != 0x3C { end += 1 }
                guard end > start else { continue }
                let url = String(decoding: raw[start..<end], as: UTF8.self).replacingOccurrences(of: "&amp;", with: "&")
                entries.append(MetadataEntry(key: EvidenceEntryKey.link, value: url, location: Location(part: package.mainPart, byteOffset: offset)))
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
