import Foundation

/// One `meta:user-defined` property of `meta.xml`, with its byte range.
struct ODFUserDefined {
    var name: String
    var value: String
    var range: Range<Int>
    var number: Int
}

/// Reads `meta.xml` in one streaming pass: the document's fields (generator, creator, title…),
/// its user-defined properties with their byte ranges, and where `office:meta` starts and ends.
final class ODFMetaScan: XMLScanHandler {
    private let data: Data
    private(set) var rootDeclarations: [String: String] = [:]
    /// The `office:meta` start tag's range and whether it was self-closing.
    private(set) var metaStart: (range: Range<Int>, isEmpty: Bool)?
    /// Offset of the `</office:meta>` end tag's `<`.
    private(set) var metaEndTag: Int?
    private(set) var properties: [ODFUserDefined] = []
    /// Simple fields in `office:meta`: prefixed name (`meta:generator`, `dc:creator`) and text.
    private(set) var fields: [(name: String, value: String)] = []
    private var depth = 0
    private var current: (name: String, start: Int, value: String)?
    private var field: (name: String, value: String)?

    init(data: Data) { self.data = data }

    var wantsText: Bool { current != nil || field != nil }
    func wantsAttributes(_ localName: String) -> Bool { localName == "user-defined" }

    func didStart(_ tag: XMLStartTag) throws {
        depth += 1
        if depth == 1 { for d in tag.namespaceDeclarations { rootDeclarations[d.prefix ?? ""] = d.uri } }
        if depth == 2, tag.localName == "meta", tag.namespace == ODF.officeNS, metaStart == nil {
            metaStart = (tag.tagStart..<tag.tagEnd, tag.isEmpty)
        }
        guard depth == 3, metaStart != nil, metaEndTag == nil else { return }
        if tag.localName == "user-defined" && tag.namespace == ODF.metaNS {
            current = (tag.attribute("name") ?? "", tag.tagStart, "")
        } else {
            let prefix = tag.namespace == ODF.dcNS ? "dc" : tag.namespace == ODF.metaNS ? "meta" : (tag.prefix ?? "")
            field = (prefix.isEmpty ? tag.localName : prefix + ":" + tag.localName, "")
        }
    }

    func didRead(text: String) {
        if current != nil { current!.value += text }
        if field != nil { field!.value += text }
    }

    func didEnd(_ tag: XMLEndTag) throws {
        defer { depth -= 1 }
        if depth == 3, let c = current {
            properties.append(ODFUserDefined(name: c.name, value: c.value, range: c.start..<tag.tagEnd, number: properties.count + 1))
            current = nil
        }
        if depth == 3, let f = field {
            let value = QuickTrim.whitespacesAndNewlines(f.value)
            if !value.isEmpty { fields.append((f.name, value)) }
            field = nil
        }
        if depth == 2, tag.localName == "meta", tag.namespace == ODF.officeNS, let start = metaStart, metaEndTag == nil {
            if start.isEmpty { return }
            var i = data.startIndex + tag.tagEnd - 1
            while i > data.startIndex, data[i] != UInt8(ascii: "<") { i -= 1 }
            metaEndTag = i - data.startIndex
        }
    }

    /// Our properties: the ones whose names are ours.
    var ours: [ODFUserDefined] { properties.filter { ODF.isOurProperty($0.name) } }

    static func scan(_ data: Data, part: String, path: String, limits: ReadLimits, wording: PackageWording) throws -> ODFMetaScan {
        let scanner = ODFMetaScan(data: data)
        do {
            try XMLScanner.scan(data, maxDepth: limits.maxNestingDepth, handler: scanner)
        } catch let error as XMLScanError {
            throw ODFPackage.xmlError(error, part: part, path: path, wording: wording)
        }
        return scanner
    }
}
