import Foundation

/// One document being scanned: the input, what has been found so far, and helpers
/// every signal family shares (locations of raw bytes, quotation context).
final class ScanContext {
    let input: EvidenceInput
    /// The most findings one signal reports per document; the rest add nothing a reader needs.
    let maxFindingsPerSignal: Int
    private(set) var findings: [Finding] = []
    private(set) var declarations: [Declaration] = []
    private var countBySignal: [String: Int] = [:]
    private var seen: Set<String> = []
    private lazy var rawBytes: [UInt8] = [UInt8](input.raw)
    private lazy var quotingElements: [Range<Int>] = MarkupQuoting.ranges(in: rawBytes)

    init(input: EvidenceInput, maxFindingsPerSignal: Int) {
        self.input = input
        self.maxFindingsPerSignal = maxFindingsPerSignal
    }

    /// Adds a finding for `signal` with the catalogue's strength (or `strength` when given).
    func add(_ signal: SignalDescriptor, at location: Location, excerpt: String, explanation: String, strength: SignalStrength? = nil) {
        // One finding per signal and place; places without a paragraph, line or offset (a whole part) are told apart by excerpt.
        let vague = location.paragraph == nil && location.line == nil && location.byteOffset == nil
        let key = signal.id.rawValue + "|" + location.description + "|" + (vague ? excerpt : "")
        guard !seen.contains(key), countBySignal[signal.id.rawValue, default: 0] < maxFindingsPerSignal else { return }
        seen.insert(key)
        countBySignal[signal.id.rawValue, default: 0] += 1
        findings.append(Finding(signal: signal.id, strength: strength ?? signal.strength, location: location, excerpt: excerpt, explanation: explanation))
    }

    /// How many findings `signal` has so far.
    func count(_ signal: SignalDescriptor) -> Int { countBySignal[signal.id.rawValue, default: 0] }

    /// Adds a declaration, once per kind, place and quote, and at most ``maxFindingsPerSignal`` of each kind.
    func declare(kind: DeclarationKind, at location: Location, quote: String, explanation: String, facts: DeclarationFacts? = nil) {
        let key = "decl|" + kind.rawValue + "|" + location.description + "|" + quote
        guard !seen.contains(key), countBySignal["decl|" + kind.rawValue, default: 0] < maxFindingsPerSignal else { return }
        seen.insert(key)
        countBySignal["decl|" + kind.rawValue, default: 0] += 1
        declarations.append(Declaration(kind: kind, location: location, quote: quote, explanation: explanation, facts: facts))
    }

    /// The evidence, findings strongest first (document order otherwise).
    var evidence: Evidence {
        let ordered = findings.enumerated().sorted { a, b in
            a.element.strength != b.element.strength ? a.element.strength > b.element.strength : a.offset < b.offset
        }.map(\.element)
        return Evidence(findings: ordered, declarations: declarations)
    }

    // MARK: Raw bytes

