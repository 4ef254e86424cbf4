import Foundation

/// A named digest, e.g. `sha-256` over canonical text.
public struct NamedDigest: Codable, Equatable, Sendable {
    /// The algorithm's name; `sha-256` in this version.
    public var algorithm: String
    /// The digest, lower-case hex.
    public var value: String

    /// Creates a named digest.
    public init(algorithm: String = "sha-256", value: String) {
        self.algorithm = algorithm
        self.value = value
    }
}

/// Binds a disclosure to the content it was stamped on. See `docs/format.md` § Content binding.
public struct ContentBinding: Codable, Equatable, Sendable {
    /// The format identifier of the stamped document (`docx`, `markdown`, `html`).
    public var format: FormatID
    /// Name of the text canonicalisation, `disclose-text/1`.
    public var canonicalization: String
    /// Digest of the canonical text, statement excluded.
    public var text: NamedDigest
    /// Digest of every part the stamp does not manage, statement removed.
    public var parts: NamedDigest
    /// Number of canonical paragraphs.
    public var paragraphs: Int
    /// Short digests of groups of paragraphs, used only to point at the first change.
    public var paragraphMap: ParagraphMap?

    /// Creates a binding.
    public init(format: FormatID, canonicalization: String = CanonicalText.name, text: NamedDigest, parts: NamedDigest,
                paragraphs: Int, paragraphMap: ParagraphMap?) {
        self.format = format
        self.canonicalization = canonicalization
        self.text = text
        self.parts = parts
        self.paragraphs = paragraphs
        self.paragraphMap = paragraphMap
    }
}

/// Four hex digits of SHA-256 per group of `groupSize` canonical paragraphs, concatenated.
public struct ParagraphMap: Codable, Equatable, Sendable {
    /// How many paragraphs share one short digest.
    public var groupSize: Int
    /// The short digests, four hex digits each, concatenated.
    public var digests: String

    /// Creates a paragraph map.
    public init(groupSize: Int, digests: String) {
        self.groupSize = groupSize
        self.digests = digests
    }
}
