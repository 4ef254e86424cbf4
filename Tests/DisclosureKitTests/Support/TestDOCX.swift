@testable import DisclosureKit
import Foundation

/// Minimal DOCX packages made in memory for tests: body paragraphs, an optional page header and
/// an optional author (`dc:creator`), written with the project's own zip code.
enum TestDOCX {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func paragraphs(_ texts: [String]) -> String {
        texts.map { "<w:p><w:r><w:t xml:space=\"preserve\">\(escape($0))</w:t></w:r></w:p>" }.joined()
    }

    static func make(body: [String], header: [String] = [], creator: String? = nil) throws -> Data {
        var types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
        if !header.isEmpty { types += "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>" }
        if creator != nil { types += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>" }
        types += "</Types>"
        var rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(r)/officeDocument\" Target=\"word/document.xml\"/>"
        if creator != nil { rels += "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>" }
        rels += "</Relationships>"
        var sect = "<w:sectPr/>"
        var docRels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        if !header.isEmpty {
            docRels += "<Relationship Id=\"rIdH\" Type=\"\(r)/header\" Target=\"header1.xml\"/>"
            sect = "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdH\"/></w:sectPr>"
        }
        docRels += "</Relationships>"
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"\(w)\" xmlns:r=\"\(r)\"><w:body>\(paragraphs(body))\(sect)</w:body></w:document>"
        var entries: [(name: String, bytes: Data, store: Bool)] = [
            ("[Content_Types].xml", Data(types.utf8), false), ("_rels/.rels", Data(rels.utf8), false),
            ("word/document.xml", Data(document.utf8), false), ("word/_rels/document.xml.rels", Data(docRels.utf8), false),
        ]
        if !header.isEmpty {
            entries.append(("word/header1.xml", Data("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:hdr xmlns:w=\"\(w)\" xmlns:r=\"\(r)\">\(paragraphs(header))</w:hdr>".utf8), false))
        }
        if let creator {
            entries.append(("docProps/core.xml", Data("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>\(escape(creator))</dc:creator></cp:coreProperties>".utf8), false))
        }
        return try ZipRebuilder.write(entries: entries)
    }

    /// A plain zip archive of `files` (name → bytes).
    static func archive(_ files: [(String, Data)]) throws -> Data {
        try ZipRebuilder.write(entries: files.map { ($0.0, $0.1, false) })
    }
}