    /// Runs `body` over the raw bytes.
    func withRaw<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
        input.raw.withUnsafeBytes(body)
    }

    /// Line, column and byte offset of a raw byte offset (lines counted on LF).
    func rawLocation(_ offset: Int) -> Location {
        let b = rawBytes
        var line = 1
        var lineStart = 0
        var i = 0
        let end = min(offset, b.count)
        while i < end {
            if b[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
        let column = String(decoding: b[lineStart..<end], as: UTF8.self).count + 1
        return Location(line: line, column: column, byteOffset: offset)
    }

    /// Up to `length` bytes of raw text from `offset`, decoded for an excerpt.
    func rawExcerpt(_ offset: Int, length: Int = 80) -> String {
        let b = rawBytes
        guard offset < b.count else { return "" }
        var end = min(b.count, offset + length)
        while end < b.count, end > offset, b[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: b[offset..<end], as: UTF8.self)
    }

    /// The raw byte at `offset`, or 0.
    func rawByte(_ offset: Int) -> UInt8 { offset >= 0 && offset < rawBytes.count ? rawBytes[offset] : 0 }

    // MARK: Quotation

    /// Where a paragraph sits: in running text, in a quotation (blockquote, `<q>`), or in code.
    typealias Setting = TextSetting

    /// The setting of a paragraph, from the raw bytes around its byte offset: a Markdown
    /// blockquote marker or code fence at the start of its line, or an enclosing HTML
    /// `<blockquote>`, `<q>`, `<pre>` or `<code>` element. Packages (compressed raw bytes) are always `plain`.
    /// - Parameter styledQuotes: false to pass over a quotation the document marks only by its
    ///   paragraph style: a written declaration is read wherever the author put it (pupils style
    ///   a declaration box as a "Quote" for emphasis), and only markup quoting is left out.
    func setting(of paragraph: TextParagraph, styledQuotes: Bool = true) -> Setting {
        if let declared = paragraph.setting, styledQuotes || declared != .quoted { return declared }
        guard paragraph.location.part == nil, let offset = paragraph.location.byteOffset, offset < rawBytes.count else { return .plain }
        let b = rawBytes
        var lineStart = offset
        while lineStart > 0, offset - lineStart < 256, b[lineStart - 1] != 0x0A, b[lineStart - 1] != 0x0D { lineStart -= 1 }
        let atLineStart = lineStart == 0 || b[lineStart - 1] == 0x0A || b[lineStart - 1] == 0x0D
        let prefix = b[lineStart..<offset]
        let marks = atLineStart ? prefix.filter { $0 != 0x20 && $0 != 0x09 } : [0x3C]
        if !marks.isEmpty, marks.contains(0x3E), !marks.contains(0x3C),
           marks.allSatisfy({ $0 == 0x3E || $0 == 0x2D || $0 == 0x2A || $0 == 0x2B || $0 == 0x2E || ($0 >= 0x30 && $0 <= 0x39) }) {
            return .quoted
        }
        if marks.isEmpty {
            let width = prefix.reduce(0) { $0 + ($1 == 0x09 ? 4 : 1) }
            if width >= 4 { return .code }
            let head = b[offset..<min(b.count, offset + 3)]
            if Array(head) == [0x60, 0x60, 0x60] || Array(head) == [0x7E, 0x7E, 0x7E] { return .code }
        }
        let ranges = quotingElements
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound <= offset { lo = mid + 1 } else { hi = mid }
        }
        if lo < ranges.count, ranges[lo].contains(offset) {
            return MarkupQuoting.isCode(b, at: ranges[lo].lowerBound) ? .code : .quoted
        }
        return .plain
    }

    /// The setting of a metadata entry found in the markup (a link target): as for a paragraph,
    /// and code when it sits inside Markdown backticks.
    func setting(ofEntryAt location: Location) -> Setting {
        let base = setting(of: TextParagraph(text: "", location: location))
        guard base == .plain, location.part == nil, let o = location.byteOffset, o < rawBytes.count else { return base }
        var ticks = 0
        var i = o - 1
        while i >= 0, o - i < 4096, rawBytes[i] != 0x0A {
            if rawBytes[i] == 0x60 { ticks += 1 }
            i -= 1
        }
        return ticks % 2 == 1 ? .code : .plain
    }

    /// Where a match inside a paragraph sits, when the paragraph itself is plain: the matched text
    /// is looked up in the raw markup shortly after the paragraph's start, and is `code` inside
    /// Markdown backticks or an inline `<code>`, `quoted` inside an inline `<q>` (or any enclosing
    /// quotation or code element).
    func inlineSetting(_ paragraph: TextParagraph, _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Setting {
        guard paragraph.location.part == nil, let offset = paragraph.location.byteOffset, offset < rawBytes.count, !range.isEmpty else { return .plain }
        let needle = Array(text[range])
        // Markup only adds bytes before the text, so the raw match lies at or after the same distance
        // from the paragraph's start; the window is bounded so hostile input stays linear.
        let from = min(rawBytes.count, offset + max(0, range.lowerBound - 256))
        let window = from..<min(rawBytes.count, from + 16_384)
        let hit: Int? = rawBytes.withUnsafeBytes { raw in
            ByteSearch.all(needle, in: UnsafeRawBufferPointer(rebasing: raw[window]), limit: 1).first.map { $0 + from }
        }
        guard let o = hit else { return .plain }
        return setting(ofEntryAt: Location(line: paragraph.location.line, byteOffset: o))
    }

    /// True when a match is quoted or in code by ``inlineSetting(_:_:_:)``.
    func isInQuotingElement(_ paragraph: TextParagraph, _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        inlineSetting(paragraph, text, range) != .plain
    }

    /// True when the byte range `range` of `text` is inside quotation marks opened earlier in the same paragraph.
    static func isInsideQuotationMarks(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var tracker = QuoteTracker()
        return tracker.isQuoted(text, at: range.lowerBound)
    }
}

/// Quotation-mark state through a paragraph, advanced incrementally so that many matches
/// in one paragraph cost one pass.
struct QuoteTracker {
    private var position = 0
    private var straight = false
    private var curly = 0
    /// Inside single quotation marks (‘…’ or '…'): opened only before a letter and after a
    /// space or the paragraph's start, closed only before a non-letter, so the apostrophes of
    /// "didn't" and "pupils' work" open and close nothing.
    private var single = false

    /// True when `offset` is inside quotation marks; offsets must not decrease between calls.
    mutating func isQuoted(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        if offset < position { self = QuoteTracker() }
        var i = position
        while i < offset {
            let c = text[i]
            func letter(_ j: Int) -> Bool { j < text.count && (text[j] >= 0x80 || (text[j] | 0x20 >= 0x61 && text[j] | 0x20 <= 0x7A)) }
            func opening(_ j: Int) -> Bool { j == 0 || [0x20, 0x09, 0x0A, 0x28, 0x5B, 0x3A].contains(text[j - 1]) }
            if c == 0x22 { straight.toggle() }
            else if c == 0x27 {
                if !single, opening(i), letter(i + 1) { single = true } else if single, !letter(i + 1) { single = false }
            }
            else if c == 0xE2, i + 2 < text.count, text[i + 1] == 0x80 {
                switch text[i + 2] {
                case 0x98: if opening(i) { single = true }                        // ‘
                case 0x99: if single, !letter(i + 3) { single = false }           // ’ (an apostrophe before a letter)
                case 0x9C, 0x9E: curly += 1            // “ „
                case 0x9D: curly = max(0, curly - 1)   // ”
                default: break
                }
            } else if c == 0xC2, i + 1 < text.count {
                if text[i + 1] == 0xAB { curly += 1 } else if text[i + 1] == 0xBB { curly = max(0, curly - 1) } // « »
            } else if c == 0xE3, i + 2 < text.count, text[i + 1] == 0x80 {
                if text[i + 2] == 0x8C || text[i + 2] == 0x8E { curly += 1 } else if text[i + 2] == 0x8D || text[i + 2] == 0x8F { curly = max(0, curly - 1) }
            }
            i += 1
        }
        position = max(position, offset)
        return straight || curly > 0 || single
    }
}

/// HTML quotation and code elements found by a byte scan of raw markup.
enum MarkupQuoting {
    static let names: [[UInt8]] = ["blockquote", "q", "pre", "code", "samp", "kbd", "textarea"].map { Array($0.utf8) }

    /// Byte ranges from each opening tag to its closing tag (outermost only).
    static func ranges(in b: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var open: [(name: Int, start: Int)] = []
        var i = 0
        let n = b.count
        while i < n {
            guard b[i] == 0x3C, i + 2 < n else { i += 1; continue }
            let closing = b[i + 1] == 0x2F
            let s = i + (closing ? 2 : 1)
            // Fast path: the names start with b, q, p, c, s, k or t.
            switch PhraseMatcher.lower(b[s]) {
            case 0x62, 0x71, 0x70, 0x63, 0x73, 0x6B, 0x74: break
            default: i += 1; continue
            }
            var matched: Int?
            for (k, name) in names.enumerated() where s + name.count <= n {
                var ok = true
                for j in 0..<name.count where PhraseMatcher.lower(b[s + j]) != name[j] { ok = false; break }
                let after = s + name.count < n ? b[s + name.count] : 0x3E
                if ok, after == 0x3E || after == 0x20 || after == 0x0A || after == 0x09 || after == 0x0D || after == 0x2F { matched = k; break }
            }
            if let k = matched {
                if closing {
                    if let index = open.lastIndex(where: { $0.name == k }) {
                        let start = open[index].start
                        open.removeSubrange(index...)
                        if open.isEmpty { out.append(start..<i) }
                    }
                } else {
                    open.append((k, i))
                }
            }
            i += 1
        }
        if let first = open.first { out.append(first.start..<n) }
        return out
    }

    /// True when the element starting at `offset` is a code element rather than a quotation.
    static func isCode(_ b: [UInt8], at offset: Int) -> Bool {
        let s = offset + 1
        guard s < b.count else { return false }
        let c = PhraseMatcher.lower(b[s])
        return c == 0x70 || c == 0x63 || c == 0x73 || c == 0x6B || c == 0x74 // pre, code, samp, kbd, textarea
    }
}
