import Foundation

/// Our properties in a PDF's XMP packet (the catalog's `/Metadata`, ISO 32000-1 §14.3.2): one
/// `rdf:Description` in the Disclose namespace with the key facts (named as
/// ``Disclosure/keyFacts`` names them) and the whole JSON, plus IPTC `Iptc4xmpExt:DigitalSourceType`
/// chosen from the extent. In a file that claims PDF/A-1, -2 or -3, the properties are described
/// by a PDF/A extension schema (ISO 19005-1 §6.7.8), so the packet stays valid PDF/A.
///
/// The packet is edited by splicing bytes: our description goes just before `</rdf:RDF>`, our
/// schema entries (when the packet already has `pdfaExtension:schemas`) just after its `rdf:Bag`
/// start tag, and nothing else moves. The packet grows rather than using its padding, so that
/// removing our properties gives back the packet byte for byte.
enum PDFXMP {
    static let namespace = "https://disclose.dev/ns/1.0/"
    static let prefix = "disclose"
    static let iptcNamespace = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
    /// The property holding the whole disclosure JSON.
    static let jsonProperty = "json"
    /// The attribute that starts our description (after the RDF prefix's `Description rdf:about=""`).
    static let marker = " xmlns:\(prefix)=\"\(namespace)\""

    /// The packet with our properties for these facts, replacing any of ours; a new minimal packet when `packet` is nil.
    /// - Throws: ``PDFXMPError`` when the packet has no `rdf:RDF` element to add to.
    static func adding(facts: [(key: String, value: String)], json: String, digitalSourceType: String, to packet: Data?) throws -> Data {
        if let packet, packet.prefix(2) == Data([0xFE, 0xFF]) || packet.prefix(2) == Data([0xFF, 0xFE]) || packet.prefix(64).contains(0) {
            throw PDFXMPError(problem: "the XMP packet is not UTF-8 (UTF-16 or UTF-32 packets are not edited)")
        }
        let base = packet.map(removing) ?? minimalPacket
        guard let close = rdfClose(base) else { throw PDFXMPError(problem: "the XMP packet has no rdf:RDF element") }
        let rdf = close.prefix
        let pdfa = pdfaClaim(base).map { !$0.hasPrefix("PDF/A-4") } ?? false
        var edits: [(range: Range<Int>, replacement: Data)] = []
        var schemasInDescription = false
        if pdfa {
            if let bag = existingSchemaBag(base) {
                edits.append((bag..<bag, Data(schemaEntries(rdf: rdf).utf8)))
            } else {
                schemasInDescription = true
            }
        }
        edits.append((close.offset..<close.offset,
                      Data(description(facts: facts, json: json, digitalSourceType: digitalSourceType, rdf: rdf, schemas: schemasInDescription).utf8)))
        return XMLBytes.splice(base, edits)
    }

    /// The packet without our properties: exactly the packet before we added them.
    static func removing(from packet: Data) -> Data {
        var data = Data(packet)
        while let range = ourDescription(in: data) { data.removeSubrange(range) }
        if let rdf = rdfClose(data)?.prefix {
            let entries = Data(schemaEntries(rdf: rdf).utf8)
            while let r = data.range(of: entries) { data.removeSubrange(r) }
        }
        return data
    }

    /// True when `packet` holds properties of ours.
    static func hasOurProperties(_ packet: Data) -> Bool { ourDescription(in: packet) != nil }

    /// Our facts and JSON in `packet`, or nil when it has none of ours.
    static func read(_ packet: Data) -> (json: Data?, facts: [String: String])? {
        let packet = Data(packet)
        guard let range = ourDescription(in: packet) else { return nil }
        let text = String(decoding: packet[range], as: UTF8.self)
        var facts: [String: String] = [:]
        var json: Data?
        var rest = Substring(text)
        while let open = rest.range(of: "<\(prefix):") {
            let afterOpen = rest[open.upperBound...]
            guard let gt = afterOpen.firstIndex(of: ">") else { break }
            let name = String(afterOpen[..<gt])
            guard !name.hasSuffix("/"), let close = afterOpen.range(of: "</\(prefix):\(name)>") else { rest = afterOpen; continue }
            let value = XMLBytes.unescape(String(afterOpen[afterOpen.index(after: gt)..<close.lowerBound]))
            if name == jsonProperty { json = Data(value.utf8) } else { facts[name] = value }
            rest = afterOpen[close.upperBound...]
        }
        return (json, facts)
    }

    /// The PDF/A part and conformance level the packet claims (`PDF/A-2b`), or nil.
    static func pdfaClaim(_ packet: Data) -> String? {
        let text = String(decoding: packet, as: UTF8.self)
        guard let part = value(of: "pdfaid:part", in: text), !part.isEmpty else { return nil }
        let level = value(of: "pdfaid:conformance", in: text)?.lowercased() ?? ""
        return "PDF/A-\(part)\(level)"
    }

