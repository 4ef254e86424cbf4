internal import CGumbo
import Foundation

// The only file that uses gumbo. Every unsafe pointer to gumbo stays here.

/// An element of a parsed HTML document, with exact byte offsets into the UTF-8 input.
struct HTMLElementInfo {
    /// Lower-case tag name (`unknown` for tags gumbo does not know).
    var tag: String
    /// Offset of the start tag's `<`, and of the byte after its `>`; equal when the start tag is implied.
    var startTag: Range<Int>
    /// The end tag's range, when it is written in the source.
    var endTag: Range<Int>?
    var attributes: [String: String]
    var parent: Int?
    var line: Int
    var column: Int
}

/// Text (or a comment) in a parsed HTML document.
struct HTMLTextInfo {
    var text: String
    var offset: Int
    var line: Int
    var column: Int
    /// The element that contains it.
    var parent: Int?
    var isComment: Bool
}

/// The document as gumbo parsed it, flattened in document order.
struct HTMLTree {
    var elements: [HTMLElementInfo] = []
    var texts: [HTMLTextInfo] = []
    /// For each text, its position among elements and texts in document order (elements: index, texts: -1 - index).
    var order: [Int] = []
}

/// HTML5 parsing (the WHATWG algorithm) through gumbo, which keeps source offsets.
enum Gumbo {
    /// Parses UTF-8 bytes. Nesting deeper than `maxDepth` is cut off (reported by `tooDeep`).
    static func parse(_ utf8: [UInt8], maxDepth: Int) -> (tree: HTMLTree, tooDeep: Bool) {
        var tree = HTMLTree()
        var tooDeep = false
        guard !utf8.isEmpty else { return (tree, false) }
        utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { base in
                var options = kGumboDefaultOptions
                // Gumbo copies the stack of open elements into every error it records, which is quadratic
                // on pages with many unclosed tags; Disclose never reads those errors.
                options.max_errors = 0
                guard let output = gumbo_parse_with_options(&options, base, buffer.count) else { return }
                defer { gumbo_destroy_output(&options, output) }
                let origin = UnsafeRawPointer(base)
                func offset(_ p: UnsafePointer<CChar>?, fallback: Int) -> Int {
                    guard let p else { return fallback }
                    return UnsafeRawPointer(p) - origin
                }
                // Tag names by gumbo's enum, so that no String is made per element.
                var tagNames: [UInt32: String] = [:]
                // Iterative walk: pages with 100,000 unclosed tags must not exhaust the stack.
                var stack: [(node: UnsafeMutablePointer<GumboNode>, parent: Int?, depth: Int)] = []
                let documentChildren = output.pointee.document.pointee.v.document.children
                for i in (0..<Int(documentChildren.length)).reversed() {
                    stack.append((documentChildren.data[i]!.assumingMemoryBound(to: GumboNode.self), nil, 0))
                }
                while let (node, parent, depth) = stack.popLast() {
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
                        for a in 0..<Int(e.attributes.length) {
                            let attr = e.attributes.data[a]!.assumingMemoryBound(to: GumboAttribute.self).pointee
                            attributes[String(cString: attr.name).lowercased()] = String(cString: attr.value)
                        }
                        let name: String
                        if let known = tagNames[e.tag.rawValue] { name = known } else {
                            name = String(cString: gumbo_normalized_tagname(e.tag))
                            tagNames[e.tag.rawValue] = name
                        }
                        tree.elements.append(HTMLElementInfo(
                            tag: name.isEmpty ? "unknown" : name, startTag: startTag, endTag: endTag, attributes: attributes,
                            parent: parent, line: Int(e.start_pos.line), column: Int(e.start_pos.column)))
                        let index = tree.elements.count - 1
                        tree.order.append(index)
                        if depth >= maxDepth { tooDeep = true; continue }
                        for i in (0..<Int(e.children.length)).reversed() {
                            stack.append((e.children.data[i]!.assumingMemoryBound(to: GumboNode.self), index, depth + 1))
                        }
                    case GUMBO_NODE_TEXT, GUMBO_NODE_WHITESPACE, GUMBO_NODE_CDATA, GUMBO_NODE_COMMENT:
                        let t = node.pointee.v.text
                        tree.texts.append(HTMLTextInfo(
                            text: t.text.map { String(cString: $0) } ?? "", offset: Int(t.start_pos.offset),
                            line: Int(t.start_pos.line), column: Int(t.start_pos.column), parent: parent,
                            isComment: node.pointee.type == GUMBO_NODE_COMMENT))
                        tree.order.append(-tree.texts.count)
                    default:
                        break
                    }
                }
            }
        }
        return (tree, tooDeep)
    }
}
