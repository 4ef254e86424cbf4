import Foundation

/// Link destinations in Markdown source, found by a byte scan (inline links `[text](url)`,
/// images, autolinks `<https://…>` and reference definitions `[label]: url`), for the
/// evidence scanner. Only destinations with a query (`?` or `=`) are returned.
enum MarkdownLinks {
    /// (destination, UTF-8 offset) pairs.
    static func destinations(_ data: Data) -> [(String, Int)] {
        data.withUnsafeBytes { destinations($0) }
    }

    static func destinations(_ b: [UInt8]) -> [(String, Int)] {
        b.withUnsafeBytes { destinations($0) }
    }

    static func destinations(_ b: UnsafeRawBufferPointer) -> [(String, Int)] {
        var out: [(String, Int)] = []
        let n = b.count
        var i = 0
        func take(from start: Int, stop: (UInt8) -> Bool) -> Int {
            var j = start
            while j < n, !stop(b[j]), j - start < 4096 { j += 1 }
            return j
        }
        while i < n {
            let c = b[i]
            if c == 0x5D, i + 1 < n, b[i + 1] == 0x28 {                                  // ](
                var s = i + 2
                while s < n, b[s] == 0x20 { s += 1 }
                let angle = s < n && b[s] == 0x3C
                if angle { s += 1 }
                let e = take(from: s) { angle ? ($0 == 0x3E || $0 == 0x0A) : ($0 <= 0x20 || $0 == 0x29) }
                if e > s { out.append((String(decoding: b[s..<e], as: UTF8.self), s)) }
                i = max(e, i + 1)
                continue
            }
            if c == 0x3C, i + 8 < n, b[i + 1] == 0x68 || b[i + 1] == 0x48 {              // <http
                let e = take(from: i + 1) { $0 == 0x3E || $0 <= 0x20 }
                if e < n, b[e] == 0x3E { out.append((String(decoding: b[(i + 1)..<e], as: UTF8.self), i + 1)) }
                i = max(e, i + 1)
                continue
            }
            if c == 0x5D, i + 1 < n, b[i + 1] == 0x3A, startsDefinition(b, at: i) {       // ]: at a line start [label]
                var s = i + 2
                while s < n, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
                let e = take(from: s) { $0 <= 0x20 }
                if e > s { out.append((String(decoding: b[s..<e], as: UTF8.self), s)) }
                i = max(e, i + 1)
                continue
            }
            i += 1
        }
        return out.filter { $0.0.contains("=") || $0.0.contains("?") }
    }

    /// True when the `]` at `offset` closes a `[label]` that starts its line (after up to three spaces).
    static func startsDefinition(_ b: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        var j = offset - 1
        while j >= 0, b[j] != 0x5B, b[j] != 0x0A, offset - j < 1000 { j -= 1 }
        guard j >= 0, b[j] == 0x5B else { return false }
        var k = j - 1
        var spaces = 0
        while k >= 0, b[k] == 0x20 { k -= 1; spaces += 1 }
        return spaces <= 3 && (k < 0 || b[k] == 0x0A || b[k] == 0x0D)
    }
}

extension MarkdownDocument {
    /// Link destinations with a query, as metadata entries with line, column and byte offset.
    func linkEntries() -> [MetadataEntry] {
        let found = MarkdownLinks.destinations(b)
        guard !found.isEmpty else { return [] }
        // Destinations inside code blocks are not links.
        let code = blocks().filter { $0.kind == .codeBlock }.map { $0.startLine...$0.endLine }
        return found.compactMap { url, offset -> MetadataEntry? in
            var lo = 0, hi = lines.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if lines[mid].next <= offset { lo = mid + 1 } else { hi = mid }
            }
            if code.contains(where: { $0.contains(lo + 1) }) { return nil }
            let column = lo < lines.count ? String(decoding: b[lines[lo].start..<offset], as: UTF8.self).count + 1 : 1
            return MetadataEntry(key: EvidenceEntryKey.link, value: url, location: Location(line: lo + 1, column: column, byteOffset: file.originalOffset(offset)))
        }
    }
}
