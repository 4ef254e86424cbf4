import Foundation

/// Our metadata in an Office Open XML package's custom properties (`docProps/custom.xml`), the
/// same for every OOXML format: the disclosure JSON in the property "AI Disclosure" and one
/// property per key fact. Stamping splices our properties into an existing part (or creates the
/// part, its content-type override and its package relationship); unstamping removes exactly
/// what we added, closing a root we opened as it was, so the part comes back byte for byte.
struct OOXMLCustomProperties {
    /// The package, checked against the safety limits.
    let package: ZipPackage
    /// The package relationships (`_rels/.rels`), scanned, and their bytes.
    let packageRels: RelationshipsScanner
    let packageRelsData: Data

    /// The custom properties part named in the package relationships, when it exists.
    var part: String? {
        packageRels.relationships.first { $0.type == OOXML.customPropertiesRel && !$0.external }
            .map { OOXML.resolve(target: $0.target, from: "") }
            .flatMap { package.has($0) ? $0 : nil }
    }

    /// The part's bytes and properties, when there is one.
    func read() throws -> (data: Data, scan: PropertiesScanner)? {
        guard let part else { return nil }
        let data = try package.read(part)
        return (data, try PropertiesScanner.scan(data, part: part, path: package.path, limits: package.limits, wording: package.wording))
    }

    // MARK: Reading our stamp

    /// Our metadata, when any property of ours is there.
    static func found(in scan: PropertiesScanner, part: String) -> FoundMetadata? {
        let ours = scan.properties.filter { OOXML.ourPropertyNames.contains($0.name) }
        guard !ours.isEmpty else { return nil }
        var facts: [String: String] = [:]
        for (key, name) in OOXML.factProperties {
            if let p = ours.first(where: { $0.name == name }) { facts[key] = p.value }
        }
        let json = ours.first { $0.name == OOXML.jsonProperty }.map { Data($0.value.utf8) }
        return FoundMetadata(json: json, location: Location(part: part), facts: facts)
    }

    /// Every custom property as a metadata entry; ours are marked as our own stamp's.
    static func entries(in scan: PropertiesScanner, part: String) -> [MetadataEntry] {
        scan.properties.map { MetadataEntry(key: $0.name, value: $0.value, location: Location(part: part, paragraph: $0.paragraph),
                                            isOwnStamp: OOXML.ourPropertyNames.contains($0.name)) }
    }

    // MARK: Writing

    /// Adds to `edits` what puts `request`'s properties in, replacing ours.
    /// - Parameter existing: the result of ``read()``.
    func stamp(_ request: StampRequest, existing: (data: Data, scan: PropertiesScanner)?, into edits: inout OOXMLPartEdits) throws {
        if let (data, props) = existing, let part {
            let others = props.properties.filter { !OOXML.ourPropertyNames.contains($0.name) }
            // pids are 32-bit in the format; a larger one in a damaged file must not overflow ours.
            let firstPID = min(max(1, others.compactMap(\.pid).max() ?? 1), Int(Int32.max) - 16) + 1
            let ours = props.properties.filter { OOXML.ourPropertyNames.contains($0.name) }
            // A root we opened earlier stays marked, so unstamping after a restamp still closes it.
            let marked = Self.isMarkedEmpty(data, ours)
            guard let insertion = XMLBytes.insertionAtRootEnd(data, {
                Self.propertiesXML(request, firstPID: firstPID, prefix: $0, wasEmpty: $1 || marked)
            }) else { throw OOXMLErrors.damaged(part, path: package.path, wording: package.wording) }
            edits.splice(part, ours.map { (range: $0.range, replacement: Data()) })
            edits.splice(part, insertion)
        } else {
            let xml = Self.newCustomPart + Self.propertiesXML(request, firstPID: 2, prefix: nil) + Self.newCustomPartEnd
            let types = try package.read(OOXML.contentTypesPart)
            let typesScan = try RelationshipsScanner.scan(types, part: OOXML.contentTypesPart, path: package.path, limits: package.limits, wording: package.wording)
            // A part of that name that nothing points at (or a stale override) is left as it is:
            // ours gets a free name, so unstamping removes only what we added.
            let part = Self.freeCustomPartName(taken: Set(package.entries.keys.map { $0.lowercased() })
                .union(typesScan.overrides.map { String($0.partName.dropFirst()).lowercased() }))
            edits.added.append((part, Data(xml.utf8)))
            guard let edit = XMLBytes.insertionAtRootEnd(types, { prefix, _ in Self.overrideXML(partName: part, contentType: OOXML.customPropertiesContentType, prefix: prefix) }) else {
                throw OOXMLErrors.damaged(OOXML.contentTypesPart, path: package.path, wording: package.wording)
            }
            edits.splice(OOXML.contentTypesPart, edit)
            guard let relEdit = XMLBytes.insertionAtRootEnd(packageRelsData, { prefix, _ in Self.relationshipXML(target: part, prefix: prefix) }) else {
                throw OOXMLErrors.damaged(OOXML.packageRelsPart, path: package.path, wording: package.wording)
            }
            edits.splice(OOXML.packageRelsPart, relEdit)
        }
    }

