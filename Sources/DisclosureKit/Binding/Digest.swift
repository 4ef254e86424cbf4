import Crypto
import Foundation

/// SHA-256 helpers for content bindings.
public enum Digests {
    /// SHA-256 of `data`, lower-case hex.
    public static func sha256Hex<D: DataProtocol>(_ data: D) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 over a sequence of named parts: for each part, its name's UTF-8 bytes,
    /// a NUL, the byte count as 8 big-endian bytes, then the bytes.
    public static func partsDigest(_ parts: [DocumentPart]) -> String {
        var hasher = SHA256()
        for part in parts {
            hasher.update(data: Data(part.name.utf8))
            hasher.update(data: Data([0]))
            var count = UInt64(part.bytes.count).bigEndian
            withUnsafeBytes(of: &count) { hasher.update(bufferPointer: $0) }
            hasher.update(data: part.bytes)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
