@testable import DisclosureKit
import Foundation
import Testing

/// libzip, libxml2 and libqpdf are opened with dlopen the first time an archive is read or
/// written, XML is parsed or a PDF is read (Interop/LibZip.swift, Interop/LibXML2.swift,
/// Interop/QPDF.swift, through Interop/DynamicLibrary.swift). These tests load each by other
/// names, through its own function table, to see what a user without it is told; that the
/// installed qpdf works through its table is `QPDFLibraryTests`.
@Suite struct OnDemandLibrariesTests {
    /// One library opened on demand, for the checks each gets: its loader, a file it is needed
    /// for, and the exact error that file gets when the loader said `detail`.
    struct Library: Sendable, CustomTestStringConvertible {
        var name: String
        var candidates: [String]
        /// The first function its table looks up.
        var firstFunction: String
        /// The library's own loader: the failure, or nil when it loaded.
        var load: @Sendable ([String]) -> DynamicLibrary.LoadFailure?
        var unavailable: @Sendable (DynamicLibrary.LoadFailure, String) -> DisclosureError
        var path: String
        var detail: String
        var description: String
        var testDescription: String { name }

        init<L: OnDemandLibrary & Sendable>(_ library: L.Type, firstFunction: String, path: String, detail: String, description: String) {
            name = "\(library)"
            candidates = L.candidates
            self.firstFunction = firstFunction
            load = { names in
                guard case .failure(let failure) = L.load(names) else { return nil }
                return failure
            }
            unavailable = { L.unavailable($0, path: $1) }
            self.path = path
            self.detail = detail
            self.description = description
        }
    }

    static let libraries = [
        Library(ZipLibrary.self, firstFunction: "zip_close", path: "essay.docx", detail: "libzip.so.4: cannot open shared object file",
                description: "essay.docx: Disclose reads and writes zip packages (Word, PowerPoint and OpenDocument files, zip archives) with the libzip library, which could not be loaded (libzip.so.4: cannot open shared object file). Install it (on Debian or Ubuntu: sudo apt-get install libzip4) and try again; Markdown, HTML and PDF files work without it"),
        Library(XML2Library.self, firstFunction: "xmlInitParser", path: "slides.pptx", detail: "libxml2.so.2: cannot open shared object file",
                description: "slides.pptx: Disclose reads the XML inside Word, PowerPoint and OpenDocument files with the libxml2 library, which could not be loaded (libxml2.so.2: cannot open shared object file). Install it (on Debian or Ubuntu: sudo apt-get install libxml2) and try again; Markdown and HTML files work without it"),
        Library(QPDFLibrary.self, firstFunction: "qpdf_init", path: "report.pdf", detail: "libqpdf.so.29: cannot open shared object file",
                description: "report.pdf: Disclose reads PDF files with the qpdf library, which could not be loaded (libqpdf.so.29: cannot open shared object file). Install it (on Debian or Ubuntu: sudo apt-get install libqpdf29) and try again; other formats work without it"),
    ]

    // MARK: Every library

    @Test(arguments: libraries) func theInstalledLibraryLoads(_ library: Library) {
        #expect(library.load(library.candidates) == nil)
    }

    @Test(arguments: libraries) func aMissingLibraryIsNamedWithWhatTheLoaderSaid(_ library: Library) {
        let missing = "libdisclose-no-such-\(library.name).so.99"
        let failure = library.load([missing])
        #expect(failure?.detail.contains(missing) == true, "\(failure?.detail ?? "it loaded")")
    }

    /// zlib loads but has none of the library's functions: refused, naming the first looked up,
    /// then the real library is found.
    @Test(arguments: libraries) func aLibraryWithoutItsFunctionsIsRefusedAndTheNextNameTried(_ library: Library) {
        #expect(library.load(["libz.so.1"])?.detail == "libz.so.1: it has no function \(library.firstFunction)")
        #expect(library.load(["libz.so.1"] + library.candidates) == nil)
    }

    @Test(arguments: libraries) func theErrorNamesTheFileTheLibraryAndHowToInstallIt(_ library: Library) {
        let error = library.unavailable(DynamicLibrary.LoadFailure(detail: library.detail), library.path)
        #expect(error.exitCode == 3)
        #expect(error.path == library.path)
        #expect(error.description == library.description)
    }

    // MARK: libzip

    @Test func theInstalledLibzipWorks() throws {
        // Calls through the looked-up pointers: an archive written, then read back.
        let archive = try ZipRebuilder.write(entries: [("a.txt", Data("hello".utf8), false), ("b.bin", Data([1, 2, 3]), true)])
        let reader = try ZipReader(data: archive)
        #expect(reader.entries.map(\.name) == ["a.txt", "b.bin"])
        #expect(try reader.read(reader.entries[0], limit: 100) == Data("hello".utf8))
        #expect(reader.entries[1].isStored)
    }

    /// A package that cannot be opened for want of libzip is described so, in every format's words.
    @Test func everyPackageSaysLibzipIsMissing() {
        let error = ZipLibrary.unavailable(DynamicLibrary.LoadFailure(detail: "libzip.so.4: cannot open shared object file"), path: "essay.docx")
        let described = ZipPackage.describe(.unavailable("libzip.so.4: cannot open shared object file"), path: "essay.docx", wording: .word)
        #expect(described.description == error.description)
        #expect(DOCXPackage.describe(.unavailable("x"), path: "a.docx").description.contains("sudo apt-get install libzip4"))
    }

    // MARK: libxml2

    @Test func theInstalledLibxml2Parses() throws {
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

    /// A scan that failed for want of libxml2 is described so by every format's XML errors, not
    /// as a part that is not usable XML; any other scan failure is left to them.
    @Test func everyXMLErrorSaysLibxml2IsMissing() {
        let error = XML2Library.unavailable(DynamicLibrary.LoadFailure(detail: "libxml2.so.2: cannot open shared object file"), path: "slides.pptx")
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
