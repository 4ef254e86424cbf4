import Foundation

/// Namespaces, part names and the markup Disclose writes into OpenDocument packages. Both the
/// text (ODT) and presentation (ODP) handlers use it; see `docs/odf.md`.
enum ODF {
    static let officeNS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    static let textNS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    static let styleNS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    static let drawNS = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
    static let svgNS = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
    static let foNS = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
    static let metaNS = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
    static let presentationNS = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
    static let manifestNS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
    static let tableNS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let xlinkNS = "http://www.w3.org/1999/xlink"
    static let dcNS = "http://purl.org/dc/elements/1.1/"

    /// Preferred prefixes for the namespaces of the markup we insert.
    static let prefixes: [(prefix: String, uri: String)] = [
        ("office", officeNS), ("text", textNS), ("style", styleNS), ("draw", drawNS), ("svg", svgNS),
        ("fo", foNS), ("meta", metaNS), ("presentation", presentationNS), ("manifest", manifestNS),
    ]

    static let contentPart = "content.xml"
    static let stylesPart = "styles.xml"
    static let metaPart = "meta.xml"
    static let manifestPart = "META-INF/manifest.xml"
    static let mimetypePart = "mimetype"
    /// Parts holding the document's own signatures (LibreOffice and OpenOffice.org).
    static let signatureParts = ["META-INF/documentsignatures.xml", "META-INF/macrosignatures.xml", "META-INF/packagesignatures.xml"]
    /// Where the C2PA specification puts the manifest store in ZIP-based formats.
    static let c2paManifestPart = "META-INF/content_credential.c2pa"

    static let textMimetype = "application/vnd.oasis.opendocument.text"
    static let textTemplateMimetype = "application/vnd.oasis.opendocument.text-template"
    static let presentationMimetype = "application/vnd.oasis.opendocument.presentation"
    static let presentationTemplateMimetype = "application/vnd.oasis.opendocument.presentation-template"

    // MARK: Our markers

    /// The name of the section (ODT) and of the slide (ODP) that hold our statement.
    static let statementName = "AI use disclosure"
    /// The `draw:name` of the text frame on our slide (ODP).
    static let frameName = "disclose:statement"
    /// Our paragraph style's internal name (`style:name`) and the name people see.
    static let styleName = "AI_20_Disclosure"
    static let styleDisplayName = "AI Disclosure"
    /// Our automatic paragraph styles on the disclosure slide (ODP).
    static let slideTitleStyle = "DiscloseSlideTitle"
    static let slideTextStyle = "DiscloseSlideText"
    /// Our automatic graphic style for the frame on the disclosure slide: no fill, no border.
    static let slideFrameStyle = "DiscloseSlideFrame"
    /// The user-defined property holding the whole disclosure JSON.
    static let jsonProperty = "AI Disclosure"
    /// User-defined property names for the key facts, by ``Disclosure/keyFacts`` key.
    static func propertyName(forFact key: String) -> String {
        "AI Disclosure " + key.prefix(1).uppercased() + key.dropFirst()
    }
    /// The fact key of one of our property names (nil for the JSON property and others' properties).
    static func factKey(ofProperty name: String) -> String? {
        guard name.hasPrefix("AI Disclosure "), name.count > 14 else { return nil }
        let rest = name.dropFirst(14)
        return rest.prefix(1).lowercased() + rest.dropFirst()
    }
    /// True for the names our stamp writes.
    static func isOurProperty(_ name: String) -> Bool { name == jsonProperty || factKey(ofProperty: name) != nil }

    /// How a start tag we inserted ends when it opened an element that was empty (`<office:meta/>`):
    /// a space no reader sees, so unstamp can close it again as it was.
    static let emptyMark = " >"

    // MARK: Escaping

    /// Text escaped for XML character data and attribute values; characters XML 1.0 forbids are dropped.
    static func escape(_ s: String, quotes: Bool = true) -> String { XMLBytes.escape(s, quotes: quotes, newlineReference: true) }

    /// `xmlns:…` declarations for the prefixes among `needed` that the root does not bind to
    /// our namespaces (so markup we insert means the same in any document).
    static func missingDeclarations(_ needed: [String], root: [String: String]) -> String {
        var out = ""
        for prefix in needed {
            guard let uri = prefixes.first(where: { $0.prefix == prefix })?.uri, root[prefix] != uri else { continue }
            out += " xmlns:\(prefix)=\"\(uri)\""
        }
        return out
    }

    // MARK: The markup we insert

    /// The statement in a text document: a protected section named "AI use disclosure" holding
    /// one paragraph per line of the statement, in our paragraph style.
    static func textStatementXML(_ statement: String, root: [String: String]) -> String {
        let paragraphs = statement.components(separatedBy: "\n").map { "<text:p text:style-name=\"\(styleName)\">\(escape($0, quotes: false))</text:p>" }
        return "<text:section\(missingDeclarations(["text"], root: root)) text:name=\"\(statementName)\" text:protected=\"true\">"
            + paragraphs.joined() + "</text:section>"
    }

