import Foundation

// The only file that calls dlopen, dlsym, dlclose and dlerror. It holds nothing but the handle
// dlopen gives; each library's function table, with its C function types, stays in that
// library's own file (`LibZip.swift`, `LibXML2.swift`, `QPDF.swift`), which adopts
// ``OnDemandLibrary`` (below) for its `load` and `unavailable`. `FreedMemory.swift` finds glibc's
// `malloc_trim` here too.

/// Opens a C library the binary does not link, the first time it is needed: libzip, libxml2 and
/// libqpdf, which cost every run their start-up when linked though most runs never use them
/// (docs/scale.md, "Start-up: libqpdf on demand" and "Start-up: libzip and libxml2 on demand").
enum DynamicLibrary {
    /// Why a library could not be used: the names tried and what the dynamic loader said. One
    /// type for every library: nothing tells their failures apart by type (each library's
    /// `loaded` result already names its table), only by the words.
    struct LoadFailure: Error, Equatable {
        var detail: String
    }

    /// The functions of one opened library, for building its function table.
    struct Symbols {
        fileprivate let handle: UnsafeMutableRawPointer

        /// The function called `name`, as the C function type `F` its header declares.
        /// - Throws: ``LoadFailure`` naming the function when the library has none by that name.
        func function<F>(_ name: String) throws -> F {
            guard let pointer = dlsym(handle, name) else { throw LoadFailure(detail: "it has no function \(name)") }
            return unsafeBitCast(pointer, to: F.self)
        }
    }

    /// Opens the first of `names` that loads and whose functions `makeTable` all finds; nothing
    /// is kept open for a name that fails. The library that loads stays open for the process.
    /// - Returns: the table, or a ``LoadFailure`` giving, for every name tried, what the loader
    ///   said or which function was missing.
    static func load<T>(_ names: [String], makeTable: (Symbols) throws -> T) -> Result<T, LoadFailure> {
        var tried: [String] = []
        for name in names {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
                tried.append(dlerror().map { String(cString: $0) } ?? "\(name): cannot be opened")
                continue
            }
            do {
                return .success(try makeTable(Symbols(handle: handle)))
            } catch let failure as LoadFailure {
                dlclose(handle)
                tried.append("\(name): \(failure.detail)")
            } catch {
                dlclose(handle)
                tried.append("\(name): \(error)")
            }
        }
        return .failure(LoadFailure(detail: tried.isEmpty ? "no library name to try" : tried.joined(separator: "; ")))
    }

    /// The function called `name` in what the process has already loaded (its binary and the
    /// libraries it links), as the C function type `F`; nil when none of them has it. For a
    /// function one C library has and another lacks (glibc's `malloc_trim`).
    static func loadedFunction<F>(_ name: String, as type: F.Type = F.self) -> F? {
        guard let pointer = dlsym(nil, name) else { return nil }  // nil is RTLD_DEFAULT: the global scope
        return unsafeBitCast(pointer, to: F.self)
    }

    /// What the error for a file says when a library could not be loaded (``unavailable(_:path:_:)``).
    struct MissingWords: Sendable {
        /// What Disclose does with the library (`"reads PDF files"`).
        var uses: String
        /// The library's name (`"qpdf"`).
        var library: String
        /// The Debian package that installs it (`"libqpdf29"`).
        var package: String
        /// The files that need no such library (`"other formats"`).
        var worksWithout: String
    }

    /// The error for the file at `path` when a library could not be loaded: the file is named,
    /// then what Disclose uses the library for, what the loader said, the package to install and
    /// what works without it.
    static func unavailable(_ failure: LoadFailure, path: String, _ words: MissingWords) -> DisclosureError {
        .unreadable(
            path: path,
            reason: "Disclose \(words.uses) with the \(words.library) library, which could not be loaded (\(failure.detail))",
            hint: "Install it (on Debian or Ubuntu: sudo apt-get install \(words.package)) and try again; \(words.worksWithout) work without it")
    }
}

/// A C library's function table, filled by ``DynamicLibrary`` from the first of its candidate
/// names that loads and has every function. The table's members are the C function pointers,
/// typed from the library's header, so they stay in the library's own file.
protocol OnDemandLibrary {
    /// The names tried, in order.
    static var candidates: [String] { get }
    /// What the error for a file says when the library cannot be loaded.
    static var missingWords: DynamicLibrary.MissingWords { get }
    /// Looks up every function of the table in `symbols`.
    /// - Throws: ``DynamicLibrary/LoadFailure`` naming the first function missing.
    init(_ symbols: DynamicLibrary.Symbols) throws
}

extension OnDemandLibrary {
    /// Opens the first of `names` that loads and has every function (``DynamicLibrary/load(_:makeTable:)``).
    static func load(_ names: [String]) -> Result<Self, DynamicLibrary.LoadFailure> {
        DynamicLibrary.load(names, makeTable: Self.init)
    }

    /// The error for the file at `path` when the library cannot be loaded: the file is named,
    /// then the missing library and how to install it.
    static func unavailable(_ failure: DynamicLibrary.LoadFailure, path: String) -> DisclosureError {
        DynamicLibrary.unavailable(failure, path: path, missingWords)
    }
}
