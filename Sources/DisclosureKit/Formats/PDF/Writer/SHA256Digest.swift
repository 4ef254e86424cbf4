import Crypto
import Foundation

/// SHA-256 for the stamp's records (the original bytes' digest) and the file identifier.
enum SHA256Digest {
    static func bytes<D: DataProtocol>(_ data: D) -> [UInt8] { Array(SHA256.hash(data: data)) }
    static func hex<D: DataProtocol>(_ data: D) -> String { Digests.hex(bytes(data)) }
}
