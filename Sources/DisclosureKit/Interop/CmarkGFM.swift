internal import CCmarkGFM
import Foundation

// The only file that uses cmark-gfm. Every unsafe pointer to cmark-gfm stays here.

/// A block of a parsed Markdown document, with its source position (1-based lines and columns).
///
/// Stored compactly (a 10 MB file has about 100,000 blocks): positions as `Int32`, the fence
/// inline; the `Int` and ``MarkdownFence`` accessors are what callers use.
struct MarkdownBlock: Equatable {
    /// The kinds of block Disclose tells apart; every other block is `other`.
    enum Kind: UInt8 {
        case paragraph, heading, codeBlock, htmlBlock, tableCell, other

        /// The kind of a block cmark names `name` (`other` for the rest).
        init(name: String) {
            switch name {
            case "paragraph": self = .paragraph
            case "heading": self = .heading
            case "code_block": self = .codeBlock
            case "html_block": self = .htmlBlock
            case "table_cell": self = .tableCell
            default: self = .other
            }
        }

        /// Blocks whose text readers see (their inlines are read as text, not walked as blocks).
        var holdsText: Bool { self != .other }
    }

    var kind: Kind
    /// Where the text a reader sees (inline text joined; literal for code and HTML blocks) is
    /// kept in ``MarkdownBlocks``' text store, as UTF-8: no `String` is made per block.
    fileprivate var textChunk: UInt32
    fileprivate var textStart: UInt32
    fileprivate var textCount: UInt32
    private var lines: (start: Int32, startColumn: Int32, end: Int32, endColumn: Int32)
    private var nesting: Int32
    private var headingLevel: UInt8
    private var fenceCharacter: UInt8
    private var fenceIndent: UInt8
    private var fenceLength: Int32

    fileprivate init(kind: Kind, startLine: Int, startColumn: Int, endLine: Int, endColumn: Int, text: MarkdownTextStore.Slot, level: Int, depth: Int, fence: MarkdownFence? = nil) {
        self.kind = kind
        (textChunk, textStart, textCount) = text
        lines = (Int32(clamping: startLine), Int32(clamping: startColumn), Int32(clamping: endLine), Int32(clamping: endColumn))
        nesting = Int32(clamping: depth)
        headingLevel = UInt8(clamping: level)
        fenceCharacter = fence?.character ?? 0
        fenceIndent = UInt8(clamping: fence?.indent ?? 0)
        fenceLength = Int32(clamping: fence?.length ?? 0)
    }

    /// True when the block has text (a non-empty ``MarkdownBlocks/text(_:)``).
    var hasText: Bool { textCount > 0 }
    var startLine: Int { Int(lines.start) }
    var startColumn: Int { Int(lines.startColumn) }
    var endLine: Int { Int(lines.end) }
    var endColumn: Int { Int(lines.endColumn) }
    /// Heading level (0 for other blocks).
    var level: Int { Int(headingLevel) }
    /// Nesting depth (0 for children of the document).
    var depth: Int { Int(nesting) }
    /// For fenced code blocks: the opening fence.
    var fence: MarkdownFence? {
        fenceLength > 0 ? MarkdownFence(character: fenceCharacter, length: Int(fenceLength), indent: Int(fenceIndent)) : nil
    }

    static func == (a: MarkdownBlock, b: MarkdownBlock) -> Bool {
        a.kind == b.kind && a.textChunk == b.textChunk && a.textStart == b.textStart && a.textCount == b.textCount && a.lines == b.lines && a.nesting == b.nesting && a.headingLevel == b.headingLevel
            && a.fence == b.fence
    }
}

/// The blocks of a parsed Markdown document in document order, and their texts.
struct MarkdownBlocks: RandomAccessCollection {
    /// In chunks that come from the heap the freed tree leaves (``ChunkedArray``), not one array
    /// made at its size while the whole tree is alive (issue 17).
    fileprivate var items: ChunkedArray<MarkdownBlock>
    fileprivate var store: MarkdownTextStore

    var startIndex: Int { 0 }
    var endIndex: Int { items.count }
    subscript(i: Int) -> MarkdownBlock { items[i] }

