import Foundation

/// One shape of a slide (`p:sp`, `p:graphicFrame` with its table, `p:pic`, `p:cxnSp`, or a
/// SmartArt drawing's `dsp:sp`) with its text.
struct SlideShape {
    /// `p:cNvPr/@name` and `@descr` (the alternative text).
    var name = ""
    var descr = ""
    /// The whole element's byte range.
    var range: Range<Int>
    /// Its paragraphs' text, in order.
    var paragraphs: [String] = []
    /// The placeholder (`p:ph`) type and index, when the shape is one.
    var placeholderType: String?
    var placeholderIndex: String?
    /// Its position and size (`a:off`, `a:ext` of its own `a:xfrm`), in EMU, when given.
    var offset: (x: Int, y: Int)?
    var size: (cx: Int, cy: Int)?
    /// Font sizes (hundredths of a point) and colours (`srgbClr`) its runs set.
    var fontSizes: [Int] = []
    var colours: [String] = []
    /// True when `p:cNvPr/@hidden` hides it.
    var hidden = false

    /// The text as a reader sees it, paragraphs joined by line breaks.
    var text: String { paragraphs.joined(separator: "\n") }
}

/// What a scan of a slide, notes slide, comments or layout part found.
struct SlideScan {
    /// The root element's local name (`sld`, `notes`, `sldLayout`, `cmLst`, …).
    var root = ""
    /// `p:cSld/@name`, the slide's name.
    var name: String?
    /// False when the slide is hidden in the slide show (`show="0"` on `p:sld`).
    var shown = true
    /// The layout's `type` (`obj`, `tx`, `title`, …), for layouts.
    var layoutType: String?
    /// Shapes in document (reading) order, nested ones (in groups) included.
    var shapes: [SlideShape] = []
    /// Paragraphs outside any shape: comments (`p:text`, or the text body of a modern comment).
    var looseParagraphs: [String] = []
    /// True when the slide has a background of its own (`p:bg`) with a colour that is not near white.
    var hasDarkBackground = false
    /// The highest `p:cNvPr/@id`.
    var maxShapeID = 0
    /// The prefixes of the PresentationML and DrawingML namespaces on the root.
    var prefix: String?
}

/// Reads a PresentationML part's text and shapes in one streaming pass.
final class SlideScanner: XMLScanHandler {
    private(set) var result = SlideScan()
    private var depth = 0
    /// Open shapes (indices into result.shapes) with their depth.
    private var shapeStack: [(index: Int, depth: Int)] = []
    private var paragraph: String?
    private var inText = false
    private var inLegacyComment = false
    private var runPropertiesDepth: Int?
    private var shapePropertiesDepth: Int?
    private var backgroundDepth: Int?

    private static let shapeNames: Set<String> = ["sp", "pic", "graphicFrame", "cxnSp"]

    var wantsText: Bool { inText || inLegacyComment }

    func wantsAttributes(_ localName: String) -> Bool {
        switch localName {
        case "sld", "sldLayout", "cSld", "cNvPr", "ph", "off", "ext", "rPr", "defRPr", "endParaRPr", "srgbClr": return true
        default: return false
        }
    }

    private var current: Int? { shapeStack.last?.index }

