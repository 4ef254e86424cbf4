import Foundation

/// An opened PDF. Objects are read through ``PDFFileReader`` (qpdf) as they are needed.
///
/// A damaged file (one qpdf could read only by rebuilding its cross-reference table) is read
/// with a warning and never stamped; an encrypted one never gets this far
/// (``DisclosureError/encryptedPDF(path:)``).
final class PDFDocument: OpenedDocument {
    let reader: PDFFileReader
    let handler: any FormatHandler
    /// ``metadataEntries()``, once read.
    var evidenceCache: [MetadataEntry]?
    private var textCache: DocumentText?
    private var stateCache: PDFStampState?

    init(reader: PDFFileReader, handler: any FormatHandler) {
        self.reader = reader
        self.handler = handler
    }

    var path: String { reader.path }
    var data: Data { reader.data }

    /// The page number (1-based) of each page object, in page order.
    func pageNumbers() throws -> [PDFReference: Int] {
        var numbers: [PDFReference: Int] = [:]
        for (i, page) in try reader.pages().enumerated() where numbers[page] == nil { numbers[page] = i + 1 }
        return numbers
    }

    /// "page 4", for locations.
    static func pageWords(_ number: Int) -> String { "page \(number)" }

    // MARK: OpenedDocument

    /// Each page's paragraphs (located "page 4"), our statement page left out; the text of the
    /// pages' annotations as a stream of its own (`comments`).
    func text() throws -> DocumentText {
        try readable { try readText() }
    }

    private func readText() throws -> DocumentText {
        if let textCache { return textCache }
        let ours = Set(try stampState().pages.map(\.reference))
        let extractor = PDFTextExtractor(source: reader, path: path)
        var body: [TextParagraph] = []
        var comments: [TextParagraph] = []
        for (i, page) in try reader.pages().enumerated() where !ours.contains(page) {
            let words = Self.pageWords(i + 1)
            let text = try extractor.text(ofPage: page)
            for (k, paragraph) in text.paragraphs.enumerated() {
                body.append(TextParagraph(text: paragraph, location: Location(part: words, paragraph: k + 1, words: words)))
            }
            for note in text.annotations {
                comments.append(TextParagraph(text: note, location: Location(part: words, words: "in a comment on \(words)")))
            }
        }
        var streams = [TextStream(name: "body", paragraphs: body)]
        if !comments.isEmpty { streams.append(TextStream(name: "comments", paragraphs: comments)) }
        let text = DocumentText(streams: streams)
        textCache = text
        return text
    }

    /// Our statement page (its text as a reader extracts it, and what could hide it) and our XMP properties.
    func findStamp() throws -> FoundStamp {
        try readable { try readStamp() }
    }

    private func readStamp() throws -> FoundStamp {
        let state = try stampState()
        let extractor = PDFTextExtractor(source: reader, path: path)
        var found = try state.foundStamp { try Self.statementText(extractor.text(ofPage: $0).paragraphs) }
        if let page = state.pages.first, found.statement != nil {
            let words = Self.pageWords(page.index + 1)
            found.statement?.location = Location(part: words, words: words)
            found.statement?.visibilityProblems = try PDFVisibility.problems(page: page.reference, source: reader, path: path)
        }
        return found
    }

