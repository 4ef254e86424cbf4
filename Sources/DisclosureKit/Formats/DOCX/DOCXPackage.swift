import Foundation

/// An opened WordprocessingML package: the zip archive, checked against the safety
/// limits, with its main document part located through the package relationships.
final class DOCXPackage {
    static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    let path: String
    let limits: ReadLimits
    let zip: ZipReader
    let entries: [String: ZipEntryInfo]
    let mainPart: String
    let packageRels: RelationshipsScanner
    let packageRelsData: Data

    init(input: DocumentInput) throws {
        path = input.path
        limits = input.limits
        let data = input.data
        if data.starts(with: DOCXPackage.oleMagic) {
            let marker = Data("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            if data.range(of: marker) != nil { throw DisclosureError.encrypted(path: path) }
            throw DisclosureError.unsupportedFormat(path: path, detail: "it is an older Word 97–2003 document (an OLE compound file), not a .docx package; open it in Word and save it as .docx")
        }
        guard data.starts(with: [0x50, 0x4B]) else {
            throw DisclosureError.unreadable(path: path, reason: "not a zip package (every .docx file is a zip archive)",
                                             hint: "The file may be damaged or not a Word document. Open it in Word or LibreOffice and save it as .docx.")
        }
        do {
            zip = try ZipReader(data: data)
        } catch let failure as ZipFailure {
            throw DOCXPackage.describe(failure, path: path)
        }
        var byName: [String: ZipEntryInfo] = [:]
        var byFoldedName: [String: String] = [:]
        var total = 0
        if zip.entries.count > limits.maxEntries {
            throw DisclosureError.limitExceeded(path: path, what: "the package has \(zip.entries.count) entries", limit: "\(limits.maxEntries) entries")
        }
        for entry in zip.entries {
            // Part names are compared as case-insensitive ASCII (ECMA-376 Part 2, §9.1.1.1), so two
            // entries differing only in case are one part to Word and two to a plain zip reader.
            let folded = String(entry.name.map { $0.isASCII ? Character($0.lowercased()) : $0 })
            if let other = byFoldedName[folded] {
                let what = other == entry.name ? "two entries named \"\(entry.name)\""
                    : "two entries, \"\(other)\" and \"\(entry.name)\", whose names differ only in letter case (one part to Word)"
                throw DisclosureError.unreadable(path: path, reason: "the package has \(what)", hint: DOCXPackage.ambiguousHint)
            }
            byFoldedName[folded] = entry.name
            byName[entry.name] = entry
            if DOCXPackage.climbsOut(entry.name) {
                throw DisclosureError.unreadable(path: path, reason: "the package has an entry named \"\(entry.name)\", which points outside the package",
                                                 hint: "No Word document has such a name: the file is damaged or was built to attack programs that unpack it. Open the original in Word and save a fresh copy.")
            }
            if entry.isEncrypted { throw DisclosureError.encrypted(path: path) }
            total += entry.uncompressedSize
            if entry.uncompressedSize > limits.maxPartBytes {
                throw DisclosureError.limitExceeded(path: path, what: "the part \(entry.name) expands to \(ByteCount.describe(entry.uncompressedSize))", limit: ByteCount.describe(limits.maxPartBytes))
            }
            // The ratio check guards the parts Disclose inflates and parses (XML); other parts
            // (images, embedded objects) are copied raw and only hashed within the size limits,
            // so a highly compressible picture or embedded archive is not mistaken for a bomb.
            if DOCXPackage.isParsed(entry.name), entry.uncompressedSize > 1 << 20,
               entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maxCompressionRatio {
                throw DisclosureError.limitExceeded(
                    path: path,
                    what: "the part \(entry.name) expands from \(ByteCount.describe(entry.compressedSize)) to \(ByteCount.describe(entry.uncompressedSize)), a compression ratio typical of zip bombs",
                    limit: "\(limits.maxCompressionRatio):1")
            }
        }
        if total > limits.maxTotalUncompressedBytes {
            throw DisclosureError.limitExceeded(path: path, what: "the package expands to \(ByteCount.describe(total))", limit: ByteCount.describe(limits.maxTotalUncompressedBytes))
        }
        entries = byName
        guard byName[OOXML.contentTypesPart] != nil, let relsEntry = byName[OOXML.packageRelsPart] else {
            throw DisclosureError.unsupportedFormat(path: path, detail: "a zip archive, but not a Word document: it has no [Content_Types].xml or _rels/.rels")
        }
        packageRelsData = try DOCXPackage.read(zip, relsEntry, path: path, limits: limits)
        packageRels = try RelationshipsScanner.scan(packageRelsData, part: OOXML.packageRelsPart, path: path, limits: limits)
        if let strict = packageRels.relationships.first(where: { $0.type == OOXML.strictOfficeDocumentRel && !$0.external }) {
            let main = OOXML.resolve(target: strict.target, from: OOXML.packageRelsPart.replacingOccurrences(of: "_rels/.rels", with: ""))
            try DOCXPackage.refuseOtherOfficeKinds(zip, byName, main: main, path: path, limits: limits)
            throw DisclosureError.unsupportedFormat(path: path, detail: "a Strict Open XML document, which Disclose does not edit yet; in Word, use File › Save As › Word Document (.docx) and stamp the copy")
        }
        guard let rel = packageRels.relationships.first(where: { $0.type == OOXML.officeDocumentRel && !$0.external }) else {
            throw DisclosureError.unsupportedFormat(path: path, detail: "a zip archive, but not a Word document: no main document is named in _rels/.rels")
        }
        let main = OOXML.resolve(target: rel.target, from: OOXML.packageRelsPart.replacingOccurrences(of: "_rels/.rels", with: ""))
        guard byName[main] != nil else {
            throw DisclosureError.unreadable(path: path, reason: "the main document part \(main) named in _rels/.rels is missing",
                                             hint: "The package is damaged; open it in Word or LibreOffice and save it again.")
        }
        mainPart = main
        try DOCXPackage.refuseOtherOfficeKinds(zip, byName, main: main, path: path, limits: limits)
    }

    /// Identified by content, not by the zip signature: the main part's content type says what
    /// kind of Office document this is, so a presentation or workbook is named as such.
    static func refuseOtherOfficeKinds(_ zip: ZipReader, _ byName: [String: ZipEntryInfo], main: String, path: String, limits: ReadLimits) throws {
        guard let typesEntry = byName[OOXML.contentTypesPart] else { return }
        let types = try RelationshipsScanner.scan(try read(zip, typesEntry, path: path, limits: limits),
                                                  part: OOXML.contentTypesPart, path: path, limits: limits)
        if let type = types.overrides.first(where: { $0.partName.lowercased() == "/" + main.lowercased() })?.contentType,
           let kind = otherOfficeKind(contentType: type) {
            throw DisclosureError.unsupportedFormat(path: path, detail: kind)
        }
    }

    /// What a package whose main part has `contentType` is, when it is not a Word document: nil
    /// for WordprocessingML (documents, templates, macro-enabled ones).
    static func otherOfficeKind(contentType: String) -> String? {
        let type = contentType.lowercased()
        if type.contains("wordprocessingml") || type.contains("ms-word") { return nil }
        if type.contains("presentationml") || type.contains("ms-powerpoint") {
            return "a PowerPoint presentation (its main part is \(contentType)), not a Word document; Disclose does not read presentations yet"
        }
        if type.contains("spreadsheetml") || type.contains("ms-excel") {
            return "an Excel workbook (its main part is \(contentType)), not a Word document; Disclose does not read spreadsheets"
        }
        return "an Office Open XML package whose main part is \(contentType), not a Word document"
    }

    /// What to do with a package whose entries programs read under different names.
    static let ambiguousHint = "Programs read such a package in different ways (one sees one part, another a different one), so Disclose will not stamp or verify it and nothing was written. Open the original in Word or LibreOffice, save it again, and use the saved copy."

    /// True for an entry name that is absolute, has a backslash or drive letter, or has a `..` segment.
    static func climbsOut(_ name: String) -> Bool {
        if name.hasPrefix("/") || name.contains("\\") { return true }
        if name.count >= 2, name.dropFirst().first == ":" { return true }
        return name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// True for the parts Disclose inflates and parses: XML and relationships.
    static func isParsed(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".xml") || lower.hasSuffix(".rels")
    }

    static func describe(_ failure: ZipFailure, path: String) -> DisclosureError {
        switch failure {
        case .notAZip:
            return .unreadable(path: path, reason: "not a readable zip package (every .docx file is a zip archive)",
                               hint: "The file may be truncated or damaged. Try the original copy, or open it in Word and save it again.")
        case .inconsistent(let message):
            return .unreadable(path: path, reason: "the zip archive is damaged or truncated (\(message.lowercased()))",
                               hint: "Try the original copy, or open it in Word and save it again.")
        case .other(let message):
            return .unreadable(path: path, reason: "the zip archive cannot be read (\(message.lowercased()))",
                               hint: "The file may be damaged; open it in Word or LibreOffice and save it again.")
        case .tooLarge(let limit):
            return .limitExceeded(path: path, what: "a part expands to more than its declared size", limit: ByteCount.describe(limit))
        case .ambiguous(let problem):
            return .unreadable(path: path, reason: problem, hint: ambiguousHint)
        case .entryFailed(let name, let reason):
            return .unreadable(path: path, reason: "the part \(name) cannot be read (\(reason.lowercased()))",
                               hint: "The file may be damaged or truncated; open it in Word and save it again.")
        }
    }

    static func read(_ zip: ZipReader, _ entry: ZipEntryInfo, path: String, limits: ReadLimits) throws -> Data {
        do {
            return try zip.read(entry, limit: limits.maxPartBytes)
        } catch let failure as ZipFailure {
            throw describe(failure, path: path)
        }
    }

    /// The inflated bytes of a part.
    func read(_ part: String) throws -> Data {
        guard let entry = entries[part] else {
            throw DisclosureError.unreadable(path: path, reason: "the part \(part) is missing", hint: "The package is damaged; open it in Word and save it again.")
        }
        return try DOCXPackage.read(zip, entry, path: path, limits: limits)
    }

    /// The entries in archive order.
    var orderedEntries: [ZipEntryInfo] { zip.entries }

    /// Parts that the main part's relationships point at, by relationship type suffix.
    func relatedParts(_ rels: RelationshipsScanner, owner: String, typeSuffix: String) -> [String] {
        rels.relationships.filter { $0.type.hasSuffix(typeSuffix) && !$0.external }
            .map { OOXML.resolve(target: $0.target, from: owner) }
            .filter { entries[$0] != nil }
    }
}
