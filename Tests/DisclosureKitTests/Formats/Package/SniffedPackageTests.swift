@testable import DisclosureKit
import Foundation
import Testing

/// The archive the registry opens to sniff a package goes to the handler that claims it, once
/// and only for the same bytes (issue 17); the quick forms of the name and prolog checks give
/// what the `String` forms they replace give.
@Suite struct SniffedPackageTests {
    @Test func theClaimingHandlerTakesTheSniffedArchiveOnceForTheSameBytes() throws {
        let word = try TestDOCX.make(body: ["Hello"], creator: "Ann")
        let signature = try #require(PackageSignature.read(word))
        let sniffed = try #require(signature.opened)
        #expect(sniffed.take(for: try TestDOCX.make(body: ["Other"])) == nil)
        let taken = try #require(sniffed.take(for: Data(word)))
        #expect(taken.entries.map(\.name).contains("word/document.xml"))
        #expect(sniffed.take(for: word) == nil)
        // The signature's value is what it says, not the archive it carries.
        #expect(signature == PackageSignature(mainContentType: signature.mainContentType))
    }

    @Test func aHandlerFromTheRegistryOpensAsAFreshOneDoes() throws {
        let word = try TestDOCX.make(body: ["Hello", "World"], header: ["Head"], creator: "Ann")
        let handler = try FormatRegistry.standard.handler(forPath: "a.docx", data: word)
        #expect(handler.id == "docx")
        #expect(handler is DOCXHandler)
        let input = DocumentInput(data: word, path: "a.docx")
        let viaSniff = try handler.open(input)
        let again = try handler.open(input) // the archive was taken: opened afresh
        let fresh = try DOCXHandler().open(input)
        for document in [viaSniff, again] {
            #expect(try document.text() == fresh.text())
            #expect(try document.metadataEntries() == fresh.metadataEntries())
            #expect(try document.unmanagedParts().map(\.bytes) == fresh.unmanagedParts().map(\.bytes))
        }
        // Other bytes through the same handler are opened as they are.
        let other = try TestDOCX.make(body: ["Else"])
        #expect(try handler.open(DocumentInput(data: other, path: "b.docx")).text() == DOCXHandler().open(DocumentInput(data: other, path: "b.docx")).text())
    }

    @Test func aRememberedEntryIsGivenWithinItsLimitAndReadAgainOverIt() throws {
        let data = try TestDOCX.archive([("a.xml", Data(repeating: 0x41, count: 100))])
        let zip = try ZipReader(data: data)
        let entry = try #require(zip.entries.first)
        zip.remember(entry, Data("remembered".utf8))
        #expect(try zip.read(entry, limit: 1000) == Data("remembered".utf8))
        #expect(throws: ZipFailure.self) { try zip.read(entry, limit: 5) }
    }