    /// The value of a simple property written as an element or as an attribute.
    static func value(of name: String, in text: String) -> String? {
        if let r = text.range(of: "<\(name)>"), let end = text[r.upperBound...].range(of: "</\(name)>") {
            return text[r.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        for quote in ["\"", "'"] {
            if let r = text.range(of: "\(name)=\(quote)"), let end = text[r.upperBound...].firstIndex(of: Character(quote)) {
                return text[r.upperBound..<end].trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return nil
    }

    // MARK: Markup

    /// Made when needed, not kept in a static (a process-long `Data` reads as a leak to the fuzzer's leak checker).
    static var minimalPacket: Data { Data(("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        + "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>").utf8) }

    /// Our description, ending with a line feed, for a packet whose RDF prefix is `rdf` (with its colon, or empty).
    static func description(facts: [(key: String, value: String)], json: String, digitalSourceType: String, rdf: String, schemas: Bool) -> String {
        var s = "<\(rdf)Description \(rdf)about=\"\"\(marker) xmlns:Iptc4xmpExt=\"\(iptcNamespace)\""
        if schemas {
            s += " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
        }
        s += ">\n"
        var seen = Set<String>()
        for (key, value) in facts where seen.insert(key).inserted && isPropertyName(key) && key != jsonProperty {
            s += " <\(prefix):\(key)>\(XMLBytes.escape(value, quotes: false))</\(prefix):\(key)>\n"
        }
        s += " <Iptc4xmpExt:DigitalSourceType>\(XMLBytes.escape(digitalSourceType, quotes: false))</Iptc4xmpExt:DigitalSourceType>\n"
        s += " <\(prefix):\(jsonProperty)>\(XMLBytes.escape(json, quotes: false))</\(prefix):\(jsonProperty)>\n"
        if schemas {
            s += " <pdfaExtension:schemas><\(rdf)Bag>\(schemaEntries(rdf: rdf))</\(rdf)Bag></pdfaExtension:schemas>\n"
        }
        s += "</\(rdf)Description>\n"
        return s
    }

    /// The PDF/A extension schema entries describing our namespace and the IPTC property.
    static func schemaEntries(rdf: String) -> String {
        let ns = " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\""
        func property(_ name: String, _ what: String) -> String {
            "<\(rdf)li \(rdf)parseType=\"Resource\"><pdfaProperty:name>\(name)</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType>"
                + "<pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>\(what)</pdfaProperty:description></\(rdf)li>"
        }
        func schema(_ title: String, _ uri: String, _ pfx: String, _ properties: [String]) -> String {
            "<\(rdf)li \(rdf)parseType=\"Resource\"\(ns)><pdfaSchema:schema>\(title)</pdfaSchema:schema><pdfaSchema:namespaceURI>\(uri)</pdfaSchema:namespaceURI>"
                + "<pdfaSchema:prefix>\(pfx)</pdfaSchema:prefix><pdfaSchema:property><\(rdf)Seq>\(properties.joined())</\(rdf)Seq></pdfaSchema:property></\(rdf)li>"
        }
        let ours = ["tools", "purposes", "extent", "review", "declarant", "date"].map { property($0, "AI use disclosure: \($0)") }
            + [property(jsonProperty, "AI use disclosure: the whole disclosure as JSON (disclose/1)")]
        return schema("Disclose AI use disclosure", namespace, prefix, ours)
            + schema("IPTC Extension", iptcNamespace, "Iptc4xmpExt", [property("DigitalSourceType", "IPTC digital source type")])
    }

    static func isPropertyName(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }

    // MARK: Finding

    /// The offset of the RDF element's end tag and its prefix with colon (`rdf:`), or nil.
    static func rdfClose(_ data: Data) -> (offset: Int, prefix: String)? {
        let bytes = [UInt8](data)
        let tail = Array(":RDF>".utf8)
        var i = bytes.count - tail.count
        while i >= 2 {
            if bytes[i] == UInt8(ascii: ":"), Array(bytes[i..<(i + tail.count)]) == tail {
                var start = i
                while start > 0, bytes[start - 1] != UInt8(ascii: "/"), bytes[start - 1] != UInt8(ascii: "<") { start -= 1 }
                if start >= 2, bytes[start - 1] == UInt8(ascii: "/"), bytes[start - 2] == UInt8(ascii: "<") {
                    return (start - 2, String(decoding: bytes[start...i], as: UTF8.self))
                }
            }
            i -= 1
        }
        if let r = data.range(of: Data("</RDF>".utf8), options: .backwards) { return (r.lowerBound - data.startIndex, "") }
        return nil
    }

    /// The offset just after the start tag of the `rdf:Bag` in an existing `pdfaExtension:schemas`, or nil.
    static func existingSchemaBag(_ data: Data) -> Int? {
        guard let schemas = data.range(of: Data("<pdfaExtension:schemas".utf8)) else { return nil }
        guard let bag = data.range(of: Data("Bag".utf8), in: schemas.upperBound..<data.endIndex),
              let gt = data[bag.upperBound...].firstIndex(of: UInt8(ascii: ">")), data[gt - 1] != UInt8(ascii: "/") else { return nil }
        return gt + 1 - data.startIndex
    }

    /// The bytes of our description, its end of line included.
    static func ourDescription(in data: Data) -> Range<Int>? {
        guard let mark = data.range(of: Data(marker.utf8)) else { return nil }
        guard let open = data[..<mark.lowerBound].lastIndex(of: UInt8(ascii: "<")) else { return nil }
        guard let rdf = rdfClose(data)?.prefix, let close = data.range(of: Data("</\(rdf)Description>\n".utf8), in: mark.upperBound..<data.endIndex) else { return nil }
        return (open - data.startIndex)..<(close.upperBound - data.startIndex)
    }
}

/// Why our properties could not be added to an XMP packet.
struct PDFXMPError: Error, Equatable {
    var problem: String
}
