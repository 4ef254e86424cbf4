import Foundation

/// Finds many fixed phrases in one pass over a text's UTF-8 bytes, ignoring ASCII case.
/// Built once (static); each position costs one table look-up on the first two bytes,
/// and only the phrases that start with those two bytes are compared.
struct PhraseMatcher: Sendable {
    /// A phrase to look for, with the value to report when it is found.
    struct Phrase: Sendable {
        var bytes: [UInt8]
        var tag: Int
        /// The phrase must start a word (the byte before is not a letter or digit).
        var wordStart: Bool
        /// The phrase must end a word (the byte after is not a letter or digit).
        var wordEnd: Bool
    }

    /// A match: the phrase's tag and its byte range in the text.
    struct Match: Sendable {
        var tag: Int
        var range: Range<Int>
    }

    private let phrases: [Phrase]
    /// For each two-byte prefix, the phrases that start with it: `order[starts[key]..<starts[key + 1]]`.
    private let starts: [Int32]
    private let order: [Int32]
    private let bitmap: [UInt64]
    /// First three bytes of every phrase, hashed to 2^20 bits: most positions whose first two bytes
    /// start some phrase are rejected here without touching the buckets.
    private let trigrams: [UInt64]
    private static let trigramMask = (1 << 20) - 1

    @inline(__always) private static func trigram(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        (Int(a) << 12 ^ Int(b) << 6 ^ Int(c) &* 0x9E5) & trigramMask
    }

    /// - Parameter phrases: (text, tag) pairs. Text is matched without ASCII case; a straight
    ///   apostrophe in a phrase also matches a curly one (U+2019).
    init(_ phrases: [(String, Int)], wordStart: Bool = true, wordEnd: Bool = true) {
        self.init(entries: phrases.map { ($0.0, $0.1, wordStart, wordEnd) })
    }

    /// - Parameter entries: (text, tag, must start a word, must end a word), so one matcher
    ///   (one pass over the text) can hold phrases with different boundary rules.
    init(entries: [(String, Int, Bool, Bool)]) {
        var all: [Phrase] = []
        for (text, tag, wordStart, wordEnd) in entries {
            let lower = Array(text.lowercased().utf8)
            all.append(Phrase(bytes: lower, tag: tag, wordStart: wordStart, wordEnd: wordEnd && PhraseMatcher.isWordByte(lower.last ?? 0)))
            if lower.contains(0x27) {
                var curly: [UInt8] = []
                for b in lower { if b == 0x27 { curly += [0xE2, 0x80, 0x99] } else { curly.append(b) } }
                all.append(Phrase(bytes: curly, tag: tag, wordStart: wordStart, wordEnd: wordEnd && PhraseMatcher.isWordByte(lower.last ?? 0)))
            }
        }
        // Phrases grouped by their first two bytes, by counting (an array per key cost about
        // 10 million instructions at start-up, more than a small file's whole audit).
        var starts = [Int32](repeating: 0, count: 65537)
        var bitmap = [UInt64](repeating: 0, count: 1024)
        for p in all where p.bytes.count >= 2 {
            let key = Int(p.bytes[0]) << 8 | Int(p.bytes[1])
            starts[key + 1] += 1
            bitmap[key >> 6] |= 1 << UInt64(key & 63)
        }
        for key in 0..<65536 { starts[key + 1] += starts[key] }
        var order = [Int32](repeating: 0, count: Int(starts[65536]))
        var next = starts
        for (i, p) in all.enumerated() where p.bytes.count >= 2 {
            let key = Int(p.bytes[0]) << 8 | Int(p.bytes[1])
            order[Int(next[key])] = Int32(i)
            next[key] += 1
        }
        var trigrams = [UInt64](repeating: 0, count: (1 << 20) / 64)
        for p in all where p.bytes.count >= 2 {
            let thirds: [UInt8] = p.bytes.count >= 3 ? [p.bytes[2]] : Array(0...255)
            for c in thirds {
                let h = PhraseMatcher.trigram(p.bytes[0], p.bytes[1], c)
                trigrams[h >> 6] |= 1 << UInt64(h & 63)
            }
        }
        self.phrases = all
        self.starts = starts
        self.order = order
        self.bitmap = bitmap
        self.trigrams = trigrams
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }

    /// Every match in `text`, in order of position (overlapping matches included).
    func matches(in text: UnsafeBufferPointer<UInt8>) -> [Match] {
        var out: [Match] = []
        let n = text.count
        guard n >= 2 else { return out }
        // The tables are read through unsafe pointers (indices are in range by construction:
        // keys < 65,536, hashes masked to 2^20 bits), so the per-byte loop has no bounds checks.
        bitmap.withUnsafeBufferPointer { bitmap in
            trigrams.withUnsafeBufferPointer { trigrams in
                var i = 0
                while i < n - 1 {
                    let b0 = PhraseMatcher.lower(text[i]), b1 = PhraseMatcher.lower(text[i + 1])
                    let key = Int(b0) << 8 | Int(b1)
                    if bitmap[key >> 6] & (1 << UInt64(key & 63)) != 0 {
                        // A position at the very end can only start a two-byte phrase; 0 stands for "no third byte" there.
                        let h = PhraseMatcher.trigram(b0, b1, i + 2 < n ? PhraseMatcher.lower(text[i + 2]) : 0)
                        if trigrams[h >> 6] & (1 << UInt64(h & 63)) != 0 { compare(at: i, key: key, text, into: &out) }
                    }
                    i += 1
                }
            }
        }
        return out
    }

    /// The phrases starting with `key`'s two bytes that match at `i`, appended to `out`.
    private func compare(at i: Int, key: Int, _ text: UnsafeBufferPointer<UInt8>, into out: inout [Match]) {
        let n = text.count
        for slot in Int(starts[key])..<Int(starts[key + 1]) {
            let p = phrases[Int(order[slot])]
            let m = p.bytes.count
            guard i + m <= n else { continue }
            var j = 2
            while j < m, PhraseMatcher.lower(text[i + j]) == p.bytes[j] { j += 1 }
            guard j == m else { continue }
            if p.wordStart, i > 0, PhraseMatcher.isWordByte(text[i - 1]) { continue }
            if p.wordEnd, i + m < n, PhraseMatcher.isWordByte(text[i + m]) { continue }
            out.append(Match(tag: p.tag, range: i..<(i + m)))
        }
    }

    /// Every match in a string.
    func matches(in string: String) -> [Match] {
        var s = string
        return s.withUTF8 { matches(in: $0) }
    }
}