    /// The text a reader sees of `block` (a block of this collection).
    func text(_ block: MarkdownBlock) -> String {
        withText(block) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 of ``text(_:)`` as cmark-gfm gave it (a `String` made from
    /// these bytes is ``text(_:)``).
    func withText<R>(_ block: MarkdownBlock, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        store.withBytes((block.textChunk, block.textStart, block.textCount), body)
    }
}

/// The blocks' texts, one after another in chunks of 64 KiB (a text longer than that gets a
/// chunk of its own). Chunks this size come from the heap the freed parse tree leaves, where a
/// `String` per block did before; one buffer of the whole text would be new pages at the peak.
struct MarkdownTextStore {
    typealias Slot = (chunk: UInt32, start: UInt32, count: UInt32)
    static let chunkSize = 1 << 16
    private var chunks: [[UInt8]] = []

    /// Keeps `bytes`; returns where they are.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Slot {
        guard !bytes.isEmpty else { return (0, 0, 0) }
        if chunks.isEmpty || chunks[chunks.count - 1].capacity - chunks[chunks.count - 1].count < bytes.count {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(max(Self.chunkSize, bytes.count))
            chunks.append(chunk)
        }
        let last = chunks.count - 1
        let start = chunks[last].count
        chunks[last].append(contentsOf: bytes)
        return (UInt32(last), UInt32(start), UInt32(bytes.count))
    }

    func withBytes<R>(_ slot: Slot, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard slot.count > 0 else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return chunks[Int(slot.chunk)].withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[Int(slot.start)..<Int(slot.start + slot.count)]))
        }
    }
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

    /// Parses `utf8`, reading the bytes in `blank` (front matter) as spaces, line ends kept,
    /// without copying the rest: cmark-gfm is fed the pieces in turn.
    private static func withDocument<T>(_ utf8: Data, blank: Range<Int>? = nil, options: Int32, _ body: (OpaquePointer, OpaquePointer) -> T) -> T {
        _ = registered
        let parser = cmark_parser_new(options)!
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { cmark_parser_feed(parser, $0, bytes.count) }
        }
        // Fed a chunk at a time (``LargeData/forEachChunk(of:upTo:_:)``): cmark-gfm copies what it
        // is fed, so the pages of a mapped file are dropped once fed and the file is not resident
        // at the parse's peak, when the whole tree is (issue 17).
        func feedRange(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            LargeData.forEachChunk(of: utf8[(utf8.startIndex + range.lowerBound)..<(utf8.startIndex + range.upperBound)]) {
                feed($0.assumingMemoryBound(to: UInt8.self))
            }
        }
        guard let blank = blank?.clamped(to: 0..<utf8.count), !blank.isEmpty else {
            feedRange(0..<utf8.count)
            return finish(parser, body)
        }
        feedRange(0..<blank.lowerBound)
        // Through the bytes: a `Data` slice's own `map` reads a byte at a time through `Data`'s
        // subscript (about 100 instructions a byte).
        let spaces = utf8[(utf8.startIndex + blank.lowerBound)..<(utf8.startIndex + blank.upperBound)].withUnsafeBytes { bytes in
            bytes.map { $0 == 0x0A || $0 == 0x0D ? $0 : 0x20 }
        }
        spaces.withUnsafeBufferPointer(feed)
        feedRange(blank.upperBound..<utf8.count)
        return finish(parser, body)
    }

    private static func finish<T>(_ parser: OpaquePointer, _ body: (OpaquePointer, OpaquePointer) -> T) -> T {
        let root = inlinePhase.withLock { cmark_parser_finish(parser)! }
        defer { cmark_node_free(root) }
        return body(parser, root)
    }

    /// The blocks of `utf8` in document order; the bytes in `blank` (front matter) read as
    /// spaces. Each top-level block's nodes are freed once its blocks are collected, so the
    /// tree and the result are not both whole at once.
    static func blocks(_ utf8: Data, blank: Range<Int>? = nil) -> MarkdownBlocks {
        withDocument(utf8, blank: blank, options: CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES) { _, root in
            var out = ChunkedArray<MarkdownBlock>()
            var store = MarkdownTextStore()
            var kinds = Kinds()
            var buffer: [UInt8] = []
            var child = cmark_node_first_child(root)
            while let node = child {
                child = cmark_node_next(node)
                collect(node, kinds: &kinds, buffer: &buffer, store: &store, into: &out)
                cmark_node_free(node)
            }
            return MarkdownBlocks(items: out, store: store)
        }
    }

    /// HTML as cmark-gfm renders it (raw HTML kept), for tests that compare renderings.
    static func html(_ utf8: [UInt8]) -> String {
        withDocument(Data(utf8), options: CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES) { parser, root in
            guard let rendered = cmark_render_html(root, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser)) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// Block kinds by cmark's numeric type (extension types are numbered at run time), so that
    /// nothing is hashed or made per node: a 10 MB file has over a million nodes. Block and
    /// inline types are a flag bit (0x8000, 0x4000) and a small number; they index a table.
    /// A struct used through a local variable, not a class: a class's stored property would
    /// cost a dynamic exclusivity check on every lookup.
    private struct Kinds {
        private var table = [UInt8](repeating: 0xFF, count: 1024)
        private var others: [UInt32: MarkdownBlock.Kind] = [:]

        mutating func kind(_ node: OpaquePointer) -> MarkdownBlock.Kind {
            let type = UInt32(cmark_node_get_type(node).rawValue)
            let small = type & 0x3FFF < 0x100
            let slot = Int((type >> 14) & 0x3) << 8 | Int(type & 0xFF)
            if small, let known = MarkdownBlock.Kind(rawValue: table[slot]) { return known }
            if !small, let known = others[type] { return known }
            let name = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
            let kind = MarkdownBlock.Kind(name: name)
            if small { table[slot] = kind.rawValue } else { others[type] = kind }
            return kind
        }
    }

    /// Walks `top` and its descendants in document order without recursion (a file of 100,000
    /// nested block quotes must not exhaust the stack): down to the first child, else to the
    /// next sibling, else up until a parent has one. `top` has depth 0.
    private static func walk(_ top: OpaquePointer, _ visit: (OpaquePointer, Int) -> Bool) {
        var next: OpaquePointer? = top
        var depth = 0
        while let node = next {
            if visit(node, depth), let child = cmark_node_first_child(node) {
                next = child
                depth += 1
                continue
            }
            var current = node
            next = nil
            while current != top {
                if let sibling = cmark_node_next(current) {
                    next = sibling
                    break
                }
                guard let parent = cmark_node_parent(current) else { break }
                current = parent
                depth -= 1
            }
        }
    }

    private static func collect(_ top: OpaquePointer, kinds: inout Kinds, buffer: inout [UInt8], store: inout MarkdownTextStore,
                                into out: inout ChunkedArray<MarkdownBlock>) {
        walk(top) { node, depth in
            let kind = kinds.kind(node)
            var text: MarkdownTextStore.Slot = (0, 0, 0)
            if kind == .codeBlock || kind == .htmlBlock {
                if let literal = cmark_node_get_literal(node) {
                    text = literal.withMemoryRebound(to: UInt8.self, capacity: 1) { store.append(UnsafeBufferPointer(start: $0, count: strlen(literal))) }
                }
            } else if kind.holdsText {
                buffer.removeAll(keepingCapacity: true)
                inlineText(node, into: &buffer)
                text = buffer.withUnsafeBufferPointer { store.append($0) }
            }
            var fence: MarkdownFence?
            if kind == .codeBlock {
                var length: Int32 = 0, indent: Int32 = 0
                var character: CChar = 0
                if cmark_node_get_fenced(node, &length, &indent, &character) != 0, length > 0 {
                    fence = MarkdownFence(character: UInt8(bitPattern: character), length: Int(length), indent: Int(indent))
                }
            }
            out.append(MarkdownBlock(
                kind: kind, startLine: Int(cmark_node_get_start_line(node)), startColumn: Int(cmark_node_get_start_column(node)),
                endLine: Int(cmark_node_get_end_line(node)), endColumn: Int(cmark_node_get_end_column(node)),
                text: text, level: kind == .heading ? Int(cmark_node_get_heading_level(node)) : 0, depth: depth, fence: fence))
            return !kind.holdsText
        }
    }

    /// Appends the inline text of `block` (its descendants' text and code, breaks as a space or
    /// a line end) to `text` as UTF-8, with no String made per node.
    private static func inlineText(_ block: OpaquePointer, into text: inout [UInt8]) {
        guard let first = cmark_node_first_child(block) else { return }
        var next: OpaquePointer? = first
        while let node = next {
            var descend = false
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) {
                    literal.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
                        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: strlen(literal)))
                    }
                }
            case CMARK_NODE_SOFTBREAK: text.append(0x20)
            case CMARK_NODE_LINEBREAK: text.append(0x0A)
            case CMARK_NODE_HTML_INLINE: break
            default: descend = true
            }
            if descend, let child = cmark_node_first_child(node) {
                next = child
                continue
            }
            var current = node
            next = nil
            while true {
                if let sibling = cmark_node_next(current) {
                    next = sibling
                    break
                }
                guard let parent = cmark_node_parent(current), parent != block else { break }
                current = parent
            }
        }
    }
}