    /// Our page's statement as a reader gets it: the paragraphs after our heading, joined.
    static func statementText(_ paragraphs: [String]) -> String {
        let text = paragraphs.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        let heading = PDFStatementPage.heading
        // The heading may come as a paragraph of its own or joined to the statement's first line.
        guard text.hasPrefix(heading), let next = text.dropFirst(heading.count).first, next.isWhitespace else { return text }
        return String(text.dropFirst(heading.count)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The bytes the stamp does not manage: the original bytes before our update, then anything
    /// another program appended after it (so a file updated since reads as re-saved, its text
    /// compared on its own); the whole file when it holds no stamp of ours.
    func unmanagedParts() throws -> [DocumentPart] {
        var bytes = Data()
        for range in try readable({ try unmanagedRanges() }) { bytes.append(data[(data.startIndex + range.lowerBound)..<(data.startIndex + range.upperBound)]) }
        return [DocumentPart(name: "-", bytes: bytes)]
    }

    /// Feeds the unmanaged ranges to `hasher` without joining them (a large file stays mapped).
    func hashUnmanagedParts(into hasher: inout PartsHasher) throws {
        let ranges = try readable { try unmanagedRanges() }
        hasher.begin(name: "-", count: ranges.reduce(0) { $0 + $1.count })
        for range in ranges {
            if range.lowerBound == 0 {
                LargeData.forEachChunk(of: data, upTo: range.upperBound) { hasher.update($0) }
                continue
            }
            data[(data.startIndex + range.lowerBound)..<(data.startIndex + range.upperBound)].withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = min(4 << 20, raw.count - offset)
                    hasher.update(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)]))
                    offset += n
                }
            }
        }
    }

    func stamped(_ request: StampRequest) throws -> Data {
        try stampedOutput(request).bytes(from: data)
    }

    func unstamped() throws -> Data {
        try unstampedOutput().bytes(from: data)
    }

    /// Non-fatal observations: damage repaired by qpdf, the PDF/A part the file claims.
    var warnings: [String] {
        var out: [String] = []
        if reader.isDamaged {
            let detail = reader.damage.map { " (\($0))" } ?? ""
            out.append("the PDF is damaged\(detail): it was read by rebuilding its cross-reference table, so what is reported may be incomplete; it cannot be stamped until it is repaired (open it in a PDF reader and save a new copy)")
        }
        if let note = activeContentNote() { out.append(note) }
        if let claim = try? pdfAClaim() {
            out.append("the file claims to be \(claim); Disclose keeps it so (embedded font, valid XMP, no transparency)")
        }
        return out
    }

    // MARK: Refusals

    /// Throws when the file must not be stamped: damaged files, whose objects qpdf found by guessing.
    func checkStampable() throws {
        guard !reader.isDamaged else {
            let detail = reader.damage.map { " (qpdf: \($0))" } ?? ""
            throw DisclosureError.unreadable(
                path: path, reason: "the PDF is damaged\(detail): qpdf could read it only by rebuilding its cross-reference table, and a stamp must never rest on a guess",
                hint: "Open it in a PDF reader and save a new copy (or run `qpdf in.pdf out.pdf`), check the copy, and stamp that; nothing was written")
        }
    }

    // MARK: The writer

    /// The file as the stamp writer reads it; a prefix (the bytes before an update) is opened
    /// again through qpdf under the same limits.
    var stampInput: PDFStampInput {
        let path = self.path, limits = reader.limits
        return PDFStampInput(data: data, source: reader, path: path) { prefix in
            try PDFFileReader(data: prefix, path: path, limits: limits)
        }
    }

    /// Our stamp as found, read once.
    func stampState() throws -> PDFStampState {
        if let stateCache { return stateCache }
        let state = try PDFStamp.find(in: stampInput)
        stateCache = state
        return state
    }

    /// The ranges of the file outside our updates (see ``unmanagedParts()``).
    func unmanagedRanges() throws -> [Range<Int>] {
        try Self.unmanagedRanges(data: data, state: try stampState(), input: stampInput, depth: 0)
    }

    private static func unmanagedRanges(data: Data, state: PDFStampState, input: PDFStampInput, depth: Int) throws -> [Range<Int>] {
        let whole = [0..<data.count]
        guard let record = state.pages.last?.record, record.originalLength > 0, record.originalLength < data.count else { return whole }
        let original = record.originalLength
        if state.intactOriginalLength == nil {
            // Our update is no longer the last: the prefix must still be the bytes we stamped.
            guard Digests.sha256Hex(data.prefix(original)) == record.originalSHA256 else { return whole }
        }
        var ranges = [0..<original]
        if record.replacesEarlierStamp, depth < 4 {
            // The bytes before our update hold an earlier stamp of ours that this one replaced.
            let prefix = try PDFStamp.prefixInput(input, original)
            ranges = try unmanagedRanges(data: prefix.data, state: try PDFStamp.find(in: prefix), input: prefix, depth: depth + 1)
        }
        if state.intactOriginalLength == nil, let end = endOfUpdate(in: data, after: original), end < data.count {
            ranges.append(end..<data.count)
        }
        return ranges
    }

    /// Where the update that starts at `offset` ends: after its `%%EOF` and the line end that follows.
    static func endOfUpdate(in data: Data, after offset: Int) -> Int? {
        let marker = Data("%%EOF".utf8)
        guard let r = data.range(of: marker, in: (data.startIndex + offset)..<data.endIndex) else { return nil }
        var end = r.upperBound
        while end < data.endIndex, data[end] == 0x0D || data[end] == 0x0A { end += 1 }
        return end - data.startIndex
    }
}

extension PDFDocument: AppendingOutput {
    /// Our update after the file's bytes, replacing a stamp of ours (a damaged file is refused:
    /// a stamp must never rest on qpdf's guess of where the objects are).
    func stampedOutput(_ request: StampRequest) throws -> DocumentOutput {
        try readable {
            try checkStampable()
            return try PDFStamp.stamp(request, in: stampInput).update.output
        }
    }

    /// The original bytes when our update is the last one; else an update that removes our page
    /// and properties. Unchanged when there is no stamp of ours.
    func unstampedOutput() throws -> DocumentOutput {
        try readable {
            let state = try stampState()
            if state.isEmpty { return .appending(keepingPrefix: data.count, bytes: Data()) }
            if state.intactOriginalLength == nil { try checkStampable() }
            return try PDFStamp.unstamp(in: stampInput, state: state).output
        }
    }

    /// Runs `body`, turning a syntax error met deep in the file (a stream that does not decode,
    /// an object that does not parse) into a ``DisclosureError`` naming the file, the problem and
    /// what to do: callers only ever see ``DisclosureError``.
    func readable<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PDFSyntaxError {
            throw DisclosureError.unreadable(path: path, reason: "part of the PDF cannot be read (\(error.problem))",
                                             hint: "Open the file in a PDF reader and save a new copy, then try the copy. Nothing was written.")
        }
    }
}
