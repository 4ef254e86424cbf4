import Foundation

/// An opened Markdown file. Our statement and metadata are found as byte ranges of the
/// decoded text; edits are made in the original bytes, so everything else stays identical.
final class MarkdownDocument: OpenedDocument {
    let handler: any FormatHandler
    let path: String
    let file: TextFile
    /// The decoded UTF-8 (the file's own bytes for UTF-8 without a byte order mark: no copy).
    let b: Data
    let lines: [TextLine]
    let frontMatter: FrontMatter?

    /// Our statement block: its byte range (with the blank line we add) and its marker lines.
    private(set) var statementRegion: Range<Int>?
    private(set) var statementLines: ClosedRange<Int>?
    private(set) var statementCount = 0
    /// True when some line, trimmed, is one of our statement markers (matched or not).
    private(set) var hasMarkerLine = false
    /// Our metadata: its byte range, what it holds, and the line it starts on.
    private(set) var metadataRegion: Range<Int>?
    private(set) var metadataValues: [String: String] = [:]
    private(set) var metadataLine: Int?
    private(set) var metadataLines: ClosedRange<Int>?
    private(set) var frontMatterIsOurs = false
    /// Set when a stamp asks for the binding (``StampPreparing``): the parts are then hashed while the text is parsed.
    private var preparingToStamp = false

    init(input: DocumentInput, handler: any FormatHandler) throws {
        self.handler = handler
        path = input.path
        file = try TextFile(data: input.data, path: input.path)
        b = file.decoded
        lines = TextLine.split(b)
        frontMatter = FrontMatter.detect(b, lines: lines)
        findStatement()
        findMetadata()
    }

    private func line(_ i: Int) -> String { lines[i].text(b) }

    private static let quoteTrim = QuickTrim(CharacterSet(charactersIn: "\""))

    /// True when line `i`'s bytes contain `word`.
    private func lineContains(_ i: Int, _ word: [UInt8]) -> Bool {
        let start = lines[i].start, end = lines[i].contentEnd
        guard !word.isEmpty, end - start >= word.count else { return false }
        for s in start...(end - word.count) where b[s] == word[0] {
            if b[s..<(s + word.count)].elementsEqual(word) { return true }
        }
        return false
    }
    private func isBlank(_ i: Int) -> Bool { i >= 0 && i < lines.count && trimmed(i).isEmpty }

    /// Line `i`'s bytes without leading and trailing spaces and tabs (no String is made: files have many lines).
    private func trimmed(_ i: Int) -> Data {
        var s = lines[i].start, e = lines[i].contentEnd
        while s < e, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
        return b[s..<e]
    }

    private static let beginBytes = Array(MarkdownMarkers.begin.utf8)
    private static let beginAfterFenceBytes = Array(MarkdownMarkers.beginAfterFence.utf8)
    private static let endBytes = Array(MarkdownMarkers.end.utf8)
    private var contentStart: Int { frontMatter?.range.upperBound ?? 0 }

    private func isBeginMarker(_ text: String) -> Bool {
        text == MarkdownMarkers.begin || text == MarkdownMarkers.beginAfterFence
    }

