import Foundation

/// Namespaces, relationship types, part names and our metadata markers shared by the Office Open XML
/// formats (Word, PowerPoint). Format-only names live in each format's folder as extensions.
enum OOXML {
    static let relationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let officeDocumentRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    static let strictOfficeDocumentRel = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
    static let customPropertiesRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
    static let customPropertiesNS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    static let docPropsVTypes = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    static let customPropertiesContentType = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
    static let markupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    static let contentTypesPart = "[Content_Types].xml"
    static let packageRelsPart = "_rels/.rels"
    static let customPropertiesPart = "docProps/custom.xml"
    /// The folder of the package's own digital signatures (lower case).
    static let signaturesFolder = "_xmlsignatures/"

    /// Where the C2PA specification puts the manifest store in ZIP-based formats (OOXML included).
    static let c2paManifestPart = "META-INF/content_credential.c2pa"
    /// The relationship id we use when we create `docProps/custom.xml`.
    static let customRelID = "rIdDiscloseCustomProperties"
    /// The format id Word uses for user-defined custom properties.
    static let customFormatID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    /// Custom property holding the whole disclosure JSON.
    static let jsonProperty = "AI Disclosure"
    /// Custom property names for the key facts.
    static let factProperties: [(key: String, name: String)] = [
        ("tools", "AI Disclosure Tools"), ("purposes", "AI Disclosure Purposes"), ("extent", "AI Disclosure Extent"),
        ("review", "AI Disclosure Review"), ("declarant", "AI Disclosure Declarant"), ("date", "AI Disclosure Date"),
    ]
    static var ourPropertyNames: Set<String> { Set([jsonProperty] + factProperties.map(\.name)) }

    /// Text escaped for XML character data and attribute values.
    static func escape(_ s: String) -> String { escape(s, quotes: true) }

    /// Text escaped for XML character data (quotes left as they are).
    static func escapeText(_ s: String) -> String { escape(s, quotes: false) }

    static func escape(_ s: String, quotes: Bool) -> String { XMLBytes.escape(s, quotes: quotes) }

    /// Resolves a relationship target against the folder of the part that owns the relationships.
    static func resolve(target: String, from sourcePart: String) -> String {
        if target.hasPrefix("/") { return normalise(String(target.dropFirst())) }
        let folder = sourcePart.split(separator: "/").dropLast().joined(separator: "/")
        return normalise(folder.isEmpty ? target : folder + "/" + target)
    }

    static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for piece in path.split(separator: "/") {
            if piece == "." || piece.isEmpty { continue }
            if piece == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(piece)
        }
        let joined = parts.joined(separator: "/")
        // Without a "%" there is nothing to decode (and Foundation's decoding is the costly part).
        guard joined.utf8.contains(UInt8(ascii: "%")) else { return joined }
        return joined.removingPercentEncoding ?? joined
    }

    /// The relationships part of a part: `word/document.xml` → `word/_rels/document.xml.rels`.
    static func relsPart(of part: String) -> String {
        var pieces = part.split(separator: "/")
        let name = pieces.popLast().map(String.init) ?? part
        var out = ""
        for piece in pieces {
            out += piece
            out += "/"
        }
        return out + "_rels/" + name + ".rels"
    }
}