    /// Our paragraph style in `styles.xml`: italic, 10 pt, a thin grey rule above.
    static func textStyleXML(root: [String: String], marked: Bool = false) -> String {
        "<style:style\(missingDeclarations(["style", "fo"], root: root)) style:name=\"\(styleName)\" style:display-name=\"\(styleDisplayName)\" style:family=\"paragraph\" style:class=\"text\"\(marked ? emptyMark : ">")"
            + "<style:paragraph-properties fo:margin-top=\"0.42cm\" fo:margin-bottom=\"0.21cm\" fo:border-top=\"0.5pt solid #808080\" fo:padding-top=\"0.1cm\"/>"
            + "<style:text-properties fo:font-style=\"italic\" fo:font-size=\"10pt\"/></style:style>"
    }

    /// The disclosure slide: a page named "AI use disclosure" with one text frame (the title,
    /// then the statement) in our automatic styles.
    static func slideXML(_ statement: String, masterPage: String?, root: [String: String]) -> String {
        let master = masterPage.map { " draw:master-page-name=\"\(escape($0))\"" } ?? ""
        let lines = statement.components(separatedBy: "\n").map { "<text:p text:style-name=\"\(slideTextStyle)\">\(escape($0, quotes: false))</text:p>" }
        return "<draw:page\(missingDeclarations(["draw", "svg", "text"], root: root)) draw:name=\"\(statementName)\"\(master)>"
            + "<draw:frame draw:name=\"\(frameName)\" draw:style-name=\"\(slideFrameStyle)\" svg:x=\"1.5cm\" svg:y=\"1.5cm\" svg:width=\"22cm\" svg:height=\"11cm\"><draw:text-box>"
            + "<text:p text:style-name=\"\(slideTitleStyle)\">\(statementName)</text:p>" + lines.joined()
            + "</draw:text-box></draw:frame></draw:page>"
    }

    /// Our automatic styles for the disclosure slide: a 32 pt bold title, 20 pt text, and a
    /// frame with no fill or border (a frame without a style takes the deck's default, often a
    /// filled box).
    static func slideStylesXML(root: [String: String], marked: Bool = false) -> String {
        let decl = missingDeclarations(["style", "fo", "draw"], root: root)
        return "<style:style\(decl) style:name=\"\(slideTitleStyle)\" style:family=\"paragraph\"\(marked ? emptyMark : ">")<style:paragraph-properties fo:margin-bottom=\"0.4cm\"/><style:text-properties fo:font-size=\"32pt\" fo:font-weight=\"bold\"/></style:style>"
            + "<style:style\(decl) style:name=\"\(slideTextStyle)\" style:family=\"paragraph\"><style:text-properties fo:font-size=\"20pt\"/></style:style>"
            + "<style:style\(decl) style:name=\"\(slideFrameStyle)\" style:family=\"graphic\"><style:graphic-properties draw:fill=\"none\" draw:stroke=\"none\"/></style:style>"
    }

    /// Our user-defined properties: the JSON first, then one per key fact. `openedEmpty` marks the
    /// first start tag with ``emptyMark``.
    static func propertiesXML(json: String, facts: [(key: String, value: String)], root: [String: String], openedEmpty: Bool) -> String {
        let decl = missingDeclarations(["meta"], root: root)
        var values: [(String, String)] = [(jsonProperty, json)]
        var seen: Set<String> = []
        for (key, value) in facts where seen.insert(key).inserted { values.append((propertyName(forFact: key), value)) }
        var out = ""
        for (i, (name, value)) in values.enumerated() {
            out += "<meta:user-defined\(decl) meta:name=\"\(escape(name))\" meta:value-type=\"string\"\(openedEmpty && i == 0 ? emptyMark : ">")"
                + escape(value, quotes: false) + "</meta:user-defined>"
        }
        return out
    }

    /// A new `meta.xml` holding only our properties.
    static func newMetaPart(json: String, facts: [(key: String, value: String)]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta xmlns:office=\"\(officeNS)\" xmlns:meta=\"\(metaNS)\" office:version=\"1.2\"><office:meta>"
            + propertiesXML(json: json, facts: facts, root: ["office": officeNS, "meta": metaNS], openedEmpty: false) + "</office:meta></office:document-meta>"
    }

    /// The manifest entry for a `meta.xml` we add.
    static func manifestEntryXML(root: [String: String]) -> String {
        "<manifest:file-entry\(missingDeclarations(["manifest"], root: root)) manifest:full-path=\"\(metaPart)\" manifest:media-type=\"text/xml\"/>"
    }
}
