import Foundation

/// An opened Word document. Parts are read and scanned once, when first needed.
final class DOCXDocument: OpenedDocument {
    let package: DOCXPackage
    let handler: any FormatHandler

    /// Main parts larger than this many bytes (as the central directory declares them) are read
    /// as they are inflated and not held: their paragraphs are hashed as they are scanned (for the
    /// content binding) rather than kept, and the parts digest reads the part again, a chunk at a
    /// time. Verifying a large document therefore never holds its main part or its text; stamping
    /// it reads the part whole only to splice it (``mainData()``); ``text()`` scans the part again
    /// when asked (an audit). Smaller parts are read whole and keep their paragraphs, so an audit
    /// of them reads the part once.
    static let hashedTextThreshold = 1 << 20

    private let hashedTextAbove: Int

    /// - Parameter hashedTextAbove: see ``hashedTextThreshold`` (tests pass 0 to stream every part).
    init(package: DOCXPackage, handler: any FormatHandler, hashedTextAbove: Int = DOCXDocument.hashedTextThreshold) throws {
        self.package = package
        self.handler = handler
        self.hashedTextAbove = hashedTextAbove
        if try mainScan().isStrict {
            throw DisclosureError.unsupportedFormat(path: package.path, detail: "a Strict Open XML document, which Disclose does not edit yet; in Word, use File › Save As › Word Document (.docx) and stamp the copy")
        }
        if try mainScan().bodyContentStart == nil {
            throw DisclosureError.unsupportedFormat(path: package.path, detail: "its main part \(package.mainPart) has no document body")
        }
    }

    // MARK: Cached parts

    private var scanCache: StoryScan?
    private var dataCache: Data?
    /// How many bytes the main part inflated to when it was scanned as inflated (nil when it was
    /// scanned from ``mainData()``).
    private var streamedCount: Int?
    /// Where the main part's DEFLATE blocks start, when it is DEFLATE (for ``DeflateSplice``);
    /// known once ``mainData()`` has read it.
    private(set) var mainBlocks: DeflateBlockMap?

    private var mainEntry: ZipEntryInfo? { package.entries[package.mainPart] }

    /// True when the main part is scanned as it is inflated, not read whole first.
    private var streamsMain: Bool { (mainEntry?.uncompressedSize ?? 0) > hashedTextAbove }

    /// The main part's bytes and its scan.
    func main() throws -> (data: Data, scan: StoryScan) {
        (try mainData(), try mainScan())
    }

    /// The main part's scan: of the part as it is inflated, with its text hashed, when the part
    /// is large (``hashedTextThreshold``); else of the part read whole.
    func mainScan() throws -> StoryScan {
        if let scanCache { return scanCache }
        let scan: StoryScan
        if streamsMain, let entry = mainEntry {
            var count = 0
            scan = try StoryScanner.scan(part: package.mainPart, path: package.path, limits: package.limits, hashingAs: DOCXDocument.bodyStream) { feed in
                count = try package.package.forEachChunk(entry, feed)
            }
            streamedCount = count
        } else {
            let data = try mainData()
            scan = try StoryScanner.scan(data, part: package.mainPart, path: package.path, limits: package.limits,
                                         hashingAs: data.count > hashedTextAbove ? DOCXDocument.bodyStream : nil)
        }
        scanCache = scan
        return scan
    }

    /// True once the main part has been read whole (``mainData()``); a large part that was only
    /// verified never is.
    var holdsMainData: Bool { dataCache != nil }

    /// The main part's inflated bytes, read whole (and kept) when first asked for.
    func mainData() throws -> Data {
        if let dataCache { return dataCache }
        let (data, blocks) = try package.package.readMapped(package.mainPart)
        if let streamedCount, data.count != streamedCount, let entry = mainEntry {
            throw package.package.changedBetweenReads(entry, count: data.count, expected: streamedCount)
        }
        dataCache = data
        mainBlocks = blocks
        return data
    }

    private var mainRelsCache: RelationshipsScanner??
    func mainRels() throws -> RelationshipsScanner? {
        if let mainRelsCache { return mainRelsCache }
        let relsPart = OOXML.relsPart(of: package.mainPart)
        let value = package.entries[relsPart] == nil ? nil
            : try RelationshipsScanner.scan(try package.read(relsPart), part: relsPart, path: package.path, limits: package.limits)
        mainRelsCache = .some(value)
        return value
    }

    /// The styles part, when the main document has one.
    func stylesPart() throws -> String? {
        guard let rels = try mainRels() else { return nil }
        return package.relatedParts(rels, owner: package.mainPart, typeSuffix: "/styles").first
    }

