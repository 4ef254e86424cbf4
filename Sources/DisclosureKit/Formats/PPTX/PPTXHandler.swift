import Foundation

/// PowerPoint decks (Office Open XML PresentationML: `.pptx`, macro-enabled `.pptm`, shows
/// `.ppsx`), read with libzip and libxml2. The statement is a slide of its own; the metadata is
/// in `docProps/custom.xml`, as for Word. See `docs/pptx.md`.
public struct PPTXHandler: FormatHandler {
    /// Creates the handler.
    public init() {}

    public var id: FormatID { "pptx" }
    public var displayName: String { "PowerPoint presentation" }
    public var primaryExtension: String { "pptx" }
    public var mediaTypes: [String] {
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation",
         "application/vnd.ms-powerpoint.presentation.macroEnabled.12",
         "application/vnd.openxmlformats-officedocument.presentationml.slideshow"]
    }
    public var fileExtensions: Set<String> { ["pptx", "pptm", "ppsx"] }

    /// A zip package; which kind of package it is, the registry asks ``claims(_:)``.
    public func sniff(head: Data) -> Bool { false }

    public func open(_ input: DocumentInput) throws -> any OpenedDocument {
        PPTXDocument(package: try PPTXPackage(input: input), handler: self)
    }
}

extension PPTXHandler: PackageSniffing {
    /// PresentationML presentations, shows and macro-enabled ones (templates are not claimed:
    /// Disclose does not stamp templates of decks).
    public func claims(_ signature: PackageSignature) -> Bool {
        guard let type = signature.mainContentType?.lowercased() else { return false }
        guard type.contains("presentationml") || type.contains("ms-powerpoint") else { return false }
        return !type.contains("template")
    }
}
