import Foundation

/// An opened OpenDocument text or presentation. Parts are read and scanned once, when first needed.
final class ODFDocument: OpenedDocument {
    let package: ODFPackage
    let handler: any FormatHandler
    var kind: ODFKind { package.kind }
    var path: String { package.path }
    let content: Data
    let body: ODFBodyScan

    init(package: ODFPackage, handler: any FormatHandler) throws {
        self.package = package
        self.handler = handler
        content = try package.read(ODF.contentPart)
        body = try ODFBodyScan.scan(content, part: ODF.contentPart, mode: .content, kind: package.kind, path: package.path, limits: package.limits)
        guard body.bodyStart != nil else {
            throw DisclosureError.unsupportedFormat(path: package.path, detail: "its content.xml has no office:\(package.kind.body) body, so it is not \(ODFPackage.article(package.kind.wording.documentNoun))")
        }
        if body.bodyIsEmpty {
            throw DisclosureError.unreadable(path: package.path, reason: "the document body in content.xml is empty (<office:\(package.kind.body)/>)",
                                             hint: "Open it in \(package.kind.wording.programs), type something, save it, and stamp the saved copy.")
        }
    }

    // MARK: Cached parts

    private var stylesCache: (data: Data, scan: ODFBodyScan)??
    /// `styles.xml` scanned for headers, footers and our paragraph style (text documents only).
    func styles() throws -> (data: Data, scan: ODFBodyScan)? {
        if let stylesCache { return stylesCache }
        var value: (Data, ODFBodyScan)?
        if kind.body == "text", package.has(ODF.stylesPart) {
            let data = try package.read(ODF.stylesPart)
            value = (data, try ODFBodyScan.scan(data, part: ODF.stylesPart, mode: .styles, kind: kind, path: path, limits: package.limits))
        }
        stylesCache = .some(value)
        return value
    }

    private var metaCache: (data: Data, scan: ODFMetaScan)??
    func meta() throws -> (data: Data, scan: ODFMetaScan)? {
        if let metaCache { return metaCache }
        var value: (Data, ODFMetaScan)?
        if package.has(ODF.metaPart) {
            let data = try package.read(ODF.metaPart)
            value = (data, try ODFMetaScan.scan(data, part: ODF.metaPart, path: path, limits: package.limits, wording: kind.wording))
        }
        metaCache = .some(value)
        return value
    }

    /// The statement our metadata records (nil when there is none or it cannot be read).
    func recordedStatement() throws -> String? {
        guard let json = try meta()?.scan.ours.first(where: { $0.name == ODF.jsonProperty })?.value,
              let disclosure = try? Disclosure.decode(json: Data(json.utf8), path: path) else { return nil }
        return disclosure.statement
    }

    private var oursCache: [Int]?
    /// Indexes in `body.blocks` of our statement: every marked block, and every unmarked one whose
    /// text is the statement our metadata records (an editor kept our style or slide name but
    /// dropped the other markers).
    func ourBlocks() throws -> [Int] {
        if let oursCache { return oursCache }
        let recorded = try recordedStatement().map(CanonicalText.paragraph)
        let ours = body.blocks.indices.filter { i in
            let b = body.blocks[i]
            return b.isMarked || (recorded != nil && !recorded!.isEmpty && CanonicalText.paragraph(b.statementText) == recorded)
        }
        oursCache = ours
        return ours
    }

    /// The edits that take our statement and our automatic styles out of `content.xml`: what
    /// `unstamp` removes, so the content binding is the same before and after stamping (an
    /// `office:automatic-styles` we opened or added is closed or removed again). Styles of ours
    /// that an editor rewrote are cut out by name.
    func contentRemovalEdits() throws -> [(range: Range<Int>, replacement: Data)] {
        var edits = try ourBlocks().map { (range: body.blocks[$0].range, replacement: Data()) }
        if let styles = ourSlideStylesRemoval() {
            edits += styles
        } else {
            edits += body.ourStyles.map { ($0.range, Data()) }
        }
        return edits
    }

    /// The edits removing our slide styles when they are byte for byte what we wrote; nil otherwise.
    func ourSlideStylesRemoval() -> [(range: Range<Int>, replacement: Data)]? {
        guard kind.body == "presentation", let start = body.styleContainer else { return nil }
        return ODFContainer.removingOurs(content, start: start, end: body.styleContainerEnd, ours: body.ourStyles.map(\.range),
                                         xml: { ODF.slideStylesXML(root: self.body.rootDeclarations, marked: $0) })
    }

    /// Parts the stamp manages, left out of the content binding (content.xml is bound with our ranges cut out).
    var managedParts: Set<String> {
        var set: Set<String> = [ODF.metaPart, ODF.manifestPart]
        if kind.body == "text" { set.insert(ODF.stylesPart) }
        return set
    }

    // MARK: OpenedDocument

    func text() throws -> DocumentText {
        let ours = Set(try ourBlocks())
        var all = body.paragraphs.filter { $0.block.map { !ours.contains($0) } ?? true }
        if let (_, scan) = try styles() { all += scan.paragraphs }
        let order = kind.body == "text" ? ["body", "headers", "footers", "footnotes", "endnotes", "comments"] : ["body", "notes", "comments"]
        var streams: [TextStream] = []
        for name in order {
            let paragraphs = all.filter { $0.stream == name }.map(\.paragraph)
            if !paragraphs.isEmpty || name == "body" { streams.append(TextStream(name: name, paragraphs: paragraphs)) }
        }
        return DocumentText(streams: streams)
    }

