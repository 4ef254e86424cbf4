import Foundation

/// The changes one stamp or unstamp makes to an Office Open XML package, gathered from every
/// piece of code that edits it (the format's statement, the shared custom properties) so each
/// part is spliced once: byte-range edits against the original part, whole new contents, added
/// parts and removed parts. Every other entry is copied raw when the package is rebuilt.
struct OOXMLPartEdits {
    typealias Edit = (range: Range<Int>, replacement: Data)

    /// Splices into original parts, by part name.
    private(set) var edits: [String: [Edit]] = [:]
    /// Parts whose new bytes are given whole (they must not also have splices).
    var whole: [String: Data] = [:]
    /// New parts, in the order they are appended to the archive.
    var added: [(name: String, bytes: Data)] = []
    /// Parts left out of the new archive.
    var removed: Set<String> = []

    /// Adds a splice to `part`.
    mutating func splice(_ part: String, _ edit: Edit) { edits[part, default: []].append(edit) }

    /// Adds splices to `part`.
    mutating func splice(_ part: String, _ list: [Edit]) { edits[part, default: []] += list }

    /// The new bytes of every changed part: `whole` contents, and the splices applied in one pass
    /// to the original bytes `read` gives.
    func replacements(reading read: (String) throws -> Data) throws -> [String: Data] {
        var out = whole
        for (part, list) in edits where !list.isEmpty && out[part] == nil {
            out[part] = XMLBytes.splice(try read(part), list)
        }
        return out
    }

    /// The rebuilt archive: entries in their original order, changed ones rewritten with the
    /// original's compression, the rest copied raw, added parts at the end (compressed like `like`).
    /// A part given as `pieces` with a `reuse` keeps the original's DEFLATE blocks away from its changes.
    func rebuild(_ package: ZipPackage, like: ZipEntryInfo?, pieces: [String: [Data]] = [:], reuse: [String: DeflateReuse] = [:]) throws -> Data {
        let replacing = try replacements(reading: package.read)
        var items: [ZipRebuilder.Item] = []
        for entry in package.orderedEntries where !removed.contains(entry.name) {
            if let list = pieces[entry.name] {
                items.append(.pieces(name: entry.name, pieces: list, like: entry, reuse: reuse[entry.name]))
            } else if let data = replacing[entry.name] {
                items.append(.data(name: entry.name, bytes: data, like: entry))
            } else {
                items.append(.copy(entry))
            }
        }
        for (name, data) in added { items.append(.data(name: name, bytes: data, like: like)) }
        return try package.rebuild(items)
    }
}
