import Foundation

/// One line of a text: where it starts, where its content ends, where the next line starts.
///
/// Stored compactly (a 10 MB file has about 100,000 lines): offsets as `Int32` (text files are
/// refused long before 2 GiB) and the line end's length; the `Int` accessors are what callers use.
struct TextLine {
    private var first: Int32
    private var end: Int32
    private var eolLength: UInt8

    init(start: Int, contentEnd: Int, next: Int) {
        first = Int32(clamping: start)
        end = Int32(clamping: contentEnd)
        eolLength = UInt8(clamping: next - contentEnd)
    }

    var start: Int { Int(first) }
    var contentEnd: Int { Int(end) }
    var next: Int { Int(end) + Int(eolLength) }
}

extension TextLine {
    static func split(_ bytes: [UInt8]) -> [TextLine] {
        bytes.withUnsafeBufferPointer { split($0) }
    }

    static func split(_ bytes: Data) -> [TextLine] {
        bytes.withUnsafeBytes { split($0.assumingMemoryBound(to: UInt8.self)) }
    }

    /// Lines end at LF, CRLF or CR. A text without CR (most) is split with `memchr`, which finds
    /// each LF many bytes at a time; the lines are counted first, so the array is made once.
    static func split(_ b: UnsafeBufferPointer<UInt8>) -> [TextLine] {
        guard let base = b.baseAddress, !b.isEmpty else { return [] }
        let n = b.count
        guard memchr(base, 0x0D, n) == nil else { return splitAnyEnding(b) }
        func nextLF(from i: Int) -> Int? {
            guard i < n, let found = memchr(base + i, 0x0A, n - i) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        var count = 0
        var i = 0
        while let lf = nextLF(from: i) { count += 1; i = lf + 1 }
        if i < n { count += 1 }
        var lines: [TextLine] = []
        lines.reserveCapacity(count)
        var start = 0
        while let lf = nextLF(from: start) {
            lines.append(TextLine(start: start, contentEnd: lf, next: lf + 1))
            start = lf + 1
        }
        if start < n { lines.append(TextLine(start: start, contentEnd: n, next: n)) }
        return lines
    }

    /// ``split(_:)-(UnsafeBufferPointer<UInt8>)`` byte by byte, for texts with a CR.
    private static func splitAnyEnding(_ b: UnsafeBufferPointer<UInt8>) -> [TextLine] {
        var lines: [TextLine] = []
        var start = 0
        var i = 0
        while i < b.count {
            if b[i] == 0x0A || b[i] == 0x0D {
                let end = i
                if b[i] == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }
                lines.append(TextLine(start: start, contentEnd: end, next: i + 1))
                start = i + 1
            }
            i += 1
        }
        if start < b.count { lines.append(TextLine(start: start, contentEnd: b.count, next: b.count)) }
        return lines
    }

    func text(_ b: [UInt8]) -> String { String(decoding: b[start..<contentEnd], as: UTF8.self) }
    func text(_ b: Data) -> String { String(decoding: b[start..<contentEnd], as: UTF8.self) }
}