    func findStamp() throws -> FoundStamp {
        let ours = try ourBlocks()
        var statement: FoundStatement?
        var problems: [String] = []
        if let first = ours.first {
            let b = body.blocks[first]
            statement = FoundStatement(text: b.statementText, location: b.location, visibilityProblems: try visibilityProblems(b), markersLost: !b.isMarked)
            if ours.count > 1 {
                let what = kind.body == "text" ? "statements" : "disclosure slides"
                problems.append("found \(ours.count) \(what) from Disclose in \(ODF.contentPart); stamp again to keep just one")
            }
        }
        var metadata: FoundMetadata?
        if let scan = try meta()?.scan, !scan.ours.isEmpty {
            var facts: [String: String] = [:]
            for p in scan.ours { if let key = ODF.factKey(ofProperty: p.name) { facts[key] = p.value } }
            let json = scan.ours.first { $0.name == ODF.jsonProperty }.map { Data($0.value.utf8) }
            metadata = FoundMetadata(json: json, location: Location(part: ODF.metaPart), facts: facts)
        }
        return FoundStamp(statement: statement, metadata: metadata, problems: problems)
    }

    private func visibilityProblems(_ block: ODFBlock) throws -> [String] {
        var problems = block.problems
        let common = try styles()?.scan.styles ?? [:]
        if let page = block.pageStyle, body.styles[page]?.slideHidden == true { problems.append("the slide is hidden in the slide show") }
        let minimum: Double = kind.body == "text" ? 6 : 10
        var seen: Set<String> = []
        for name in block.styleNames where seen.insert(name).inserted {
            guard let props = body.styles[name] ?? common[name] else { continue }
            let words = name == ODF.styleName ? "the AI Disclosure style" : "the style \"\(name)\""
            for p in props.problems(styleWords: words, minimumPoints: minimum) where !problems.contains(p) { problems.append(p) }
        }
        return problems
    }

    func unmanagedParts() throws -> [DocumentPart] {
        var parts: [DocumentPart] = []
        for entry in package.orderedEntries where !managedParts.contains(entry.name) {
            if entry.name == ODF.contentPart {
                parts.append(DocumentPart(name: entry.name, bytes: XMLBytes.splice(content, try contentRemovalEdits())))
            } else {
                parts.append(DocumentPart(name: entry.name, bytes: try package.read(entry)))
            }
        }
        return parts
    }

    /// Streams every unmanaged part into `hasher`; content.xml is hashed around our ranges without a copy.
    func hashUnmanagedParts(into hasher: inout PartsHasher) throws {
        for entry in package.orderedEntries where !managedParts.contains(entry.name) {
            guard entry.name == ODF.contentPart else {
                hasher.add(name: entry.name, bytes: try package.read(entry))
                continue
            }
            let pieces = XMLBytes.splicePieces(content, try contentRemovalEdits())
            hasher.begin(name: entry.name, count: pieces.reduce(0) { $0 + $1.count })
            for piece in pieces { hasher.update(piece) }
        }
    }

    func stamped(_ request: StampRequest) throws -> Data {
        try ODFStamp(document: self).stamped(request)
    }

    func unstamped() throws -> Data {
        try ODFStamp(document: self).unstamped()
    }

    func metadataEntries() throws -> [MetadataEntry] {
        var entries: [MetadataEntry] = []
        if let scan = try meta()?.scan {
            entries += scan.fields.map { MetadataEntry(key: $0.name, value: $0.value, location: Location(part: ODF.metaPart)) }
            entries += scan.properties.map {
                MetadataEntry(key: $0.name, value: $0.value, location: Location(part: ODF.metaPart, paragraph: $0.number), isOwnStamp: ODF.isOurProperty($0.name))
            }
        }
        entries += body.links.map { MetadataEntry(key: EvidenceEntryKey.link, value: $0.href, location: Location(part: ODF.contentPart, byteOffset: $0.offset)) }
        if let (_, scan) = try? styles() {
            entries += scan.links.map { MetadataEntry(key: EvidenceEntryKey.link, value: $0.href, location: Location(part: ODF.stylesPart, byteOffset: $0.offset)) }
        }
        if package.has(ODF.c2paManifestPart), let data = try? package.read(ODF.c2paManifestPart) {
            entries.append(MetadataEntry(key: EvidenceEntryKey.c2paManifest, value: C2PAText.printableRuns(data), location: Location(part: ODF.c2paManifestPart)))
        }
        return entries
    }
}

extension ODFDocument: SignedPackageDetecting {
    /// The package's own signatures: `META-INF/documentsignatures.xml` (and the macro and
    /// package signatures LibreOffice and OpenOffice.org write), made over the parts a stamp changes.
    func ownSignatureParts() throws -> [String] {
        package.orderedEntries.map(\.name).filter { ODF.signatureParts.contains($0) }
    }
}
