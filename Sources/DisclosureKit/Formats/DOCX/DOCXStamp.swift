import Foundation

/// Writes and removes our stamp in a Word package by splicing parts and copying every
/// other zip entry raw.
struct DOCXStamp {
    let document: DOCXDocument
    var package: DOCXPackage { document.package }

    // MARK: The XML we insert

    /// The `w:alias` of our content control: the name Word and LibreOffice show for it.
    static let alias = "AI use disclosure"

    static func statementXML(_ statement: String, prefix: String?) -> String {
        let w = prefix.map { "\($0):" } ?? ""
        return "<\(w)sdt><\(w)sdtPr><\(w)alias \(w)val=\"\(alias)\"/><\(w)tag \(w)val=\"\(OOXML.statementTag)\"/>"
            + "<\(w)lock \(w)val=\"contentLocked\"/></\(w)sdtPr><\(w)sdtContent><\(w)p><\(w)pPr><\(w)pStyle \(w)val=\"\(OOXML.styleID)\"/></\(w)pPr>"
            + "<\(w)r><\(w)t xml:space=\"preserve\">\(OOXML.escapeText(statement))</\(w)t></\(w)r></\(w)p></\(w)sdtContent></\(w)sdt>"
    }

    /// Our paragraph style. `wasEmpty` (the styles part was an empty, self-closing root that we
    /// opened) is recorded as a space before the start tag's `>` (``emptyRootMark``).
    static func styleXML(prefix: String?, wasEmpty: Bool = false) -> String {
        let w = prefix.map { "\($0):" } ?? ""
        let end = wasEmpty ? emptyRootMark : ">"
        return "<\(w)style \(w)type=\"paragraph\" \(w)customStyle=\"1\" \(w)styleId=\"\(OOXML.styleID)\"\(end)<\(w)name \(w)val=\"AI Disclosure\"/>"
            + "<\(w)basedOn \(w)val=\"Normal\"/><\(w)qFormat/><\(w)pPr><\(w)pBdr><\(w)top \(w)val=\"single\" \(w)sz=\"4\" \(w)space=\"4\" \(w)color=\"808080\"/></\(w)pBdr>"
            + "<\(w)spacing \(w)before=\"240\" \(w)after=\"120\"/></\(w)pPr><\(w)rPr><\(w)i/><\(w)sz \(w)val=\"20\"/></\(w)rPr></\(w)style>"
    }

    /// How our first property's (or our style's) start tag ends when we opened a self-closing
    /// root to add it: a space no reader sees, and bytes of ours, so no original has it. It tells
    /// unstamp to close the root again as it was (`<Properties …/>`).
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

    static func overrideXML(partName: String, prefix: String?) -> String {
        let p = prefix.map { "\($0):" } ?? ""
        return "<\(p)Override PartName=\"/\(partName)\" ContentType=\"\(OOXML.customPropertiesContentType)\"/>"
    }

    static func relationshipXML(target: String, prefix: String?) -> String {
        let p = prefix.map { "\($0):" } ?? ""
        return "<\(p)Relationship Id=\"\(OOXML.customRelID)\" Type=\"\(OOXML.customPropertiesRel)\" Target=\"\(target)\"/>"
    }

    // MARK: Stamping

    func stamped(_ request: StampRequest) throws -> Data {
        var replacements: [String: Data] = [:]
        var added: [(String, Data)] = []

        // The statement in the main part.
        let mainPieces = try stampMainPart(request)

        // The paragraph style.
        if let stylesPart = try document.stylesPart() {
            let styles = try package.read(stylesPart)
            if XMLBytes.find("styleId=\"\(OOXML.styleID)\"", in: styles) == nil,
               let edit = XMLBytes.insertionAtRootEnd(styles, { DOCXStamp.styleXML(prefix: $0, wasEmpty: $1) }) {
                replacements[stylesPart] = XMLBytes.splice(styles, [edit])
            }
        }

        // The custom properties.
        if let (data, props) = try document.custom(), let part = document.customPart {
            let others = props.properties.filter { !OOXML.ourPropertyNames.contains($0.name) }
            let firstPID = max(1, others.compactMap(\.pid).max() ?? 1) + 1
            let ours = props.properties.filter { OOXML.ourPropertyNames.contains($0.name) }
            // A root we opened earlier stays marked, so unstamping after a restamp still closes it.
            let marked = DOCXStamp.isMarkedEmpty(data, ours)
            guard let insertion = XMLBytes.insertionAtRootEnd(data, {
                DOCXStamp.propertiesXML(request, firstPID: firstPID, prefix: $0, wasEmpty: $1 || marked)
            }) else { throw damaged(part) }
            var propertyEdits = ours.map { (range: $0.range, replacement: Data()) }
            propertyEdits.append(insertion)
            replacements[part] = XMLBytes.splice(data, propertyEdits)
        } else {
            let xml = DOCXStamp.newCustomPart + DOCXStamp.propertiesXML(request, firstPID: 2, prefix: nil) + DOCXStamp.newCustomPartEnd
            let types = try package.read(OOXML.contentTypesPart)
            let typesScan = try RelationshipsScanner.scan(types, part: OOXML.contentTypesPart, path: package.path, limits: package.limits)
            // A part of that name that nothing points at (or a stale override) is left as it is:
            // ours gets a free name, so unstamping removes only what we added.
            let part = DOCXStamp.freeCustomPartName(taken: Set(package.entries.keys.map { $0.lowercased() })
                .union(typesScan.overrides.map { String($0.partName.dropFirst()).lowercased() }))
            added.append((part, Data(xml.utf8)))
            guard let edit = XMLBytes.insertionAtRootEnd(types, { prefix, _ in DOCXStamp.overrideXML(partName: part, prefix: prefix) }) else { throw damaged(OOXML.contentTypesPart) }
            replacements[OOXML.contentTypesPart] = XMLBytes.splice(types, [edit])
            let rels = package.packageRelsData
            guard let edit = XMLBytes.insertionAtRootEnd(rels, { prefix, _ in DOCXStamp.relationshipXML(target: part, prefix: prefix) }) else { throw damaged(OOXML.packageRelsPart) }
            replacements[OOXML.packageRelsPart] = XMLBytes.splice(rels, [edit])
        }
        return try rebuild(replacing: replacements, removing: [], adding: added, mainPieces: mainPieces)
    }

