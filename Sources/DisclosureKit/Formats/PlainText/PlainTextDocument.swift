import Foundation

/// An opened plain text file. Paragraphs are runs of non-blank lines; our stamp is the
/// statement paragraph followed, after one blank line, by the marked metadata block:
///
///     <statement>
///
///     -----BEGIN AI DISCLOSURE-----
///     {"schema":"disclose/1",…}
///     -----END AI DISCLOSURE-----
///
/// Both are found as line ranges of the decoded text; edits are made in the original bytes
/// (``TextFile``), so the encoding, byte order mark and line endings stay as they were.
final class PlainTextDocument: OpenedDocument {
    let handler: any FormatHandler
    let path: String
    let file: TextFile
    let b: [UInt8]
    let lines: [TextLine]

    /// The block's marker lines (begin...end), the statement's lines, and the byte range our
    /// stamp occupies (UTF-8 offsets, with the blank lines the stamp added).
    private(set) var blockLines: ClosedRange<Int>?
    private(set) var statementLines: ClosedRange<Int>?
    private(set) var region: Range<Int>?
    private(set) var blockCount = 0

    init(input: DocumentInput, handler: any FormatHandler) throws {
        self.handler = handler
        path = input.path
        file = try TextFile(data: input.data, path: input.path)
        b = file.utf8
        lines = TextLine.split(b)
        locateStamp()
    }

    private static let beginBytes = Array(PlainTextMarkers.begin.utf8)
    private static let endBytes = Array(PlainTextMarkers.end.utf8)

    /// Line `i`'s bytes without leading and trailing spaces and tabs.
    private func trimmed(_ i: Int) -> ArraySlice<UInt8> {
        var s = lines[i].start, e = lines[i].contentEnd
        while s < e, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
        return b[s..<e]
    }

    private func isBlank(_ i: Int) -> Bool { i >= 0 && i < lines.count && trimmed(i).isEmpty }
    private func hasEOL(_ i: Int) -> Bool { lines[i].next > lines[i].contentEnd }

    private func locateStamp() {
        var i = 0
        while i < lines.count {
            let t = trimmed(i)
            if t.first == 0x2D, t.elementsEqual(Self.beginBytes),
               let j = (i + 1..<lines.count).first(where: { trimmed($0).elementsEqual(Self.endBytes) }) {
                blockCount += 1
                if blockLines == nil { locate(begin: i, end: j) }
                i = j + 1
                continue
            }
            i += 1
        }
    }

    /// Sets the stamp's lines and byte range for the block on lines `k...j`: the statement is
    /// the paragraph that ends on the line before the blank line above the block.
    private func locate(begin k: Int, end j: Int) {
        blockLines = k...j
        var first = k
        if k >= 2, isBlank(k - 1), !isBlank(k - 2) {
            var s = k - 2
            while s > 0, !isBlank(s - 1) { s -= 1 }
            statementLines = s...(k - 2)
            first = s
        }
        let upper = hasEOL(j) ? lines[j].next : lines[j].contentEnd
        if statementLines != nil, first == 0 {
            // First in the file (--placement start, or an empty file): with the blank line that follows.
            region = 0..<(hasEOL(j) && isBlank(j + 1) ? lines[j + 1].next : upper)
        } else if statementLines != nil {
            // After the text: with the blank line above; when the file ends without a line end,
            // with the line end that ended the text's last line.
            region = hasEOL(j) || first < 2 ? lines[first - 1].start..<upper : lines[first - 2].contentEnd..<upper
        } else {
            region = lines[k].start..<upper
        }
    }

    private func location(line index: Int) -> Location {
        let start = index < lines.count ? lines[index].start : b.count
        return Location(line: index + 1, column: 1, byteOffset: file.originalOffset(start))
    }

    /// The text of lines `range`, each trimmed, joined by spaces.
    private func joined(_ range: ClosedRange<Int>) -> String {
        range.map { String(decoding: trimmed($0), as: UTF8.self) }.joined(separator: " ")
    }

    // MARK: OpenedDocument

    private var textCache: DocumentText?

