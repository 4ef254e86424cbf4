import Foundation

/// The text canonicalisation `disclose-text/1` (documented in `docs/format.md`):
/// each paragraph is NFC-normalised, every run of Unicode white space (including
/// no-break spaces and line breaks) becomes one U+0020, leading and trailing space is
/// dropped, and empty paragraphs are dropped. Streams are taken in the handler's
/// order; each non-empty stream contributes a line `[name]` and then its paragraphs,
/// every line ending in U+000A. The result is encoded as UTF-8.
public enum CanonicalText {
    /// The canonicalisation's name, recorded in every binding.
    public static let name = "disclose-text/1"

    /// Canonical form of one paragraph; empty when it has no visible text.
    public static func paragraph(_ text: String) -> String {
        var utf8 = text.utf8
        if let fast = asciiParagraph(&utf8) { return fast }
        let nfc = text.precomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in nfc.unicodeScalars {
            if isFolded(scalar.value) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return String(out)
    }

    /// The ASCII-only fast path (NFC is the identity on ASCII); nil when the text is not ASCII.
    private static func asciiParagraph(_ utf8: inout String.UTF8View) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var pendingSpace = false
        for b in utf8 {
            if b >= 0x80 { return nil }
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace { bytes.append(0x20); pendingSpace = false }
            bytes.append(b)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Unicode's White_Space characters, plus U+200B and U+FEFF.
    @inline(__always)
    static func isFolded(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// The canonical paragraphs of a document, in order, each with its location.
    public static func paragraphs(of text: DocumentText) -> [(stream: String, text: String, location: Location)] {
        var result: [(String, String, Location)] = []
        for stream in text.streams {
            for p in stream.paragraphs {
                let c = paragraph(p.text)
                if !c.isEmpty { result.append((stream.name, c, p.location)) }
            }
        }
        return result
    }

    /// The canonical text of a document as bytes.
    public static func bytes(of text: DocumentText) -> Data {
        var out = Data()
        forEachLine(of: text) { out.append(contentsOf: $0.utf8); out.append(0x0A) }
        return out
    }

    /// Calls `body` with each line of the canonical text (without its line end), in order:
    /// stream headers `[name]` and canonical paragraphs. Each paragraph is canonicalised once.
    static func forEachLine(of text: DocumentText, _ body: (String) -> Void, paragraph onParagraph: ((String) -> Void)? = nil) {
        for stream in text.streams {
            var headerWritten = false
            for p in stream.paragraphs {
                let c = paragraph(p.text)
                guard !c.isEmpty else { continue }
                if !headerWritten { body("[\(stream.name)]"); headerWritten = true }
                body(c)
                onParagraph?(c)
            }
        }
    }
}
