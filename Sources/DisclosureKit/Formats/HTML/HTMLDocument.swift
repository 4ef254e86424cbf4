import Foundation

/// An opened HTML page. Our elements are found as byte ranges in the decoded text and edits
/// are made in the original bytes, in the page's own encoding.
final class HTMLDocument: OpenedDocument, StreamedTextBinding, AppendingOutput {
    let handler: any FormatHandler
    let path: String
    let file: TextFile
    let tree: HTMLTree
    let isXHTML: Bool
    private(set) var warnings: [String] = []

    /// Our regions (UTF-8 offsets, each with the line end we add), outermost only.
    private(set) var ourRegions: [Range<Int>] = []
    private var statementElement: Int?
    private var statementCount = 0
    private var statementInComment: HTMLTextInfo?
    private var metadataElement: Int?
    private var excluded: [Bool] = []
    private var block: [Int?] = []

    static let excludedTags: Set<String> = ["script", "style", "template", "noscript", "head", "title"]
    static let blockTags: Set<String> = [
        "html", "body", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre", "blockquote", "section",
        "article", "header", "footer", "main", "aside", "nav", "dt", "dd", "figcaption", "caption", "address", "table", "tr",
        "ul", "ol", "dl", "form", "fieldset", "legend", "details", "summary", "figure", "hr", "center",
    ]

    /// ``excludedTags`` and ``blockTags`` by gumbo's tag number (``HTMLElementInfo/tagNumber``):
    /// a page has hundreds of thousands of elements, and a table needs no hashing.
    static let isExcludedTag: [Bool] = Gumbo.tagNames.map { excludedTags.contains($0) }
    static let isBlockTag: [Bool] = Gumbo.tagNames.map { blockTags.contains($0) }

    /// HTML parsers take time that grows with the square of the number of open elements;
    /// pages that leave more than this many elements open are refused before parsing.
    static let maxUnclosedElements = 20_000

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p", "li", "option", "td", "tr", "dt", "dd"]

