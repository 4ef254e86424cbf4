import Foundation

/// Recognises Disclose's own stamp among metadata entries, so it is never reported as
/// "another" declaration or as a trace: the engine reads our stamp itself. Uses the marks
/// the handlers write (custom property names, the front matter key, the `data-disclose` attribute).
enum OwnStamp {
    private static let htmlMark = Array((HTMLMarkup.attribute + "=").utf8)
    private static let propertyNames = OOXML.ourPropertyNames

    /// True when `entry` was written by Disclose's stamp.
    static func isOwn(_ entry: MetadataEntry, in context: ScanContext) -> Bool {
        if propertyNames.contains(entry.key) { return true }
        if entry.key == MarkdownMarkers.frontMatterKey && entry.value.trimmingCharacters(in: .whitespaces).isEmpty { return true }
        if entry.location.part == nil, let offset = entry.location.byteOffset, context.rawByte(offset) == 0x3C {
            // The start tag at the entry's offset carries our attribute.
            return context.withRaw { raw -> Bool in
                var end = offset
                while end < raw.count, end - offset < 4096, raw[end] != 0x3E { end += 1 }
                return ByteSearch.contains(htmlMark, in: UnsafeRawBufferPointer(rebasing: raw[offset..<end]))
            }
        }
        return false
    }
}
