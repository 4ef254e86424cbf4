import Foundation

/// Safety limits applied while reading untrusted files.
public struct ReadLimits: Equatable, Sendable {
    /// Largest input file, in bytes.
    public var maxFileBytes: Int
    /// Most entries in a zip package.
    public var maxEntries: Int
    /// Largest total uncompressed size of a package, in bytes.
    public var maxTotalUncompressedBytes: Int
    /// Largest uncompressed size of one part, in bytes.
    public var maxPartBytes: Int
    /// Highest ratio of uncompressed to compressed size for an entry over 1 MiB.
    public var maxCompressionRatio: Int
    /// Deepest element nesting in markup.
    public var maxNestingDepth: Int

    /// Creates limits.
    public init(maxFileBytes: Int, maxEntries: Int, maxTotalUncompressedBytes: Int, maxPartBytes: Int,
                maxCompressionRatio: Int, maxNestingDepth: Int) {
        self.maxFileBytes = maxFileBytes
        self.maxEntries = maxEntries
        self.maxTotalUncompressedBytes = maxTotalUncompressedBytes
        self.maxPartBytes = maxPartBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxNestingDepth = maxNestingDepth
    }

    /// Defaults: 512 MiB files, 10,000 entries, 1 GiB uncompressed, 256 MiB per part,
    /// ratio 200:1, nesting 2,000 deep.
    public static let `default` = ReadLimits(
        maxFileBytes: 512 << 20, maxEntries: 10_000, maxTotalUncompressedBytes: 1 << 30,
        maxPartBytes: 256 << 20, maxCompressionRatio: 200, maxNestingDepth: 2_000)
}
