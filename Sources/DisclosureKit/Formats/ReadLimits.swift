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
    /// Largest text document (Markdown, HTML), in bytes. Parsers need about 25 bytes of memory
    /// per byte of text (more for one huge line), so this bounds memory, not only time.
    public var maxTextFileBytes: Int

    /// Creates limits.
    public init(maxFileBytes: Int, maxEntries: Int, maxTotalUncompressedBytes: Int, maxPartBytes: Int,
                maxCompressionRatio: Int, maxNestingDepth: Int, maxTextFileBytes: Int = 32 << 20) {
        self.maxFileBytes = maxFileBytes
        self.maxEntries = maxEntries
        self.maxTotalUncompressedBytes = maxTotalUncompressedBytes
        self.maxPartBytes = maxPartBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxNestingDepth = maxNestingDepth
        self.maxTextFileBytes = maxTextFileBytes
    }

    /// Throws when a text document is over ``maxTextFileBytes``.
    /// - Throws: ``DisclosureError/limitExceeded(path:what:limit:)``.
    public func checkTextSize(_ input: DocumentInput, kind: String) throws {
        guard input.data.count > maxTextFileBytes else { return }
        throw DisclosureError.limitExceeded(
            path: input.path, what: "the \(kind) file is \(ByteCount.describe(input.data.count)), far larger than any real document",
            limit: "\(ByteCount.describe(maxTextFileBytes)) for one \(kind) file")
    }

    /// Defaults: 512 MiB files, 10,000 entries, 1 GiB uncompressed, 256 MiB per part,
    /// ratio 200:1, nesting 2,000 deep, 32 MiB per Markdown or HTML file.
    public static let `default` = ReadLimits(
        maxFileBytes: 512 << 20, maxEntries: 10_000, maxTotalUncompressedBytes: 1 << 30,
        maxPartBytes: 256 << 20, maxCompressionRatio: 200, maxNestingDepth: 2_000)
}
