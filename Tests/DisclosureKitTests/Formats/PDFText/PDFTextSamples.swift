@testable import DisclosureKit
import Foundation

/// Builds small in-memory PDFs (a ``PDFObjectTable``) from objects written in PDF syntax, for
/// the text extractor's tests: fonts, content streams, form XObjects, pages.
struct PDFTextSamples {
    var table = PDFObjectTable()
    private var next = 1

    /// An object parsed from PDF syntax (`<< /Type /Font … >>`, `[1 2 3]`).
    static func object(_ syntax: String) -> PDFObject {
        var parser = PDFParser(Data(syntax.utf8))
        return (try? parser.parseObject()) ?? .null
    }

    static func dictionary(_ syntax: String) -> PDFDictionary { object(syntax).dictionaryValue ?? PDFDictionary() }

    /// Adds an object and returns its reference.
    @discardableResult
    mutating func add(_ syntax: String) -> PDFReference { add(object: PDFTextSamples.object(syntax)) }

    mutating func add(object: PDFObject) -> PDFReference {
        let ref = PDFReference(next)
        next += 1
        table.objects[ref] = object
        return ref
    }

    /// Adds a stream with dictionary `syntax` and (decoded) `data`.
    mutating func stream(_ syntax: String, _ data: Data) -> PDFReference {
        let ref = add(syntax)
        table.streams[ref] = data
        return ref
    }

    mutating func stream(_ syntax: String, _ text: String) -> PDFReference { stream(syntax, Data(text.utf8)) }

    /// A Helvetica with WinAnsiEncoding and every width 500 (so five letters at 10 pt advance 25 pt).
    mutating func helvetica() -> PDFReference {
        let widths = Array(repeating: "500", count: 224).joined(separator: " ")
        return add("<< /Type /Font /Subtype /TrueType /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [\(widths)] >>")
    }

    /// A page of 612 × 792 points drawing `content`, with `resources` written in PDF syntax
    /// (`/Font << /F1 4 0 R >>`) and extra page entries (`/CropBox [0 0 100 100]`).
    mutating func page(_ content: Data, resources: String, extra: String = "") -> PDFReference {
        let contents = stream("<< >>", content)
        let pagesRef = PDFReference(next)
        next += 1
        let page = add("<< /Type /Page /Parent \(pagesRef.number) 0 R /MediaBox [0 0 612 792] /Resources << \(resources) >> /Contents \(contents.number) 0 R \(extra) >>")
        table.objects[pagesRef] = PDFTextSamples.object("<< /Type /Pages /Kids [\(page.number) 0 R] /Count 1 >>")
        table.pageList.append(page)
        if table.trailer["Root"] == nil {
            let catalog = add("<< /Type /Catalog /Pages \(pagesRef.number) 0 R >>")
            table.trailer["Root"] = .reference(catalog)
        }
        return page
    }

    mutating func page(_ content: String, resources: String, extra: String = "") -> PDFReference {
        page(Data(content.utf8), resources: resources, extra: extra)
    }

    /// A page drawing `content` with `/F1` as `font`.
    mutating func page(_ content: String, font: PDFReference, extra: String = "") -> PDFReference {
        page(content, resources: "/Font << /F1 \(font.number) 0 R >>", extra: extra)
    }

    /// The page's text as one string, paragraphs separated by blank lines.
    func text(_ page: PDFReference, limits: PDFTextLimits = .standard) throws -> PDFPageText {
        try PDFTextExtractor(source: table, path: "sample.pdf", limits: limits).text(ofPage: page)
    }

    /// Bytes written with `\u{..}` escapes for the codes of a content stream (Latin-1, one byte each).
    static func latin1(_ text: String) -> Data { Data(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }) }
}
