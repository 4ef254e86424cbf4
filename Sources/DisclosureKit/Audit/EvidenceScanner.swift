import Foundation

/// Finds signals of AI assistance and declarations made another way in one document.
/// Deterministic, and never a judgement about the writing's style: every finding points
/// at something a person can see in the file (see `docs/signals.md`).
///
/// ```swift
/// let evidence = EvidenceScanner().scan(input)
/// for finding in evidence.findings { print(finding.signal, finding.location, finding.excerpt) }
/// ```
public struct EvidenceScanner: Sendable {
    /// The most findings one signal reports per document.
    public var maxFindingsPerSignal: Int

    /// Creates a scanner.
    /// - Parameter maxFindingsPerSignal: the most findings one signal reports per document (10 by default).
    public init(maxFindingsPerSignal: Int = 10) {
        self.maxFindingsPerSignal = max(1, maxFindingsPerSignal)
    }

    /// Scans one document.
    /// - Parameter input: the document's text, metadata entries and raw bytes.
    /// - Returns: findings (strongest first) and declarations (in document order).
    public func scan(_ input: EvidenceInput) -> Evidence {
        let context = ScanContext(input: input, maxFindingsPerSignal: maxFindingsPerSignal)
        let entries = input.metadata.filter { !OwnStamp.isOwn($0) }
        Declarations.scan(entries, context)
        MetadataSignals.scan(entries, context)
        ProvenanceSignals.scan(entries, context)
        var seenURLs: Set<String> = []
        for e in entries where e.key == EvidenceEntryKey.link {
            LinkSignals.scan(e.value, at: e.location, setting: { _, _ in context.setting(ofEntryAt: e.location) }, seen: &seenURLs, context)
        }
        var tally = TypographySignals.Tally()
        for stream in input.text.streams {
            var anchored: [Bool] = []
            anchored.reserveCapacity(stream.paragraphs.count)
            for paragraph in stream.paragraphs {
                anchored.append(ResidueSignals.scan(paragraph, context))
                TypographySignals.scan(paragraph, tally: &tally, context)
                LinkSignals.scan(paragraph.text, at: paragraph.location, setting: { text, range in
                    let whole = context.setting(of: paragraph)
                    return whole == .plain ? context.inlineSetting(paragraph, text, range) : whole
                }, seen: &seenURLs, context)
                textManifests(paragraph, context)
            }
            WrittenDeclarations.scan(stream.paragraphs, anchored: anchored, context)
        }
        TypographySignals.finish(tally, context)
        MarkupSignals.scan(context)
        armouredManifest(context)
        return context.evidence
    }

    /// The C2PA invisible text wrapper (U+FEFF and variation selectors): a declaration, never residue.
    private func textManifests(_ paragraph: TextParagraph, _ context: ScanContext) {
        var text = paragraph.text
        guard text.withUTF8({ b in b.baseAddress.map { memchr($0, 0xEF, b.count) != nil } ?? false }) else { return }
        for bytes in C2PAText.wrappers(in: paragraph.text) {
            let entry = MetadataEntry(key: EvidenceEntryKey.c2paManifest, value: "(text wrapper, \(bytes.count) bytes) " + C2PAText.printableRuns(bytes), location: paragraph.location)
            Declarations.c2pa(entry, context)
        }
    }

    /// A C2PA manifest in structured text (ASCII armour), as the C2PA text embedding defines it.
    private func armouredManifest(_ context: ScanContext) {
        let marker = Array("-----BEGIN C2PA MANIFEST-----".utf8)
        guard let offset = context.withRaw({ ByteSearch.all(marker, in: $0, limit: 1).first }) else { return }
        let text = context.rawExcerpt(offset + marker.count, length: 65_536)
        let body = text.components(separatedBy: "-----END").first ?? ""
        let decoded = Data(base64Encoded: body.filter { !$0.isWhitespace }).map { C2PAText.printableRuns($0) } ?? ""
        let entry = MetadataEntry(key: EvidenceEntryKey.c2paManifest, value: "(ASCII armour) " + decoded, location: context.rawLocation(offset))
        Declarations.c2pa(entry, context)
    }
}