    /// The checks as they were written before their quick forms.
    static func climbsOutAsBefore(_ name: String) -> Bool {
        if name.hasPrefix("/") || name.contains("\\") { return true }
        if name.count >= 2, name.dropFirst().first == ":" { return true }
        return name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    static let names = [
        "word/document.xml", "Word/Document.XML", "[Content_Types].xml", "[CONTENT_TYPES].XML", "c:/x", "C:x", "\r\n:x", "\r:x",
        "a/../b", "../a", "a/..", "a/...", "a\\b", "/abs", "a//b", "", "x", "é/..", "e\u{301}/a", "E\u{301}X.xml", "a\\\u{301}b",
        "..\u{301}/a", "K\u{212A}.xml", "x.RELS", "x.rels\u{301}", "pic.XmL", "dir/", ":", "a:",
    ]

    @Test func quickNameChecksGiveWhatTheStringChecksGive() {
        for name in Self.names {
            #expect(ZipPackage.climbsOut(name) == Self.climbsOutAsBefore(name), "\(name.debugDescription)")
            #expect(ASCIIText.foldingASCIICase(name) == String(name.map { $0.isASCII ? Character($0.lowercased()) : $0 }), "\(name.debugDescription)")
            #expect(ZipPackage.isXML(name) == (name.lowercased().hasSuffix(".xml") || name.lowercased().hasSuffix(".rels")), "\(name.debugDescription)")
            #expect(PackageSignature.isContentTypesName(name) == (name.lowercased() == "[content_types].xml"), "\(name.debugDescription)")
            #expect(ASCIIText.contains(name, "\\") == name.contains("\\"), "\(name.debugDescription)")
            #expect(ASCIIText.contains(name, "xml") == name.contains("xml"), "\(name.debugDescription)")
        }
        #expect(PackageSignature.isContentTypesName("[Content_Types].xml"))
        #expect(!PackageSignature.isContentTypesName("[Content_Types].xml2"))
    }

    @Test func relationshipsPartNamesAreAsBefore() {
        func asBefore(_ part: String) -> String {
            var pieces = part.split(separator: "/").map(String.init)
            let name = pieces.popLast() ?? part
            return (pieces + ["_rels", name + ".rels"]).joined(separator: "/")
        }
        for part in ["word/document.xml", "document.xml", "a//b/c.xml", "a/b/", "", "/x.xml", "é/ü.xml"] {
            #expect(OOXML.relsPart(of: part) == asBefore(part), "\(part.debugDescription)")
        }
        #expect(OOXML.resolve(target: "media/a%20b.png", from: "word/document.xml") == "word/media/a b.png")
        #expect(OOXML.resolve(target: "../docProps/x.xml", from: "word/document.xml") == "docProps/x.xml")
        #expect(OOXML.resolve(target: "bad%zz", from: "word/document.xml") == "word/bad%zz")
    }

    @Test func theDeclaredEncodingIsReadAsTheDeclarationsTextGivesIt() throws {
        func refusal(_ xml: String) -> String? {
            do {
                try XMLScanner.checkProlog(Data(xml.utf8))
                return nil
            } catch let error as XMLScanError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>") == nil)
        #expect(refusal("<?xml version='1.0' ENCODING='utf8'?><a/>") == nil)
        #expect(refusal("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>") == "the part declares the encoding \"iso-8859-1\"; Disclose edits UTF-8 parts only")
        // The character after "=" is skipped (here CR LF, one character), then up to a quote.
        #expect(refusal("<?xml version=\"1.0\" encoding=\r\n\"utf-8\"?><a/>") == "the part declares the encoding \"\"; Disclose edits UTF-8 parts only")
        #expect(refusal("<?xml version=\"1.0\" encoding= utf-8 ?><a/>") == "the part declares the encoding \"utf-8 ?\"; Disclose edits UTF-8 parts only")
        #expect(refusal("<?xml version=\"1.0\" encoding=\"Ü-8\"?><a/>") == "the part declares the encoding \"ü-8\"; Disclose edits UTF-8 parts only")
        #expect(refusal("<?xml version=\"1.0\" encoding=") == "the part declares the encoding \"\"; Disclose edits UTF-8 parts only")
        #expect(refusal("<!DOCTYPE a><a/>")?.hasPrefix("the part declares a document type (DTD)") == true)
        #expect(refusal("\u{FEFF}<a/>") == nil)
        #expect(try XMLScanner.checkProlog(Data("<?xml version=\"1.0\"?".utf8), isComplete: false) == false)
        #expect(try XMLScanner.checkProlog(Data("<?xml version=\"1.0\"?><a".utf8), isComplete: false) == true)
        #expect(try XMLScanner.checkProlog(Data("<!-- c".utf8), isComplete: false) == false)
        #expect(throws: XMLScanError.self) { try XMLScanner.checkProlog(Data([0x3C, 0x00, 0x61, 0x00])) }
        #expect(throws: XMLScanError.self) { try XMLScanner.checkProlog(Data([0xFF, 0xFE, 0x3C, 0x00])) }
    }
}
