@testable import DisclosureKit
import Foundation
import Testing

/// Stamp then unstamp gives back an existing `docProps/custom.xml` (and a styles part) byte for
/// byte, however it was written (issue 14 §0).
@Suite struct DOCXCustomPartRestoreTests {
    static let ns = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    static let vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    static let decl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
    static let property = "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"Client\"><vt:lpwstr>Example</vt:lpwstr></property>"

    static let variants: [(name: String, xml: String)] = [
        ("empty with an end tag", decl + "<Properties xmlns=\"\(ns)\" xmlns:vt=\"\(vt)\"></Properties>"),
        ("empty, self-closing", decl + "<Properties xmlns=\"\(ns)\" xmlns:vt=\"\(vt)\"/>"),
        ("self-closing with a space and a final line break", decl + "<Properties xmlns=\"\(ns)\" xmlns:vt=\"\(vt)\" />\r\n"),
        ("white space inside", decl + "<Properties xmlns=\"\(ns)\" xmlns:vt=\"\(vt)\">\r\n  \r\n</Properties>"),
        ("an existing property, single-quoted declaration", "<?xml version='1.0' encoding='utf-8'?>\n<Properties xmlns=\"\(ns)\" xmlns:vt=\"\(vt)\">\n  \(property)\n</Properties>\n"),
        ("no declaration, prefixed and self-closing", "<op:Properties xmlns:op=\"\(ns)\" xmlns:vt=\"\(vt)\"/>"),
        ("prefixed with a property", "<op:Properties xmlns:op=\"\(ns)\" xmlns:vt=\"\(vt)\">" + property.replacingOccurrences(of: "property", with: "op:property") + "</op:Properties>"),
        ("a byte order mark, end tag with a space", "\u{FEFF}" + decl + "<Properties xmlns=\"\(ns)\" xmlns:vt=\"\(vt)\"></Properties >"),
    ]

    static func package(custom: String?, referenced: Bool = true, styles: String? = nil) throws -> Data {
        let w = TestDOCX.w
        var types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
        if custom != nil { types += "<Override PartName=\"/docProps/custom.xml\" ContentType=\"\(OOXML.customPropertiesContentType)\"/>" }
        types += "</Types>"
        var rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(TestDOCX.r)/officeDocument\" Target=\"word/document.xml\"/>"
        if custom != nil && referenced { rels += "<Relationship Id=\"rId3\" Type=\"\(OOXML.customPropertiesRel)\" Target=\"docProps/custom.xml\"/>" }
        rels += "</Relationships>"
        var docRels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        if styles != nil { docRels += "<Relationship Id=\"rIdS\" Type=\"\(OOXML.stylesRel)\" Target=\"styles.xml\"/>" }
        docRels += "</Relationships>"
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"\(w)\"><w:body>\(TestDOCX.paragraphs(["A report."]))<w:sectPr/></w:body></w:document>"
        var entries: [(name: String, bytes: Data, store: Bool)] = [
            ("[Content_Types].xml", Data(types.utf8), false), ("_rels/.rels", Data(rels.utf8), false),
            ("word/document.xml", Data(document.utf8), false), ("word/_rels/document.xml.rels", Data(docRels.utf8), false),
        ]
        if let styles { entries.append(("word/styles.xml", Data(styles.utf8), false)) }
        if let custom { entries.append(("docProps/custom.xml", Data(custom.utf8), false)) }
        return try ZipRebuilder.write(entries: entries)
    }

    /// Stamps and unstamps `data` in a temporary file; returns every part before and after.
    static func roundTrip(_ data: Data) throws -> (before: [String: Data], stamped: [String: Data], after: [String: Data]) {
        let dir = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/report.docx"
        try data.write(to: URL(fileURLWithPath: path))
        let before = try DOCXFixtures.parts(path)
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let report = try Verifier().verify(path: path)
        #expect(report.passed, "\(report.checks.filter { $0.status != .pass })")
        let stamped = try DOCXFixtures.parts(path)
        // Stamping again with the same facts changes nothing, marker included.
        #expect(try Stamper().stamp(path: path, disclosure: Samples.disclosure).unchanged)
        _ = try Stamper().unstamp(path: path)
        return (before, stamped, try DOCXFixtures.parts(path))
    }

    @Test(arguments: variants.map(\.name))
    func unstampGivesBackTheCustomPartByteForByte(variant: String) throws {
        let xml = Self.variants.first { $0.name == variant }!.xml
        let (before, stamped, after) = try Self.roundTrip(try Self.package(custom: xml))
        #expect(before["docProps/custom.xml"] == Data(xml.utf8))
        let ours = String(decoding: stamped["docProps/custom.xml"] ?? Data(), as: UTF8.self)
        #expect(ours.contains("name=\"AI Disclosure Tools\""), "stamped into the existing part")
        #expect(after["docProps/custom.xml"] == Data(xml.utf8), "\(String(decoding: after["docProps/custom.xml"] ?? Data(), as: UTF8.self))")
        #expect(after == before)
    }

