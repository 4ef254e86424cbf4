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
        var source = text
        var scratch: [UInt8] = []
        switch source.withUTF8({ asciiCanonical($0, into: &scratch) }) {
        case .same: return text
        case .rewritten: return String(decoding: scratch, as: UTF8.self)
        case .notASCII: return nonASCIIParagraph(text)
        }
    }

    /// ``paragraph(_:)`` for text with a character outside ASCII: NFC, then white space folded.
    private static func nonASCIIParagraph(_ text: String) -> String {
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
        forEachLine(of: text) { line, _ in out.append(contentsOf: line); out.append(0x0A) }
        return out
    }

    /// Calls `body` with each line of the canonical text as UTF-8 (without its line end), in
    /// order: stream headers `[name]` (`isParagraph` false) and canonical paragraphs. Each
    /// paragraph is canonicalised once, and no String is made for one already canonical (the
    /// common case: ASCII words separated by single spaces).
    static func forEachLine(of text: DocumentText, _ body: (UnsafeBufferPointer<UInt8>, _ isParagraph: Bool) -> Void) {
        var lines = LineWriter()
        for stream in text.streams {
            lines.begin(stream: stream.name)
            for p in stream.paragraphs { lines.add(paragraph: p.text, body) }
        }
    }

    /// The canonical text's lines as paragraphs come, stream by stream: a stream's `[name]`
    /// line before its first non-empty paragraph, then each non-empty canonical paragraph.
    /// ``forEachLine(of:_:)`` and the binding's hasher (``TextBindingHasher``) both write through it.
    struct LineWriter {
        private var scratch: [UInt8] = []
        private var streamName = ""
        private var headerWritten = true

        /// Starts a stream; its `[name]` line is written before its first non-empty paragraph.
        mutating func begin(stream name: String) {
            streamName = name
            headerWritten = false
        }

        /// Calls `body` with the lines one paragraph of the current stream gives (none when its
        /// canonical form is empty).
        mutating func add(paragraph text: String, _ body: (UnsafeBufferPointer<UInt8>, _ isParagraph: Bool) -> Void) {
            add(lines: { scratch, line in CanonicalText.withLine(of: text, scratch: &scratch, line) }, body)
        }

        /// ``add(paragraph:_:)`` for a paragraph given as UTF-8 (read as `String(decoding:as:)` would).
        mutating func add(paragraphUTF8 utf8: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, _ isParagraph: Bool) -> Void) {
            add(lines: { scratch, line in CanonicalText.withLine(ofUTF8: utf8, scratch: &scratch, line) }, body)
        }

        /// Hands `body` the stream's `[name]` line before its first non-empty paragraph, then the
        /// paragraph's line, which `lines` gives (or not, when its canonical form is empty).
        private mutating func add(lines: (inout [UInt8], (UnsafeBufferPointer<UInt8>) -> Void) -> Void,
                                  _ body: (UnsafeBufferPointer<UInt8>, _ isParagraph: Bool) -> Void) {
            var headerWritten = self.headerWritten
            let streamName = self.streamName
            // `body` is only called while `lines` runs; Swift asks for that to be said.
            withoutActuallyEscaping(body) { body in
                lines(&scratch) { line in
                    if !headerWritten {
                        var header = "[\(streamName)]"
                        header.withUTF8 { body($0, false) }
                        headerWritten = true
                    }
                    body(line, true)
                }
            }
            self.headerWritten = headerWritten
        }
    }

    /// Calls `body` with the canonical form of one paragraph as UTF-8, unless it is empty;
    /// `scratch` is reused between calls. No String is made for text already canonical.
    static func withLine(of text: String, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var source = text
        source.withUTF8 { utf8 in withLine(utf8, scratch: &scratch, nonASCII: { text }, body) }
    }

    /// ``withLine(of:scratch:_:)`` for a paragraph given as UTF-8: the same lines as for
    /// `String(decoding: utf8, as: UTF8.self)` (invalid sequences read as U+FFFD), with no
    /// String made unless it holds a byte over 0x7F.
    static func withLine(ofUTF8 utf8: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        withLine(utf8, scratch: &scratch, nonASCII: { String(decoding: utf8, as: UTF8.self) }, body)
    }

    /// The two entries' shared body: the ASCII fast path over `utf8`, and `nonASCII()` (the
    /// paragraph as a String) only when it holds a byte over 0x7F.
    @inline(__always)
    private static func withLine(_ utf8: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8], nonASCII: () -> String,
                                 _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        func emit(_ line: UnsafeBufferPointer<UInt8>) {
            if !line.isEmpty { body(line) }
        }
        switch asciiCanonical(utf8, into: &scratch) {
        case .same: emit(utf8)
        case .rewritten: scratch.withUnsafeBufferPointer(emit)
        case .notASCII:
            var c = nonASCIIParagraph(nonASCII())
            c.withUTF8(emit)
        }
    }

    private enum ASCIIOutcome { case same, rewritten, notASCII }

    /// The ASCII fast path over bytes: `.same` when `utf8` is already canonical, `.rewritten`
    /// with the canonical bytes in `out`, `.notASCII` when it holds a byte over 0x7F.
    private static func asciiCanonical(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> ASCIIOutcome {
        var canonical = true
        var previousSpace = true // a space at the start is not canonical
        @inline(__always) func step(_ b: UInt8) {
            if b == 0x20 {
                if previousSpace { canonical = false }
                previousSpace = true
            } else if b >= 0x09 && b <= 0x0D {
                canonical = false
                previousSpace = true
            } else {
                previousSpace = false
            }
        }
        // Eight bytes at a time (paragraphs are most of a document's text): a word with a byte over
        // 0x7F is not ASCII; one with no byte under 0x20 needs only its spaces checked, as a mask.
        let n = utf8.count
        var i = 0
        if let base = utf8.baseAddress {
            let raw = UnsafeRawPointer(base)
            let high: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if w & high != 0 { return .notASCII }
                if canonical {
                    // Every byte is under 0x80, so these additions carry into no other byte.
                    let underSpace = ~(w &+ 0x6060_6060_6060_6060) & high
                    if underSpace != 0 {
                        for k in 0..<8 { step(base[i + k]) }
                    } else {
                        let t = w ^ 0x2020_2020_2020_2020
                        let spaces = ~(t &+ 0x7F7F_7F7F_7F7F_7F7F) & high // 0x80 in each byte that is a space
                        if spaces & (spaces << 8) != 0 || (previousSpace && spaces & 0x80 != 0) { canonical = false }
                        previousSpace = spaces >> 63 != 0
                    }
                }
                i += 8
            }
        }
        while i < n {
            let b = utf8[i]
            if b >= 0x80 { return .notASCII }
            step(b)
            i += 1
        }
        if canonical && (utf8.isEmpty || utf8[utf8.count - 1] != 0x20) { return .same }
        out.removeAll(keepingCapacity: true)
        var pendingSpace = false
        for b in utf8 {
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(b)
        }
        return .rewritten
    }
}
