internal import CCmarkGFM
import Foundation

// The only file that uses cmark-gfm. Every unsafe pointer to cmark-gfm stays here.

/// A block of a parsed Markdown document, with its source position (1-based lines and columns).
struct MarkdownBlock: Equatable {
    /// cmark's type name: `paragraph`, `heading`, `code_block`, `html_block`, `table_cell`, `block_quote`, `thematic_break`...
    var type: String
    var startLine: Int
    var startColumn: Int
    var endLine: Int
    var endColumn: Int
    /// The text a reader sees (inline text joined; literal for code and HTML blocks).
    var text: String
    /// Heading level (0 for other blocks).
    var level: Int
    /// Nesting depth (0 for children of the document).
    var depth: Int
    /// For fenced code blocks: the opening fence.
    var fence: MarkdownFence? = nil
}

/// The opening fence of a fenced code block: its character (`` ` `` or `~`), length and indentation.
struct MarkdownFence: Equatable {
    var character: UInt8
    var length: Int
    var indent: Int
}

/// CommonMark with the GitHub extensions (tables, strikethrough, autolinks, task lists), through cmark-gfm.
enum CmarkGFM {
    static let extensions = ["table", "strikethrough", "autolink", "tasklist"]

    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// cmark-gfm keeps two process-wide tables of "special" inline characters (`SPECIAL_CHARS`,
    /// where the inline scanner stops, and `SKIP_CHARS`, characters that emphasis flanking
    /// skips). The installed library (Debian 0.29.0.gfm.6; read in its source and checked in the
    /// shipped binary; docs/markdown-html.md has the evidence) writes them in one place only:
    /// `cmark_parser_finish`, which sets each attached inline extension's characters (`~` for
    /// strikethrough, `:` and `w` for autolink) to 1 before inline parsing and back to 0 after
    /// it, with plain byte stores and no reference count. Attaching an extension or freeing a
    /// parser does not touch them. So a parse that finishes while another is parsing inlines
    /// clears `~` under it and the other misses `~~strikethrough~~`. The tables cannot be made
    /// stable from outside: the same per-extension character list that drives the clearing is
    /// how delimiter processing finds the strikethrough extension for a `~` run, and emptying
    /// it after setting the tables once makes `cmark_parser_finish` loop forever.
    ///
    /// So only `cmark_parser_finish` (block closing plus inline parsing) runs one at a time.
    /// Feeding the bytes (block parsing), walking the tree, rendering HTML and freeing run in
    /// parallel: no table read or write happens there (in the binary, the tables are used only
    /// by `cmark_parse_inlines` and the set/clear helpers `cmark_parser_finish` calls).
    /// (A plain `NSLock`, not `Locked<Void>`: ThreadSanitizer reports the exclusive access to a
    /// zero-sized stored value inside `Locked.withLock` as racing with the read of its lock.)
    private static let inlinePhase = NSLock()

    private static func withDocument<T>(_ utf8: [UInt8], options: Int32, _ body: (OpaquePointer, OpaquePointer) -> T) -> T {
        _ = registered
        let parser = cmark_parser_new(options)!
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
        }
        let root = inlinePhase.withLock { cmark_parser_finish(parser)! }
        defer { cmark_node_free(root) }
        return body(parser, root)
    }

    /// The blocks of `utf8` in document order.
    static func blocks(_ utf8: [UInt8]) -> [MarkdownBlock] {
        withDocument(utf8, options: CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES) { _, root in
            var out: [MarkdownBlock] = []
            collect(root, depth: -1, names: TypeNames(), into: &out)
            return out
        }
    }

    /// HTML as cmark-gfm renders it (raw HTML kept), for tests that compare renderings.
    static func html(_ utf8: [UInt8]) -> String {
        withDocument(utf8, options: CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES) { parser, root in
            guard let rendered = cmark_render_html(root, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser)) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// Type names by cmark's numeric type (extension types are numbered at run time), so that
    /// no String is made per node: a 10 MB file has over a million nodes.
    private final class TypeNames {
        var names: [UInt32: String] = [:]
        func name(_ node: OpaquePointer) -> String {
            let type = UInt32(cmark_node_get_type(node).rawValue)
            if let known = names[type] { return known }
            let name = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
            names[type] = name
            return name
        }
    }

    private static let textBlocks: Set<String> = ["paragraph", "heading", "code_block", "html_block", "table_cell"]

    /// Walks the tree in document order without recursion (a file of 100,000 nested block
    /// quotes must not exhaust the stack): down to the first child, else to the next
    /// sibling, else up until a parent has one.
    private static func walk(_ root: OpaquePointer, _ visit: (OpaquePointer, Int) -> Bool) {
        var next = cmark_node_first_child(root)
        var depth = 0
        while let node = next {
            if visit(node, depth), let child = cmark_node_first_child(node) {
                next = child
                depth += 1
                continue
            }
            var current = node
            next = nil
            while true {
                if let sibling = cmark_node_next(current) {
                    next = sibling
                    break
                }
                guard let parent = cmark_node_parent(current), parent != root else { break }
                current = parent
                depth -= 1
            }
        }
    }

    private static func collect(_ root: OpaquePointer, depth _: Int, names: TypeNames, into out: inout [MarkdownBlock]) {
        walk(root) { node, depth in
            let type = names.name(node)
            var text = ""
            if type == "code_block" || type == "html_block" {
                text = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            } else if textBlocks.contains(type) {
                inlineText(node, names: names, into: &text)
            }
            var fence: MarkdownFence?
            if type == "code_block" {
                var length: Int32 = 0, indent: Int32 = 0
                var character: CChar = 0
                if cmark_node_get_fenced(node, &length, &indent, &character) != 0, length > 0 {
                    fence = MarkdownFence(character: UInt8(bitPattern: character), length: Int(length), indent: Int(indent))
                }
            }
            out.append(MarkdownBlock(
                type: type, startLine: Int(cmark_node_get_start_line(node)), startColumn: Int(cmark_node_get_start_column(node)),
                endLine: Int(cmark_node_get_end_line(node)), endColumn: Int(cmark_node_get_end_column(node)),
                text: text, level: type == "heading" ? Int(cmark_node_get_heading_level(node)) : 0, depth: depth, fence: fence))
            return !textBlocks.contains(type)
        }
    }

    private static func inlineText(_ block: OpaquePointer, names: TypeNames, into text: inout String) {
        walk(block) { node, _ in
            switch names.name(node) {
            case "text", "code":
                text += cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                return false
            case "softbreak": text += " "; return false
            case "linebreak": text += "\n"; return false
            case "html_inline": return false
            default: return true
            }
        }
    }
}