    /// Our metadata's home, `docProps/custom.xml` (shared with the other OOXML formats).
    var customProperties: OOXMLCustomProperties {
        OOXMLCustomProperties(package: package.package, packageRels: package.packageRels, packageRelsData: package.packageRelsData)
    }

    /// The custom properties part, when the package has one.
    var customPart: String? { customProperties.part }

    private var customCache: (data: Data, scan: PropertiesScanner)??
    func custom() throws -> (data: Data, scan: PropertiesScanner)? {
        if let customCache { return customCache }
        let value = try customProperties.read()
        customCache = .some(value)
        return value
    }

    /// Parts managed by the stamp, left out of the content binding.
    func managedParts() throws -> Set<String> {
        var set: Set<String> = [OOXML.contentTypesPart, OOXML.packageRelsPart, OOXML.customPropertiesPart]
        if let c = customPart { set.insert(c) }
        if let s = try stylesPart() { set.insert(s) }
        return set
    }

    // MARK: OpenedDocument

    static let streams: [(name: String, typeSuffix: String)] = [
        ("headers", "/header"), ("footers", "/footer"), ("footnotes", "/footnotes"), ("endnotes", "/endnotes"), ("comments", "/comments"),
    ]

    /// Where our statement is in the main part. By its markers first: the content control tagged
    /// `disclose:statement`. Where a program that saved the file removed the tag (LibreOffice
    /// keeps only the control's alias and our paragraph style), by a paragraph with our style or
    /// alias whose text is the statement recorded in our metadata; `recognised` is then that
    /// paragraph, so the text leaves it out and verify can say the markers were lost.
    func statementAnchor() throws -> (ranges: [Range<Int>], recognised: (text: String, problems: [String], paragraph: Int)?) {
        if let anchorCache { return anchorCache }
        let scan = try mainScan()
        var value: (ranges: [Range<Int>], recognised: (text: String, problems: [String], paragraph: Int)?) = (scan.ourControls.map(\.range), nil)
        if scan.ourControls.isEmpty, !scan.markedParagraphs.isEmpty, let recorded = try recordedStatement() {
            let wanted = CanonicalText.paragraph(recorded)
            if let match = scan.markedParagraphs.first(where: { CanonicalText.paragraph($0.text) == wanted }) {
                value = ([match.range], (match.text, match.problems, match.paragraph))
            }
        }
        anchorCache = value
        return value
    }
    private var anchorCache: (ranges: [Range<Int>], recognised: (text: String, problems: [String], paragraph: Int)?)?

    /// The statement recorded in our metadata (the disclosure JSON's `statement`), when readable.
    private func recordedStatement() throws -> String? {
        guard let (_, props) = try custom(), let json = props.properties.first(where: { $0.name == OOXML.jsonProperty })?.value,
              let disclosure = try? Disclosure.decode(json: Data(json.utf8), path: package.path) else { return nil }
        return disclosure.statement
    }

    /// Lets go of the main part's paragraphs (the largest thing a scan keeps) before the stamp
    /// builds the new archive; ``text()`` scans the part again if it is asked for afterwards.
    private func releaseParagraphs() {
        if var scan = scanCache, !scan.paragraphs.isEmpty {
            scan.paragraphs = []
            scan.keptParagraphs = false
            scanCache = scan
        }
        // Their many small blocks (and what the scan and the binding freed) go back to the
        // system, so the archive's buffers do not add to them.
        FreedMemory.release()
    }

    static let bodyStream = "body"

    func text() throws -> DocumentText {
        var body = try mainScan().paragraphs
        if try !mainScan().keptParagraphs {
            if let data = dataCache {
                body = try StoryScanner.scan(data, part: package.mainPart, path: package.path, limits: package.limits).paragraphs
            } else if let entry = mainEntry {
                body = try StoryScanner.scan(part: package.mainPart, path: package.path, limits: package.limits) { feed in
                    try package.package.forEachChunk(entry, feed)
                }.paragraphs
            }
        }
        if let recognised = try statementAnchor().recognised {
            body.removeAll { $0.location.paragraph == recognised.paragraph }
        }
        return DocumentText(streams: [TextStream(name: DOCXDocument.bodyStream, paragraphs: body)] + (try otherStreams()))
    }

    /// The streams after the body: headers, footers, notes and comments, each when it has text.
    private func otherStreams() throws -> [TextStream] {
        guard let rels = try mainRels() else { return [] }
        var streams: [TextStream] = []
        for (name, suffix) in DOCXDocument.streams {
            var paragraphs: [TextParagraph] = []
            for part in package.relatedParts(rels, owner: package.mainPart, typeSuffix: suffix) {
                paragraphs += try StoryScanner.scan(try package.read(part), part: part, path: package.path, limits: package.limits).paragraphs
            }
            if !paragraphs.isEmpty { streams.append(TextStream(name: name, paragraphs: paragraphs)) }
        }
        return streams
    }

