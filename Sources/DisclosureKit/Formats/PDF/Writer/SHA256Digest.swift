import Crypto
import Foundation

/// SHA-256 for the stamp's records (the original bytes' digest) and the file identifier.
enum SHA256Digest {
    static func bytes<D: DataProtocol>(_ data: D) -> [UInt8] {
        if let data = data as? Data {
            // A chunk at a time, letting a mapped file's pages go again (``LargeData``).
            var hasher = SHA256()
            LargeData.forEachChunk(of: data) { hasher.update(bufferPointer: $0) }
            return Array(hasher.finalize())
        }
        return Array(SHA256.hash(data: data))
    }
    static func hex<D: DataProtocol>(_ data: D) -> String { Digests.hex(bytes(data)) }
}
