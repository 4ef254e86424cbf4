internal import CGumbo
import Foundation

// The only file that uses gumbo. Every unsafe pointer to gumbo stays here.

/// An element of a parsed HTML document, with exact byte offsets into the UTF-8 input.
///
/// Stored compactly (a 10 MB page has about 200,000 elements): offsets and positions as `Int32`
/// (inputs are far below 2 GiB), the tag as an index into gumbo's names; the accessors below
/// are what callers use.
struct HTMLElementInfo {
    var attributes: [String: String]
    private var tagIndex: UInt16
    private var start: (lower: Int32, upper: Int32)
    private var end: (lower: Int32, upper: Int32) // (-1, -1): not written in the source
    private var parentIndex: Int32 // -1: none
    private var position: (line: Int32, column: Int32)

    init(tagIndex: UInt16, startTag: Range<Int>, endTag: Range<Int>?, attributes: [String: String], parent: Int?, line: Int, column: Int) {
        self.attributes = attributes
        self.tagIndex = tagIndex
        start = (Int32(clamping: startTag.lowerBound), Int32(clamping: startTag.upperBound))
        end = endTag.map { (Int32(clamping: $0.lowerBound), Int32(clamping: $0.upperBound)) } ?? (-1, -1)
        parentIndex = parent.map { Int32(clamping: $0) } ?? -1
        position = (Int32(clamping: line), Int32(clamping: column))
    }

    /// Lower-case tag name (`unknown` for tags gumbo does not know).
    var tag: String { Gumbo.tagNames[Int(tagIndex)] }
    /// The tag as gumbo's number: an index into ``Gumbo/tagNames``, for tables made from it.
    var tagNumber: Int { Int(tagIndex) }
    /// Offset of the start tag's `<`, and of the byte after its `>`; equal when the start tag is implied.
    var startTag: Range<Int> { Int(start.lower)..<Int(start.upper) }
    /// The end tag's range, when it is written in the source.
    var endTag: Range<Int>? { end.lower < 0 ? nil : Int(end.lower)..<Int(end.upper) }
    var parent: Int? { parentIndex < 0 ? nil : Int(parentIndex) }
    var line: Int { Int(position.line) }
    var column: Int { Int(position.column) }
}

/// Text (or a comment) in a parsed HTML document.
struct HTMLTextInfo {
    var text: String
    private var start: Int32
    private var position: (line: Int32, column: Int32)
    private var parentIndex: Int32 // -1: none
    var isComment: Bool

    init(text: String, offset: Int, line: Int, column: Int, parent: Int?, isComment: Bool) {
        self.text = text
        start = Int32(clamping: offset)
        position = (Int32(clamping: line), Int32(clamping: column))
        parentIndex = parent.map { Int32(clamping: $0) } ?? -1
        self.isComment = isComment
    }

    var offset: Int { Int(start) }
    var line: Int { Int(position.line) }
    var column: Int { Int(position.column) }
    /// The element that contains it.
    var parent: Int? { parentIndex < 0 ? nil : Int(parentIndex) }
}

/// The document as gumbo parsed it, flattened in document order.
struct HTMLTree {
    var elements = ChunkedArray<HTMLElementInfo>()
    var texts = ChunkedArray<HTMLTextInfo>()
    /// For each text, its position among elements and texts in document order (elements: index, texts: -1 - index).
    var order = ChunkedArray<Int32>()
}

/// HTML5 parsing (the WHATWG algorithm) through gumbo, which keeps source offsets.
enum Gumbo {
    /// Lower-case tag names by gumbo's tag number (`unknown` for tags gumbo does not know).
    static let tagNames: [String] = (0...Int(GUMBO_TAG_UNKNOWN.rawValue)).map { raw in
        let name = String(cString: gumbo_normalized_tagname(GumboTag(rawValue: UInt32(raw))))
        return name.isEmpty ? "unknown" : name
    }

