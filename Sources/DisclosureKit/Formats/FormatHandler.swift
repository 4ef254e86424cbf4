import Foundation

/// A document format Disclose can read and stamp. One handler per format, each in
/// its own folder under `Formats/`; ``FormatRegistry`` is the only place that maps
/// a file to a handler. Stamping, verification and audit never switch on the format.
///
/// Handlers are stateless. The contract (see `Formats/README.md`): check the input
/// first and throw ``DisclosureError`` for anything unreadable; re-stamping replaces
/// our stamp, never adds a second; output is always a valid file of the same format;
/// every byte outside what the stamp inserts or replaces stays identical.
public protocol FormatHandler: Sendable {
    /// Stable identifier written in content bindings: `docx`, `markdown`, `html`.
    var id: FormatID { get }
    /// A name for people, singular: "Word document", "HTML page".
    var displayName: String { get }
    /// Lower-case file extensions without the dot.
    var fileExtensions: Set<String> { get }
    /// The extension people know the format by, without the dot (`docx`, `md`), shown in help
    /// texts and messages. Defaults to the first of ``fileExtensions`` in alphabetical order.
    var primaryExtension: String { get }
    /// IANA media types of the format, the usual one first (shown in docs and the web app).
    var mediaTypes: [String] { get }
    /// True when `head` (the first bytes of the file, up to 4 KiB) looks like this format.
    /// Called when the extension is unknown or ambiguous.
    func sniff(head: Data) -> Bool
    /// Parses a document.
    /// - Parameter input: the file's bytes, its display path and the safety limits.
    /// - Returns: an opened document.
    /// - Throws: ``DisclosureError`` naming the file and the problem.
    func open(_ input: DocumentInput) throws -> any OpenedDocument
    /// This handler as a ``PackageSniffing``, when it adopts that ability; nil otherwise. Given
    /// by the two defaults below, never written by a handler: it lets ``FormatRegistry`` find the
    /// sniffers without a runtime cast (each cast's first conformance look-up scans the binary's
    /// 10,585 conformance records, 3.6 M instructions for the nine handlers).
    var asPackageSniffer: (any PackageSniffing)? { get }
    /// True when the format's parser copies whatever it keeps of the file (cmark-gfm copies what
    /// it is fed; gumbo's tree holds its own copies of text and attributes), so a mapped file's
    /// pages can be dropped once parsed and the file is never resident with the whole parse tree.
    /// Such files are mapped from ``LargeData/parsedTextMapThreshold`` bytes, not
    /// ``LargeData/mapThreshold`` (``FormatRegistry/mapThreshold(forPath:)``). Defaults to false.
    var parserCopiesInput: Bool { get }
}

/// The bytes of a file to open, with the name to use in messages and the safety limits.
public struct DocumentInput: Sendable {
    /// The whole file.
    public var data: Data
    /// The path as the user gave it, for messages.
    public var path: String
    /// Safety limits for hostile input.
    public var limits: ReadLimits

    /// Creates an input.
    public init(data: Data, path: String, limits: ReadLimits = .default) {
        self.data = data
        self.path = path
        self.limits = limits
    }
}

/// A named run of bytes that the content binding covers.
public struct DocumentPart: Sendable {
    /// The part name (`word/document.xml`) or `-` for single-file formats.
    public var name: String
    /// The part's bytes, with every region the stamp manages removed.
    public var bytes: Data

    /// Creates a part.
    public init(name: String, bytes: Data) {
        self.name = name
        self.bytes = bytes
    }
}

/// Where the visible statement goes.
public enum Placement: String, Codable, CaseIterable, Sendable {
    /// At the start of the document (after the first top-level heading in Markdown).
    case start
    /// At the end of the document's body.
    case end
}

/// Where a format that offers a choice puts machine-readable metadata.
public enum MetadataStyle: String, Codable, CaseIterable, Sendable {
    /// The format's own place: custom properties, front matter, `<head>`.
    case native
    /// An HTML comment block (Markdown only, for renderers that print front matter).
    case comment
}

/// Everything a handler needs to write a stamp.
public struct StampRequest: Sendable {
    /// The complete disclosure, binding (and signature) included.
    public var disclosure: Disclosure
    /// The visible statement text.
    public var statement: String
    /// The disclosure's JSON as it must be stored (canonical encoding).
    public var json: String
    /// Key facts to store as separate fields where the format has them (``Disclosure/keyFacts``).
    public var facts: [(key: String, value: String)]
    /// Where the statement goes.
    public var placement: Placement
    /// Where metadata goes, for formats that offer a choice.
    public var metadataStyle: MetadataStyle
    /// False to leave the statement without the small default style of formats that give it
    /// one (HTML: a rule and padding); the statement's text and place are the same either way.
    public var styleStatement: Bool = true

