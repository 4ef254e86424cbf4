import Foundation

/// What the audit reads from a PDF besides its text: the Info dictionary, the XMP packet, a C2PA
/// manifest (embedded or associated file of type `application/c2pa`), links, JavaScript and
/// launch actions (reported, never run), and embedded files (their names reported as text,
/// never used as paths).
extension PDFDocument {
    /// Words for the places metadata comes from.
    static let infoWords = "document information"
    static let xmpWords = "XMP metadata"
    static let catalogWords = "the document's catalog"
    /// The most objects the evidence walk visits (a hostile file cannot make it run long).
    static let maxVisitedObjects = 100_000
    /// The longest script or name reported, in characters.
    static let maxValueCharacters = 2_000

    func metadataEntries() throws -> [MetadataEntry] {
        if let cached = evidenceCache { return cached }
        let entries = try readable { try readMetadataEntries() }
        evidenceCache = entries
        return entries
    }

    /// A sentence naming the JavaScript and launch actions, which Disclose reports and never runs; nil when there are none.
    func activeContentNote() -> String? {
        guard let entries = try? metadataEntries() else { return nil }
        let active = entries.filter { $0.key == EvidenceEntryKey.activeContent }
        guard !active.isEmpty else { return nil }
        let scripts = active.filter { $0.value.hasPrefix("JavaScript") }.count
        let launches = active.count - scripts
        var kinds: [String] = []
        if scripts > 0 { kinds.append(scripts == 1 ? "a JavaScript action" : "\(scripts) JavaScript actions") }
        if launches > 0 { kinds.append(launches == 1 ? "a launch action (opens a program or file)" : "\(launches) launch actions (open programs or files)") }
        let places = Array(Set(active.compactMap(\.location.words))).sorted().prefix(5).joined(separator: ", ")
        return "the PDF has \(kinds.joined(separator: " and ")) (\(places)); Disclose never runs them, but a PDF reader may"
    }

    private func readMetadataEntries() throws -> [MetadataEntry] {
        var entries = try infoEntries()
        let xmp = try xmpProperties()
        let ours = xmp.contains { Self.isOwnNamespace($0.namespace) }
        for property in xmp {
            let own = Self.isOwnNamespace(property.namespace)
                || (ours && property.key.hasSuffix(":DigitalSourceType"))
            entries.append(MetadataEntry(key: property.key, value: property.value, location: Location(words: Self.xmpWords), isOwnStamp: own))
        }
        var walk = EvidenceWalk(document: self)
        try walk.run()
        return entries + walk.entries
    }

    /// The Info dictionary's text entries. `/Creator` names the program that made the original
    /// document (the PDF producer converted it), so it is reported as `Creator (application)`,
    /// which the audit reads as a software field, not as a person.
    func infoEntries() throws -> [MetadataEntry] {
        guard let info = try reader.dictionary(reader.trailer["Info"]) else { return [] }
        var entries: [MetadataEntry] = []
        for (key, value) in info.entries {
            guard let text = try reader.resolve(value)?.textValue else { continue }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            let name = key == "Creator" ? "Creator (application)" : key
            entries.append(MetadataEntry(key: name, value: String(trimmed.prefix(Self.maxValueCharacters)), location: Location(words: Self.infoWords)))
        }
        return entries
    }

    /// The XMP packet's properties; none when there is no packet or it cannot be read (a
    /// packet that is not well-formed is left out, as readers ignore it).
    func xmpProperties() throws -> [PDFXMPReader.Property] {
        guard let ref = try reader.catalog()?["Metadata"]?.referenceValue, try reader.isStream(ref) else { return [] }
        let packet: Data
        do {
            packet = try reader.streamData(ref)
        } catch is PDFSyntaxError {
            return []
        }
        return (try? PDFXMPReader.properties(of: packet, maxDepth: reader.limits.maxNestingDepth)) ?? []
    }

    /// "PDF/A-2b" when the XMP packet claims a PDF/A part and conformance level; nil otherwise.
    func pdfAClaim() throws -> String? {
        let properties = try xmpProperties()
        guard let part = properties.first(where: { $0.key.hasSuffix(":part") && $0.namespace == "http://www.aiim.org/pdfa/ns/id/" })?.value else {
            return nil
        }
        let level = properties.first { $0.key.hasSuffix(":conformance") && $0.namespace == "http://www.aiim.org/pdfa/ns/id/" }?.value
        return "PDF/A-\(part)\(level?.lowercased() ?? "")"
    }