    func text() throws -> DocumentText {
        if let textCache { return textCache }
        var paragraphs: [TextParagraph] = []
        var i = 0
        while i < lines.count {
            if isBlank(i) || isOurs(i) { i += 1; continue }
            var j = i
            while j + 1 < lines.count, !isBlank(j + 1), !isOurs(j + 1) { j += 1 }
            paragraphs.append(TextParagraph(text: joined(i...j), location: location(line: i)))
            i = j + 1
        }
        let value = DocumentText(streams: [TextStream(name: "body", paragraphs: paragraphs)])
        textCache = value
        return value
    }

    private func isOurs(_ i: Int) -> Bool {
        guard let block = blockLines else { return false }
        return (statementLines?.lowerBound ?? block.lowerBound) <= i && i <= block.upperBound
    }

    func findStamp() throws -> FoundStamp {
        var statement: FoundStatement?
        if let s = statementLines {
            statement = FoundStatement(text: CanonicalText.paragraph(joined(s)), location: location(line: s.lowerBound))
        }
        var metadata: FoundMetadata?
        if let block = blockLines {
            // Lines wrapped by a mail program or an editor are joined back.
            let json = block.count > 2 ? ((block.lowerBound + 1)...(block.upperBound - 1)).map { String(decoding: trimmed($0), as: UTF8.self) }.joined() : ""
            metadata = FoundMetadata(json: json.isEmpty ? nil : Data(json.utf8), location: location(line: block.lowerBound))
        }
        var problems: [String] = []
        if blockCount > 1 { problems.append("found \(blockCount) disclosure blocks from Disclose; stamp again to keep just one") }
        return FoundStamp(statement: statement, metadata: metadata, problems: problems)
    }

    /// Our region in original byte offsets.
    private var originalRegion: Range<Int>? {
        region.map { file.originalOffset($0.lowerBound)..<file.originalOffset($0.upperBound) }
    }

    func unmanagedParts() throws -> [DocumentPart] {
        [DocumentPart(name: "-", bytes: try unstamped())]
    }

    func unstamped() throws -> Data {
        guard let originalRegion else { return file.original }
        return XMLBytes.splice(file.original, [(originalRegion, Data())])
    }

    func stamped(_ request: StampRequest) throws -> Data {
        // Always stamp the unstamped document, so stamping again gives the same bytes.
        if region != nil {
            return try PlainTextDocument(input: DocumentInput(data: try unstamped(), path: path), handler: handler).stamped(request)
        }
        let eol = file.eol
        let statement = request.statement.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        let stamp = statement + eol + eol + PlainTextMarkers.begin + eol + request.json + eol + PlainTextMarkers.end
        let endsWithEOL = b.last == 0x0A || b.last == 0x0D
        let edit: (at: Int, text: String)
        if b.isEmpty {
            edit = (0, stamp + eol)
        } else {
            switch request.placement {
            case .end: edit = endsWithEOL ? (b.count, eol + stamp + eol) : (b.count, eol + eol + stamp)
            case .start: edit = (0, stamp + eol + eol)
            }
        }
        let at = file.originalOffset(edit.at)
        let output = XMLBytes.splice(file.original, [(at..<at, file.encode(edit.text))])
        try check(output, statement: statement, json: request.json)
        return output
    }

    /// Reads the result back: statement and metadata found, the text unchanged, and unstamping
    /// giving back this file's bytes. Anything else is refused before a byte is written.
    private func check(_ output: Data, statement: String, json: String) throws {
        let again = try PlainTextDocument(input: DocumentInput(data: output, path: path), handler: handler)
        let found = try again.findStamp()
        guard found.statement?.text == CanonicalText.paragraph(statement), found.metadata?.json == Data(json.utf8),
              try again.text().body.map(\.text) == (try text()).body.map(\.text),
              try again.unstamped() == file.original else {
            throw DisclosureError.unreadable(
                path: path, reason: "the statement cannot be added so that it reads back as written; the file's line endings are probably mixed in a way Disclose cannot keep",
                hint: "Save the file with one kind of line ending and try again. Nothing was written.")
        }
    }
}