    /// True for a line that can close a code fence: up to 3 spaces, then 3 or more backticks or tildes, then spaces.
    private func isFenceLine(_ i: Int) -> Bool {
        let t = Array(line(i).utf8)
        let indent = t.prefix { $0 == 0x20 }.count
        guard indent <= 3, indent < t.count, t[indent] == 0x60 || t[indent] == 0x7E else { return false }
        let run = t[indent...].prefix { $0 == t[indent] }.count
        return run >= 3 && t[(indent + run)...].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    private func findStatement() {
        var i = 0
        while i < lines.count {
            // Only a line whose first non-blank byte is `<` can be a marker: the rest are passed
            // over without comparing (a 10 MB file has about 100,000 lines).
            var first = lines[i].start
            let end = lines[i].contentEnd
            while first < end, b[first] == 0x20 || b[first] == 0x09 { first += 1 }
            guard first < end, b[first] == 0x3C else { i += 1; continue }
            let marker = trimmed(i)
            let afterFence = marker.elementsEqual(Self.beginAfterFenceBytes)
            if marker.first == 0x3C, afterFence || marker.elementsEqual(Self.beginBytes) || marker.elementsEqual(Self.endBytes) {
                hasMarkerLine = true
            }
            if marker.first == 0x3C, afterFence || marker.elementsEqual(Self.beginBytes),
               let j = (i + 1..<lines.count).first(where: { trimmed($0).elementsEqual(Self.endBytes) }) {
                statementCount += 1
                if statementRegion == nil {
                    statementLines = i...j
                    let hasEOL = lines[j].next > lines[j].contentEnd
                    if afterFence, i >= 2, isBlank(i - 1), isFenceLine(i - 2) {
                        // The closing fence we added (and, when the file had no final line end, the one before it).
                        statementRegion = hasEOL ? lines[i - 2].start..<lines[j].next
                            : (i >= 3 ? lines[i - 3].contentEnd : lines[i - 2].start)..<lines[j].contentEnd
                    } else if hasEOL {
                        if isBlank(i - 1) {
                            statementRegion = lines[i - 1].start..<lines[j].next
                        } else {
                            statementRegion = lines[i].start..<(isBlank(j + 1) ? lines[j + 1].next : lines[j].next)
                        }
                    } else if isBlank(i - 1) && i >= 2 {
                        statementRegion = lines[i - 2].contentEnd..<lines[j].contentEnd
                    } else {
                        statementRegion = lines[i].start..<lines[j].contentEnd
                    }
                }
                i = j + 1
                continue
            }
            i += 1
        }
    }

    private func findMetadata() {
        if let fm = frontMatter {
            let key = fm.kind == .yaml ? MarkdownMarkers.frontMatterKey + ":" : "[" + MarkdownMarkers.frontMatterKey + "]"
            // A line without the key's bytes cannot trim to the key: only those lines make a String.
            let keyBytes = Array(key.utf8)
            if let k = (fm.openLine + 1..<fm.closeLine).first(where: {
                lineContains($0, keyBytes) && QuickTrim.whitespaces(line($0)) == key
            }) {
                var m = k + 1
                while m < fm.closeLine {
                    let t = line(m)
                    let continues = fm.kind == .yaml ? (t.hasPrefix(" ") || t.hasPrefix("\t") || t.isEmpty) : !t.hasPrefix("[")
                    if !continues { break }
                    m += 1
                }
                for index in (k + 1)..<m {
                    let t = QuickTrim.whitespaces(line(index))
                    let separator: Character = fm.kind == .yaml ? ":" : "="
                    guard let s = t.firstIndex(of: separator) else { continue }
                    let name = Self.quoteTrim(QuickTrim.whitespaces(t[..<s]))
                    metadataValues[name] = FrontMatterBlock.unquote(String(t[t.index(after: s)...]))
                }
                metadataLine = k + 1
                metadataLines = k...(m - 1)
                if k == fm.openLine + 1 && m == fm.closeLine {
                    frontMatterIsOurs = true
                    metadataRegion = fm.range
                } else {
                    metadataRegion = lines[k].start..<lines[m].start
                }
                return
            }
        }
        // The comment form: one line right after the front matter (or at the start).
        let first = frontMatter.map { $0.closeLine + 1 } ?? 0
        if first < lines.count {
            let t = line(first)
            if t.hasPrefix(MarkdownMarkers.metadataComment) && t.hasSuffix(" -->") {
                let json = t.dropFirst(MarkdownMarkers.metadataComment.count).dropLast(4)
                metadataValues["json"] = String(json)
                metadataLine = first + 1
                metadataLines = first...first
                metadataRegion = lines[first].start..<lines[first].next
            }
        }
    }

    // MARK: Parsing with cmark-gfm

    private var blocksCache: MarkdownBlocks?
    func blocks() -> MarkdownBlocks {
        if let blocksCache { return blocksCache }
        // Front matter is read as blank lines (same line numbers, no blocks).
        // The tree's memory is not handed back (`FreedMemory.release`): the peak is the whole
        // tree, before any of it is freed, and a stamp makes no large buffer after it (the output
        // is written from the file's own bytes), while trimming and faulting the pages in again
        // cost about 20 ms of a 10 MB stamp (issue 17).
        let value = CmarkGFM.blocks(b, blank: frontMatter?.range)
        blocksCache = value
        return value
    }

    private func excluded(_ line1: Int) -> Bool {
        let i = line1 - 1
        if let s = statementLines, s.contains(i) { return true }
        if let m = metadataLines, m.contains(i), frontMatter.map({ !(($0.openLine...$0.closeLine).contains(i)) }) ?? true { return true }
        return false
    }

    private func location(line1: Int, column: Int) -> Location {
        let start = line1 - 1 < lines.count && line1 >= 1 ? lines[line1 - 1].start : b.count
        let offset = min(b.count, start + max(0, column - 1))
        return Location(line: line1, column: column, byteOffset: file.originalOffset(offset))
    }

    // MARK: OpenedDocument

    private var textCache: DocumentText?

    /// Calls `body` with each block whose text is part of the document's text, in order.
    private func forEachTextBlock(_ body: (MarkdownBlock) -> Void) {
        for block in blocks() where block.kind.holdsText && block.hasText && !excluded(block.startLine) { body(block) }
    }

    func text() throws -> DocumentText {
        if let textCache { return textCache }
        var paragraphs: [TextParagraph] = []
        let blocks = blocks()
        paragraphs.reserveCapacity(blocks.count)
        forEachTextBlock { block in
            paragraphs.append(TextParagraph(text: blocks.text(block), location: location(line1: block.startLine, column: block.startColumn)))
        }
        let value = DocumentText(streams: [TextStream(name: "body", paragraphs: paragraphs)])
        textCache = value
        return value
    }

    func findStamp() throws -> FoundStamp {
        var statement: FoundStatement?
        if let s = statementLines {
            let all = blocks()
            let markerIsBlock = all.contains { $0.kind == .htmlBlock && $0.startLine == s.lowerBound + 1 && isBeginMarker(QuickTrim.whitespacesAndNewlines(all.text($0))) }
            let inside = all.filter { $0.kind == .paragraph && $0.startLine > s.lowerBound + 1 && $0.endLine < s.upperBound + 1 }
            var problems: [String] = []
            var text = inside.map { all.text($0) }.joined(separator: " ")
            if !markerIsBlock || inside.isEmpty {
                problems.append("the statement is inside a code block or an HTML comment, so readers do not see it")
                text = ((s.lowerBound + 1)..<s.upperBound).map { line($0) }
                    .map { $0.hasPrefix(">") ? String($0.dropFirst()) : $0 }.joined(separator: " ")
            }
            statement = FoundStatement(text: CanonicalText.paragraph(text), location: Location(line: s.lowerBound + 1, column: 1, byteOffset: file.originalOffset(lines[s.lowerBound].start)), visibilityProblems: problems)
        }
        var metadata: FoundMetadata?
        if let line = metadataLine, !metadataValues.isEmpty {
            var facts: [String: String] = [:]
            for key in ["tools", "purposes", "extent", "review", "declarant", "date", "mode", "model"] { facts[key] = metadataValues[key] }
            let json = metadataValues["json"].map { Data($0.utf8) }
            metadata = FoundMetadata(json: json, location: Location(line: line, column: 1, byteOffset: file.originalOffset(lines[line - 1].start)), facts: facts)
        }
        var problems: [String] = []
        if statementCount > 1 { problems.append("found \(statementCount) statements from Disclose; stamp again to keep just one") }
        return FoundStamp(statement: statement, metadata: metadata, problems: problems)
    }

    /// Our regions in original byte offsets, sorted.
    var ourOriginalRanges: [Range<Int>] {
        [statementRegion, metadataRegion].compactMap { $0 }
            .map { file.originalOffset($0.lowerBound)..<file.originalOffset($0.upperBound) }
            .sorted { $0.lowerBound < $1.lowerBound }
    }

    func unmanagedParts() throws -> [DocumentPart] {
        [DocumentPart(name: "-", bytes: XMLBytes.splice(file.original, ourOriginalRanges.map { ($0, Data()) }))]
    }

    func unstamped() throws -> Data {
        XMLBytes.splice(file.original, ourOriginalRanges.map { ($0, Data()) })
    }

    func stamped(_ request: StampRequest) throws -> Data {
        try stamped(request, alwaysReparse: false)
    }

    /// `alwaysReparse` makes every stamp take the full check (the stamped output parsed again);
    /// tests use it to show that the check without a second parse decides the same.
    func stamped(_ request: StampRequest, alwaysReparse: Bool) throws -> Data {
        try stampedChecking(request, alwaysReparse: alwaysReparse).data
    }

    /// The stamped bytes, and whether the check parsed them again (for tests).
    func stampedChecking(_ request: StampRequest, alwaysReparse: Bool) throws -> (data: Data, reparsed: Bool) {
        let result = try stampedOutput(request, alwaysReparse: alwaysReparse)
        return (result.output.bytes(from: Data()), result.reparsed)
    }

    /// The stamped file as pieces of the original and the inserted bytes (the new file is not
    /// built in memory unless the check must parse it again), and whether the check did.
    private func stampedOutput(_ request: StampRequest, alwaysReparse: Bool) throws -> (output: DocumentOutput, reparsed: Bool) {
        // Always stamp the unstamped document, so stamping again gives the same bytes.
        if statementRegion != nil || metadataRegion != nil {
            return try MarkdownDocument(input: DocumentInput(data: try unstamped(), path: path), handler: handler).stampedOutput(request, alwaysReparse: alwaysReparse)
        }
        let eol = file.eol
        var edits: [(range: Range<Int>, text: String)] = []

        // Metadata first, so that at the same offset it comes before the statement.
        switch request.metadataStyle {
        case .native:
            if let fm = frontMatter, !frontMatterIsOurs {
                let block = fm.kind == .yaml ? FrontMatterBlock.yaml(request, eol: eol) : FrontMatterBlock.toml(request, eol: eol)
                let at = fm.closeStart
                edits.append((at..<at, block))
            } else {
                edits.append((0..<0, "---" + eol + FrontMatterBlock.yaml(request, eol: eol) + "---" + eol))
            }
        case .comment:
            let at = frontMatterIsOurs ? 0 : contentStart
            edits.append((at..<at, FrontMatterBlock.comment(request, eol: eol)))
        }

        let quote = MarkdownStatement.quote(request.statement)
        let block = MarkdownMarkers.begin + eol + eol + quote + eol + eol + MarkdownMarkers.end
        let endsWithEOL = b.last == 0x0A || b.last == 0x0D
        // Whether the stamped output must be parsed again to check the placement (see `placementIsProvable`).
        var reparse = alwaysReparse
        func atEnd() -> (Range<Int>, String) {
            if b.isEmpty { return (0..<0, block + eol) }
            if endIsRisky() { reparse = true }
            if let fence = unclosedFinalFence() {
                reparse = true
                // CommonMark runs an unclosed fence to the end of the document; closing it there renders the
                // same code block, and lets the statement follow it. The closing line goes with our block.
                let closing = String(repeating: Character(Unicode.Scalar(fence.character)), count: fence.length)
                let fenced = MarkdownMarkers.beginAfterFence + eol + eol + quote + eol + eol + MarkdownMarkers.end
                return endsWithEOL ? (b.count..<b.count, closing + eol + eol + fenced + eol) : (b.count..<b.count, eol + closing + eol + eol + fenced)
            }
            return endsWithEOL ? (b.count..<b.count, eol + block + eol) : (b.count..<b.count, eol + eol + block)
        }
        switch request.placement {
        case .end:
            edits.append(atEnd())
        case .start:
            if let heading = blocks().first(where: { $0.kind == .heading && $0.level == 1 && $0.depth == 0 && !excluded($0.startLine) }) {
                let index = heading.endLine - 1
                if index + 1 < lines.count || lines[index].next > lines[index].contentEnd {
                    let at = lines[index].next
                    edits.append((at..<at, eol + block + eol))
                } else {
                    edits.append(atEnd())
                }
            } else {
                let at = frontMatterIsOurs ? 0 : contentStart
                edits.append((at..<at, block + eol + eol))
            }
        }
        let originalEdits = edits.map { edit in
            (range: file.originalOffset(edit.range.lowerBound)..<file.originalOffset(edit.range.upperBound), replacement: file.encode(edit.text))
        }
        if reparse || !placementIsProvable {
            let output = XMLBytes.splice(file.original, originalEdits)
            try checkPlacement(output, request: request)
            return (.whole(output), true)
        }
        try checkStatementBlock(block, request: request)
        return (.pieces(XMLBytes.splicePieces(file.original, originalEdits)), false)
    }

    /// True when the check of the stamped output can be made without parsing it again.
    ///
    /// Why that is sound: the statement block is `begin marker`, blank line, `> quote`, blank line,
    /// `end marker`, each marker line an HTML block that ends on its own line (it holds `-->`). It is
    /// inserted (a) at the start of the content (document start or after the front matter), (b) right
    /// after a top-level heading, or (c) at the end after a blank line. In (a) and (b) the original
    /// content that follows starts a new block after a closed HTML block, as it started a new block
    /// at the start of the document or after the closed heading; nothing before it can continue. In
    /// (c) the blank line and the unindented marker close every open block and container, except
    /// for a fenced code block or an HTML block of kinds 1-5 (comment, `<script>`, `<pre>`, ...) still
    /// open at the end: `endIsRisky` sends those documents (and any ending in an HTML or fenced code
    /// block) to the full check. The metadata we add is front matter (blanked before parsing) or one
    /// comment line (an HTML block ending on its line, left out of the text). So the original blocks
    /// keep their text, our lines are left out of it, and the statement block parses as it does on its
    /// own, which `checkStatementBlock` checks (inline parsing of the escaped quote cannot depend on the
    /// rest: it holds no link references). Documents with a line that is one of our markers (which the
    /// second parse might pair with ours), or not in UTF-8/UTF-16, take the full check.
    private var placementIsProvable: Bool {
        if hasMarkerLine { return false }
        switch file.encoding {
        case .utf8, .utf16LE, .utf16BE: return true
        default: return false
        }
    }

    /// True when the document's last line may belong to a block that a blank line does not close:
    /// an HTML block, or a fenced code block (other than a top-level one closed by its fence).
    /// cmark reports an HTML block closed by its end condition (`-->`, `</script>`...) as ending on
    /// the line before, so such a block closed on the last line is not counted; it is closed, so
    /// that is safe. Open ones run to the end of the document and are counted.
    private func endIsRisky() -> Bool {
        guard let last = (0..<lines.count).last(where: { !isBlank($0) }) else { return false }
        return blocks().contains { block in
            guard block.endLine >= last + 1 else { return false }
            switch block.kind {
            case .htmlBlock: return true
            case .codeBlock: return block.fence != nil && !(block.depth == 0 && isClosedFence(block))
            default: return false
            }
        }
    }

    /// The fence of a top-level fenced code block that runs to the end of the document unclosed.
    private func unclosedFinalFence() -> MarkdownFence? {
        guard let last = blocks().last(where: { $0.depth == 0 }), last.kind == .codeBlock, let fence = last.fence else { return nil }
        return isClosedFence(last) ? nil : fence
    }

    /// True for a top-level fenced code block whose last line is its closing fence.
    private func isClosedFence(_ block: MarkdownBlock) -> Bool {
        guard let fence = block.fence else { return false }
        return block.endLine > block.startLine && block.endLine <= lines.count && isFenceLine(block.endLine - 1)
            && lines[block.endLine - 1].text(b).utf8.filter { $0 == fence.character }.count >= fence.length
    }

    /// The statement half of `checkPlacement` without parsing the whole output: the statement block,
    /// parsed on its own, must give one visible statement with the requested text.
    private func checkStatementBlock(_ block: String, request: StampRequest) throws {
        let alone = try MarkdownDocument(input: DocumentInput(data: Data((block + file.eol).utf8), path: path), handler: handler)
        guard let statement = try alone.findStamp().statement, statement.visibilityProblems.isEmpty,
              CanonicalText.paragraph(statement.text) == CanonicalText.paragraph(request.statement) else {
            throw placementRefusal
        }
    }

    private var placementRefusal: DisclosureError {
        DisclosureError.unreadable(
            path: path, reason: "the statement cannot be placed where readers will see it; the document probably ends inside an unclosed code block, HTML block or comment",
            hint: "Close the open block (for example add the closing ``` fence), or stamp with --placement start, and try again. Nothing was written.")
    }

    /// Reads the result back: the statement must be visible and the text unchanged.
    private func checkPlacement(_ output: Data, request: StampRequest) throws {
        let again = try MarkdownDocument(input: DocumentInput(data: output, path: path), handler: handler)
        let found = try again.findStamp()
        guard let statement = found.statement, statement.visibilityProblems.isEmpty,
              CanonicalText.paragraph(statement.text) == CanonicalText.paragraph(request.statement),
              try again.text().body.map(\.text) == (try text()).body.map(\.text) else {
            throw placementRefusal
        }
    }

    func metadataEntries() throws -> [MetadataEntry] {
        var entries: [MetadataEntry] = []
        guard let fm = frontMatter else { return linkEntries() }
        for i in (fm.openLine + 1)..<fm.closeLine {
            let t = line(i)
            guard let first = t.first, !first.isWhitespace else { continue }
            let separator: Character = fm.kind == .yaml ? ":" : "="
            guard let s = t.firstIndex(of: separator) else { continue }
            let key = QuickTrim.whitespaces(t[..<s])
            let value = FrontMatterBlock.unquote(String(t[t.index(after: s)...]))
            entries.append(MetadataEntry(key: key, value: value, location: Location(line: i + 1, column: 1, byteOffset: file.originalOffset(lines[i].start)),
                                         isOwnStamp: key == MarkdownMarkers.frontMatterKey && QuickTrim.whitespaces(value).isEmpty))
        }
        return entries + linkEntries()
    }
}

extension MarkdownDocument: AppendingOutput {
    func stampedOutput(_ request: StampRequest) throws -> DocumentOutput {
        try stampedOutput(request, alwaysReparse: false).output
    }