    /// True for the namespace of our own XMP properties.
    static func isOwnNamespace(_ namespace: String?) -> Bool {
        guard let namespace = namespace?.lowercased() else { return false }
        return namespace.contains("disclose")
    }
}

/// One walk over the catalog, the pages and their annotations, collecting links, actions,
/// embedded files and C2PA manifests, each object visited once.
private struct EvidenceWalk {
    let document: PDFDocument
    var entries: [MetadataEntry] = []
    var visited: Set<PDFReference> = []
    var budget = PDFDocument.maxVisitedObjects
    var seenFiles: Set<PDFReference> = []
    var reader: PDFFileReader { document.reader }

    init(document: PDFDocument) { self.document = document }

    mutating func run() throws {
        guard let catalog = try reader.catalog() else { return }
        let atCatalog = Location(words: PDFDocument.catalogWords)
        try action(catalog["OpenAction"], at: Location(words: "when the document opens"), depth: 0)
        try additionalActions(catalog["AA"], at: atCatalog)
        if let names = try reader.dictionary(catalog["Names"]) {
            for (name, value) in try nameTree(names["JavaScript"]) {
                try action(value, at: Location(words: "document JavaScript “\(Self.clip(name, 200))”"), depth: 0)
            }
            for (name, value) in try nameTree(names["EmbeddedFiles"]) {
                try fileSpecification(value, name: name, at: Location(words: "embedded files"))
            }
        }
        for item in try reader.resolve(catalog["AF"])?.arrayValue ?? [] {
            try fileSpecification(item, name: nil, at: Location(words: "associated files of the document"))
        }
        for (i, page) in try reader.pages().enumerated() {
            guard let dict = try reader.object(page).dictionaryValue else { continue }
            let at = Location(words: PDFDocument.pageWords(i + 1))
            try additionalActions(dict["AA"], at: at)
            for annotation in try reader.resolve(dict["Annots"])?.arrayValue ?? [] {
                guard try spend(annotation), let a = try reader.dictionary(annotation) else { continue }
                try action(a["A"], at: at, depth: 0)
                try additionalActions(a["AA"], at: at)
                if a["Subtype"]?.nameValue == "FileAttachment" {
                    try fileSpecification(a["FS"], name: nil, at: at)
                }
            }
            for item in try reader.resolve(dict["AF"])?.arrayValue ?? [] {
                try fileSpecification(item, name: nil, at: at)
            }
        }
    }

    /// False once an object was seen before or the budget is spent (direct objects always pass).
    mutating func spend(_ object: PDFObject?) throws -> Bool {
        budget -= 1
        guard budget > 0 else { return false }
        if case .reference(let r)? = object {
            return visited.insert(r).inserted
        }
        return true
    }

    mutating func additionalActions(_ object: PDFObject?, at location: Location) throws {
        guard try spend(object), let aa = try reader.dictionary(object) else { return }
        for (_, value) in aa.entries { try action(value, at: location, depth: 0) }
    }

    /// An action and its `/Next` chain: links, JavaScript, launches.
    mutating func action(_ object: PDFObject?, at location: Location, depth: Int) throws {
        guard depth < 64, try spend(object), let a = try reader.dictionary(object) else { return }
        switch a["S"]?.nameValue {
        case "URI":
            if let uri = try reader.resolve(a["URI"])?.stringBytes {
                let text = String(decoding: uri, as: UTF8.self)
                entries.append(MetadataEntry(key: EvidenceEntryKey.link, value: Self.clip(text, PDFDocument.maxValueCharacters), location: location))
            }
        case "JavaScript":
            let script = try scriptText(a["JS"])
            entries.append(MetadataEntry(key: EvidenceEntryKey.activeContent,
                                         value: "JavaScript action (never run by Disclose): " + Self.clip(script, 300), location: location))
        case "Launch":
            var target = try fileName(a["F"]) ?? ""
            for platform in ["Win", "Unix", "Mac"] {
                if target.isEmpty, let p = try reader.dictionary(a[platform]) {
                    target = try reader.resolve(p["F"])?.stringBytes.map { PDFText.decodeTextString($0) } ?? ""
                }
            }
            let named = target.isEmpty ? "" : " “\(Self.clip(target, 300))”"
            entries.append(MetadataEntry(key: EvidenceEntryKey.activeContent,
                                         value: "launch action (never run by Disclose): opens\(named.isEmpty ? " a program or file" : named)", location: location))
        default:
            break
        }
        switch a["Next"] {
        case .array(let items)?: for item in items { try action(item, at: location, depth: depth + 1) }
        case let next?: try action(next, at: location, depth: depth + 1)
        case nil: break
        }
    }

