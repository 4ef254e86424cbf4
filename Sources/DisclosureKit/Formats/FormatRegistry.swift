import Foundation

/// The only place that maps a file to its ``FormatHandler``.
public struct FormatRegistry: Sendable {
    /// The handlers, in the order they are tried when sniffing.
    public let handlers: [any FormatHandler]

    /// Creates a registry of the given handlers.
    public init(handlers: [any FormatHandler]) {
        self.handlers = handlers
        var owners: [String: Int] = [:]
        for (index, handler) in handlers.enumerated() {
            for ext in handler.fileExtensions where owners[ext] == nil { owners[ext] = index }
        }
        extensionOwners = owners
    }

    /// The handlers that identify zip packages by content, in order: worked out on first use and
    /// kept. Found through ``FormatHandler/asPackageSniffer``, not by casting each handler (a
    /// cast's first conformance look-up scans every conformance record of the binary).
    private var sniffers: [any PackageSniffing] {
        sniffersOnce.withLock { cached in
            if let cached { return cached }
            let found = handlers.compactMap { $0.asPackageSniffer }
            cached = found
            return found
        }
    }
    private let sniffersOnce = Locked<[any PackageSniffing]?>(nil)
    /// For each extension, the index of the first handler that claims it.
    private let extensionOwners: [String: Int]

    /// Every format this build of DisclosureKit reads.
    public static let standard = FormatRegistry(handlers: builtInHandlers)

    /// The handler for a file, by extension first, then by its first bytes.
    /// - Returns: nil when no handler claims it.
    public func handler(forPath path: String, head: Data) -> (any FormatHandler)? {
        let ext = PathExtension.of(path).lowercased()
        if let index = extensionOwners[ext] {
            return handlers[index]
        }
        return handlers.first(where: { $0.sniff(head: head) })
    }

    /// The handler for a file whose bytes are `data`. A zip package is identified by its content
    /// (``PackageSignature``): the handler that claims it wins whatever the file is called, and a
    /// package no handler claims (a workbook, say) is unsupported, named for what it is; the
    /// claiming handler may take over the archive opened to read the signature
    /// (``PackageSniffing/handler(taking:)``), to open `data` without reading it again. Other
    /// files go by extension, then by their first bytes.
    /// - Throws: ``DisclosureError/unsupportedFormat(path:detail:)`` when no handler claims it.
    public func handler(forPath path: String, data: Data) throws -> any FormatHandler {
        // Zip first: a Markdown or HTML file needs no sniffers.
        if PackageSignature.isZip(data), !sniffers.isEmpty, let signature = PackageSignature.read(data) {
            if let claimed = sniffers.first(where: { $0.claims(signature) }) { return claimed.handler(taking: signature) }
            throw DisclosureError.unsupportedFormat(path: path, detail: "by its content, it is \(signature.kindDescription)")
        }
        if let handler = handler(forPath: path, head: data.prefix(4096)) { return handler }
        let ext = PathExtension.of(path)
        throw DisclosureError.unsupportedFormat(path: path, detail: ext.isEmpty ? "no file extension and unrecognised content" : "extension .\(ext)")
    }

    /// The size from which ``DocumentLoader/readBytes(at:)`` maps the file at `path`: the
    /// handler that claims its extension decides (``FormatHandler/parserCopiesInput``); a file no
    /// handler claims by extension is mapped from ``LargeData/mapThreshold``.
    public func mapThreshold(forPath path: String) -> Int {
        guard let index = extensionOwners[PathExtension.of(path).lowercased()],
              handlers[index].parserCopiesInput else { return LargeData.mapThreshold }
        return LargeData.parsedTextMapThreshold
    }

    /// The formats in words for help texts and messages: ".docx, .md, .html and .txt".
    public var extensionList: String {
        // Joined by hand: the first `joined(separator:)` of a run (this one, for the help texts,
        // in every run's start-up) costs the runtime about 0.5 M instructions of look-ups.
        var out = ""
        for (index, handler) in handlers.enumerated() {
            if index > 0 { out += index == handlers.count - 1 ? " and " : ", " }
            out += "." + handler.primaryExtension
        }
        return out
    }

    /// The formats for people: "Word document (.docx), Markdown (.md), HTML page (.html) or
    /// Plain text (.txt)".
    public var formatNames: String {
        let names = handlers.map { "\($0.displayName) (.\($0.primaryExtension))" }
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// The handler whose ``FormatHandler/id`` is `id`.
    public func handler(id: String) -> (any FormatHandler)? {
        handlers.first(where: { $0.id.rawValue == id })
    }

    /// Every extension some handler claims.
    public var fileExtensions: Set<String> {
        handlers.reduce(into: Set<String>()) { $0.formUnion($1.fileExtensions) }
    }
}
