import Foundation

/// An opened PDF. Objects are read through ``PDFFileReader`` (qpdf) as they are needed.
///
/// A damaged file (one qpdf could read only by rebuilding its cross-reference table) is read
/// with a warning and never stamped; an encrypted one never gets this far
/// (``DisclosureError/encryptedPDF(path:)``).
final class PDFDocument: OpenedDocument {
    let reader: PDFFileReader
    let handler: any FormatHandler

    init(reader: PDFFileReader, handler: any FormatHandler) {
        self.reader = reader
        self.handler = handler
    }

    var path: String { reader.path }
    var data: Data { reader.data }

    /// The page number (1-based) of each page object, in page order.
    func pageNumbers() throws -> [PDFReference: Int] {
        var numbers: [PDFReference: Int] = [:]
        for (i, page) in try reader.pages().enumerated() where numbers[page] == nil { numbers[page] = i + 1 }
        return numbers
    }

    /// "page 4", for locations.
    static func pageWords(_ number: Int) -> String { "page \(number)" }

    // MARK: OpenedDocument

    func text() throws -> DocumentText {
        throw notReady("reading the text of PDFs")
    }

    func findStamp() throws -> FoundStamp {
        throw notReady("finding a stamp in PDFs")
    }

    func unmanagedParts() throws -> [DocumentPart] {
        throw notReady("content binding of PDFs")
    }

    func stamped(_ request: StampRequest) throws -> Data {
        try checkStampable()
        throw notReady("stamping PDFs")
    }

    func unstamped() throws -> Data {
        try checkStampable()
        throw notReady("removing a stamp from PDFs")
    }

    /// Non-fatal observations: damage repaired by qpdf, the PDF/A part the file claims.
    var warnings: [String] {
        var out: [String] = []
        if reader.isDamaged {
            let detail = reader.qpdfWarnings.first.map { " (\($0))" } ?? ""
            out.append("the PDF is damaged\(detail): it was read by rebuilding its cross-reference table, so what is reported may be incomplete; it cannot be stamped until it is repaired (open it in a PDF reader and save a new copy)")
        }
        if let claim = try? pdfAClaim() {
            out.append("the file claims to be \(claim); Disclose keeps it so (embedded font, valid XMP, no transparency)")
        }
        return out
    }

    // MARK: Refusals

    /// Throws when the file must not be stamped: damaged files, whose objects qpdf found by guessing.
    func checkStampable() throws {
        guard !reader.isDamaged else {
            let detail = reader.qpdfWarnings.first.map { " (qpdf: \($0))" } ?? ""
            throw DisclosureError.unreadable(
                path: path, reason: "the PDF is damaged\(detail): qpdf could read it only by rebuilding its cross-reference table, and a stamp must never rest on a guess",
                hint: "Open it in a PDF reader and save a new copy (or run `qpdf in.pdf out.pdf`), check the copy, and stamp that; nothing was written")
        }
    }

    func notReady(_ what: String) -> DisclosureError {
        DisclosureError.unsupportedFormat(path: path, detail: "\(what) is not ready yet in this build of Disclose; nothing was written")
    }
}
