import Foundation

/// An opened PowerPoint deck. Slides are scanned once, when first needed.
final class PPTXDocument: OpenedDocument {
    let package: PPTXPackage
    let handler: any FormatHandler

    init(package: PPTXPackage, handler: any FormatHandler) {
        self.package = package
        self.handler = handler
    }

    // MARK: Cached scans

    private var slideCache: [SlideScan]?
    /// Every slide's scan, in slide-list order.
    func slideScans() throws -> [SlideScan] {
        if let slideCache { return slideCache }
        let scans = try package.slides.map { try SlideScanner.scan(try package.read($0.part), part: $0.part, path: package.path, limits: package.limits) }
        slideCache = scans
        return scans
    }

    /// Our metadata's home, `docProps/custom.xml` (shared with the other OOXML formats).
    var customProperties: OOXMLCustomProperties {
        OOXMLCustomProperties(package: package.package, packageRels: package.packageRels, packageRelsData: package.packageRelsData)
    }

    private var customCache: (data: Data, scan: PropertiesScanner)??
    func custom() throws -> (data: Data, scan: PropertiesScanner)? {
        if let customCache { return customCache }
        let value = try customProperties.read()
        customCache = .some(value)
        return value
    }

    /// The statement recorded in our metadata, the second anchor for finding our slide when a
    /// program that saved the deck dropped our shapes' tag.
    func recordedStatement() throws -> String? {
        guard let (_, props) = try custom(),
              let json = props.properties.first(where: { $0.name == OOXML.jsonProperty })?.value,
              let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
        return object["statement"] as? String
    }

    // MARK: Our slide

    /// The indices (in slide order) of our statement slides.
    func ourSlides() throws -> [Int] {
        let recorded = try recordedStatement()
        return try slideScans().indices.filter { try PPTXDocument.statementShape(in: slideScans()[$0], recorded: recorded) != nil }
    }

    /// Our statement's shape on a slide, found by any of its anchors: our tag in the shape's
    /// alternative text, our shape names, or text equal to the statement recorded in the metadata
    /// on a slide named "AI use disclosure" or titled so. LibreOffice keeps only the last: it
    /// drops slide names, renames placeholders and drops their alternative text.
    static func statementShape(in scan: SlideScan, recorded: String?) -> SlideShape? {
        guard scan.root == "sld" else { return nil }
        let named = scan.shapes.first { $0.name == PresentationML.statementShapeName }
        let tagged = scan.shapes.first { $0.descr == PresentationML.statementTag && $0.name != PresentationML.titleShapeName }
        var matching: SlideShape?
        if let recorded, !recorded.isEmpty,
           scan.name == PresentationML.slideName || scan.shapes.contains(where: { normalised($0.text) == PresentationML.slideName }) {
            let statement = normalised(recorded)
            matching = scan.shapes.first { normalised($0.text) == statement }
        }
        return named ?? tagged ?? matching
    }

    /// True when the statement shape on `scan` was found by our tag or name (not only by its text).
    static func hasMarkers(_ scan: SlideScan) -> Bool {
        scan.shapes.contains { $0.name == PresentationML.statementShapeName || $0.descr == PresentationML.statementTag }
    }

