@testable import DisclosureKit
import Foundation

/// Small PDFs written by the tests themselves: objects as PDF syntax, a correct cross-reference
/// table (or a deliberately wrong one), a trailer.
struct CorePDFBuilder {
    /// Object bodies by number (1-based, in order); a stream body is its dictionary and data.
    var objects: [(number: Int, body: Data)] = []
    var trailerExtra = ""

    mutating func add(_ number: Int, _ syntax: String) {
        objects.append((number, Data(syntax.utf8)))
    }

    /// A stream object with `dictionary` (without `/Length`, added here) and `data`.
    mutating func addStream(_ number: Int, _ dictionary: String, _ data: Data, declaredLength: Int? = nil) {
        var body = Data("<< \(dictionary) /Length \(declaredLength ?? data.count) >>\nstream\n".utf8)
        body.append(data)
        body.append(Data("\nendstream".utf8))
        objects.append((number, body))
    }

    /// The file: header, objects, xref table (offsets shifted by `xrefSkew` to damage it), trailer.
    func build(root: Int = 1, info: Int? = nil, xrefSkew: Int = 0, startxrefSkew: Int = 0, objectSkew: [Int: Int] = [:]) -> Data {
        var out = Data("%PDF-1.7\n%\u{e2}\u{e3}\n".utf8)
        var offsets: [Int: Int] = [:]
        for (number, body) in objects {
            offsets[number] = out.count
            out.append(Data("\(number) 0 obj\n".utf8))
            out.append(body)
            out.append(Data("\nendobj\n".utf8))
        }
        let size = (objects.map(\.number).max() ?? 0) + 1
        let xref = out.count
        out.append(Data("xref\n0 \(size)\n0000000000 65535 f \n".utf8))
        for n in 1..<size {
            if let o = offsets[n] {
                out.append(Data(String(format: "%010d 00000 n \n", o + xrefSkew + (objectSkew[n] ?? 0)).utf8))
            } else {
                out.append(Data("0000000000 65535 f \n".utf8))
            }
        }
        let infoEntry = info.map { " /Info \($0) 0 R" } ?? ""
        out.append(Data("trailer\n<< /Size \(size) /Root \(root) 0 R\(infoEntry)\(trailerExtra) >>\nstartxref\n\(xref + startxrefSkew)\n%%EOF\n".utf8))
        return out
    }

    /// A document of `pages` empty pages with a line of text each (objects 1-3 and up).
    static func simple(pages: Int = 2) -> CorePDFBuilder {
        var b = CorePDFBuilder()
        b.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
        let kids = (0..<pages).map { "\(10 + 2 * $0) 0 R" }.joined(separator: " ")
        b.add(2, "<< /Type /Pages /Kids [\(kids)] /Count \(pages) /MediaBox [0 0 612 792] >>")
        b.add(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        for i in 0..<pages {
            b.add(10 + 2 * i, "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents \(11 + 2 * i) 0 R >>")
            b.addStream(11 + 2 * i, "", Data("BT /F1 12 Tf 72 720 Td (Page \(i + 1) text) Tj ET".utf8))
        }
        return b
    }
}

enum CorePDF {
    static func open(_ data: Data, path: String = "test.pdf", limits: ReadLimits = .default) throws -> PDFDocument {
        try PDFHandler().open(DocumentInput(data: data, path: path, limits: limits)) as! PDFDocument
    }

    /// `data` as a zlib stream (RFC 1950: header, DEFLATE, Adler-32), as FlateDecode holds it.
    static func deflate(_ data: Data) throws -> Data {
        try PDFFlate.compress(data)
    }
}
