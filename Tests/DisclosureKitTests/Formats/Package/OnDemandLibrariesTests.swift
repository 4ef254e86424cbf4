@testable import DisclosureKit
import Foundation
import Testing

/// libzip and libxml2 are opened with dlopen when an archive is first read or written and when
/// XML is first parsed (Interop/LibZip.swift, Interop/LibXML2.swift), as libqpdf is
/// (`QPDFLibraryTests`). These tests load them by other names, to see what a user without them
/// is told.
@Suite struct OnDemandLibrariesTests {
    // MARK: libzip

    @Test func theInstalledLibzipLoadsAndWorks() throws {
        _ = try ZipLibrary.load(ZipLibrary.candidates).get()
        // Calls through the looked-up pointers: an archive written, then read back.
        let archive = try ZipRebuilder.write(entries: [("a.txt", Data("hello".utf8), false), ("b.bin", Data([1, 2, 3]), true)])
        let reader = try ZipReader(data: archive)
        #expect(reader.entries.map(\.name) == ["a.txt", "b.bin"])
        #expect(try reader.read(reader.entries[0], limit: 100) == Data("hello".utf8))
        #expect(reader.entries[1].isStored)
    }

    @Test func aMissingLibzipIsNamedWithWhatTheLoaderSaid() {
        guard case .failure(let failure) = ZipLibrary.load(["libdisclose-no-such-zip.so.99"]) else {
            Issue.record("a library that does not exist loaded")
            return
        }
        #expect(failure.detail.contains("libdisclose-no-such-zip.so.99"), "\(failure.detail)")
    }

    @Test func aLibraryWithoutLibzipsFunctionsIsRefusedAndTheNextNameTried() throws {
        guard case .failure(let failure) = ZipLibrary.load(["libz.so.1"]) else {
            Issue.record("zlib was taken for libzip")
            return
        }
        #expect(failure.detail == "libz.so.1: it has no function zip_close")
        #expect(throws: Never.self) { try ZipLibrary.load(["libz.so.1"] + ZipLibrary.candidates).get() }
    }

    @Test func theZipErrorNamesTheFileTheLibraryAndHowToInstallIt() {
        let error = ZipLibrary.unavailable(ZipLibrary.LoadFailure(detail: "libzip.so.4: cannot open shared object file"), path: "essay.docx")
        #expect(error.exitCode == 3)
        #expect(error.path == "essay.docx")
        #expect(error.description == "essay.docx: Disclose reads and writes zip packages (Word, PowerPoint and OpenDocument files, zip archives) with the libzip library, which could not be loaded (libzip.so.4: cannot open shared object file). Install it (on Debian or Ubuntu: sudo apt-get install libzip4) and try again; Markdown, HTML and PDF files work without it")
        // A package that cannot be opened for want of libzip is described so, in every format's words.
        let described = ZipPackage.describe(.unavailable("libzip.so.4: cannot open shared object file"), path: "essay.docx", wording: .word)
        #expect(described.description == error.description)
        #expect(DOCXPackage.describe(.unavailable("x"), path: "a.docx").description.contains("sudo apt-get install libzip4"))
    }

    // MARK: libxml2

    @Test func theInstalledLibxml2LoadsAndParses() throws {
        _ = try XML2Library.load(XML2Library.candidates).get()
        final class Names: XMLScanHandler {
            var names: [String] = []
            var wantsText: Bool { false }
            func wantsAttributes(_ localName: String) -> Bool { false }
            func didStart(_ tag: XMLStartTag) throws { names.append(tag.localName) }
            func didEnd(_ tag: XMLEndTag) throws {}
            func didRead(text: String) {}
        }
        let names = Names()
        try XMLScanner.scan(Data("<a><b/><c>t</c></a>".utf8), maxDepth: 10, handler: names)
        #expect(names.names == ["a", "b", "c"])
    }

    @Test func aMissingLibxml2IsNamedWithWhatTheLoaderSaid() {
        guard case .failure(let failure) = XML2Library.load(["libdisclose-no-such-xml2.so.99"]) else {
            Issue.record("a library that does not exist loaded")
            return
        }
        #expect(failure.detail.contains("libdisclose-no-such-xml2.so.99"), "\(failure.detail)")
    }

    @Test func aLibraryWithoutLibxml2sFunctionsIsRefusedAndTheNextNameTried() throws {
        guard case .failure(let failure) = XML2Library.load(["libz.so.1"]) else {
            Issue.record("zlib was taken for libxml2")
            return
        }
        #expect(failure.detail == "libz.so.1: it has no function xmlInitParser")
        #expect(throws: Never.self) { try XML2Library.load(["libz.so.1"] + XML2Library.candidates).get() }
    }

    @Test func theXMLErrorNamesTheFileTheLibraryAndHowToInstallIt() {
        let error = XML2Library.unavailable(XML2Library.LoadFailure(detail: "libxml2.so.2: cannot open shared object file"), path: "slides.pptx")
        #expect(error.exitCode == 3)
        #expect(error.path == "slides.pptx")
        #expect(error.description == "slides.pptx: Disclose reads the XML inside Word, PowerPoint and OpenDocument files with the libxml2 library, which could not be loaded (libxml2.so.2: cannot open shared object file). Install it (on Debian or Ubuntu: sudo apt-get install libxml2) and try again; Markdown and HTML files work without it")
        // A scan that failed for want of libxml2 is described so by every format's XML errors,
        // not as a part that is not usable XML; any other scan failure is left to them.
        let scanFailure = XMLScanError(message: "the libxml2 library could not be loaded (x)", libraryFailure: "libxml2.so.2: cannot open shared object file")
        #expect(scanFailure.libraryUnavailable(path: "slides.pptx")?.description == error.description)
        #expect(OOXMLErrors.xml(scanFailure, part: "ppt/slides/slide1.xml", path: "slides.pptx", wording: .powerPoint).description == error.description)
        #expect(DOCXErrors.xml(scanFailure, part: "word/document.xml", path: "slides.pptx").description == error.description)
        #expect(ODFPackage.xmlError(scanFailure, part: "content.xml", path: "slides.pptx", wording: .powerPoint).description == error.description)
        let notWellFormed = XMLScanError(message: "not well-formed", line: 1, column: 2)
        #expect(notWellFormed.libraryUnavailable(path: "slides.pptx") == nil)
        #expect(DOCXErrors.xml(notWellFormed, part: "word/document.xml", path: "a.docx").description.contains("is not usable XML at line 1, column 2"))
    }
}
