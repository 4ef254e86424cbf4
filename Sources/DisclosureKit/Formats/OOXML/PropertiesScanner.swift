import Foundation

/// One `<property>` of `docProps/custom.xml`, with its byte range.
struct CustomProperty {
    var name: String
    var pid: Int?
    var value: String
    var range: Range<Int>
    var paragraph: Int
}

/// Reads custom properties (`docProps/custom.xml`) and simple leaf-value parts
/// (`docProps/core.xml`, `docProps/app.xml`) in one streaming pass.
final class PropertiesScanner: XMLScanHandler {
    private(set) var properties: [CustomProperty] = []
    private(set) var leaves: [(name: String, value: String)] = []
    private var current: (name: String, pid: Int?, start: Int, value: String)?
    private var depth = 0
    private var leafText = ""
    private var leafName: String?

    var wantsText: Bool { true }
    func wantsAttributes(_ localName: String) -> Bool { localName == "property" }

    func didStart(_ tag: XMLStartTag) throws {
        depth += 1
        if tag.localName == "property" && tag.namespace == OOXML.customPropertiesNS {
            current = (tag.attribute("name") ?? "", tag.attribute("pid").flatMap { Int($0) }, tag.tagStart, "")
        }
        if depth == 2 { leafName = tag.localName; leafText = "" }
    }

    func didRead(text: String) {
        if current != nil { current!.value += text }
        if leafName != nil { leafText += text }
    }

    func didEnd(_ tag: XMLEndTag) throws {
        if tag.localName == "property" && tag.namespace == OOXML.customPropertiesNS, let c = current {
            properties.append(CustomProperty(name: c.name, pid: c.pid, value: c.value, range: c.start..<tag.tagEnd, paragraph: properties.count + 1))
            current = nil
        }
        if depth == 2, let name = leafName {
            let value = QuickTrim.whitespacesAndNewlines(leafText)
            if !value.isEmpty { leaves.append((name, value)) }
            leafName = nil
        }
        depth -= 1
    }

    static func scan(_ data: Data, part: String, path: String, limits: ReadLimits, wording: PackageWording = .word) throws -> PropertiesScanner {
        let scanner = PropertiesScanner()
        do {
            try XMLScanner.scan(data, maxDepth: limits.maxNestingDepth, handler: scanner)
        } catch let error as XMLScanError {
            throw OOXMLErrors.xml(error, part: part, path: path, wording: wording)
        }
        return scanner
    }
}