    static func normalised(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The parts that belong to our slide: the slide, its relationships, and notes slides that
    /// point only at it (LibreOffice gives every slide one).
    func ownedParts(ofSlide index: Int) throws -> [String] {
        let part = package.slides[index].part
        var parts = [part]
        let relsPart = OOXML.relsPart(of: part)
        if package.package.has(relsPart) { parts.append(relsPart) }
        for notes in package.related(part, rels: try package.rels(of: part), types: [PresentationML.notesSlideRel]) {
            parts.append(notes)
            let notesRels = OOXML.relsPart(of: notes)
            if package.package.has(notesRels) { parts.append(notesRels) }
        }
        return parts
    }

    /// Edits that take our slides out of `presentation.xml` and its relationships (and their
    /// parts and content-type overrides out of the package).
    /// - Parameters:
    ///   - keepingList: true when a slide of ours stays (restamping), so the list is never removed.
    ///   - keepingParts: parts not to remove (those of the slide that stays, if a copy shares them).
    func slideRemovalEdits(_ indices: [Int], into edits: inout OOXMLPartEdits, keepingList: Bool = false, keepingParts: Set<String> = []) throws {
        guard !indices.isEmpty else { return }
        let p = package.presentation
        let entries = indices.map { package.slides[$0].entry }
        // The list as it was before we added to it, when our entries are all it holds.
        if !keepingList, entries.count == p.slides.count, let start = p.listStart, let endTag = p.listEndTag {
            let startTag = String(decoding: package.mainData[(package.mainData.startIndex + start.lowerBound)..<(package.mainData.startIndex + start.upperBound)], as: UTF8.self)
            let end = package.mainData[(package.mainData.startIndex + endTag)...].firstIndex(of: UInt8(ascii: ">")).map { $0 - package.mainData.startIndex + 1 } ?? endTag
            if startTag.hasSuffix(PPTXStamp.openedListMark) {
                edits.splice(package.mainPart, (start.lowerBound..<end, Data("<\(PPTXStamp.prefixed("sldIdLst", p.prefix))/>".utf8)))
            } else if startTag.hasSuffix(PPTXStamp.createdListMark) {
                edits.splice(package.mainPart, (start.lowerBound..<end, Data()))
            } else {
                edits.splice(package.mainPart, entries.map { ($0.range, Data()) })
            }
        } else {
            edits.splice(package.mainPart, entries.map { ($0.range, Data()) })
        }
        let relIDs = Set(entries.map(\.relID))
        edits.splice(package.mainRelsPart, package.mainRels.relationships.filter { relIDs.contains($0.id) }.map { ($0.range, Data()) })
        var parts: [String] = []
        for i in indices { parts += try ownedParts(ofSlide: i).filter { !keepingParts.contains($0) } }
        edits.removed.formUnion(parts)
        let types = try package.read(OOXML.contentTypesPart)
        let typesScan = try RelationshipsScanner.scan(types, part: OOXML.contentTypesPart, path: package.path, limits: package.limits, wording: .powerPoint)
        let names = Set(parts.map { "/" + $0.lowercased() })
        edits.splice(OOXML.contentTypesPart, typesScan.overrides.filter { names.contains($0.partName.lowercased()) }.map { ($0.range, Data()) })
    }

    // MARK: OpenedDocument

    func text() throws -> DocumentText {
        let scans = try slideScans()
        let ours = Set(try ourSlides())
        var body: [TextParagraph] = [], notes: [TextParagraph] = [], comments: [TextParagraph] = []
        for (i, scan) in scans.enumerated() where !ours.contains(i) {
            let part = package.slides[i].part
            let words = "slide \(i + 1)"
            var n = 0
            for shape in scan.shapes {
                for text in shape.paragraphs {
                    n += 1
                    body.append(TextParagraph(text: text, location: Location(part: part, paragraph: n, words: words)))
                }
            }
            let rels = try package.rels(of: part)
            for drawing in package.related(part, rels: rels, types: [PresentationML.diagramDrawingRel]) {
                let d = try SlideScanner.scan(try package.read(drawing), part: drawing, path: package.path, limits: package.limits)
                for (k, text) in d.shapes.flatMap(\.paragraphs).enumerated() {
                    body.append(TextParagraph(text: text, location: Location(part: drawing, paragraph: k + 1, words: "\(words), in a SmartArt graphic")))
                }
            }
            for notesPart in package.related(part, rels: rels, types: [PresentationML.notesSlideRel]) {
                let s = try SlideScanner.scan(try package.read(notesPart), part: notesPart, path: package.path, limits: package.limits)
                let kept = s.shapes.filter { !["sldImg", "sldNum", "hdr", "ftr", "dt"].contains($0.placeholderType ?? "") }
                for (k, text) in kept.flatMap(\.paragraphs).enumerated() {
                    notes.append(TextParagraph(text: text, location: Location(part: notesPart, paragraph: k + 1, words: "notes of slide \(i + 1)")))
                }
            }
            for commentsPart in package.related(part, rels: rels, types: [PresentationML.commentsRel, PresentationML.modernCommentsRel]) {
                let s = try SlideScanner.scan(try package.read(commentsPart), part: commentsPart, path: package.path, limits: package.limits)
                for (k, text) in (s.looseParagraphs + s.shapes.flatMap(\.paragraphs)).enumerated() {
                    comments.append(TextParagraph(text: text, location: Location(part: commentsPart, paragraph: k + 1, words: "comment on slide \(i + 1)")))
                }
            }
        }
        var streams = [TextStream(name: "body", paragraphs: body)]
        if !notes.isEmpty { streams.append(TextStream(name: "notes", paragraphs: notes)) }
        if !comments.isEmpty { streams.append(TextStream(name: "comments", paragraphs: comments)) }
        return DocumentText(streams: streams)
    }

    func findStamp() throws -> FoundStamp {
        let scans = try slideScans()
        let recorded = try recordedStatement()
        let ours = try ourSlides()
        var statement: FoundStatement?
        var problems: [String] = []
        if let first = ours.first, let shape = PPTXDocument.statementShape(in: scans[first], recorded: recorded) {
            statement = FoundStatement(text: shape.text, location: Location(part: package.slides[first].part, words: "slide \(first + 1)"),
                                       visibilityProblems: visibilityProblems(scans[first], shape),
                                       markersLost: !PPTXDocument.hasMarkers(scans[first]))
            if ours.count > 1 {
                problems.append("found \(ours.count) statement slides from Disclose (slides \(ours.map { String($0 + 1) }.joined(separator: ", "))); stamp again to keep just one")
            }
        }
        var metadata: FoundMetadata?
        if let (_, props) = try custom(), let part = customProperties.part {
            metadata = OOXMLCustomProperties.found(in: props, part: part)
        }
        return FoundStamp(statement: statement, metadata: metadata, problems: problems)
    }

    /// Why a reader might not see our statement: a hidden slide or shape, text off the slide,
    /// white on a light slide, a font under 10 pt.
    func visibilityProblems(_ slide: SlideScan, _ shape: SlideShape) -> [String] {
        var problems: [String] = []
        if !slide.shown { problems.append("the slide is hidden in the slide show") }
        if shape.hidden { problems.append("the statement's shape is hidden") }
        if let off = shape.offset, let width = package.presentation.slideWidth, let height = package.presentation.slideHeight {
            let size = shape.size ?? (0, 0)
            // In Double: the values come from the file and may be as large as Int allows.
            let right = Double(off.x) + Double(size.cx), bottom = Double(off.y) + Double(size.cy)
            if off.x >= width || off.y >= height || right <= 0 || bottom <= 0 {
                problems.append("the text is placed off the slide, where a slide show does not show it")
            }
        }
        if let smallest = shape.fontSizes.min(), smallest < 1000 {
            let points = Double(smallest) / 100
            problems.append("the font size is \(points == points.rounded() ? String(Int(points)) : String(points)) pt, under 10 pt")
        }
        if let white = shape.colours.first(where: SlideScanner.isNearWhite), !slide.hasDarkBackground {
            problems.append("the text colour is white or nearly white (\(white)) on a light slide")
        }
        return problems
    }

    /// Parts managed by the stamp, left out of the content binding whole.
    func managedParts() throws -> Set<String> {
        var set: Set<String> = [OOXML.contentTypesPart, OOXML.packageRelsPart, OOXML.customPropertiesPart]
        if let c = customProperties.part { set.insert(c) }
        for i in try ourSlides() { set.formUnion(try ownedParts(ofSlide: i)) }
        return set
    }

    func unmanagedParts() throws -> [DocumentPart] {
        var parts: [DocumentPart] = []
        try eachUnmanagedPart { parts.append(DocumentPart(name: $0, bytes: $1)) }
        return parts
    }

    func hashUnmanagedParts(into hasher: inout PartsHasher) throws {
        try eachUnmanagedPart { hasher.add(name: $0, bytes: $1) }
    }

    /// Every part the stamp does not manage, in archive order; the presentation part and its
    /// relationships with our slide's entries taken out, so they read as before stamping.
    private func eachUnmanagedPart(_ body: (String, Data) throws -> Void) throws {
        let managed = try managedParts()
        var edits = OOXMLPartEdits()
        try slideRemovalEdits(try ourSlides(), into: &edits)
        for entry in package.package.orderedEntries where !managed.contains(entry.name) {
            if let list = edits.edits[entry.name], !list.isEmpty {
                let original = entry.name == package.mainPart ? package.mainData : entry.name == package.mainRelsPart ? package.mainRelsData : try package.read(entry.name)
                try body(entry.name, XMLBytes.splice(original, list))
            } else {
                try body(entry.name, try package.read(entry.name))
            }
        }
    }

    func stamped(_ request: StampRequest) throws -> Data {
        try PPTXStamp(document: self).stamped(request)
    }

    func unstamped() throws -> Data {
        try PPTXStamp(document: self).unstamped()
    }

    func metadataEntries() throws -> [MetadataEntry] {
        var entries: [MetadataEntry] = []
        for part in ["docProps/app.xml", "docProps/core.xml"] where package.package.has(part) {
            let scan = try PropertiesScanner.scan(try package.read(part), part: part, path: package.path, limits: package.limits, wording: .powerPoint)
            entries += scan.leaves.map { MetadataEntry(key: $0.name, value: $0.value, location: Location(part: part)) }
        }
        if let (_, props) = try custom(), let part = customProperties.part {
            entries += OOXMLCustomProperties.entries(in: props, part: part)
        }
        // Evidence fields are best effort: a damaged slide's relationships must not make the deck unreadable.
        entries += (try? hyperlinkEntries()) ?? []
        if package.package.has(OOXML.c2paManifestPart), let data = try? package.read(OOXML.c2paManifestPart) {
            entries.append(MetadataEntry(key: EvidenceEntryKey.c2paManifest, value: C2PAText.printableRuns(data), location: Location(part: OOXML.c2paManifestPart)))
        }
        return entries
    }

    /// External hyperlink targets of the slides and their notes.
    func hyperlinkEntries() throws -> [MetadataEntry] {
        var entries: [MetadataEntry] = []
        let ours = Set(try ourSlides())
        for (i, slide) in package.slides.enumerated() where !ours.contains(i) {
            let rels = try package.rels(of: slide.part)
            let notes = package.related(slide.part, rels: rels, types: [PresentationML.notesSlideRel])
            for (part, words) in [(slide.part, "slide \(i + 1)")] + notes.map({ ($0, "notes of slide \(i + 1)") }) {
                let r = part == slide.part ? rels : try package.rels(of: part)
                for link in r?.relationships ?? [] where link.external && link.type.hasSuffix("/hyperlink") {
                    entries.append(MetadataEntry(key: EvidenceEntryKey.link, value: link.target,
                                                 location: Location(part: OOXML.relsPart(of: part), byteOffset: link.range.lowerBound, words: words)))
                }
            }
        }
        return entries
    }
}

extension PPTXDocument: SignedPackageDetecting {
    /// The package's digital signature parts (`_xmlsignatures/sig1.xml`, …: ECMA-376 Part 2, §12).
    func ownSignatureParts() throws -> [String] {
        package.package.orderedEntries.map(\.name).filter {
            let lower = $0.lowercased()
            return lower.hasPrefix(OOXML.signaturesFolder) && lower.hasSuffix(".xml")
        }
    }
}
