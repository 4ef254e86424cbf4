import Crypto
import Foundation

/// Computes a document's ``ContentBinding`` and compares one against a document.
public enum ContentBinder {
    /// The longest paragraph map written, in hex digits.
    static let maxMapDigits = 2048

    /// The binding for an opened document (our statement and managed parts excluded). A stamp
    /// records it and follows, so a document that reads what the stamp edits otherwise than a
    /// check does (``StampPreparing``) is asked to read it first.
    public static func binding(for document: any OpenedDocument) throws -> ContentBinding {
        if let preparing = document as? any StampPreparing { try preparing.prepareToStamp() }
        var hasher = PartsHasher()
        try document.hashUnmanagedParts(into: &hasher)
        return try textHasher(for: document).binding(format: document.handler.id, partsDigest: hasher.finalizeHex())
    }

    /// The binding for the given text and parts digest.
    public static func binding(format: FormatID, text: DocumentText, partsDigest: String) -> ContentBinding {
        var hasher = TextBindingHasher()
        hasher.add(text)
        return hasher.binding(format: format, partsDigest: partsDigest)
    }

    /// The document's canonical text, hashed: from its paragraphs as they are read where the
    /// handler can (``StreamedTextBinding``), else from ``OpenedDocument/text()``.
    static func textHasher(for document: any OpenedDocument) throws -> TextBindingHasher {
        if let streamed = document as? any StreamedTextBinding { return try streamed.hashText() }
        var hasher = TextBindingHasher()
        hasher.add(try document.text())
        return hasher
    }

    /// The first 8 bytes of SHA-256 of a canonical paragraph's UTF-8, big-endian.
    static func paragraphPrefix(_ paragraph: String) -> UInt64 {
        var utf8 = paragraph
        return utf8.withUTF8 { paragraphPrefix(UnsafeRawBufferPointer($0)) }
    }

    static func paragraphPrefix(_ utf8: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = SHA256()
        hasher.update(bufferPointer: utf8)
        return hasher.finalize().withUnsafeBytes { digest in
            digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
        }
    }

    /// Four hex digits per group: the start of SHA-256 over the group's paragraph prefixes (8 bytes each, big-endian).
    static func groupDigest(_ prefixes: ArraySlice<UInt64>) -> String {
        var hasher = SHA256()
        for p in prefixes {
            withUnsafeBytes(of: p.bigEndian) { hasher.update(bufferPointer: $0) }
        }
        return String(Digests.hex(hasher.finalize()).prefix(4))
    }

    static func paragraphMap(_ prefixes: [UInt64]) -> ParagraphMap? {
        guard !prefixes.isEmpty else { return nil }
        let groups = max(1, (prefixes.count * 4 + maxMapDigits - 1) / maxMapDigits)
        var digests = ""
        var start = 0
        while start < prefixes.count {
            let end = min(start + groups, prefixes.count)
            digests += groupDigest(prefixes[start..<end])
            start = end
        }
        return ParagraphMap(groupSize: groups, digests: digests)
    }

    /// The outcome of comparing a recorded binding with a document.
    public enum Outcome: Equatable, Sendable {
        /// Every byte outside the stamp as it was when stamped (so the text too).
        case unchanged
        /// The text is unchanged but formatting or other parts changed.
        case partsChanged
        /// The text changed; `firstDifference` points at the first changed paragraph when it can.
        case textChanged(firstDifference: String?)
    }

    /// Compares `recorded` with the document's current content. The parts are hashed first: when
    /// they are as recorded, the text is not needed (nor read).
    public static func compare(_ recorded: ContentBinding, with document: any OpenedDocument) throws -> Outcome {
        var hasher = PartsHasher()
        try document.hashUnmanagedParts(into: &hasher)
        let partsDigest = hasher.finalizeHex()
        // Every byte outside our stamp as it was stamped: the document is unchanged, whatever
        // the text digest says. (It can differ only when this version reads the text otherwise
        // than the version that stamped it, and that must not read as a changed document.)
        if partsDigest == recorded.parts.value { return .unchanged }
        let current = try textHasher(for: document).binding(format: recorded.format, partsDigest: partsDigest)
        if current.text.value != recorded.text.value {
            return .textChanged(firstDifference: firstDifference(recorded: recorded, current: current, text: try document.text()))
        }
        return .partsChanged
    }