    /// An attribute's name, lower-cased. Gumbo gives names in lower case except in SVG and MathML,
    /// where it restores their mixed case (`viewBox`); only those go through `lowercased()`.
    private static func lowercasedName(_ name: UnsafePointer<CChar>) -> String {
        let length = strlen(name)
        guard length > 0 else { return "" }
        let hasUpper = name.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            UnsafeBufferPointer(start: bytes, count: length).contains { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }
        }
        let value = String(cString: name)
        return hasUpper ? value.lowercased() : value
    }

    /// Parses UTF-8 bytes. Nesting deeper than `maxDepth` is cut off (reported by `tooDeep`).
    ///
    /// gumbo's tree is freed node by node as the walk copies it out, into chunks and strings that
    /// reuse the freed memory (``ChunkedArray``), so the peak is about gumbo's own tree, not the
    /// tree and the whole copy (issue 17).
    static func parse(_ utf8: Data, maxDepth: Int) -> (tree: HTMLTree, tooDeep: Bool) {
        var tree = HTMLTree()
        var tooDeep = false
        guard !utf8.isEmpty else { return (tree, false) }
        var elements = ChunkedArray<HTMLElementInfo>()
        var texts = ChunkedArray<HTMLTextInfo>()
        var order = ChunkedArray<Int32>()
        utf8.withUnsafeBytes { raw in
            let buffer = raw.assumingMemoryBound(to: UInt8.self)
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { base in
                var options = kGumboDefaultOptions
                // Gumbo copies the stack of open elements into every error it records, which is quadratic
                // on pages with many unclosed tags; Disclose never reads those errors.
                options.max_errors = 0
                guard let output = gumbo_parse_with_options(&options, base, buffer.count) else { return }
                // Each node is freed as soon as the walk below has copied it out (its children taken
                // first: `gumbo_destroy_node` with the children vector emptied frees the node alone),
                // so gumbo's tree and the walk's copy of it are never both whole: the copy's strings
                // and dictionaries reuse the freed memory (issue 17: the HTML stamp peaked 46 MB above
                // gumbo's own parse). What is left (the document node) goes with the output.
                defer { gumbo_destroy_output(&options, output) }
                // The tree holds its own copies of text and attributes and only pointers into the
                // input, which the walk turns into offsets without reading: the pages of a mapped
                // file are dropped before the walk copies them out (issue 17).
                LargeData.releasePages(of: raw)
                let origin = UnsafeRawPointer(base)
                func offset(_ p: UnsafePointer<CChar>?, fallback: Int) -> Int {
                    guard let p else { return fallback }
                    return UnsafeRawPointer(p) - origin
                }
                // Iterative walk: pages with 100,000 unclosed tags must not exhaust the stack.
                var stack: [(node: UnsafeMutablePointer<GumboNode>, parent: Int?, depth: Int)] = []
                let documentChildren = output.pointee.document.pointee.v.document.children
                for i in (0..<Int(documentChildren.length)).reversed() {
                    stack.append((documentChildren.data[i]!.assumingMemoryBound(to: GumboNode.self), nil, 0))
                }
                // The walk owns the document's children now: destroying the output frees the document alone.
                output.pointee.document.pointee.v.document.children.length = 0
                while let (node, parent, depth) = stack.popLast() {
                    // Freed when this pass ends: with its children when it is cut off below `maxDepth`,
                    // else alone (its children, taken onto the stack, are freed when they are walked).
                    defer { gumbo_destroy_node(&options, node) }
                    switch node.pointee.type {
                    case GUMBO_NODE_ELEMENT, GUMBO_NODE_TEMPLATE:
                        let e = node.pointee.v.element
                        let start = Int(e.start_pos.offset)
                        let startTag = e.original_tag.length > 0 ? offset(e.original_tag.data, fallback: start)..<(offset(e.original_tag.data, fallback: start) + e.original_tag.length) : start..<start
                        var endTag: Range<Int>?
                        if e.original_end_tag.length > 0 {
                            let s = offset(e.original_end_tag.data, fallback: Int(e.end_pos.offset))
                            endTag = s..<(s + e.original_end_tag.length)
                        }
                        var attributes: [String: String] = [:]
                        if e.attributes.length > 0 { attributes.reserveCapacity(Int(e.attributes.length)) }
                        for a in 0..<Int(e.attributes.length) {
                            let attr = e.attributes.data[a]!.assumingMemoryBound(to: GumboAttribute.self).pointee
                            attributes[lowercasedName(attr.name)] = String(cString: attr.value)
                        }
                        let tagIndex = Int(e.tag.rawValue) < tagNames.count ? UInt16(e.tag.rawValue) : UInt16(GUMBO_TAG_UNKNOWN.rawValue)
                        elements.append(HTMLElementInfo(
                            tagIndex: tagIndex, startTag: startTag, endTag: endTag, attributes: attributes,
                            parent: parent, line: Int(e.start_pos.line), column: Int(e.start_pos.column)))
                        let index = elements.count - 1
                        order.append(Int32(index))
                        if depth >= maxDepth { tooDeep = true; continue }
                        for i in (0..<Int(e.children.length)).reversed() {
                            stack.append((e.children.data[i]!.assumingMemoryBound(to: GumboNode.self), index, depth + 1))
                        }
                        node.pointee.v.element.children.length = 0
                    case GUMBO_NODE_TEXT, GUMBO_NODE_WHITESPACE, GUMBO_NODE_CDATA, GUMBO_NODE_COMMENT:
                        let t = node.pointee.v.text
                        texts.append(HTMLTextInfo(
                            text: t.text.map { String(cString: $0) } ?? "", offset: Int(t.start_pos.offset),
                            line: Int(t.start_pos.line), column: Int(t.start_pos.column), parent: parent,
                            isComment: node.pointee.type == GUMBO_NODE_COMMENT))
                        order.append(Int32(-texts.count))
                    default:
                        break
                    }
                }
            }
        }
        tree.elements = elements
        tree.texts = texts
        tree.order = order
        return (tree, tooDeep)
    }
}
