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
    /// opened) is recorded as a space before the start tag's `>` (``OOXMLCustomProperties/emptyRootMark``),
    /// so unstamp closes the root again as it was.
    static func styleXML(prefix: String?, wasEmpty: Bool = false) -> String {
        let w = prefix.map { "\($0):" } ?? ""
        let end = wasEmpty ? OOXMLCustomProperties.emptyRootMark : ">"
        return "<\(w)style \(w)type=\"paragraph\" \(w)customStyle=\"1\" \(w)styleId=\"\(OOXML.styleID)\"\(end)<\(w)name \(w)val=\"AI Disclosure\"/>"
            + "<\(w)basedOn \(w)val=\"Normal\"/><\(w)qFormat/><\(w)pPr><\(w)pBdr><\(w)top \(w)val=\"single\" \(w)sz=\"4\" \(w)space=\"4\" \(w)color=\"808080\"/></\(w)pBdr>"
            + "<\(w)spacing \(w)before=\"240\" \(w)after=\"120\"/></\(w)pPr><\(w)rPr><\(w)i/><\(w)sz \(w)val=\"20\"/></\(w)rPr></\(w)style>"
    }

    // MARK: Stamping

    func stamped(_ request: StampRequest) throws -> Data {
        var edits = OOXMLPartEdits()

        // The statement in the main part.
        let (mainPieces, mainReuse) = try stampMainPart(request)

        // The paragraph style.
        if let stylesPart = try document.stylesPart() {
            let styles = try package.read(stylesPart)
            if XMLBytes.find("styleId=\"\(OOXML.styleID)\"", in: styles) == nil,
               let edit = XMLBytes.insertionAtRootEnd(styles, { DOCXStamp.styleXML(prefix: $0, wasEmpty: $1) }) {
                edits.splice(stylesPart, edit)
            }
        }

        // The custom properties.
        try document.customProperties.stamp(request, existing: try document.custom(), into: &edits)
        return try rebuild(edits, mainPieces: mainPieces, mainReuse: mainReuse)
    }

    // MARK: Removing

    func unstamped() throws -> Data {
        var edits = OOXMLPartEdits()
        let (mainData, _) = try document.main()
        let statementRanges = try document.statementAnchor().ranges
        if !statementRanges.isEmpty {
            edits.whole[package.mainPart] = XMLBytes.splice(mainData, statementRanges.map { ($0, Data()) })
        }
        if let stylesPart = try document.stylesPart() {
            let styles = try package.read(stylesPart)
            if let end = XMLBytes.rootEndTag(styles) {
                for wasEmpty in [true, false] {
                    let ours = Data(DOCXStamp.styleXML(prefix: end.prefix, wasEmpty: wasEmpty).utf8)
                    guard let r = styles.range(of: ours) else { continue }
                    let lower = r.lowerBound - styles.startIndex
                    let range = lower..<lower + ours.count
                    edits.whole[stylesPart] = (wasEmpty ? XMLBytes.closingEmptyRoot(styles, removing: [range]) : nil)
                        ?? XMLBytes.splice(styles, [(range, Data())])
                    break
                }
            }
        }
        try document.customProperties.unstamp(existing: try document.custom(), into: &edits)
        return try rebuild(edits)
    }

    /// Splices the statement into the main part, then lets the document forget the original part.
    /// The main part with the statement spliced in, as pieces sharing the original's storage (no copy),
    /// and what lets the original's DEFLATE blocks away from the changes be copied.
    private func stampMainPart(_ request: StampRequest) throws -> ([Data], DeflateReuse?) {
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
        let reuse = document.mainBlocks.map { DeflateReuse(map: $0, changes: edits.map { DeflateChange(range: $0.range, count: $0.replacement.count) }) }
        return (XMLBytes.splicePieces(mainData, edits), reuse)
    }

    // MARK: Helpers

    private func rebuild(_ edits: OOXMLPartEdits, mainPieces: [Data]? = nil, mainReuse: DeflateReuse? = nil) throws -> Data {
        try edits.rebuild(package.package, like: package.entries[package.mainPart],
                          pieces: mainPieces.map { [package.mainPart: $0] } ?? [:],
                          reuse: mainReuse.map { [package.mainPart: $0] } ?? [:])
    }

    private func noBody() -> DisclosureError {
        .unsupportedFormat(path: package.path, detail: "its main part \(package.mainPart) has no document body")
    }
}
