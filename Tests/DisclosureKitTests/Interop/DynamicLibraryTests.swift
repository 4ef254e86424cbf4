@testable import DisclosureKit
import Testing

/// The one loader of the libraries opened on demand (Interop/DynamicLibrary.swift), tried with
/// zlib, which every machine that runs the tests has; each library's own table is tested in
/// `OnDemandLibrariesTests` and `QPDFLibraryTests`.
@Suite struct DynamicLibraryTests {
    /// zlib's `zlibVersion`, from zlib.h: `const char *zlibVersion(void)`.
    typealias ZlibVersion = @convention(c) () -> UnsafePointer<CChar>?

    struct Zlib {
        let zlibVersion: ZlibVersion
        init(_ symbols: DynamicLibrary.Symbols) throws { zlibVersion = try symbols.function("zlibVersion") }
    }

    /// The failure's detail; nil when the library loaded.
    static func detail<T>(_ result: Result<T, DynamicLibrary.LoadFailure>) -> String? {
        guard case .failure(let failure) = result else { return nil }
        return failure.detail
    }

    @Test func aMissingNameIsPassedOverForARealOne() throws {
        let zlib = try DynamicLibrary.load(["libdisclose-no-such-library.so.99", "libz.so.1"], makeTable: Zlib.init).get()
        // A call through the looked-up pointer: zlib's version, "1.2.13" or the like.
        let version = zlib.zlibVersion().map { String(cString: $0) }
        #expect(version?.hasPrefix("1.") == true, "\(version ?? "nil")")
    }

    @Test func onlyMissingNamesFailNamingEveryNameTried() {
        var tablesMade = 0
        let result = DynamicLibrary.load(["libdisclose-no-such-a.so.1", "libdisclose-no-such-b.so.2"]) { symbols in
            tablesMade += 1
            return try Zlib(symbols)
        }
        guard case .failure(let failure) = result else {
            Issue.record("a library that does not exist loaded")
            return
        }
        #expect(tablesMade == 0)
        let parts = failure.detail.components(separatedBy: "; ")
        #expect(parts.count == 2, "\(failure.detail)")
        #expect(parts.first?.contains("libdisclose-no-such-a.so.1") == true, "\(failure.detail)")
        #expect(parts.last?.contains("libdisclose-no-such-b.so.2") == true, "\(failure.detail)")
    }

    @Test func aRealLibraryWithoutAFunctionFailsNamingIt() {
        // zlib opens, lacks the function, and is closed again; the detail is all there is to see.
        let result = DynamicLibrary.load(["libz.so.1"]) { symbols -> ZlibVersion in
            try symbols.function("disclose_no_such_function")
        }
        #expect(Self.detail(result) == "libz.so.1: it has no function disclose_no_such_function")
    }

    @Test func anotherErrorFromTheTableIsGivenWithTheName() {
        struct Refused: Error, CustomStringConvertible { var description: String { "refused by the table" } }
        let result: Result<Int, DynamicLibrary.LoadFailure> = DynamicLibrary.load(["libz.so.1"]) { _ in throw Refused() }
        #expect(Self.detail(result) == "libz.so.1: refused by the table")
    }

    @Test func noNamesFailSayingSo() {
        #expect(Self.detail(DynamicLibrary.load([], makeTable: Zlib.init)) == "no library name to try")
    }

    @Test func aFunctionTheProcessHasIsFoundWithoutOpeningALibrary() {
        let strlen = DynamicLibrary.loadedFunction("strlen", as: (@convention(c) (UnsafePointer<CChar>) -> Int).self)
        #expect(strlen?("disclose") == 8)
        #expect(DynamicLibrary.loadedFunction("disclose_no_such_function", as: (@convention(c) () -> Void).self) == nil)
    }

    @Test func theUnavailableErrorPutsTheWordsInPlace() {
        let error = DynamicLibrary.unavailable(
            DynamicLibrary.LoadFailure(detail: "libz.so.1: cannot open shared object file"), path: "a.gz",
            DynamicLibrary.MissingWords(uses: "reads gzip files", library: "zlib", package: "zlib1g", worksWithout: "other formats"))
        #expect(error.exitCode == 3)
        #expect(error.path == "a.gz")
        #expect(error.description == "a.gz: Disclose reads gzip files with the zlib library, which could not be loaded (libz.so.1: cannot open shared object file). Install it (on Debian or Ubuntu: sudo apt-get install zlib1g) and try again; other formats work without it")
    }
}
