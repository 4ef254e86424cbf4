import Foundation

/// What the evidence scanner looks at in one readable document. Format-independent:
/// the handler has already turned the file into text streams and metadata entries.
public struct EvidenceInput: Sendable {
    /// The path, for messages.
    public var path: String
    /// The format handler's id.
    public var format: FormatID
    /// The document's text in reading order (our statement excluded).
    public var text: DocumentText
    /// Metadata fields a person can see (producer, generator, custom properties, meta tags, front matter keys).
    public var metadata: [MetadataEntry]
    /// The file's raw bytes, for signals that live in markup (attributes, link targets).
    public var raw: Data

    /// Creates an input.
    public init(path: String, format: FormatID, text: DocumentText, metadata: [MetadataEntry], raw: Data) {
        self.path = path
        self.format = format
        self.text = text
        self.metadata = metadata
        self.raw = raw
    }
}

/// What the evidence scanner found: signals of AI assistance and declarations made another way.
public struct Evidence: Equatable, Sendable {
    /// Signals, strongest first.
    public var findings: [Finding]
    /// Declarations of AI use (or of no AI use) that are not Disclose's own stamp.
    public var declarations: [Declaration]

    /// Creates evidence.
    public init(findings: [Finding] = [], declarations: [Declaration] = []) {
        self.findings = findings
        self.declarations = declarations
    }
}

/// A signal in the catalogue (`docs/signals.md`).
public struct SignalDescriptor: Equatable, Sendable {
    /// Stable id, e.g. `metadata.ai-generator`.
    public var id: SignalID
    /// The family: `metadata`, `provenance`, `residue`, `typography`.
    public var family: String
    /// How strongly it suggests AI assistance.
    public var strength: SignalStrength
    /// A short title for reports.
    public var title: String
    /// What it looks for and why it suggests AI assistance.
    public var rationale: String
    /// Known situations where it appears without AI involvement.
    public var falsePositives: String

    /// Creates a descriptor.
    public init(id: SignalID, family: String, strength: SignalStrength, title: String, rationale: String, falsePositives: String) {
        self.id = id
        self.family = family
        self.strength = strength
        self.title = title
        self.rationale = rationale
        self.falsePositives = falsePositives
    }
}
