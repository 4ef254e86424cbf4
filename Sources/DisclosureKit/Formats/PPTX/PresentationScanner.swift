import Foundation

/// What a scan of `ppt/presentation.xml` found: the slide list in order, the slide size and
/// where a slide list entry goes.
struct PresentationScan {
    /// One `p:sldId`: its id, the relationship naming the slide part, and its byte range.
    struct SlideEntry { var id: Int; var relID: String; var range: Range<Int> }

    /// The slides in `p:sldIdLst` order.
    var slides: [SlideEntry] = []
    /// The prefix bound to the PresentationML namespace on the root (nil: the default namespace).
    var prefix: String?
    /// The prefix bound to the relationships namespace on the root, when there is one.
    var relsPrefix: String?
    /// The `p:sldIdLst` element: its start tag's range, and the offset of its end tag (nil when
    /// it is self-closing).
    var listStart: Range<Int>?
    var listEndTag: Int?
    /// Where a new `p:sldIdLst` goes when there is none: before the first child of the root that
    /// comes after the master lists (`p:sldSz`, …), else before the root's end tag.
    var listInsertion: Int?
    /// The slide size in EMU (`p:sldSz`), when given.
    var slideWidth: Int?
    var slideHeight: Int?
    /// True when the root is in the Strict OOXML namespace.
    var isStrict = false
    /// True when the root is `p:presentation`.
    var isPresentation = false
}

/// Reads `ppt/presentation.xml` in one streaming pass.
final class PresentationScanner: XMLScanHandler {
    private(set) var result = PresentationScan()
    private var depth = 0
    private var listDepth: Int?
    private static let beforeList: Set<String> = ["sldMasterIdLst", "notesMasterIdLst", "handoutMasterIdLst", "sldIdLst"]

    var wantsText: Bool { false }
    func wantsAttributes(_ localName: String) -> Bool { localName == "sldId" || localName == "sldSz" }
    func didRead(text: String) {}

    func didStart(_ tag: XMLStartTag) throws {
        depth += 1
        if depth == 1 {
            rootStartEnd = tag.tagEnd
            result.isStrict = tag.namespace == PresentationML.strictMain
            result.isPresentation = tag.localName == "presentation" && (tag.namespace == PresentationML.main || result.isStrict)
            result.prefix = tag.prefix
            result.relsPrefix = tag.namespaceDeclarations.first { $0.uri == PresentationML.officeRels && $0.prefix != nil }?.prefix
            return
        }
        guard tag.namespace == PresentationML.main || tag.namespace == PresentationML.strictMain else { return }
        if depth == 2 {
            if tag.localName == "sldIdLst" {
                listDepth = depth
                result.listStart = tag.tagStart..<tag.tagEnd
            } else if result.listInsertion == nil && result.listStart == nil && !Self.beforeList.contains(tag.localName) {
                result.listInsertion = tag.tagStart
            }
            if tag.localName == "sldSz" {
                result.slideWidth = tag.attribute("cx").flatMap { Int($0) }
                result.slideHeight = tag.attribute("cy").flatMap { Int($0) }
            }
        } else if depth == 3, listDepth != nil, tag.localName == "sldId" {
            let relID = tag.attributes.first { $0.localName == "id" && $0.prefix != nil }?.value ?? ""
            let id = tag.attributes.first { $0.localName == "id" && $0.prefix == nil }?.value
            result.slides.append(.init(id: id.flatMap { Int($0) } ?? 0, relID: relID, range: tag.tagStart..<tag.tagEnd))
        }
    }

    private var rootStartEnd = 0
    func didEnd(_ tag: XMLEndTag) throws {
        defer { depth -= 1 }
        if depth == 2, let l = listDepth, l == depth {
            listDepth = nil
            if let start = result.listStart, tag.tagEnd > start.upperBound {
                // The end tag is the last `</…>` before tagEnd.
                result.listEndTag = tagStartOfEnd
            }
        }
        // A self-closing root has no inside to put a slide list in.
        if depth == 1, result.listInsertion == nil, tag.tagEnd != rootStartEnd { result.listInsertion = tagStartOfEnd }
    }

    /// Set by ``scan(_:part:path:limits:)`` from the bytes: the `<` of the end tag just reported.
    private var tagStartOfEnd: Int?

    static func scan(_ data: Data, part: String, path: String, limits: ReadLimits) throws -> PresentationScan {
        let scanner = PresentationScanner()
        let bytes = data
        let box = EndTagLocator(data: bytes, scanner: scanner)
        do {
            try XMLScanner.scan(data, maxDepth: limits.maxNestingDepth, handler: box)
        } catch let error as XMLScanError {
            throw OOXMLErrors.xml(error, part: part, path: path, wording: .powerPoint)
        }
        return scanner.result
    }

    /// Finds the `<` of each end tag (the scanner reports where it ends) and passes events on.
    private final class EndTagLocator: XMLScanHandler {
        let data: Data
        let scanner: PresentationScanner
        init(data: Data, scanner: PresentationScanner) { self.data = data; self.scanner = scanner }
        var wantsText: Bool { false }
        func wantsAttributes(_ localName: String) -> Bool { scanner.wantsAttributes(localName) }
        func didRead(text: String) {}
        func didStart(_ tag: XMLStartTag) throws { try scanner.didStart(tag) }
        func didEnd(_ tag: XMLEndTag) throws {
            var i = data.startIndex + tag.tagEnd - 1
            while i > data.startIndex, data[i] != UInt8(ascii: "<") { i -= 1 }
            scanner.tagStartOfEnd = i - data.startIndex
            try scanner.didEnd(tag)
        }
    }
}
