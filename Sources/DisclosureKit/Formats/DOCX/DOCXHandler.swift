import Foundation

/// Word documents (Office Open XML WordprocessingML: `.docx`, `.docm`, `.dotx`, `.dotm`),
/// read with libzip and libxml2. See `docs/docx.md`.
public struct DOCXHandler: FormatHandler {
    /// The archive the registry opened to sniff the package this handler was given for, taken
    /// over by ``open(_:)`` when it opens those bytes (``PackageSniffing/handler(taking:)``).
    private let sniffed: SniffedPackage?

    /// Creates the handler.
    public init() { sniffed = nil }

    private init(sniffed: SniffedPackage?) { self.sniffed = sniffed }

    public var id: FormatID { "docx" }
    public var displayName: String { "Word document" }
    public var primaryExtension: String { "docx" }
    public var mediaTypes: [String] { ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-word.document.macroEnabled.12"] }
    public var fileExtensions: Set<String> { ["docx", "docm", "dotx", "dotm"] }

    public func sniff(head: Data) -> Bool {
        head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: DOCXPackage.oleMagic)
    }

    public func open(_ input: DocumentInput) throws -> any OpenedDocument {
        try DOCXDocument(package: DOCXPackage(input: input, opened: sniffed?.take(for: input.data)), handler: DOCXHandler())
    }
}

extension DOCXHandler: PackageSniffing {
    /// WordprocessingML: documents, templates and macro-enabled ones (transitional or strict; a
    /// strict one is then refused with advice when opened).
    public func claims(_ signature: PackageSignature) -> Bool {
        guard let type = signature.mainContentType?.lowercased() else { return false }
        return ASCIIText.contains(type, "wordprocessingml") || ASCIIText.contains(type, "ms-word")
    }

    /// A handler that opens the sniffed package's archive rather than opening it again.
    public func handler(taking signature: PackageSignature) -> any FormatHandler {
        DOCXHandler(sniffed: signature.opened)
    }
}