    func findStamp() throws -> FoundStamp {
        let scan = try mainScan()
        var statement: FoundStatement?
        var problems: [String] = []
        if let first = scan.ourControls.first {
            var visibility = first.problems
            visibility += try styleVisibilityProblems()
            statement = FoundStatement(text: first.text, location: Location(part: package.mainPart, paragraph: first.paragraph), visibilityProblems: visibility)
            if scan.ourControls.count > 1 {
                problems.append("found \(scan.ourControls.count) statements from Disclose in \(package.mainPart); stamp again to keep just one")
            }
        } else if let recognised = try statementAnchor().recognised {
            statement = FoundStatement(text: recognised.text, location: Location(part: package.mainPart, paragraph: recognised.paragraph),
                                       visibilityProblems: recognised.problems + (try styleVisibilityProblems()),
                                       markersLost: true)
        }
        var metadata: FoundMetadata?
        if let (_, props) = try custom(), let part = customPart {
            let ours = props.properties.filter { OOXML.ourPropertyNames.contains($0.name) }
            if !ours.isEmpty {
                var facts: [String: String] = [:]
                for (key, name) in OOXML.factProperties {
                    if let p = ours.first(where: { $0.name == name }) { facts[key] = p.value }
                }
                let json = ours.first { $0.name == OOXML.jsonProperty }.map { Data($0.value.utf8) }
                metadata = FoundMetadata(json: json, location: Location(part: part), facts: facts)
            }
        }
        return FoundStamp(statement: statement, metadata: metadata, problems: problems)
    }

