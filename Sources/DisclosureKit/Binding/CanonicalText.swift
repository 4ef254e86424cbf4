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
        let nfc = text.precomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in nfc.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{FEFF}" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return String(out)
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
        var out = ""
        for stream in text.streams {
            let ps = stream.paragraphs.map { paragraph($0.text) }.filter { !$0.isEmpty }
            guard !ps.isEmpty else { continue }
            out += "[\(stream.name)]\n"
            for p in ps { out += p + "\n" }
        }
        return Data(out.utf8)
    }
}
