@testable import DisclosureKit
import Foundation
import Testing

/// libqpdf is opened with dlopen when a PDF is first read (Interop/QPDF.swift, through
/// Interop/DynamicLibrary.swift). What a user without it is told is checked with libzip's and
/// libxml2's in `OnDemandLibrariesTests`.
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
}