    static func firstDifference(recorded: ContentBinding, current: ContentBinding, text: DocumentText) -> String? {
        let paragraphs = CanonicalText.paragraphs(of: text)
        guard let map = recorded.paragraphMap else {
            return paragraphs.first.map { "\($0.location)" }
        }
        let recordedDigests = Array(map.digests)
        var groupIndex = 0
        var start = 0
        while start < paragraphs.count || groupIndex * 4 < recordedDigests.count {
            let end = min(start + map.groupSize, paragraphs.count)
            let here = start < end ? groupDigest(ArraySlice(paragraphs[start..<end].map { paragraphPrefix($0.text) })) : ""
            let offset = groupIndex * 4
            let then = offset + 4 <= recordedDigests.count ? String(recordedDigests[offset..<offset + 4]) : ""
            if here != then {
                guard start < paragraphs.count else {
                    return "paragraphs were removed at the end of the document"
                }
                let first = paragraphs[start]
                if map.groupSize == 1 {
                    return "\(first.location): \"\(excerpt(first.text))\""
                }
                return "within \(map.groupSize) paragraphs starting at \(first.location)"
            }
            groupIndex += 1
            start = end
            if start >= paragraphs.count && offset + 4 >= recordedDigests.count { break }
        }
        return nil
    }

    static func excerpt(_ s: String, limit: Int = 60) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }
}

/// A document that can hash its canonical text without holding all of it (a large Word
/// document's paragraphs are hashed as its main part is scanned). The result must equal
/// hashing ``OpenedDocument/text()`` with ``TextBindingHasher/add(_:)-(DocumentText)``.
protocol StreamedTextBinding: OpenedDocument {
    /// The document's canonical text, hashed.
    func hashText() throws -> TextBindingHasher
}

/// A document that reads what a stamp edits differently from what a check reads: a large Word
/// document's main part is scanned and hashed as it is inflated, never held, for a check; a stamp
/// splices it, so it is read whole once, before the binding, and hashed from those bytes (one
/// read instead of a second inflate for the hash and a third for the splice). The binding is the
/// same either way.
protocol StampPreparing: OpenedDocument {
    /// Reads what ``OpenedDocument/stamped(_:)`` will need, before the binding is made.
    func prepareToStamp() throws
}

/// Hashes canonical text (``CanonicalText``) as it comes, stream by stream and paragraph by
/// paragraph, into the text digest and the paragraph prefixes of a ``ContentBinding``.
struct TextBindingHasher {
    private var hasher = SHA256()
    private var prefixes: [UInt64] = []
    private var lines = CanonicalText.LineWriter()

    init() {}

    /// Starts a stream; its `[name]` line is written before its first non-empty paragraph.
    mutating func begin(stream name: String) {
        lines.begin(stream: name)
    }

    /// Adds one paragraph of the current stream, as read (it is canonicalised here).
    mutating func add(paragraph text: String) {
        var lines = CanonicalText.LineWriter()
        swap(&lines, &self.lines) // not borrowed from self while the closure changes self
        defer { swap(&lines, &self.lines) }
        lines.add(paragraph: text) { line, isParagraph in
            hashLine(line)
            if isParagraph { prefixes.append(ContentBinder.paragraphPrefix(UnsafeRawBufferPointer(line))) }
        }
    }

    /// ``add(paragraph:)`` for a paragraph given as UTF-8 (read as `String(decoding:as:)` would),
    /// with no `String` made unless it holds a byte over 0x7F.
    mutating func add(paragraphUTF8 utf8: UnsafeBufferPointer<UInt8>) {
        var lines = CanonicalText.LineWriter()
        swap(&lines, &self.lines)
        defer { swap(&lines, &self.lines) }
        lines.add(paragraphUTF8: utf8) { line, isParagraph in
            hashLine(line)
            if isParagraph { prefixes.append(ContentBinder.paragraphPrefix(UnsafeRawBufferPointer(line))) }
        }
    }

    /// Adds every stream of `text`.
    mutating func add(_ text: DocumentText) {
        for stream in text.streams {
            begin(stream: stream.name)
            for p in stream.paragraphs { add(paragraph: p.text) }
        }
    }

    private mutating func hashLine(_ line: UnsafeBufferPointer<UInt8>) {
        hasher.update(bufferPointer: UnsafeRawBufferPointer(line))
        withUnsafeBytes(of: UInt8(0x0A)) { hasher.update(bufferPointer: $0) }
    }

    /// The binding of the text hashed so far with `partsDigest`.
    func binding(format: FormatID, partsDigest: String) -> ContentBinding {
        ContentBinding(
            format: format,
            text: NamedDigest(value: Digests.hex(hasher.finalize())),
            parts: NamedDigest(value: partsDigest),
            paragraphs: prefixes.count,
            paragraphMap: ContentBinder.paragraphMap(prefixes))
    }
}