    /// Creates a stamp request.
    public init(disclosure: Disclosure, statement: String, json: String, facts: [(key: String, value: String)],
                placement: Placement, metadataStyle: MetadataStyle = .native) {
        self.disclosure = disclosure
        self.statement = statement
        self.json = json
        self.facts = facts
        self.placement = placement
        self.metadataStyle = metadataStyle
    }
}

/// A parsed document. Produced by ``FormatHandler/open(_:)``.
public protocol OpenedDocument {
    /// The handler that opened it.
    var handler: any FormatHandler { get }
    /// The document's text in reading order, our statement excluded.
    func text() throws -> DocumentText
    /// Our stamp, as found; an empty ``FoundStamp`` when there is none.
    func findStamp() throws -> FoundStamp
    /// The bytes the content binding covers: every part the stamp does not manage,
    /// with our statement removed, in a stable order.
    func unmanagedParts() throws -> [DocumentPart]
    /// Feeds ``unmanagedParts()`` to `hasher` part by part. The default calls
    /// ``unmanagedParts()``; packages override it to keep memory bounded.
    func hashUnmanagedParts(into hasher: inout PartsHasher) throws
    /// The whole file with `request` stamped in, replacing any stamp of ours.
    func stamped(_ request: StampRequest) throws -> Data
    /// The whole file with every trace of our stamp removed (the original bytes,
    /// where nothing else was edited since stamping).
    func unstamped() throws -> Data
    /// Machine-readable fields a person can see in the file's metadata (producer,
    /// generator, custom properties, meta tags, front matter keys) for audits.
    func metadataEntries() throws -> [MetadataEntry]
    /// Non-fatal observations about the input (e.g. a declared charset that does not match).
    var warnings: [String] { get }
}

/// An optional ability of a handler for a zip-based format: it recognises its own packages by
/// their content (the OOXML main part's content type, the ODF `mimetype` entry), not by the zip
/// signature or the file's name. ``FormatRegistry`` reads the ``PackageSignature`` once and asks
/// each handler that adopts this; a package no handler claims is unsupported, named for what it is.
public protocol PackageSniffing: FormatHandler {
    /// True when a package with this signature is this handler's format.
    func claims(_ signature: PackageSignature) -> Bool
    /// The handler to give for a package it claims: one that may take over the archive the
    /// registry opened to read `signature`, so the file is opened once (a handler keeps nothing
    /// else between calls). The default is the handler itself, which opens the file again.
    func handler(taking signature: PackageSignature) -> any FormatHandler
}

extension PackageSniffing {
    public func handler(taking signature: PackageSignature) -> any FormatHandler { self }
    public var asPackageSniffer: (any PackageSniffing)? { self }
}

/// An optional ability of an opened document: it can carry a digital signature of its own
/// (the document's, not a Disclose signature), made over the file's bytes, which any change to
/// the file breaks. ``Stamper`` asks it before stamping and refuses unless
/// ``StampOptions/allowInvalidatingSignature`` is set. A format without such signatures does
/// not adopt it.
public protocol SignedPackageDetecting {
    /// The parts holding the document's own signatures, in archive order; empty when unsigned.
    /// - Throws: ``DisclosureError`` when the package cannot be read.
    func ownSignatureParts() throws -> [String]
    /// True when a stamp leaves the signed bytes as they are and adds after them (a PDF's
    /// incremental update): each signature still covers the revision it signed, but readers
    /// show the document changed after signing. False (the default) when the signature breaks.
    var signaturesKeepTheirRevision: Bool { get }
}

extension SignedPackageDetecting {
    public var signaturesKeepTheirRevision: Bool { false }
}

/// A metadata field found in a document, for audits.
public struct MetadataEntry: Equatable, Sendable {
    /// Field name as it appears, e.g. `Application`, `generator`, `ai_disclosure`.
    public var key: String
    /// Field value.
    public var value: String
    /// Where it is.
    public var location: Location
    /// True when Disclose's own stamp wrote this entry (our custom properties, front matter key,
    /// marked element). The handler that reads the entry sets it; audits never report our own
    /// stamp as "another" declaration or a trace.
    public var isOwnStamp: Bool

    /// Creates an entry.
    public init(key: String, value: String, location: Location, isOwnStamp: Bool = false) {
        self.key = key
        self.value = value
        self.location = location
        self.isOwnStamp = isOwnStamp
    }
}

extension FormatHandler {
    public var primaryExtension: String { fileExtensions.sorted().first ?? id.rawValue }
    public var mediaTypes: [String] { [] }
    public var asPackageSniffer: (any PackageSniffing)? { nil }
    public var parserCopiesInput: Bool { false }
}

extension OpenedDocument {
    public func hashUnmanagedParts(into hasher: inout PartsHasher) throws {
        for part in try unmanagedParts() { hasher.add(name: part.name, bytes: part.bytes) }
    }

    public func metadataEntries() throws -> [MetadataEntry] { [] }
    public var warnings: [String] { [] }
}
