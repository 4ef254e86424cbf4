import Foundation

/// PDF documents, read through qpdf (`Interop/QPDF.swift`). The statement is a page of its own,
/// added with an incremental update, so the original file stays byte for byte as the first part
/// of the stamped one and unstamping gives it back exactly. See `docs/pdf.md`.
public struct PDFHandler: FormatHandler {
    /// Creates the handler.
    public init() {}

    public var id: FormatID { "pdf" }
    public var displayName: String { "PDF document" }
    public var primaryExtension: String { "pdf" }
    public var fileExtensions: Set<String> { ["pdf"] }
    public var mediaTypes: [String] { ["application/pdf"] }

    /// `%PDF-` within the first 1024 bytes (ISO 32000-2 §7.5.2 lets readers accept junk before it).
    public func sniff(head: Data) -> Bool {
        Self.headerOffset(in: head) != nil
    }

    /// Where `%PDF-` starts in the first 1024 bytes of `data`, or nil.
    static func headerOffset(in data: Data) -> Int? {
        let window = data.prefix(1024)
        return window.range(of: Data("%PDF-".utf8)).map { $0.lowerBound - window.startIndex }
    }

    public func open(_ input: DocumentInput) throws -> any OpenedDocument {
        guard Self.headerOffset(in: input.data) != nil else {
            throw DisclosureError.unreadable(
                path: input.path, reason: "the file is named as a PDF but has no PDF header (%PDF-) in its first 1024 bytes",
                hint: "Check that it really is a PDF; if it is damaged, open it in a PDF reader and save a new copy")
        }
        return try PDFDocument(reader: PDFFileReader(data: input.data, path: input.path, limits: input.limits), handler: self)
    }
}