    // MARK: Removing

    func unstamped() throws -> Data {
        var replacements: [String: Data] = [:]
        var removed: Set<String> = []
        let (mainData, _) = try document.main()
        let statementRanges = try document.statementAnchor().ranges
        if !statementRanges.isEmpty {
            replacements[package.mainPart] = XMLBytes.splice(mainData, statementRanges.map { ($0, Data()) })
        }
        if let stylesPart = try document.stylesPart() {
            let styles = try package.read(stylesPart)
            if let end = XMLBytes.rootEndTag(styles) {
                for wasEmpty in [true, false] {
                    let ours = Data(DOCXStamp.styleXML(prefix: end.prefix, wasEmpty: wasEmpty).utf8)
                    guard let r = styles.range(of: ours) else { continue }
                    let lower = r.lowerBound - styles.startIndex
                    let range = lower..<lower + ours.count
                    replacements[stylesPart] = (wasEmpty ? XMLBytes.closingEmptyRoot(styles, removing: [range]) : nil)
                        ?? XMLBytes.splice(styles, [(range, Data())])
                    break
                }
            }
        }
        if let (data, props) = try document.custom(), let part = document.customPart {
            let ours = props.properties.filter { OOXML.ourPropertyNames.contains($0.name) }
            let weCreatedIt = package.packageRels.relationships.contains { $0.id == OOXML.customRelID }
            if weCreatedIt && ours.count == props.properties.count {
                removed.insert(part)
                if let rel = package.packageRels.relationships.first(where: { $0.id == OOXML.customRelID }) {
                    replacements[OOXML.packageRelsPart] = XMLBytes.splice(package.packageRelsData, [(rel.range, Data())])
                }
                let types = try package.read(OOXML.contentTypesPart)
                let typesScan = try RelationshipsScanner.scan(types, part: OOXML.contentTypesPart, path: package.path, limits: package.limits)
                if let o = typesScan.overrides.first(where: { $0.partName == "/" + part }) {
                    replacements[OOXML.contentTypesPart] = XMLBytes.splice(types, [(o.range, Data())])
                }
            } else if !ours.isEmpty {
                let closed = DOCXStamp.isMarkedEmpty(data, ours) && ours.count == props.properties.count
                    ? XMLBytes.closingEmptyRoot(data, removing: ours.map(\.range)) : nil
                replacements[part] = closed ?? XMLBytes.splice(data, ours.map { ($0.range, Data()) })
            }
        }
        return try rebuild(replacing: replacements, removing: removed, adding: [])
    }

    /// Splices the statement into the main part, then lets the document forget the original part.
    /// The main part with the statement spliced in, as pieces sharing the original's storage (no copy).
    private func stampMainPart(_ request: StampRequest) throws -> [Data] {
        let (mainData, scan) = try document.main()
        guard let bodyStart = scan.bodyContentStart else { throw noBody() }
        let insertAt: Int
        switch request.placement {
        case .start:
            insertAt = bodyStart
        case .end:
            if let sect = scan.finalSectionStart {
                insertAt = sect
            } else if let bodyEnd = scan.bodyEnd, let lt = mainData[mainData.startIndex..<mainData.startIndex + bodyEnd].lastIndex(of: UInt8(ascii: "<")) {
                insertAt = lt - mainData.startIndex
            } else {
                throw noBody()
            }
        }
        var edits = try document.statementAnchor().ranges.map { (range: $0, replacement: Data()) }
        edits.append((insertAt..<insertAt, Data(DOCXStamp.statementXML(request.statement, prefix: scan.prefix).utf8)))
        return XMLBytes.splicePieces(mainData, edits)
    }

    // MARK: Helpers

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

    private func rebuild(replacing: [String: Data], removing: Set<String>, adding: [(String, Data)], mainPieces: [Data]? = nil) throws -> Data {
        var items: [ZipRebuilder.Item] = []
        for entry in package.orderedEntries where !removing.contains(entry.name) {
            if entry.name == package.mainPart, let mainPieces {
                items.append(.pieces(name: entry.name, pieces: mainPieces, like: entry))
            } else if let data = replacing[entry.name] {
                items.append(.data(name: entry.name, bytes: data, like: entry))
            } else {
                items.append(.copy(entry))
            }
        }
        let like = package.entries[package.mainPart]
        for (name, data) in adding { items.append(.data(name: name, bytes: data, like: like)) }
        do {
            return try ZipRebuilder.build(from: package.zip, items: items)
        } catch let failure as ZipFailure {
            throw DOCXPackage.describe(failure, path: package.path)
        }
    }

    private func noBody() -> DisclosureError {
        .unsupportedFormat(path: package.path, detail: "its main part \(package.mainPart) has no document body")
    }

    private func damaged(_ part: String) -> DisclosureError {
        .unreadable(path: package.path, reason: "\(part) has no closing root element", hint: "The package is damaged; open it in Word and save it again.")
    }
}
