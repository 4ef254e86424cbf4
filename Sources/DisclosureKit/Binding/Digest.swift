import Crypto
import Foundation

/// SHA-256 helpers for content bindings.
public enum Digests {
    /// SHA-256 of `data`, lower-case hex.
    public static func sha256Hex<D: DataProtocol>(_ data: D) -> String {
        hex(SHA256.hash(data: data))
    }

    /// SHA-256 of `data`, lower-case hex, a chunk at a time, so that a mapped file's pages can
    /// go again after each (``LargeData``).
    public static func sha256Hex(_ data: Data) -> String {
        hex(sha256(data))
    }

    /// SHA-256 of `data`, a chunk at a time, as the hex form above.
    static func sha256(_ data: Data) -> [UInt8] {
        var hasher = SHA256()
        LargeData.forEachChunk(of: data) { hasher.update(bufferPointer: $0) }
        return Array(hasher.finalize())
    }

    /// Lower-case hex of `bytes` (a table lookup per nibble, not a formatter per byte).
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// SHA-256 over a sequence of named parts: for each part, its name's UTF-8 bytes,
    /// a NUL, the byte count as 8 big-endian bytes, then the bytes.
    public static func partsDigest(_ parts: [DocumentPart]) -> String {
        var hasher = PartsHasher()
        for part in parts { hasher.add(name: part.name, bytes: part.bytes) }
        return hasher.finalizeHex()
    }
}

/// Streams the unmanaged-parts digest (see `docs/format.md`), one part at a time, so a
/// handler need not hold every part in memory.
public struct PartsHasher {
    private var hasher = SHA256()

    /// Creates an empty hasher.
    public init() {}

    /// Adds one whole part.
    public mutating func add<D: DataProtocol>(name: String, bytes: D) {
        begin(name: name, count: bytes.count)
        hasher.update(data: bytes)
    }

    /// Starts a part of `count` bytes; follow with ``update(_:)`` calls adding exactly that many bytes.
    public mutating func begin(name: String, count: Int) {
        hasher.update(data: Data(name.utf8))
        hasher.update(data: Data([0]))
        var big = UInt64(count).bigEndian
        withUnsafeBytes(of: &big) { hasher.update(bufferPointer: $0) }
    }

    /// Adds bytes of the current part.
    public mutating func update<D: DataProtocol>(_ bytes: D) {
        hasher.update(data: bytes)
    }

    /// The digest, lower-case hex.
    public func finalizeHex() -> String {
        Digests.hex(hasher.finalize())
    }
}