    func unstampedOutput() throws -> DocumentOutput {
        .pieces(XMLBytes.splicePieces(file.original, ourOriginalRanges.map { ($0, Data()) }))
    }
}

extension MarkdownDocument: StampPreparing {
    /// A stamp needs the parts and the text (and the parse for its placement): see ``hashUnmanagedParts(into:)``.
    func prepareToStamp() throws { preparingToStamp = true }
}

extension MarkdownDocument: StreamedTextBinding {
    /// The text hashed straight from the blocks, as ``text()`` gives it, without making its
    /// paragraphs (a 10 MB file has about 100,000).
    func hashText() throws -> TextBindingHasher {
        if let textCache {
            var hasher = TextBindingHasher()
            hasher.add(textCache)
            return hasher
        }
        var hasher = TextBindingHasher()
        hasher.begin(stream: "body")
        let blocks = blocks()
        forEachTextBlock { block in blocks.withText(block) { hasher.add(paragraphUTF8: $0) } }
        return hasher
    }

    /// ``unmanagedParts()`` hashed from the file's own bytes, without copying them.
    func hashUnmanagedParts(into hasher: inout PartsHasher) throws {
        let keep = KeptRanges.of(count: file.original.count, removing: ourOriginalRanges)
        hasher.begin(name: "-", count: keep.reduce(0) { $0 + $1.count })
        let original = file.original
        if preparingToStamp, blocksCache == nil, original.count >= Self.parallelMinimum {
            // A stamp hashes the parts, then parses for the text: the parts (the file's bytes) are
            // hashed on a second thread while this one parses, as neither needs the other. (A
            // check may need only the parts, so it does not parse here.)
            nonisolated(unsafe) var shared = hasher
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                // Chunk by chunk: a mapped file's pages are dropped once hashed (see `CmarkGFM`).
                for range in keep { LargeData.forEachChunk(of: original[range]) { shared.update($0) } }
                done.signal()
            }
            _ = blocks()
            done.wait()
            hasher = shared
            return
        }
        for range in keep { hasher.update(original[range]) }
    }

    /// Files of at least this many bytes hash their parts while they are parsed.
    static let parallelMinimum = 1 << 20
}

enum MarkdownStatement {
    /// The statement as a blockquote paragraph, with Markdown punctuation escaped so it renders as written.
    static func quote(_ statement: String) -> String {
        var out = "> "
        for c in statement.unicodeScalars {
            if "\\`*_[]<>&~|#!".unicodeScalars.contains(c) { out += "\\" }
            out.unicodeScalars.append(c)
        }
        return out
    }
}