    /// Our style as the stamp writes it without a prefix, made once.
    private static let plainStyleXML = DOCXStamp.styleXML(prefix: nil)
    private static let vanish = CompiledPattern(#"<(\w+:)?vanish(\s*/>|\s+\w+:val="(1|true|on)")"#)
    private static let color = CompiledPattern(#"<(\w+:)?color\s+\w+:val="([0-9A-Fa-f]{6})""#)

    private func styleVisibilityProblems() throws -> [String] {
        guard let part = try stylesPart() else { return [] }
        let data = try package.read(part)
        guard let start = XMLBytes.find("w:styleId=\"\(OOXML.styleID)\"", in: data) ?? XMLBytes.find("styleId=\"\(OOXML.styleID)\"", in: data) else { return [] }
        let tail = data[(data.startIndex + start)...]
        guard let end = XMLBytes.find("style>", in: tail) else { return [] }
        let styleBytes = tail[..<(tail.startIndex + end + 6)]
        let styleXML = String(decoding: styleBytes, as: UTF8.self)
        if styleXML == Self.plainStyleXML { return [] }
        var problems: [String] = []
        // Each pattern needs its element (`<w:color …`, not our border's `w:color="808080"`):
        // without it the pattern (whose first compiling costs about 8 million instructions,
        // ICU's character data; a tenth of verifying a small file) cannot match.
        let styleData = Data(styleBytes)
        if XMLBytes.mayHoldElement("vanish", in: styleData), Self.vanish.firstRange(in: styleXML) != nil {
            problems.append("the AI Disclosure style hides the text")
        }
        if XMLBytes.mayHoldElement("color", in: styleData), let m = Self.color.firstRange(in: styleXML) {
            let hex = String(styleXML[m].suffix(7).prefix(6))
            if StoryScanner.isNearWhite(hex) { problems.append("the AI Disclosure style makes the text white or nearly white (\(hex))") }
        }
        return problems
    }

    func unmanagedParts() throws -> [DocumentPart] {
        var parts: [DocumentPart] = []
        try eachUnmanagedPart { parts.append(DocumentPart(name: $0, bytes: $1)) }
        return parts
    }

    /// Streams every unmanaged part into `hasher`; the main part is hashed around our content
    /// controls without copying it (it can be hundreds of megabytes): from its bytes when they
    /// are held, else inflated again a chunk at a time (``hashStreamedMainPart(_:count:cuts:into:)``).
    func hashUnmanagedParts(into hasher: inout PartsHasher) throws {
        let managed = try managedParts()
        for entry in package.orderedEntries where !managed.contains(entry.name) {
            guard entry.name == package.mainPart else {
                try package.package.hash(entry, into: &hasher)
                continue
            }
            let cuts = try statementAnchor().ranges
            if dataCache == nil, let count = streamedCount {
                try hashStreamedMainPart(entry, count: count, cuts: cuts, into: &hasher)
                continue
            }
            let data = try mainData()
            let kept = KeptRanges.of(count: data.count, removing: cuts)
            hasher.begin(name: entry.name, count: kept.reduce(0) { $0 + $1.count })
            for range in kept { hasher.update(data[(data.startIndex + range.lowerBound)..<(data.startIndex + range.upperBound)]) }
        }
    }

    /// Hashes the main part as ``hashUnmanagedParts(into:)`` does from its bytes, inflating it
    /// again a chunk at a time. Its length is the one the scan counted (the digest starts with
    /// it); an entry that now inflates to another length is refused, never hashed as it came.
    private func hashStreamedMainPart(_ entry: ZipEntryInfo, count expected: Int, cuts: [Range<Int>], into hasher: inout PartsHasher) throws {
        let kept = KeptRanges.of(count: expected, removing: cuts)
        hasher.begin(name: entry.name, count: kept.reduce(0) { $0 + $1.count })
        var offset = 0
        var streamed = hasher
        let count = try package.package.forEachChunk(entry) { chunk in
            let here = offset..<(offset + chunk.count)
            for range in kept where range.overlaps(here) {
                let lower = max(range.lowerBound, here.lowerBound) - offset
                let upper = min(range.upperBound, here.upperBound) - offset
                streamed.update(UnsafeRawBufferPointer(rebasing: chunk[lower..<upper]))
            }
            offset += chunk.count
        }
        guard count == expected else { throw package.package.changedBetweenReads(entry, count: count, expected: expected) }
        hasher = streamed
    }

    private func eachUnmanagedPart(_ body: (String, Data) throws -> Void) throws {
        let managed = try managedParts()
        for entry in package.orderedEntries where !managed.contains(entry.name) {
            if entry.name == package.mainPart {
                let data = try mainData()
                try body(entry.name, XMLBytes.splice(data, try statementAnchor().ranges.map { ($0, Data()) }))
            } else {
                try body(entry.name, try package.read(entry.name))
            }
        }
    }

    func stamped(_ request: StampRequest) throws -> Data {
        _ = try statementAnchor()
        releaseParagraphs()
        return try DOCXStamp(document: self).stamped(request)
    }

    func unstamped() throws -> Data {
        try DOCXStamp(document: self).unstamped()
    }

    func metadataEntries() throws -> [MetadataEntry] {
        var entries: [MetadataEntry] = []
        for part in ["docProps/app.xml", "docProps/core.xml"] where package.entries[part] != nil {
            let scan = try PropertiesScanner.scan(try package.read(part), part: part, path: package.path, limits: package.limits)
            entries += scan.leaves.map { MetadataEntry(key: $0.name, value: $0.value, location: Location(part: part)) }
        }
        if let (_, props) = try custom(), let part = customPart {
            entries += OOXMLCustomProperties.entries(in: props, part: part)
        }
        // Evidence fields are best effort: a damaged header's relationships must not make the document unreadable.
        entries += (try? hyperlinkEntries()) ?? []
        entries += (try? c2paEntries()) ?? []
        return entries
    }
}

extension DOCXDocument: SignedPackageDetecting {
    /// The package's digital signature parts (`_xmlsignatures/sig1.xml`, …: ECMA-376 Part 2,
    /// §12): the XML parts under `_xmlsignatures/`, not the origin part or relationships.
    func ownSignatureParts() throws -> [String] {
        package.orderedEntries.map(\.name).filter {
            let lower = $0.lowercased()
            return lower.hasPrefix(OOXML.signaturesFolder) && lower.hasSuffix(".xml")
        }
    }
}

extension DOCXDocument: StampPreparing {
    /// Reads the main part whole (the stamp splices it), so the binding hashes those bytes
    /// instead of inflating the part again. What the scan freed goes back to the system first.
    func prepareToStamp() throws {
        guard !holdsMainData else { return }
        FreedMemory.release()
        _ = try mainData()
    }
}

extension DOCXDocument: StreamedTextBinding {
    /// The body as hashed while the main part was scanned, then the other streams (small parts,
    /// read whole). Where the body was kept instead, or our statement was recognised by its text
    /// (its paragraph is left out of the text, which a hash made during the scan cannot do),
    /// the text is read and hashed as ``text()`` gives it.
    func hashText() throws -> TextBindingHasher {
        guard var hasher = try mainScan().text, try statementAnchor().recognised == nil else {
            var hasher = TextBindingHasher()
            hasher.add(try text())
            return hasher
        }
        hasher.add(DocumentText(streams: try otherStreams()))
        return hasher
    }
}
