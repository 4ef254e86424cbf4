@testable import DisclosureKit
import Foundation
import Testing

/// Our XMP properties: added by splicing, read back, removed to the byte.
@Suite struct PDFXMPTests {
    static let facts: [(key: String, value: String)] = [("tools", "Copilot <GPT & co>"), ("extent", "partial"), ("declarant", "Zoë Nguyễn")]
    static let json = #"{"schema":"disclose/1","note":"a < b & \"c\""}"#
    static let source = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"

    @Test func roundTripGivesThePacketBack() throws {
        let packet = Data(PDFWriterTestFiles.xmpPacket.utf8)
        let ours = try PDFXMP.adding(facts: Self.facts, json: Self.json, digitalSourceType: Self.source, to: packet)
        let text = String(decoding: ours, as: UTF8.self)
        #expect(text.contains("<disclose:tools>Copilot &lt;GPT &amp; co&gt;</disclose:tools>"))
        #expect(text.contains("<Iptc4xmpExt:DigitalSourceType>\(Self.source)</Iptc4xmpExt:DigitalSourceType>"))
        #expect(text.contains("<pdf:Producer>Disclose tests</pdf:Producer>"), "existing properties stay")
        #expect(text.contains("pdfaExtension:schemas"), "a PDF/A file gets an extension schema for our properties")
        #expect(text.hasSuffix("<?xpacket end=\"w\"?>"))
        let read = try #require(PDFXMP.read(ours))
        #expect(read.facts["tools"] == "Copilot <GPT & co>")
        #expect(read.facts["declarant"] == "Zoë Nguyễn")
        #expect(read.json == Data(Self.json.utf8))
        #expect(PDFXMP.removing(from: ours) == packet)
        let twice = try PDFXMP.adding(facts: Self.facts, json: Self.json, digitalSourceType: Self.source, to: ours)
        #expect(twice == ours, "adding again replaces ours")
        try XMLScanner.scan(ours, maxDepth: 64, handler: NullXMLHandler())
    }

    @Test func existingExtensionSchemasGetOurEntries() throws {
        let packet = Data(PDFWriterTestFiles.xmpPacket.replacingOccurrences(of: "<pdfaid:part>2</pdfaid:part>",
            with: "<pdfaid:part>2</pdfaid:part>\n   <pdfaExtension:schemas xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"><rdf:Bag>\n   </rdf:Bag></pdfaExtension:schemas>").utf8)
        let ours = try PDFXMP.adding(facts: Self.facts, json: Self.json, digitalSourceType: Self.source, to: packet)
        let text = String(decoding: ours, as: UTF8.self)
        #expect(text.components(separatedBy: "<pdfaExtension:schemas").count == 2, "one schemas property, not two")
        #expect(text.contains("<pdfaSchema:namespaceURI>https://disclose.dev/ns/1.0/</pdfaSchema:namespaceURI>"))
        #expect(PDFXMP.removing(from: ours) == packet)
        try XMLScanner.scan(ours, maxDepth: 64, handler: NullXMLHandler())
    }

    @Test func minimalPacketWhenThereIsNone() throws {
        let ours = try PDFXMP.adding(facts: Self.facts, json: Self.json, digitalSourceType: Self.source, to: nil)
        #expect(String(decoding: ours, as: UTF8.self).hasPrefix("<?xpacket begin="))
        #expect(PDFXMP.removing(from: ours) == PDFXMP.minimalPacket)
        #expect(PDFXMP.pdfaClaim(ours) == nil)
        try XMLScanner.scan(ours, maxDepth: 64, handler: NullXMLHandler())
    }

    @Test func pdfaClaimAsElementOrAttribute() {
        #expect(PDFXMP.pdfaClaim(Data(PDFWriterTestFiles.xmpPacket.utf8)) == "PDF/A-2b")
        #expect(PDFXMP.pdfaClaim(Data(#"<rdf:Description pdfaid:part="1" pdfaid:conformance="A"/>"#.utf8)) == "PDF/A-1a")
        #expect(PDFXMP.pdfaClaim(Data("<x/>".utf8)) == nil)
    }

    @Test func packetWithoutRDFIsRefused() {
        #expect(throws: PDFXMPError.self) { try PDFXMP.adding(facts: [], json: "{}", digitalSourceType: Self.source, to: Data("<x:xmpmeta/>".utf8)) }
    }
}

/// Accepts every event: for checking that a packet is well-formed.
final class NullXMLHandler: XMLScanHandler {
    var wantsText: Bool { false }
    func wantsAttributes(_ localName: String) -> Bool { false }
    func didStart(_ tag: XMLStartTag) throws {}
    func didEnd(_ tag: XMLEndTag) throws {}
    func didRead(text: String) {}
}