    @Test func aSelfClosingRootIsOpenedAndOurFirstPropertyMarked() throws {
        let xml = Self.decl + "<Properties xmlns=\"\(Self.ns)\" xmlns:vt=\"\(Self.vt)\"/>"
        let (_, stamped, _) = try Self.roundTrip(try Self.package(custom: xml))
        let ours = String(decoding: stamped["docProps/custom.xml"]!, as: UTF8.self)
        // No node is added (a comment would trip readers that walk the children): the mark is a
        // space before the first property's ">", and only the first.
        #expect(ours.hasPrefix(Self.decl + "<Properties xmlns=\"\(Self.ns)\" xmlns:vt=\"\(Self.vt)\"><property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"AI Disclosure\" ><vt:lpwstr"))
        #expect(ours.components(separatedBy: "\" >").count == 2)
        #expect(ours.hasSuffix("</property></Properties>"))
        #expect(!ours.contains("<!--"))
    }

    @Test func restampingKeepsTheMarkSoUnstampStillClosesTheRoot() throws {
        let xml = Self.decl + "<Properties xmlns=\"\(Self.ns)\" xmlns:vt=\"\(Self.vt)\"/>"
        let dir = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/report.docx"
        try Self.package(custom: xml).write(to: URL(fileURLWithPath: path))
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        var changed = Samples.disclosure
        changed.declarant = "Sam Jones"
        #expect(try Stamper().stamp(path: path, disclosure: changed).replacedExisting)
        _ = try Stamper().unstamp(path: path)
        #expect(try DOCXFixtures.parts(path)["docProps/custom.xml"] == Data(xml.utf8))
    }

    @Test func anUnreferencedCustomPartIsLeftAloneAndOursGetsAFreeName() throws {
        let xml = Self.decl + "<Properties xmlns=\"\(Self.ns)\" xmlns:vt=\"\(Self.vt)\"><property fmtid=\"x\" pid=\"2\" name=\"Old\"><vt:lpwstr>kept</vt:lpwstr></property></Properties>"
        let (before, stamped, after) = try Self.roundTrip(try Self.package(custom: xml, referenced: false))
        #expect(stamped["docProps/custom.xml"] == Data(xml.utf8), "the unreferenced part is not overwritten")
        #expect(String(decoding: stamped["docProps/custom2.xml"] ?? Data(), as: UTF8.self).contains("name=\"AI Disclosure\""))
        #expect(String(decoding: stamped["_rels/.rels"]!, as: UTF8.self).contains("Target=\"docProps/custom2.xml\""))
        #expect(String(decoding: stamped["[Content_Types].xml"]!, as: UTF8.self).contains("PartName=\"/docProps/custom2.xml\""))
        #expect(after == before, "every part, content types and relationships included, is the original")
    }

    @Test func aSelfClosingStylesPartComesBackTheSame() throws {
        let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"\(TestDOCX.w)\"/>"
        let (before, stamped, after) = try Self.roundTrip(try Self.package(custom: nil, styles: styles))
        #expect(String(decoding: stamped["word/styles.xml"]!, as: UTF8.self).contains("w:styleId=\"AIDisclosure\""))
        #expect(after["word/styles.xml"] == Data(styles.utf8))
        #expect(after == before, "the custom part we created is removed again")
    }

    @Test func closingEmptyRootOnlyWhenTheRangesAreTheWholeContent() {
        let data = Data("<?xml version=\"1.0\"?><!-- a > comment --><a x=\"1>\" ><b/><c/></a>".utf8)
        let start = XMLBytes.rootStartTagEnd(data)!
        #expect(data[start] == UInt8(ascii: ">") && data[start - 1] == UInt8(ascii: " "), "the quoted > and the comment are skipped")
        let b = (start + 1)..<(start + 5), c = (start + 5)..<(start + 9)
        #expect(XMLBytes.closingEmptyRoot(data, removing: [c, b]) == Data("<?xml version=\"1.0\"?><!-- a > comment --><a x=\"1>\" />".utf8))
        #expect(XMLBytes.closingEmptyRoot(data, removing: [b]) == nil, "other content stays, so the root stays open")
        #expect(XMLBytes.closingEmptyRoot(data, removing: [c]) == nil)
        #expect(XMLBytes.closingEmptyRoot(Data("<a/>".utf8), removing: [0..<0]) == nil)
    }
}
