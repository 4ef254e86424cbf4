import Foundation

/// What a zip package says it is, read from its content rather than its name or zip signature:
/// the main part's content type from an Office Open XML package's `[Content_Types].xml`, or the
/// `mimetype` entry of an OpenDocument package. ``FormatRegistry`` reads it once per file and
/// asks the handlers that adopt ``PackageSniffing``.
public struct PackageSignature: Equatable, Sendable {
    /// The content type of the OOXML main part (the override whose type ends in `.main+xml`),
    /// e.g. `application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml`.
    public var mainContentType: String?
    /// The text of an ODF package's `mimetype` entry, e.g. `application/vnd.oasis.opendocument.text`.
    public var mimetype: String?
    /// The archive as ``read(_:)`` opened it, for the handler that claims the package (nil for a
    /// signature made by hand). Not part of the signature's value: two signatures are equal when
    /// they say the same of their packages.
    var opened: SniffedPackage?

    /// Creates a signature.
    public init(mainContentType: String? = nil, mimetype: String? = nil) {
        self.mainContentType = mainContentType
        self.mimetype = mimetype
    }

    public static func == (a: PackageSignature, b: PackageSignature) -> Bool {
        a.mainContentType == b.mainContentType && a.mimetype == b.mimetype
    }

    /// True when the file starts as a zip archive does.
    static func isZip(_ head: Data) -> Bool { head.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// Reads the signature of `data`; nil when it is not a readable zip or says nothing of its type.
    /// Reads at most the two small entries it needs, each under 1 MiB. The opened archive goes
    /// with the signature (``opened``), remembering those entries' bytes, for the handler that
    /// claims the package.
    public static func read(_ data: Data) -> PackageSignature? {
        guard isZip(data), let zip = try? ZipReader(data: data) else { return nil }
        var signature = PackageSignature()
        let limit = 1 << 20
        if let entry = zip.entries.first(where: { $0.name == "mimetype" }), entry.uncompressedSize < 256,
           let bytes = try? zip.read(entry, limit: 256) {
            zip.remember(entry, bytes)
            let text = QuickTrim.whitespacesAndNewlines(String(decoding: bytes, as: UTF8.self))
            if !text.isEmpty { signature.mimetype = text }
        }
        if let entry = zip.entries.first(where: { isContentTypesName($0.name) }), entry.uncompressedSize < limit,
           let bytes = try? zip.read(entry, limit: limit) {
            zip.remember(entry, bytes)
            signature.mainContentType = mainContentType(inContentTypes: bytes)
        }
        guard signature.mainContentType != nil || signature.mimetype != nil else { return nil }
        signature.opened = SniffedPackage(bytes: data, archive: zip)
        return signature
    }

    /// True for `[Content_Types].xml` in any letter case, without making a lower-case copy of
    /// every entry's name.
    static func isContentTypesName(_ name: String) -> Bool {
        let wanted = "[content_types].xml".utf8
        var utf8 = name.utf8.makeIterator()
        for w in wanted {
            guard let c = utf8.next(), c | (c >= 0x41 && c <= 0x5A ? 0x20 : 0) == w else { return false }
        }
        return utf8.next() == nil
    }

    /// The first `ContentType` attribute value ending in `.main+xml` (every OOXML main part's
    /// type does: documents, templates, macro-enabled files, shows, workbooks).
    static func mainContentType(inContentTypes bytes: Data) -> String? {
        let needle = Array("ContentType=".utf8)
        let b = [UInt8](bytes)
        var i = 0
        while i + needle.count < b.count {
            guard b[i] == needle[0], b[i..<(i + needle.count)].elementsEqual(needle) else { i += 1; continue }
            var j = i + needle.count
            guard j < b.count, b[j] == 0x22 || b[j] == 0x27 else { i += 1; continue }
            let quote = b[j]
            j += 1
            let start = j
            while j < b.count, b[j] != quote { j += 1 }
            let value = String(decoding: b[start..<j], as: UTF8.self)
            if ASCIIText.lowercasedHasSuffix(value, ".main+xml") { return value }
            i = j
        }
        return nil
    }

    /// What the package is, in words, for a message saying Disclose does not read it: "an Excel
    /// workbook"; a kind without a name people know also gives its type, "an Office Open XML
    /// package (its main part is application/…)".
    public var kindDescription: String {
        if let type = mainContentType {
            let lower = type.lowercased()
            if lower.contains("spreadsheetml") || lower.contains("ms-excel") { return "an Excel workbook" }
            if lower.contains("presentationml") || lower.contains("ms-powerpoint") { return "a PowerPoint presentation" }
            if lower.contains("wordprocessingml") || lower.contains("ms-word") { return "a Word document" }
            return "an Office Open XML package (its main part is \(type))"
        }
        if let mimetype {
            let names = ["text": "an OpenDocument text document", "presentation": "an OpenDocument presentation",
                         "spreadsheet": "an OpenDocument spreadsheet", "graphics": "an OpenDocument drawing",
                         "chart": "an OpenDocument chart", "formula": "an OpenDocument formula", "database": "an OpenDocument database"]
            let prefix = "application/vnd.oasis.opendocument."
            if mimetype.hasPrefix(prefix) {
                let rest = String(mimetype.dropFirst(prefix.count))
                let base = rest.components(separatedBy: "-").first ?? rest
                if let name = names[base] { return name }
                return "an OpenDocument package (its mimetype is \(mimetype))"
            }
            return "a zip package of type \(mimetype)"
        }
        return "a zip package"
    }
}
