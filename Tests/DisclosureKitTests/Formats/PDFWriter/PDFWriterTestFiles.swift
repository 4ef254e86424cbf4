import Foundation
@testable import DisclosureKit

/// Small PDFs the writer's tests make, and a plain reader for them (no qpdf): the objects are
/// found by scanning for `n g obj`, the last definition of a number winning, as an incremental
/// update means.
enum PDFWriterTestFiles {
    /// A PDF with `pages` pages of text in Helvetica, a classic table or a cross-reference stream,
    /// an Info dictionary, optionally an XMP packet and a structure tree.
    static func make(pages texts: [String] = ["Hello from page one."], xrefStream: Bool = false, tagged: Bool = false,
                     xmp: String? = nil, mediaBox: String = "[0 0 595 842]") -> Data {
        var objects: [(Int, String, Data?)] = []
        let n = texts.count
        // 1 catalog, 2 pages, 3 font, 4 info, 5 metadata, 6 struct root, 7 document element, 8 parent tree,
        // then per page: page, content, P element.
        let firstPage = 9
        var kids: [String] = []
        var elements: [String] = []
        var nums: [String] = []
        for (i, text) in texts.enumerated() {
            let page = firstPage + 3 * i, content = page + 1, element = page + 2
            kids.append("\(page) 0 R")
            let escaped = text.replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
            let ops = tagged ? "/P <</MCID 0>> BDC BT /F1 12 Tf 72 720 Td (\(escaped)) Tj ET EMC\n" : "BT /F1 12 Tf 72 720 Td (\(escaped)) Tj ET\n"
            objects.append((page, "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents \(content) 0 R"
                + (tagged ? " /StructParents \(i)" : "") + " >>", nil))
            objects.append((content, "<< >>", Data(ops.utf8)))
            if tagged {
                objects.append((element, "<< /Type /StructElem /S /P /P 7 0 R /Pg \(page) 0 R /K 0 >>", nil))
                elements.append("\(element) 0 R")
                nums.append("\(i) [\(element) 0 R]")
            }
        }
        var catalog = "<< /Type /Catalog /Pages 2 0 R"
        if xmp != nil { catalog += " /Metadata 5 0 R" }
        if tagged { catalog += " /MarkInfo << /Marked true >> /StructTreeRoot 6 0 R /Lang (en-GB)" }
        objects.append((1, catalog + " >>", nil))
        objects.append((2, "<< /Type /Pages /Kids [\(kids.joined(separator: " "))] /Count \(n) /MediaBox \(mediaBox) >>", nil))
        objects.append((3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>", nil))
        objects.append((4, "<< /Producer (Disclose tests) /Title (Test) >>", nil))
        if let xmp { objects.append((5, "<< /Type /Metadata /Subtype /XML >>", Data(xmp.utf8))) }
        if tagged {
            objects.append((6, "<< /Type /StructTreeRoot /K 7 0 R /ParentTree 8 0 R /ParentTreeNextKey \(n) >>", nil))
            objects.append((7, "<< /Type /StructElem /S /Document /P 6 0 R /K [\(elements.joined(separator: " "))] >>", nil))
            objects.append((8, "<< /Nums [\(nums.joined(separator: " "))] >>", nil))
        }
        objects.sort { $0.0 < $1.0 }
        var out = Data("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int: Int] = [:]
        for (num, dict, stream) in objects {
            offsets[num] = out.count
            if let stream {
                let d = dict.dropLast(2) + "/Length \(stream.count) >>"
                out.append(Data("\(num) 0 obj\n\(d)\nstream\n".utf8)); out.append(stream); out.append(Data("\nendstream\nendobj\n".utf8))
            } else {
                out.append(Data("\(num) 0 obj\n\(dict)\nendobj\n".utf8))
            }
        }
        let size = (offsets.keys.max() ?? 0) + 1
        let id = "[<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]"
        let xref = out.count
        if xrefStream {
            var rows = Data()
            for num in 0...size {
                if num == size { rows.append(contentsOf: [1] + be(xref, 4) + [0, 0]) }
                else if let o = offsets[num] { rows.append(contentsOf: [1] + be(o, 4) + [0, 0]) }
                else { rows.append(contentsOf: [0, 0, 0, 0, 0, 0xFF, 0xFF]) }
            }
            out.append(Data("\(size) 0 obj\n<< /Type /XRef /Size \(size + 1) /W [1 4 2] /Root 1 0 R /Info 4 0 R /ID \(id) /Length \(rows.count) >>\nstream\n".utf8))
            out.append(rows)
            out.append(Data("\nendstream\nendobj\n".utf8))
        } else {
            out.append(Data("xref\n0 \(size)\n".utf8))
            for num in 0..<size {
                if let o = offsets[num] { out.append(Data(String(format: "%010d 00000 n\r\n", o).utf8)) }
                else { out.append(Data("0000000000 65535 f\r\n".utf8)) }
            }
            out.append(Data("trailer\n<< /Size \(size) /Root 1 0 R /Info 4 0 R /ID \(id) >>\n".utf8))
        }
        out.append(Data("startxref\n\(xref)\n%%EOF\n".utf8))
        return out
    }

    static func be(_ v: Int, _ width: Int) -> [UInt8] { (0..<width).reversed().map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    static let xmpPacket = """
    <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
    <x:xmpmeta xmlns:x="adobe:ns:meta/">
     <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
       <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Test</rdf:li></rdf:Alt></dc:title>
       <pdf:Producer>Disclose tests</pdf:Producer>
      </rdf:Description>
      <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
       <pdfaid:part>2</pdfaid:part>
       <pdfaid:conformance>B</pdfaid:conformance>
      </rdf:Description>
     </rdf:RDF>
    </x:xmpmeta>
                                                                                                        
                                                                                                        
    <?xpacket end="w"?>
    """
}

/// A reader for the test files and for what the writer appends to them.
struct ScannedPDF: PDFObjectSource {
    var objects: [PDFReference: PDFObject] = [:]
    var streams: [PDFReference: Data] = [:]
    var trailer: PDFDictionary

    init(_ data: Data) throws {
        trailer = try PDFFileTail.read(data).trailer
        let bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            // An object starts a line: digits, space, digits, space, "obj".
            if (i == 0 || bytes[i - 1] == 0x0A || bytes[i - 1] == 0x0D), bytes[i] >= 0x30, bytes[i] <= 0x39 {
                var lexer = PDFLexer(bytes: bytes, from: i)
                if case .integer(let num)? = try? lexer.next(), case .integer(let gen)? = try? lexer.next(), case .keyword("obj")? = try? lexer.next() {
                    var parser = PDFParser(lexer: lexer)
                    let object = try parser.parseObject()
                    let ref = PDFReference(num, gen)
                    objects[ref] = object
                    streams[ref] = nil
                    var after = parser.lexer
                    let mark = after.position
                    if case .keyword("stream")? = try? after.next(), let length = object.dictionaryValue?["Length"]?.integerValue {
                        var start = after.position
                        if start < bytes.count, bytes[start] == 0x0D { start += 1 }
                        if start < bytes.count, bytes[start] == 0x0A { start += 1 }
                        streams[ref] = Data(bytes[start..<min(bytes.count, start + length)])
                        i = start + length
                        continue
                    }
                    i = max(mark, i + 1)
                    continue
                }
            }
            i += 1
        }
    }

    func object(_ reference: PDFReference) throws -> PDFObject { objects[reference] ?? .null }
    func isStream(_ reference: PDFReference) throws -> Bool { streams[reference] != nil }
    func streamData(_ reference: PDFReference) throws -> Data { streams[reference] ?? Data() }
    func pages() throws -> [PDFReference] {
        guard let root = trailer["Root"]?.referenceValue, let pages = try object(root).dictionaryValue?["Pages"]?.referenceValue else { return [] }
        var out: [PDFReference] = []
        var seen = Set<PDFReference>()
        func walk(_ ref: PDFReference) throws {
            guard seen.insert(ref).inserted, let dict = try object(ref).dictionaryValue else { return }
            if let kids = dict["Kids"]?.arrayValue { for k in kids { if let r = k.referenceValue { try walk(r) } } } else { out.append(ref) }
        }
        try walk(pages)
        return out
    }
}
