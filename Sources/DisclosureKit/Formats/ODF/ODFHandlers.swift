import Foundation

/// OpenDocument text documents (`.odt`, `.ott`), read with libzip and libxml2. The statement is a
/// protected section holding a paragraph in the style "AI Disclosure"; the metadata is
/// `meta:user-defined` properties in `meta.xml`. See `docs/odf.md`.
public struct ODTHandler: FormatHandler {
    /// Creates the handler.
    public init() {}

    public var id: FormatID { "odt" }
    public var displayName: String { "OpenDocument text document" }
    public var primaryExtension: String { "odt" }
    public var mediaTypes: [String] { [ODF.textMimetype, ODF.textTemplateMimetype] }
    public var fileExtensions: Set<String> { ["odt", "ott"] }

    /// Only the zip signature: the registry tells ODF packages apart by their `mimetype` (``claims(_:)``).
    public func sniff(head: Data) -> Bool { false }

    public func open(_ input: DocumentInput) throws -> any OpenedDocument {
        try ODFDocument(package: ODFPackage(input: input, kind: .text), handler: self)
    }
}

extension ODTHandler: PackageSniffing {
    /// Text documents and text templates, by the package's `mimetype` entry.
    public func claims(_ signature: PackageSignature) -> Bool {
        guard let mimetype = signature.mimetype else { return false }
        return ODFKind.text.mimetypes.contains(mimetype)
    }
}

/// OpenDocument presentations (`.odp`, `.otp`). The statement is a slide of its own, "AI use
/// disclosure", with the statement in a text frame; the metadata is as for ``ODTHandler``.
/// See `docs/odf.md`.
public struct ODPHandler: FormatHandler {
    /// Creates the handler.
    public init() {}

    public var id: FormatID { "odp" }
    public var displayName: String { "OpenDocument presentation" }
    public var primaryExtension: String { "odp" }
    public var mediaTypes: [String] { [ODF.presentationMimetype, ODF.presentationTemplateMimetype] }
    public var fileExtensions: Set<String> { ["odp", "otp"] }

    /// Only the zip signature: the registry tells ODF packages apart by their `mimetype` (``claims(_:)``).
    public func sniff(head: Data) -> Bool { false }

    public func open(_ input: DocumentInput) throws -> any OpenedDocument {
        try ODFDocument(package: ODFPackage(input: input, kind: .presentation), handler: self)
    }
}

extension ODPHandler: PackageSniffing {
    /// Presentations and presentation templates, by the package's `mimetype` entry.
    public func claims(_ signature: PackageSignature) -> Bool {
        guard let mimetype = signature.mimetype else { return false }
        return ODFKind.presentation.mimetypes.contains(mimetype)
    }
}