    /// ``voidElements`` as keys of ``tagKey(_:_:)``.
    private static let voidKeys: [UInt64] = voidElements.map { name in
        name.utf8.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    /// Start tags minus end tags, leaving out elements that never need an end tag.
    static func unclosedElementCount(_ b: [UInt8]) -> Int {
        b.withUnsafeBytes { unclosedElementCount($0) }
    }

    static func unclosedElementCount(_ b: Data) -> Int {
        b.withUnsafeBytes { unclosedElementCount($0) }
    }

    /// A tag's name is the run of ASCII letters after `<` or `</`; it is looked up lower-cased, as
    /// a number (names of up to 8 letters; the void elements' are shorter), with no String made.
    static func unclosedElementCount(_ b: UnsafeRawBufferPointer) -> Int {
        guard let base = b.baseAddress else { return 0 }
        var balance = 0
        var i = 0
        let n = b.count
        while i + 1 < n {
            guard let found = memchr(base + i, 0x3C, n - 1 - i) else { break }
            i = base.distance(to: UnsafeRawPointer(found))
            let closing = b[i + 1] == 0x2F
            var j = i + (closing ? 2 : 1)
            let start = j
            var key: UInt64 = 0
            while j < n {
                let lower = b[j] | 0x20
                guard lower >= 0x61, lower <= 0x7A else { break }
                if j - start < 8 { key |= UInt64(lower) << (8 * UInt64(j - start)) }
                j += 1
            }
            if j > start {
                let isVoid = j - start <= 8 && voidKeys.contains(key)
                if !isVoid { balance += closing ? -1 : 1 }
            }
            i = max(j, i + 1)
        }
        return balance
    }

    init(input: DocumentInput, handler: any FormatHandler) throws {
        self.handler = handler
        path = input.path
        let label = HTMLEncoding.declaredLabel(input.data)
        let declared = label.flatMap { HTMLEncoding.iconvName($0) }
        // The UTF-8 check, made once for every decision below (each used to copy and scan the page).
        let invalid = TextFile.firstInvalidUTF8(input.data)
        var notes: [String] = []
        if let label, declared == nil, invalid != nil,
           !input.data.starts(with: [0xEF, 0xBB, 0xBF]), !input.data.starts(with: [0xFF, 0xFE]), !input.data.starts(with: [0xFE, 0xFF]) {
            notes.append("the page declares \(label) but its bytes are not valid UTF-8; it was read as browsers read it: each invalid byte sequence shows as the replacement character U+FFFD, and those bytes are kept as they are")
        }
        if label == nil, invalid != nil, !input.data.starts(with: [0xFF, 0xFE]), !input.data.starts(with: [0xFE, 0xFF]) {
            notes.append("the page declares no encoding and is not valid UTF-8; it was read as windows-1252")
        }
        if let declared, declared != "WINDOWS-1252", invalid == nil, !TextFile.isASCII(input.data) {
            notes.append("the page declares \(label!) but its bytes look like UTF-8; it was read as \(label!), as browsers do")
        }
        if let declared, !Iconv.knows(declared) {
            throw DisclosureError.unreadable(path: path, reason: "the page declares the encoding \"\(label ?? declared)\", which this system cannot convert",
                                             hint: "Save the page as UTF-8 and try again; nothing was written.")
        }
        do {
            // A page declared UTF-8 is read as browsers read it, with U+FFFD for bad bytes;
            // a page that declares nothing falls back to windows-1252, as browsers do in English locales.
            file = try TextFile(data: input.data, path: input.path, declared: declared, fallback: "WINDOWS-1252",
                                replacingInvalidUTF8: label != nil && declared == nil, firstInvalid: .some(invalid))
        } catch DisclosureError.invalidEncoding(let p, _, let offset) where invalid != nil {
            throw DisclosureError.invalidEncoding(path: p, encoding: label ?? "windows-1252", byteOffset: offset)
        } catch DisclosureError.invalidEncoding where declared != nil && invalid == nil {
            // Declared as a legacy encoding, not valid in it, but valid UTF-8: read it as UTF-8 and say so.
            file = try TextFile(data: input.data, path: input.path, firstInvalid: .some(invalid))
            notes.removeAll { $0.contains("look like UTF-8") }
            notes.append("the page declares \(label ?? "another encoding") but its bytes are not valid in it and are valid UTF-8; it was read as UTF-8")
        }
        let ext = PathExtension.of(input.path).lowercased()
        let unclosed = HTMLDocument.unclosedElementCount(file.decoded)
        if unclosed > HTMLDocument.maxUnclosedElements {
            throw DisclosureError.limitExceeded(path: path, what: "the page opens \(unclosed) more elements than it closes", limit: "\(HTMLDocument.maxUnclosedElements)")
        }
        let (parsed, tooDeep) = Gumbo.parse(file.decoded, maxDepth: input.limits.maxNestingDepth)
        FreedMemory.release()
        if tooDeep {
            throw DisclosureError.limitExceeded(path: path, what: "elements are nested more than \(input.limits.maxNestingDepth) deep", limit: "\(input.limits.maxNestingDepth) levels")
        }
        tree = parsed
        isXHTML = ext == "xhtml" || file.decoded.starts(with: Array("<?xml".utf8))
            || parsed.elements.first { $0.tag == "html" }?.attributes["xmlns"] == "http://www.w3.org/1999/xhtml"
        warnings = notes
        analyse()
    }

    private var eolBytes: [UInt8] { Array(file.eol.utf8) }

    private func regionWithLineEnd(_ range: Range<Int>) -> Range<Int> {
        let e = eolBytes
        if range.upperBound + e.count <= file.decoded.count, Array(file.decoded[range.upperBound..<range.upperBound + e.count]) == e {
            return range.lowerBound..<range.upperBound + e.count
        }
        return range
    }

    private func analyse() {
        // Built in locals and stored at the end: no exclusivity check per element of a class property.
        var excluded = Array(repeating: false, count: tree.elements.count)
        var block: [Int?] = Array(repeating: nil, count: tree.elements.count)
        defer {
            self.excluded = excluded
            self.block = block
        }
        var ours: [Range<Int>] = []
        for (i, e) in tree.elements.enumerated() {
            let parentExcluded = e.parent.map { excluded[$0] } ?? false
            let mark = e.attributes.isEmpty ? nil : e.attributes[HTMLMarkup.attribute]
            excluded[i] = parentExcluded || HTMLDocument.isExcludedTag[e.tagNumber] || mark == "statement"
            block[i] = HTMLDocument.isBlockTag[e.tagNumber] ? i : e.parent.flatMap { block[$0] }
            guard let mark, e.startTag.count > 0 else { continue }
            let whole = e.startTag.lowerBound..<(e.endTag?.upperBound ?? e.startTag.upperBound)
            switch mark {
            case "statement":
                statementCount += 1
                if statementElement == nil { statementElement = i }
                ours.append(regionWithLineEnd(whole))
            case "metadata":
                if metadataElement == nil { metadataElement = i }
                ours.append(regionWithLineEnd(whole))
            case "meta", "head":
                ours.append(regionWithLineEnd(whole))
            default: break
            }
        }
        if statementElement == nil {
            statementInComment = tree.texts.first { $0.isComment && $0.text.contains("\(HTMLMarkup.attribute)=\"statement\"") }
        }
        // Keep outermost regions only (our head contains our meta tags).
        ours.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for r in ours {
            if let last = merged.last, r.lowerBound < last.upperBound { continue }
            merged.append(r)
        }
        ourRegions = merged
    }

    private func location(line: Int, column: Int, offset: Int) -> Location {
        Location(line: line, column: column, byteOffset: file.originalOffset(min(offset, file.decoded.count)))
    }

    // MARK: OpenedDocument

    private var textCache: DocumentText?

    func text() throws -> DocumentText {
        if let textCache { return textCache }
        let value = readText()
        textCache = value
        return value
    }

    /// True when `s` holds something other than white space (an ASCII scan first; Foundation only for other scripts).
    static func hasContent(_ s: String) -> Bool {
        var ascii = true
        for c in s.utf8 {
            if c > 0x20 && c < 0x7F { return true }
            if c >= 0x80 { ascii = false }
        }
        return !ascii && !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    private func readText() -> DocumentText {
        var paragraphs: [TextParagraph] = []
        forEachParagraph { text, first in
            paragraphs.append(TextParagraph(text: text, location: location(line: first.line, column: first.column, offset: first.offset)))
        }
        return DocumentText(streams: [TextStream(name: "body", paragraphs: paragraphs)])
    }

    /// Calls `body` with each paragraph of the page's text (the text of a block element's own
    /// text nodes, in order) and its first text node.
    private func forEachParagraph(_ body: (String, HTMLTextInfo) -> Void) {
        var current = ""
        var currentBlock: Int?? = .none
        var first: HTMLTextInfo?
        func flush() {
            if let first, HTMLDocument.hasContent(current) { body(current, first) }
            current = ""
            first = nil
        }
        let br = Gumbo.tagNames.firstIndex(of: "br") ?? -1
        let excluded = self.excluded, block = self.block, tree = self.tree
        for item32 in tree.order {
            let item = Int(item32)
            if item >= 0 {
                let e = tree.elements[item]
                if e.tagNumber == br, !(e.parent.map { excluded[$0] } ?? false) { current += "\n" }
                continue
            }
            let t = tree.texts[-item - 1]
            if t.isComment { continue }
            if let p = t.parent, excluded[p] { continue }
            let b = t.parent.flatMap { block[$0] }
            if currentBlock == nil || currentBlock! != b {
                flush()
                currentBlock = .some(b)
            }
            if first == nil { first = t }
            current += t.text
        }
        flush()
    }

    private func ancestors(_ index: Int) -> [Int] {
        var out: [Int] = []
        var cursor: Int? = index
        while let c = cursor { out.append(c); cursor = tree.elements[c].parent }
        return out
    }

    private static let fontSizeZero = CompiledPattern(#"font-size:0(px|em|rem|pt|%)?(;|!|$)"#)
    private static let opacityZero = CompiledPattern(#"opacity:0(\.0*)?(;|!|$)"#)

    private func visibilityProblems(_ index: Int) -> [String] {
        var problems: [String] = []
        for a in ancestors(index) {
            let e = tree.elements[a]
            let who = a == index ? "the statement" : "an enclosing <\(e.tag)>"
            if e.attributes["hidden"] != nil { problems.append("\(who) has the hidden attribute") }
            if e.attributes["aria-hidden"]?.lowercased() == "true" { problems.append("\(who) is aria-hidden") }
            if e.tag == "template" || e.tag == "noscript" { problems.append("the statement is inside <\(e.tag)>, which readers do not see") }
            if let style = e.attributes["style"].map({ QuickReplace.replacing($0.lowercased(), " ", with: "") }) {
                if style.contains("display:none") { problems.append("\(who) is styled display:none") }
                if style.contains("visibility:hidden") { problems.append("\(who) is styled visibility:hidden") }
                // Each pattern needs its literal start; without it the pattern (whose first compiling,
                // ICU's character data, cost about 8 million instructions a stamp) cannot match.
                if style.contains("font-size:0"), Self.fontSizeZero.firstRange(in: style) != nil { problems.append("\(who) is styled font-size:0") }
                if style.contains("opacity:0"), Self.opacityZero.firstRange(in: style) != nil { problems.append("\(who) is styled opacity:0") }
            }
        }
        return problems
    }

    func findStamp() throws -> FoundStamp {
        var statement: FoundStatement?
        if let s = statementElement {
            let e = tree.elements[s]
            let inside = Set(descendants(of: s))
            let text = tree.texts.filter { !$0.isComment && $0.parent.map { inside.contains($0) } == true }.map(\.text).joined(separator: " ")
            statement = FoundStatement(text: CanonicalText.paragraph(text), location: location(line: e.line, column: e.column, offset: e.startTag.lowerBound),
                                       visibilityProblems: visibilityProblems(s))
        } else if let c = statementInComment {
            let stripped = c.text.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
            statement = FoundStatement(text: CanonicalText.paragraph(stripped), location: location(line: c.line, column: c.column, offset: c.offset),
                                       visibilityProblems: ["the statement is inside an HTML comment, so readers do not see it"])
        }
        var metadata: FoundMetadata?
        if let m = metadataElement {
            let e = tree.elements[m]
            let script = tree.texts.filter { $0.parent == m }.map(\.text).joined()
            var facts: [String: String] = [:]
            for el in tree.elements where el.attributes[HTMLMarkup.attribute] == "meta" {
                if el.attributes["name"] == "ai-disclosure" { facts["mode"] = el.attributes["content"] }
                if el.attributes["name"] == "ai-model" { facts["model"] = el.attributes["content"] }
            }
            metadata = FoundMetadata(json: HTMLMarkup.disclosureJSON(fromJSONLD: script) ?? Data(script.utf8),
                                     location: location(line: e.line, column: e.column, offset: e.startTag.lowerBound), facts: facts)
        }
        var problems: [String] = []
        if statementCount > 1 { problems.append("found \(statementCount) statements from Disclose; stamp again to keep just one") }
        return FoundStamp(statement: statement, metadata: metadata, problems: problems)
    }

    private func descendants(of index: Int) -> [Int] {
        var out = [index]
        var set: Set<Int> = [index]
        for (i, e) in tree.elements.enumerated() where i > index {
            if let p = e.parent, set.contains(p) { out.append(i); set.insert(i) }
        }
        return out
    }

    private var ourOriginalRanges: [Range<Int>] {
        ourRegions.map { file.originalOffset($0.lowerBound)..<file.originalOffset($0.upperBound) }
    }

    /// The text hashed as its paragraphs come, as ``text()`` gives them, without making the list.
    func hashText() throws -> TextBindingHasher {
        var hasher = TextBindingHasher()
        if let textCache {
            hasher.add(textCache)
            return hasher
        }
        hasher.begin(stream: "body")
        forEachParagraph { text, _ in hasher.add(paragraph: text) }
        return hasher
    }

    /// ``unmanagedParts()`` hashed from the page's own bytes, without copying them: a chunk at a
    /// time, so a mapped page's pages are dropped once hashed (a stamp hashes them after the parse,
    /// while the copied-out tree is resident; read whole they were 10 MB more at the peak).
    func hashUnmanagedParts(into hasher: inout PartsHasher) throws {
        let keep = KeptRanges.of(count: file.original.count, removing: ourOriginalRanges)
        hasher.begin(name: "-", count: keep.reduce(0) { $0 + $1.count })
        for range in keep { LargeData.forEachChunk(of: file.original[range]) { hasher.update($0) } }
    }

    func unmanagedParts() throws -> [DocumentPart] {
        [DocumentPart(name: "-", bytes: XMLBytes.splice(file.original, ourOriginalRanges.map { ($0, Data()) }))]
    }

    func unstamped() throws -> Data {
        XMLBytes.splice(file.original, ourOriginalRanges.map { ($0, Data()) })
    }

    func stampedOutput(_ request: StampRequest) throws -> DocumentOutput {
        try stampedOutput(request, alwaysReparse: false).output
    }

    func unstampedOutput() throws -> DocumentOutput {
        .pieces(XMLBytes.splicePieces(file.original, ourOriginalRanges.map { ($0, Data()) }))
    }

    private func first(_ tag: String) -> HTMLElementInfo? {
        // Compared by tag number: the page may have hundreds of thousands of elements.
        guard let number = Gumbo.tagNames.firstIndex(of: tag) else { return nil }
        return tree.elements.first { $0.tagNumber == number && !(($0.parent.map { excluded[$0] }) ?? false) }
    }

    func stamped(_ request: StampRequest) throws -> Data {
        try stampedChecking(request, alwaysReparse: false).data
    }

    /// The stamped bytes, and whether the check parsed them again. `alwaysReparse` makes every
    /// stamp take the full check; tests use it to show that the check without a second parse
    /// decides the same (see ``insertionIsProvable(metadataAt:statementAt:)``).
    func stampedChecking(_ request: StampRequest, alwaysReparse: Bool) throws -> (data: Data, reparsed: Bool) {
        let result = try stampedOutput(request, alwaysReparse: alwaysReparse)
        return (result.output.bytes(from: Data()), result.reparsed)
    }

    /// The stamped page as pieces of the original and the inserted bytes (the new page is not
    /// built in memory unless the check must parse it again), and whether the check did.
    private func stampedOutput(_ request: StampRequest, alwaysReparse: Bool) throws -> (output: DocumentOutput, reparsed: Bool) {
        if !ourRegions.isEmpty {
            return try HTMLDocument(input: DocumentInput(data: try unstamped(), path: path), handler: handler).stampedOutput(request, alwaysReparse: alwaysReparse)
        }
        let eol = file.eol
        let asciiOnly: Bool
        if case .legacy = file.encoding { asciiOnly = true } else { asciiOnly = false }
        var edits: [(at: Int, text: String)] = []
        let metadata = HTMLMarkup.metadata(request, eol: eol, xhtml: isXHTML, asciiOnly: asciiOnly)
        let head = first("head"), html = first("html"), body = first("body")
        var metadataAt: Int?
        if let head, head.startTag.count > 0 {
            metadataAt = head.endTag?.lowerBound ?? head.startTag.upperBound
            edits.append((metadataAt!, metadata))
        } else if let html, html.startTag.count > 0 {
            edits.append((html.startTag.upperBound, "<head \(HTMLMarkup.attribute)=\"head\">" + eol + metadata + "</head>" + eol))
        } else {
            // A fragment: no <head> to put it in, so the JSON-LD block goes first.
            let script = metadata.components(separatedBy: eol).filter { $0.hasPrefix("<script") }.joined() + eol
            edits.append((0, script))
        }

        let aside = HTMLMarkup.statement(request.statement, language: request.disclosure.language, asciiOnly: asciiOnly, styled: request.styleStatement) + eol
        let container = [first("main"), first("article")].compactMap { $0 }.first { $0.startTag.count > 0 && $0.endTag != nil }
        let at: Int
        switch request.placement {
        case .start:
            if let c = container { at = c.startTag.upperBound }
            else if let body { at = body.startTag.count > 0 ? body.startTag.upperBound : body.startTag.lowerBound }
            else { at = 0 }
        case .end:
            if let c = container, let end = c.endTag { at = end.lowerBound }
            else if let end = body?.endTag { at = end.lowerBound }
            else if let end = html?.endTag { at = end.lowerBound }
            else { at = file.decoded.count }
        }
        edits.append((at, aside))
        let originalEdits = edits.map { edit in
            let o = file.originalOffset(min(edit.at, file.decoded.count))
            return (range: o..<o, replacement: file.encode(edit.text))
        }
        if alwaysReparse || !insertionIsProvable(metadataAt: metadataAt, statementAt: at) {
            let output = XMLBytes.splice(file.original, originalEdits)
            try checkPlacement(output, request: request, at: at)
            return (.whole(output), true)
        }
        try checkStatement(aside, request: request, at: at)
        return (.pieces(XMLBytes.splicePieces(file.original, originalEdits)), false)
    }

    /// Elements that have no content and no end tag.
    static let emptyElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
    /// Elements our metadata may be inserted inside of, without a second parse.
    static let provableHeadContext: Set<String> = ["html", "head"]
    /// Elements our statement may be inserted inside of, without a second parse.
    static let provableBodyContext: Set<String> = ["html", "body", "main", "article", "div", "section", "header", "footer"]

    /// True when the stamped page can be checked without parsing it again.
    ///
    /// Why that is sound: the metadata goes just before `</head>` (or after `<head>`) and the
    /// statement, an `<aside>` holding escaped text, at the start or end of `<main>`, `<article>` or
    /// `<body>`. The HTML parser handles a tag by the elements open at that point. When every element
    /// open at the metadata's offset is `<html>` or `<head>`, written in the source, our `<meta>` and
    /// `<script>` elements land in the head, as they do in a page of their own; when every element
    /// open at the statement's offset is one of a few plain containers (``provableBodyContext``), the
    /// `<aside>` is an ordinary block there, neither foster-parented (tables), swallowed (`<noscript>`,
    /// `<template>`, `<textarea>`, foreign SVG or MathML content, an unclosed `<title>`) nor reparented
    /// (formatting elements, paragraphs). An element whose end tag is not written counts as open, so
    /// any element the parser closed by itself sends the page to the full check; so does any element
    /// the parser made up (a formatting element it reopened), unless the element written around it is
    /// closed before our offsets or starts after them (a table's missing `<tbody>`), a frameset, a page
    /// with no written `<head>`, and a fragment. Inserting a closed block or head element at such a point
    /// changes no other element's text, so the text and the statement are checked as they would be
    /// after a second parse: the text is unchanged, and the statement is checked on its own
    /// (``checkStatement(_:request:at:)``).
    func insertionIsProvable(metadataAt: Int?, statementAt: Int) -> Bool {
        guard let metadataAt else { return false }
        let offsets = [metadataAt, statementAt]
        let tags = Self.provableTags
        // One pass: the checks below for each element, with tag numbers, not names.
        for e in tree.elements {
            let tag = e.tagNumber
            if tag == tags.frameset { return false }
            let start = e.startTag
            if start.isEmpty {
                if tag != tags.html && tag != tags.head && tag != tags.body {
                    // An element the parser made up (a table's missing <tbody>) is harmless when the
                    // nearest element written in the source around it is closed away from our offsets.
                    var ancestor = e.parent
                    while let a = ancestor, tree.elements[a].startTag.isEmpty { ancestor = tree.elements[a].parent }
                    guard let a = ancestor, let end = tree.elements[a].endTag,
                          offsets.allSatisfy({ $0 <= tree.elements[a].startTag.lowerBound || $0 >= end.upperBound }) else { return false }
                }
                continue
            }
            // Elements open at an offset: written, not empty, started before it, not ended before it.
            if Self.isEmptyElementTag[tag] { continue }
            let end = e.endTag
            if start.upperBound <= metadataAt, end.map({ $0.lowerBound >= metadataAt }) ?? true, !Self.isProvableHeadTag[tag] { return false }
            if start.upperBound <= statementAt, end.map({ $0.lowerBound >= statementAt }) ?? true, !Self.isProvableBodyTag[tag] { return false }
        }
        return true
    }

    /// Tag numbers and tables ``insertionIsProvable(metadataAt:statementAt:)`` uses.
    private static let provableTags = (frameset: Gumbo.tagNames.firstIndex(of: "frameset") ?? -1, html: Gumbo.tagNames.firstIndex(of: "html") ?? -1,
                                       head: Gumbo.tagNames.firstIndex(of: "head") ?? -1, body: Gumbo.tagNames.firstIndex(of: "body") ?? -1)
    private static let isEmptyElementTag: [Bool] = Gumbo.tagNames.map { emptyElements.contains($0) }
    private static let isProvableHeadTag: [Bool] = Gumbo.tagNames.map { provableHeadContext.contains($0) }
    private static let isProvableBodyTag: [Bool] = Gumbo.tagNames.map { provableBodyContext.contains($0) }

    /// Parses our statement element on its own: it must read as the statement, visibly.
    private func checkStatement(_ aside: String, request: StampRequest, at: Int) throws {
        let alone = try HTMLDocument(input: DocumentInput(data: Data(aside.utf8), path: path), handler: handler)
        guard let statement = try alone.findStamp().statement, statement.visibilityProblems.isEmpty,
              CanonicalText.paragraph(statement.text) == CanonicalText.paragraph(request.statement) else {
            let problem = placementProblem(at: at)
            throw DisclosureError.unreadable(path: path, reason: problem.reason, hint: problem.hint)
        }
    }

    /// Elements whose content browsers never show as text.
    static let unseenContent: Set<String> = ["noframes", "noscript", "noembed", "xmp", "plaintext", "textarea", "title", "iframe", "script", "style", "template"]

    /// Why a statement inserted at `at` would not be seen, and what to do, for the refusal.
    private func placementProblem(at: Int) -> (reason: String, hint: String) {
        if tree.elements.contains(where: { $0.tag == "frameset" }) {
            return ("the page is a frameset: browsers show the pages its frames load, never its own body, so no statement in it would be seen",
                    "Stamp the pages the frames load instead. Nothing was written.")
        }
        if let open = tree.elements.last(where: { HTMLDocument.unseenContent.contains($0.tag) && $0.endTag == nil && $0.startTag.count > 0 && $0.startTag.upperBound <= at }) {
            return ("the page ends inside an unclosed <\(open.tag)> (line \(open.line)), whose content browsers do not show, so a statement at the end would not be seen",
                    "Close the <\(open.tag)> element, or stamp with --placement start, and try again. Nothing was written.")
        }
        return ("the statement cannot be placed where readers will see it (the page's markup is too damaged to insert into safely)",
                "Check for unclosed elements around <main> or <body>, or try --placement start. Nothing was written.")
    }

    /// Reads the result back: the statement must be found, visible, and the text unchanged.
    private func checkPlacement(_ output: Data, request: StampRequest, at: Int) throws {
        let again = try HTMLDocument(input: DocumentInput(data: output, path: path), handler: handler)
        let found = try again.findStamp()
        let textAfter = try again.text().body.map { CanonicalText.paragraph($0.text) }
        let textBefore = try text().body.map { CanonicalText.paragraph($0.text) }
        guard let statement = found.statement, found.metadata != nil,
              CanonicalText.paragraph(statement.text) == CanonicalText.paragraph(request.statement),
              textAfter == textBefore else {
            let problem = placementProblem(at: at)
            throw DisclosureError.unreadable(path: path, reason: problem.reason, hint: problem.hint)
        }
    }

    func metadataEntries() throws -> [MetadataEntry] {
        var entries: [MetadataEntry] = []
        for e in tree.elements where e.tag == "meta" {
            guard let name = e.attributes["name"] ?? e.attributes["property"] ?? e.attributes["http-equiv"], let content = e.attributes["content"] else { continue }
            entries.append(MetadataEntry(key: name, value: content, location: location(line: e.line, column: e.column, offset: e.startTag.lowerBound),
                                         isOwnStamp: e.attributes[HTMLMarkup.attribute] != nil))
        }
        for (i, e) in tree.elements.enumerated() where e.tag == "script" && e.attributes["type"]?.lowercased() == "application/ld+json" {
            let text = tree.texts.filter { $0.parent == i }.map(\.text).joined()
            entries.append(MetadataEntry(key: "application/ld+json", value: text, location: location(line: e.line, column: e.column, offset: e.startTag.lowerBound),
                                         isOwnStamp: e.attributes[HTMLMarkup.attribute] != nil))
        }
        for e in tree.elements {
            if let v = e.attributes["ai-disclosure"] {
                entries.append(MetadataEntry(key: "ai-disclosure attribute on <\(e.tag)>", value: v, location: location(line: e.line, column: e.column, offset: e.startTag.lowerBound),
                                             isOwnStamp: e.attributes[HTMLMarkup.attribute] != nil))
            }
        }
        entries += evidenceEntries()
        return entries
    }
}
