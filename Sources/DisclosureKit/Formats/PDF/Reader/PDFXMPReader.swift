import Foundation

/// The properties of an XMP packet (the catalog's `/Metadata` stream), flattened for the audit:
/// every leaf element's text and every attribute that is a property, as `prefix:Name` and value
/// (`xmp:CreatorTool`, `pdf:Producer`, `Iptc4xmpExt:DigitalSourceType`). The items of an
/// `rdf:Seq`, `rdf:Bag` or `rdf:Alt` are reported under their property's name, one entry each.
/// Read with libxml2 (``XMLScanner``): no DTD, no entities, no network.
final class PDFXMPReader: XMLScanHandler {
    /// A property as found.
    struct Property: Equatable {
        var key: String
        var value: String
        /// The property's namespace URI, when declared.
        var namespace: String?
    }

    static let rdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let maxProperties = 1_000
    static let maxValueCharacters = 4_096

    private(set) var properties: [Property] = []
    private var stack: [(name: String, namespace: String?, text: String, hasChildren: Bool)] = []
    /// Namespace URIs by prefix, as declared (for attributes, whose namespace libxml2 does not give here).
    private var prefixes: [String: String] = [:]

    /// The properties of `packet`.
    /// - Throws: ``XMLScanError`` when the packet is not well-formed XML (or has a DTD).
    static func properties(of packet: Data, maxDepth: Int) throws -> [Property] {
        let reader = PDFXMPReader()
        try XMLScanner.scan(packet, maxDepth: maxDepth, handler: reader)
        return reader.properties
    }

    var wantsText: Bool { !stack.isEmpty }
    func wantsAttributes(_ localName: String) -> Bool { true }

    func didStart(_ tag: XMLStartTag) throws {
        for declaration in tag.namespaceDeclarations { if let p = declaration.prefix { prefixes[p] = declaration.uri } }
        if !stack.isEmpty { stack[stack.count - 1].hasChildren = true }
        let name = tag.prefix.map { "\($0):\(tag.localName)" } ?? tag.localName
        stack.append((name, tag.namespace, "", false))
        for attribute in tag.attributes {
            guard let prefix = attribute.prefix, prefix != "xml", prefix != "xmlns", prefix != "rdf", prefix != "x" else { continue }
            add(key: "\(prefix):\(attribute.localName)", value: attribute.value, namespace: prefixes[prefix])
        }
    }

    func didEnd(_ tag: XMLEndTag) throws {
        guard let element = stack.popLast() else { return }
        guard !element.hasChildren else { return }
        let text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return }
        if element.namespace == Self.rdfNamespace {
            // rdf:li: the value of the nearest property above it.
            if let owner = stack.last(where: { $0.namespace != Self.rdfNamespace }) {
                add(key: owner.name, value: text, namespace: owner.namespace)
            }
        } else {
            add(key: element.name, value: text, namespace: element.namespace)
        }
    }

    func didRead(text: String) {
        guard !stack.isEmpty, stack[stack.count - 1].text.count < Self.maxValueCharacters else { return }
        stack[stack.count - 1].text += text
    }

    private func add(key: String, value: String, namespace: String?) {
        guard properties.count < Self.maxProperties else { return }
        let property = Property(key: key, value: String(value.prefix(Self.maxValueCharacters)), namespace: namespace)
        if !properties.contains(property) { properties.append(property) }
    }
}