    /// A script: a text string or a stream (decoded under the limits).
    func scriptText(_ object: PDFObject?) throws -> String {
        if case .reference(let r)? = object, try reader.isStream(r) {
            guard let data = try? reader.streamData(r) else { return "(a script that could not be decoded)" }
            return PDFText.decodeTextString(data.prefix(4096))
        }
        return try reader.resolve(object)?.textValue ?? ""
    }

    /// The name a file specification gives (`/UF`, then `/F`), as text; never used as a path.
    func fileName(_ object: PDFObject?) throws -> String? {
        switch try reader.resolve(object) {
        case .string(let bytes)?: return PDFText.decodeTextString(bytes)
        case .dictionary(let d)?:
            for key in ["UF", "F", "Unix", "DOS", "Mac"] {
                if let name = try reader.resolve(d[key])?.textValue, !name.isEmpty { return name }
            }
            return nil
        default: return nil
        }
    }

    /// An embedded or associated file: reported by name; a C2PA manifest's readable text as a manifest.
    mutating func fileSpecification(_ object: PDFObject?, name treeName: String?, at location: Location) throws {
        guard try spend(object), let spec = try reader.dictionary(object) else { return }
        let name = try fileName(.dictionary(spec)) ?? treeName ?? "(unnamed)"
        guard let ef = try reader.dictionary(spec["EF"]),
              let streamRef = (ef["UF"] ?? ef["F"])?.referenceValue, try reader.isStream(streamRef) else { return }
        guard seenFiles.insert(streamRef).inserted else { return }
        let stream = try reader.object(streamRef).dictionaryValue
        let type = stream?["Subtype"]?.nameValue?.lowercased() ?? ""
        let relationship = spec["AFRelationship"]?.nameValue ?? ""
        if type == "application/c2pa" || relationship == "C2PA_Manifest" {
            let data = (try? reader.streamData(streamRef)) ?? Data()
            entries.append(MetadataEntry(key: EvidenceEntryKey.c2paManifest, value: C2PAText.printableRuns(data), location: location))
        } else {
            let described = type.isEmpty ? "" : " (\(type))"
            entries.append(MetadataEntry(key: EvidenceEntryKey.embeddedFile, value: Self.clip(name, 500) + described, location: location))
        }
    }

    /// The leaves of a name tree (§7.9.6), key as text; loops and hostile depth end the walk.
    mutating func nameTree(_ root: PDFObject?) throws -> [(String, PDFObject)] {
        var out: [(String, PDFObject)] = []
        var queue: [(PDFObject?, Int)] = [(root, 0)]
        while let (node, depth) = queue.popLast() {
            guard depth < 64, out.count < 10_000, try spend(node), let dict = try reader.dictionary(node) else { continue }
            if let names = try reader.resolve(dict["Names"])?.arrayValue {
                var i = 0
                while i + 1 < names.count {
                    let key = try reader.resolve(names[i])?.textValue ?? ""
                    out.append((key, names[i + 1]))
                    i += 2
                }
            }
            for kid in try reader.resolve(dict["Kids"])?.arrayValue ?? [] { queue.append((kid, depth + 1)) }
        }
        return out
    }

    static func clip(_ text: String, _ count: Int) -> String {
        let oneLine = text.split(whereSeparator: { $0.isNewline }).joined(separator: " ")
        return oneLine.count > count ? String(oneLine.prefix(count)) + "…" : oneLine
    }
}
