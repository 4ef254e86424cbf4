#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte searches over raw bytes: `memchr` finds candidates for the needle's first byte, and
/// `memcmp` confirms the rest. Used by the evidence scans, ``XMLBytes/find(_:in:)``, PDF font
/// reading and the web app's form-data parser.
package enum ByteSearch {
    /// The offset of the first `needle` in `haystack` at or after `start`; nil when there is
    /// none, and for an empty needle (as `Data.range(of:)` gives).
    package static func firstOffset(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        guard let wanted = needle.baseAddress, let first = needle.first, let base = haystack.baseAddress,
              start >= 0, haystack.count - start >= needle.count else { return nil }
        let last = haystack.count - needle.count
        var at = start
        while at <= last {
            guard let hit = memchr(base + at, Int32(first), last - at + 1) else { return nil }
            let offset = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(hit, wanted, needle.count) == 0 { return offset }
            at = offset + 1
        }
        return nil
    }

    /// Offsets of every occurrence of `needle` in `haystack` (exact bytes, overlapping ones
    /// included), at most `limit`.
    static func all(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer, limit: Int = 50) -> [Int] {
        var out: [Int] = []
        needle.withUnsafeBytes { n in
            var start = 0
            while out.count < limit, let offset = firstOffset(of: n, in: haystack, from: start) {
                out.append(offset)
                start = offset + 1
            }
        }
        return out
    }

    /// True when `needle` occurs in `haystack`.
    static func contains(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Bool {
        needle.withUnsafeBytes { firstOffset(of: $0, in: haystack) != nil }
    }
}
