import Foundation

/// What our statement page records about the stamp, in its page-piece dictionary (ISO 32000-1
/// §14.5): `/PieceInfo << /Disclose << /LastModified (D:…) /Private << … >> >> >>`. It marks the
/// page as ours and says how to undo the stamp and where the original bytes end.
struct PDFStampRecord: Equatable, Sendable {
    /// The page-piece key: our application's name.
    static let pieceKey = "Disclose"
    static let version = 1

    /// The length of the file our update was appended to.
    var originalLength: Int
    /// SHA-256 (lower-case hex) of those bytes.
    var originalSHA256: String
    /// The objects our update created (page, content, font, structure elements, a new XMP stream).
    var objects: [PDFReference]
    /// Our structure elements (tagged documents).
    var structureElements: [PDFReference]
    /// True when the document had no XMP packet and ours is new.
    var createdMetadata: Bool
    /// `D:` date of the stamp, from the disclosure's date.
    var lastModified: String
    /// True when the bytes before our update still hold an earlier stamp of ours, which this
    /// update removed (a restamp after another program's update): truncating to them would bring
    /// the earlier stamp back, so unstamping also removes it.
    var replacesEarlierStamp: Bool

    /// The `/PieceInfo` value for our page.
    var pieceInfo: PDFObject {
        let privateData = PDFDictionary([
            ("Statement", .bool(true)), ("Version", .integer(PDFStampRecord.version)),
            ("OriginalLength", .integer(originalLength)), ("OriginalSHA256", .string(Data(originalSHA256.utf8))),
            ("Objects", .array(objects.map { .reference($0) })), ("Structure", .array(structureElements.map { .reference($0) })),
            ("CreatedMetadata", .bool(createdMetadata)), ("ReplacesEarlierStamp", .bool(replacesEarlierStamp)),
        ])
        let data = PDFDictionary([("LastModified", .string(Data(lastModified.utf8))), ("Private", .dictionary(privateData))])
        return .dictionary(PDFDictionary([(PDFStampRecord.pieceKey, .dictionary(data))]))
    }

    /// The record on `page`, or nil when the page is not ours.
    init?(page: PDFDictionary) {
        guard let piece = page["PieceInfo"]?.dictionaryValue?[PDFStampRecord.pieceKey]?.dictionaryValue,
              let p = piece["Private"]?.dictionaryValue, p["Statement"]?.boolValue == true else { return nil }
        originalLength = p["OriginalLength"]?.integerValue ?? -1
        originalSHA256 = p["OriginalSHA256"]?.stringBytes.map { String(decoding: $0, as: UTF8.self) } ?? ""
        objects = p["Objects"]?.arrayValue?.compactMap(\.referenceValue) ?? []
        structureElements = p["Structure"]?.arrayValue?.compactMap(\.referenceValue) ?? []
        createdMetadata = p["CreatedMetadata"]?.boolValue ?? false
        replacesEarlierStamp = p["ReplacesEarlierStamp"]?.boolValue ?? false
        lastModified = piece["LastModified"]?.stringBytes.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    init(originalLength: Int, originalSHA256: String, objects: [PDFReference], structureElements: [PDFReference],
         createdMetadata: Bool, lastModified: String, replacesEarlierStamp: Bool = false) {
        self.originalLength = originalLength
        self.originalSHA256 = originalSHA256
        self.objects = objects
        self.structureElements = structureElements
        self.createdMetadata = createdMetadata
        self.lastModified = lastModified
        self.replacesEarlierStamp = replacesEarlierStamp
    }

    /// A PDF date (§7.9.4) from an ISO 8601 date or timestamp (`2026-11-25`, `2026-11-25T10:30:00Z`);
    /// the digits it has, in UTC when no offset is given. Never the clock: the same disclosure
    /// always gives the same bytes.
    static func pdfDate(_ iso: String) -> String {
        let digits = iso.unicodeScalars.prefix(19).filter { ("0"..."9").contains($0) }
        var s = String(String.UnicodeScalarView(digits))
        if s.count < 4 { s = "1970" }
        s = String(s.prefix(14))
        return "D:" + s + (s.count == 14 ? "Z" : "")
    }
}
