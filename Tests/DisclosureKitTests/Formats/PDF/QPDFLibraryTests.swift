@testable import DisclosureKit
import Foundation
import Testing

/// libqpdf is opened with dlopen when a PDF is first read (Interop/QPDF.swift). These tests load
/// it by other names, to see what a user without it is told.
@Suite struct QPDFLibraryTests {
    @Test func theInstalledLibraryLoadsWithEveryFunction() throws {
        let library = try QPDFLibrary.load(QPDFLibrary.candidates).get()
        // A call through a looked-up pointer: a new handle, its version before reading, freed.
        var handle = library.qpdf_init()
        #expect(handle != nil)
        #expect(library.qpdf_has_error(handle) == 0)
        library.qpdf_cleanup(&handle)
        #expect(handle == nil)
    }

    @Test func aMissingLibraryIsNamedWithWhatTheLoaderSaid() {
        let result = QPDFLibrary.load(["libdisclose-no-such-qpdf.so.99"])
        guard case .failure(let failure) = result else {
            Issue.record("a library that does not exist loaded")
            return
        }
        #expect(failure.detail.contains("libdisclose-no-such-qpdf.so.99"), "\(failure.detail)")
    }

    @Test func aLibraryWithoutQpdfsFunctionsIsRefusedAndTheNextNameTried() throws {
        // zlib loads but has no qpdf_init: refused, then the real library is found.
        let zlibOnly = QPDFLibrary.load(["libz.so.1"])
        guard case .failure(let failure) = zlibOnly else {
            Issue.record("zlib was taken for libqpdf")
            return
        }
        #expect(failure.detail == "libz.so.1: it has no function qpdf_init")
        #expect(throws: Never.self) { try QPDFLibrary.load(["libz.so.1"] + QPDFLibrary.candidates).get() }
    }

    @Test func theErrorNamesTheFileTheLibraryAndHowToInstallIt() {
        let error = QPDFLibrary.unavailable(QPDFLibrary.LoadFailure(detail: "libqpdf.so.29: cannot open shared object file"), path: "report.pdf")
        #expect(error.exitCode == 3)
        #expect(error.path == "report.pdf")
        #expect(error.description == "report.pdf: Disclose reads PDF files with the qpdf library, which could not be loaded (libqpdf.so.29: cannot open shared object file). Install it (on Debian or Ubuntu: sudo apt-get install libqpdf29) and try again; other formats work without it")
    }
}
