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
    public static func binding(format: String, text: DocumentText, partsDigest: String) -> ContentBinding {
        let paragraphs = CanonicalText.paragraphs(of: text).map(\.text)
        return ContentBinding(
            format: format,
            text: NamedDigest(value: Digests.sha256Hex(CanonicalText.bytes(of: text))),
            parts: NamedDigest(value: partsDigest),
            paragraphs: paragraphs.count,
            paragraphMap: paragraphMap(paragraphs))
    }

    static func paragraphMap(_ paragraphs: [String]) -> ParagraphMap? {
        guard !paragraphs.isEmpty else { return nil }
        let groups = max(1, (paragraphs.count * 4 + maxMapDigits - 1) / maxMapDigits)
        var digests = ""
        var start = 0
        while start < paragraphs.count {
            let end = min(start + groups, paragraphs.count)
            let joined = paragraphs[start..<end].joined(separator: "\n")
            digests += String(Digests.sha256Hex(Data(joined.utf8)).prefix(4))
            start = end
        }
        return ParagraphMap(groupSize: groups, digests: digests)
    }

    /// The outcome of comparing a recorded binding with a document.
    public enum Outcome: Equatable, Sendable {
        /// Text and every other part unchanged.
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
        if current.text.value != recorded.text.value {
            return .textChanged(firstDifference: firstDifference(recorded: recorded, current: current, text: text))
        }
        return current.parts.value == recorded.parts.value ? .unchanged : .partsChanged
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
            let slice = start < end ? paragraphs[start..<end].map(\.text) : []
            let here = slice.isEmpty ? "" : String(Digests.sha256Hex(Data(slice.joined(separator: "\n").utf8)).prefix(4))
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
