import Foundation

/// Fields the evidence scanner reads beyond meta tags and JSON-LD: link targets and
/// C2PA manifest associations (`<script type="application/c2pa">`, `<link rel="c2pa-manifest">`).
extension HTMLDocument {
    static let linkAttributes: [String: String] = ["a": "href", "area": "href", "img": "src", "iframe": "src", "source": "src", "link": "href"]

    func evidenceEntries() -> [MetadataEntry] {
        var entries: [MetadataEntry] = []
        for (i, e) in tree.elements.enumerated() {
            let loc = Location(line: e.line, column: e.column, byteOffset: file.originalOffset(min(e.startTag.lowerBound, file.decoded.count)))
            if e.tag == "link", e.attributes["rel"]?.lowercased().split(separator: " ").contains("c2pa-manifest") == true {
                entries.append(MetadataEntry(key: EvidenceEntryKey.c2paManifest, value: "external manifest at " + (e.attributes["href"] ?? ""), location: loc))
                continue
            }
            if e.tag == "script", e.attributes["type"]?.lowercased() == "application/c2pa" {
                let text = tree.texts.filter { $0.parent == i }.map(\.text).joined()
                let decoded = Data(base64Encoded: text.filter { !$0.isWhitespace }).map { C2PAText.printableRuns($0) } ?? ""
                entries.append(MetadataEntry(key: EvidenceEntryKey.c2paManifest, value: decoded, location: loc))
                continue
            }
            if let attribute = HTMLDocument.linkAttributes[e.tag], let target = e.attributes[attribute], target.contains("=") {
                // Only targets with a query can carry a tracking parameter; the rest are left out to keep entries few.
                entries.append(MetadataEntry(key: EvidenceEntryKey.link, value: target, location: loc))
            }
        }
        return entries
    }
}
