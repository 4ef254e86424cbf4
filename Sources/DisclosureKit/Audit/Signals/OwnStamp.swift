import Foundation

/// Recognises Disclose's own stamp among metadata entries, so it is never reported as
/// "another" declaration or as a trace: the engine reads our stamp itself. The handler that
/// read the entry knows its own marks (custom property names, the front matter key, a marked
/// element) and says so in ``MetadataEntry/isOwnStamp``; the audit names no format.
enum OwnStamp {
    /// True when `entry` was written by Disclose's stamp.
    static func isOwn(_ entry: MetadataEntry) -> Bool { entry.isOwnStamp }
}
