#if canImport(Glibc)
import Glibc
#endif

/// Gives memory that was freed back to the system.
enum FreedMemory {
    #if canImport(Glibc)
    /// glibc's `malloc_trim` (declared in `malloc.h`, which the Glibc module does not export),
    /// looked up once (``DynamicLibrary/loadedFunction(_:as:)``); nil with another C library.
    private static let mallocTrim = DynamicLibrary.loadedFunction("malloc_trim", as: (@convention(c) (Int) -> Int32).self)
    #endif

    /// Called after a large parse tree is freed (cmark-gfm's and gumbo's take 8 to 10 bytes per
    /// input byte): glibc keeps freed small blocks for reuse, so without this the tree's pages
    /// stay resident while the stamp's later, larger buffers take new ones, and the peak is the
    /// sum of both. `malloc_trim` returns the free pages (the allocator keeps their addresses).
    static func release() {
        #if canImport(Glibc)
        _ = mallocTrim?(0)
        #endif
    }
}
