@testable import DisclosureKit
import Foundation
import Testing

/// Zip packages are told apart by what they contain (the OOXML main part's content type, the ODF
/// `mimetype` entry), never by the zip signature or the file's name (issue 14 §0).
@Suite struct PackageSignatureTests {
    static func ooxml(main: String, type: String) throws -> Data {
        try ZipRebuilder.write(entries: [
            ("[Content_Types].xml", Data("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/><Override PartName=\"/\(main)\" ContentType='\(type)'/></Types>".utf8), false),
            (main, Data("<root/>".utf8), false),
        ])
    }

    static func odf(mimetype: String) throws -> Data {
        try ZipRebuilder.write(entries: [("mimetype", Data(mimetype.utf8), true), ("content.xml", Data("<office:document-content/>".utf8), false)])
    }

    @Test func readsTheMainContentTypeWhateverTheQuotesAndOrder() throws {
        let data = try Self.ooxml(main: "xl/workbook.xml", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
        let signature = try #require(PackageSignature.read(data))
        #expect(signature.mainContentType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
        #expect(signature.mimetype == nil)
        #expect(signature.kindDescription.hasPrefix("an Excel workbook"))
    }

    @Test func readsTheODFMimetype() throws {
        let signature = try #require(PackageSignature.read(try Self.odf(mimetype: "application/vnd.oasis.opendocument.spreadsheet")))
        #expect(signature.mimetype == "application/vnd.oasis.opendocument.spreadsheet")
        #expect(signature.kindDescription == "an OpenDocument spreadsheet")
        #expect(PackageSignature(mimetype: "application/vnd.oasis.opendocument.unheard-of").kindDescription == "an OpenDocument package (its mimetype is application/vnd.oasis.opendocument.unheard-of)")
        #expect(PackageSignature(mimetype: "application/vnd.oasis.opendocument.text-template").kindDescription.hasPrefix("an OpenDocument text document"))
    }

    @Test func saysNothingOfFilesThatAreNotPackages() throws {
        #expect(PackageSignature.read(Data("# Title\n".utf8)) == nil)
        #expect(PackageSignature.read(Data([0x50, 0x4B, 0x03, 0x04, 0, 0])) == nil)
        #expect(PackageSignature.read(try ZipRebuilder.write(entries: [("a.txt", Data("a".utf8), false)])) == nil)
    }

    @Test func theRegistryGoesByContentNotName() throws {
        let registry = FormatRegistry.standard
        let word = try TestDOCX.make(body: ["Hello"])
        #expect(try registry.handler(forPath: "renamed.pptx", data: word).id == "docx")
        #expect(try registry.handler(forPath: "no-extension", data: word).id == "docx")
        let workbook = try Self.ooxml(main: "xl/workbook.xml", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
        do {
            _ = try registry.handler(forPath: "marks.docx", data: workbook)
            Issue.record("a workbook named .docx was claimed")
        } catch let error as DisclosureError {
            #expect(error.description.contains("marks.docx: not a document Disclose reads: by its content, it is an Excel workbook"))
            #expect(error.description.contains(registry.extensionList))
        }
        let spreadsheet = try Self.odf(mimetype: "application/vnd.oasis.opendocument.spreadsheet")
        #expect(throws: DisclosureError.self) { try registry.handler(forPath: "marks.ods", data: spreadsheet) }
        // Not a package: by extension as before.
        #expect(try registry.handler(forPath: "a.md", data: Data("# A\n".utf8)).id == "markdown")
    }
}