    /// Adds to `edits` what removes our properties: the whole part (with its override and
    /// relationship) when we created it and it holds only ours, else just our properties.
    func unstamp(existing: (data: Data, scan: PropertiesScanner)?, into edits: inout OOXMLPartEdits) throws {
        guard let (data, props) = existing, let part else { return }
        let ours = props.properties.filter { OOXML.ourPropertyNames.contains($0.name) }
        let weCreatedIt = packageRels.relationships.contains { $0.id == OOXML.customRelID }
        if weCreatedIt && ours.count == props.properties.count {
            edits.removed.insert(part)
            if let rel = packageRels.relationships.first(where: { $0.id == OOXML.customRelID }) {
                edits.splice(OOXML.packageRelsPart, (rel.range, Data()))
            }
            let types = try package.read(OOXML.contentTypesPart)
            let typesScan = try RelationshipsScanner.scan(types, part: OOXML.contentTypesPart, path: package.path, limits: package.limits, wording: package.wording)
            if let o = typesScan.overrides.first(where: { $0.partName == "/" + part }) {
                edits.splice(OOXML.contentTypesPart, (o.range, Data()))
            }
        } else if !ours.isEmpty {
            let closed = Self.isMarkedEmpty(data, ours) && ours.count == props.properties.count
                ? XMLBytes.closingEmptyRoot(data, removing: ours.map(\.range)) : nil
            if let closed { edits.whole[part] = closed } else { edits.splice(part, ours.map { ($0.range, Data()) }) }
        }
    }

    // MARK: The XML we insert

    /// How our first property's start tag ends when we opened a self-closing root to add it: a
    /// space no reader sees, and bytes of ours, so no original has it. It tells unstamp to close
    /// the root again as it was (`<Properties …/>`).
    static let emptyRootMark = " >"

    /// Our custom properties; `wasEmpty` marks the first one with ``emptyRootMark``.
    static func propertiesXML(_ request: StampRequest, firstPID: Int, prefix: String?, wasEmpty: Bool = false) -> String {
        let p = prefix.map { "\($0):" } ?? ""
        var values: [(String, String)] = [(OOXML.jsonProperty, request.json)]
        let facts = Dictionary(request.facts.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        for (key, name) in OOXML.factProperties { values.append((name, facts[key] ?? "")) }
        var out = ""
        for (i, (name, value)) in values.enumerated() {
            out += "<\(p)property fmtid=\"\(OOXML.customFormatID)\" pid=\"\(firstPID + i)\" name=\"\(OOXML.escape(name))\"\(wasEmpty && i == 0 ? emptyRootMark : ">")"
                + "<vt:lpwstr xmlns:vt=\"\(OOXML.docPropsVTypes)\">\(OOXML.escapeText(value))</vt:lpwstr></\(p)property>"
        }
        return out
    }

    static let newCustomPart = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"\(OOXML.customPropertiesNS)\" xmlns:vt=\"\(OOXML.docPropsVTypes)\">"
    static let newCustomPartEnd = "</Properties>"

    /// A content-type override for `partName` (no leading slash).
    static func overrideXML(partName: String, contentType: String, prefix: String?) -> String {
        let p = prefix.map { "\($0):" } ?? ""
        return "<\(p)Override PartName=\"/\(partName)\" ContentType=\"\(contentType)\"/>"
    }

    static func relationshipXML(target: String, prefix: String?) -> String {
        let p = prefix.map { "\($0):" } ?? ""
        return "<\(p)Relationship Id=\"\(OOXML.customRelID)\" Type=\"\(OOXML.customPropertiesRel)\" Target=\"\(target)\"/>"
    }

    /// True when the first of our properties carries ``emptyRootMark``: the part's root was
    /// self-closing before we stamped it.
    static func isMarkedEmpty(_ data: Data, _ ours: [CustomProperty]) -> Bool {
        guard let first = ours.min(by: { $0.range.lowerBound < $1.range.lowerBound }) else { return false }
        let tag = data[(data.startIndex + first.range.lowerBound)..<(data.startIndex + first.range.upperBound)]
        guard let close = tag.firstIndex(of: UInt8(ascii: ">")), close > tag.startIndex else { return false }
        return tag[close - 1] == UInt8(ascii: " ")
    }

    /// `docProps/custom.xml`, or `docProps/custom2.xml`, … when that name is taken (`taken` is lower case).
    static func freeCustomPartName(taken: Set<String>) -> String {
        if !taken.contains(OOXML.customPropertiesPart.lowercased()) { return OOXML.customPropertiesPart }
        var n = 2
        while taken.contains("docprops/custom\(n).xml") { n += 1 }
        return "docProps/custom\(n).xml"
    }
}