    func didStart(_ tag: XMLStartTag) throws {
        depth += 1
        let name = tag.localName
        if depth == 1 {
            result.root = name
            result.prefix = tag.prefix
            if name == "sld", let show = tag.attribute("show"), ["0", "false"].contains(show) { result.shown = false }
            if name == "sldLayout" { result.layoutType = tag.attribute("type") ?? "cust" }
            return
        }
        switch name {
        case "cSld" where depth == 2:
            result.name = tag.attribute("name")
        case "bg" where depth == 3:
            backgroundDepth = depth
        case _ where Self.shapeNames.contains(name):
            result.shapes.append(SlideShape(range: tag.tagStart..<tag.tagEnd))
            shapeStack.append((result.shapes.count - 1, depth))
        case "cNvPr":
            if let id = tag.attribute("id").flatMap({ Int($0) }) { result.maxShapeID = max(result.maxShapeID, id) }
            if let i = current, result.shapes[i].name.isEmpty && result.shapes[i].descr.isEmpty {
                result.shapes[i].name = tag.attribute("name") ?? ""
                result.shapes[i].descr = tag.attribute("descr") ?? ""
                if let hidden = tag.attribute("hidden"), ["1", "true"].contains(hidden) { result.shapes[i].hidden = true }
            }
        case "ph":
            if let i = current {
                result.shapes[i].placeholderType = tag.attribute("type") ?? "obj"
                result.shapes[i].placeholderIndex = tag.attribute("idx")
            }
        case "spPr":
            if current != nil, shapePropertiesDepth == nil { shapePropertiesDepth = depth }
        case "off":
            if let i = current, shapePropertiesDepth != nil, result.shapes[i].offset == nil,
               let x = tag.attribute("x").flatMap({ Int($0) }), let y = tag.attribute("y").flatMap({ Int($0) }) {
                result.shapes[i].offset = (x, y)
            }
        case "ext":
            if let i = current, shapePropertiesDepth != nil, result.shapes[i].size == nil,
               let cx = tag.attribute("cx").flatMap({ Int($0) }), let cy = tag.attribute("cy").flatMap({ Int($0) }) {
                result.shapes[i].size = (cx, cy)
            }
        case "rPr", "defRPr", "endParaRPr":
            if runPropertiesDepth == nil { runPropertiesDepth = depth }
            if let i = current, name == "rPr", let sz = tag.attribute("sz").flatMap({ Int($0) }) { result.shapes[i].fontSizes.append(sz) }
        case "srgbClr":
            if let i = current, runPropertiesDepth != nil, name == "srgbClr", let value = tag.attribute("val") { result.shapes[i].colours.append(value) }
            if backgroundDepth != nil, let value = tag.attribute("val"), !Self.isNearWhite(value) { result.hasDarkBackground = true }
        case "p" where tag.namespace == PresentationML.drawing:
            paragraph = ""
        case "t" where tag.namespace == PresentationML.drawing:
            inText = !tag.isEmpty
        case "br" where tag.namespace == PresentationML.drawing:
            paragraph? += "\n"
        case "text" where tag.namespace == PresentationML.main || tag.namespace == PresentationML.strictMain:
            // A legacy comment's text (`p:cm/p:text`).
            inLegacyComment = !tag.isEmpty
            paragraph = ""
        default:
            break
        }
    }

    func didRead(text: String) {
        paragraph? += text
    }

    func didEnd(_ tag: XMLEndTag) throws {
        defer { depth -= 1 }
        if let d = runPropertiesDepth, d == depth { runPropertiesDepth = nil }
        if let d = shapePropertiesDepth, d == depth { shapePropertiesDepth = nil }
        if let d = backgroundDepth, d == depth { backgroundDepth = nil }
        if let last = shapeStack.last, last.depth == depth {
            result.shapes[last.index].range = result.shapes[last.index].range.lowerBound..<tag.tagEnd
            shapeStack.removeLast()
            return
        }
        switch tag.localName {
        case "t" where tag.namespace == PresentationML.drawing:
            inText = false
        case "p" where tag.namespace == PresentationML.drawing, "text" where inLegacyComment:
            inLegacyComment = false
            guard let text = paragraph else { return }
            paragraph = nil
            if let i = current { result.shapes[i].paragraphs.append(text) } else { result.looseParagraphs.append(text) }
        default:
            break
        }
    }

    /// True for a colour a reader cannot tell from white (each channel at least F0).
    static func isNearWhite(_ hex: String) -> Bool {
        guard hex.count == 6, let v = UInt32(hex, radix: 16) else { return false }
        return (v >> 16) & 0xFF >= 0xF0 && (v >> 8) & 0xFF >= 0xF0 && v & 0xFF >= 0xF0
    }

    /// Scans a part.
    static func scan(_ data: Data, part: String, path: String, limits: ReadLimits) throws -> SlideScan {
        let scanner = SlideScanner()
        do {
            try XMLScanner.scan(data, maxDepth: limits.maxNestingDepth, handler: scanner)
        } catch let error as XMLScanError {
            throw OOXMLErrors.xml(error, part: part, path: path, wording: .powerPoint)
        }
        return scanner.result
    }
}
