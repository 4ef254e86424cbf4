import Foundation

/// The only place that maps a file to its ``FormatHandler``.
public struct FormatRegistry: Sendable {
    /// The handlers, in the order they are tried when sniffing.
    public let handlers: [any FormatHandler]

    /// Creates a registry of the given handlers.
    public init(handlers: [any FormatHandler]) {
        self.handlers = handlers
    }

    /// Every format this build of DisclosureKit reads.
    public static let standard = FormatRegistry(handlers: builtInHandlers)

    /// The handler for a file, by extension first, then by its first bytes.
    /// - Returns: nil when no handler claims it.
    public func handler(forPath path: String, head: Data) -> (any FormatHandler)? {
        let ext = (path as NSString).pathExtension.lowercased()
        if let byExt = handlers.first(where: { $0.fileExtensions.contains(ext) }) {
            return byExt
        }
        return handlers.first(where: { $0.sniff(head: head) })
    }

    /// The handler whose ``FormatHandler/id`` is `id`.
    public func handler(id: String) -> (any FormatHandler)? {
        handlers.first(where: { $0.id == id })
    }

    /// Every extension some handler claims.
    public var fileExtensions: Set<String> {
        handlers.reduce(into: Set<String>()) { $0.formUnion($1.fileExtensions) }
    }
}
