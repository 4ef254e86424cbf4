import Foundation

/// `(path as NSString).pathExtension` without its cost (22,000 to 66,000 instructions a call in
/// an audit's profile: a bridge to `NSString`, path components and a copy back). The usual
/// case is answered from the bytes: a last path component with a dot after its first byte,
/// followed by one or more ASCII letters and digits (`report.docx`, `notes.MD`), has those
/// letters as its extension, as Foundation says too. Anything else (a trailing slash, a name
/// ending in a dot, a hidden file such as `.md`, other characters after the dot) is answered by
/// Foundation, as before, so its rules stay Foundation's.
enum PathExtension {
    /// The extension of `path`'s last component, without the dot; "" when it has none.
    static func of(_ path: String) -> String {
        var path = path
        let start = path.withUTF8 { bytes -> Int? in
            guard let last = bytes.last, last != UInt8(ascii: "/"), last != UInt8(ascii: ".") else { return nil }
            var i = bytes.count - 1
            while i > 0 {
                let byte = bytes[i]
                if byte == UInt8(ascii: ".") {
                    // The dot must follow another byte of the same component.
                    guard bytes[i - 1] != UInt8(ascii: "/") else { return nil }
                    return i + 1
                }
                let isAlphanumeric = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                guard isAlphanumeric else { return nil }
                i -= 1
            }
            return nil
        }
        if let start { return String(path[path.utf8.index(path.utf8.startIndex, offsetBy: start)...]) }
        return (path as NSString).pathExtension
    }
}
