import Foundation

/// One of N deterministic slices of a share, so that N machines can audit it together.
///
/// A file belongs to shard K (1-based) of N when `FNV-1a-64(relativePath) % N == K - 1`,
/// where `relativePath` is the file's path below the audited root, `/`-separated, as UTF-8.
/// The hash does not depend on where the share is mounted, the machine or the run, so the
/// N shards are disjoint and together cover every file exactly once.
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    /// This shard's number, 1...count.
    public var index: Int
    /// How many shards there are.
    public var count: Int

    /// The whole share as one shard.
    public static let all = Shard(uncheckedIndex: 1, count: 1)

    /// Creates shard `index` of `count`.
    /// - Throws: ``DisclosureError/invalidInput(_:)`` unless `1 <= index <= count`.
    public init(index: Int, count: Int) throws {
        guard count >= 1, index >= 1, index <= count else {
            throw DisclosureError.invalidInput("--shard \(index)/\(count): the shard must be K/N with 1 <= K <= N, e.g. --shard 1/4.")
        }
        self.index = index
        self.count = count
    }

    private init(uncheckedIndex: Int, count: Int) {
        self.index = uncheckedIndex
        self.count = count
    }

    /// Parses `K/N`.
    /// - Throws: ``DisclosureError/invalidInput(_:)`` for anything else.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw DisclosureError.invalidInput("--shard \(text): expected K/N, e.g. --shard 1/4 (K counts from 1).")
        }
        try self.init(index: k, count: n)
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }

    /// True when the file at `relativePath` (below the root) belongs to this shard.
    public func contains(relativePath: String) -> Bool {
        count == 1 || Int(Self.fnv1a(relativePath) % UInt64(count)) == index - 1
    }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
