import Crypto
import Foundation

/// Computes a document's ``ContentBinding`` and compares one against a document.
public enum ContentBinder {
    /// The longest paragraph map written, in hex digits.
    static let maxMapDigits = 2048

    /// The binding for an opened document (our statement and managed parts excluded).
    public static func binding(for document: any OpenedDocument) throws -> ContentBinding {
        var hasher = PartsHasher()
        try document.hashUnmanagedParts(into: &hasher)
        return binding(format: document.handler.id, text: try document.text(), partsDigest: hasher.finalizeHex())
    }

    /// The binding for the given text and parts digest.
    public static func binding(format: FormatID, text: DocumentText, partsDigest: String) -> ContentBinding {
        var hasher = SHA256()
        var prefixes: [UInt64] = []
        let newline: [UInt8] = [0x0A]
        CanonicalText.forEachLine(of: text) { line, isParagraph in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(line))
            newline.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            if isParagraph { prefixes.append(paragraphPrefix(UnsafeRawBufferPointer(line))) }
        }
        return ContentBinding(
            format: format,
            text: NamedDigest(value: Digests.hex(hasher.finalize())),
            parts: NamedDigest(value: partsDigest),
            paragraphs: prefixes.count,
            paragraphMap: paragraphMap(prefixes))
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

    /// Compares `recorded` with the document's current content.
    public static func compare(_ recorded: ContentBinding, with document: any OpenedDocument) throws -> Outcome {
        let text = try document.text()
        var hasher = PartsHasher()
        try document.hashUnmanagedParts(into: &hasher)
        let current = binding(format: recorded.format, text: text, partsDigest: hasher.finalizeHex())
        // Every byte outside our stamp as it was stamped: the document is unchanged, whatever
        // the text digest says. (It can differ only when this version reads the text otherwise
        // than the version that stamped it, and that must not read as a changed document.)
        if current.parts.value == recorded.parts.value { return .unchanged }
        if current.text.value != recorded.text.value {
            return .textChanged(firstDifference: firstDifference(recorded: recorded, current: current, text: text))
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
