import Foundation

/// An opened WordprocessingML package: the zip archive, checked against the safety
/// limits, with its main document part located through the package relationships.
final class DOCXPackage {
    static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    /// The folder the package relationships' targets resolve from: the package root, "".
    /// Where the package's own relationships (`_rels/.rels`) resolve targets from: the package
    /// root. (Written as the empty string: working it out of `_rels/.rels` with Foundation's
    /// `replacingOccurrences` cost every Word stamp and verify about 1 M instructions of first-time look-ups.)
    static let packageRoot = ""

    /// The zip archive, checked against the safety limits.
    let package: ZipPackage
    var path: String { package.path }
    var limits: ReadLimits { package.limits }
    var zip: ZipReader { package.zip }
    var entries: [String: ZipEntryInfo] { package.entries }
    let mainPart: String
    let packageRels: RelationshipsScanner
    let packageRelsData: Data

    /// - Parameter opened: the archive already opened over `input.data` (by the registry's sniff),
    ///   or nil to open it here.
    init(input: DocumentInput, opened: ZipReader? = nil) throws {
        let path = input.path
        let limits = input.limits
        let data = input.data
        if data.starts(with: DOCXPackage.oleMagic) {
            let marker = Data("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            if data.range(of: marker) != nil { throw DisclosureError.encryptedPackage(path: path) }
            throw DisclosureError.unsupportedFormat(path: path, detail: "it is an older Word 97–2003 document (an OLE compound file), not a .docx package; open it in Word and save it as .docx")
        }
        // Part names are compared as case-insensitive ASCII (ECMA-376 Part 2, §9.1.1.1), so two
        // entries differing only in case are one part to Word and two to a plain zip reader.
        package = try ZipPackage(input: input, wording: .word, foldCase: true, opened: opened)
        let zip = package.zip
        let byName = package.entries
        guard byName[OOXML.contentTypesPart] != nil, let relsEntry = byName[OOXML.packageRelsPart] else {
            throw DisclosureError.unsupportedFormat(path: path, detail: "a zip archive, but not a Word document: it has no [Content_Types].xml or _rels/.rels")
        }
        packageRelsData = try DOCXPackage.read(zip, relsEntry, path: path, limits: limits)
        packageRels = try RelationshipsScanner.scan(packageRelsData, part: OOXML.packageRelsPart, path: path, limits: limits)
        if let strict = packageRels.relationships.first(where: { $0.type == OOXML.strictOfficeDocumentRel && !$0.external }) {
            let main = OOXML.resolve(target: strict.target, from: DOCXPackage.packageRoot)
            try DOCXPackage.refuseOtherOfficeKinds(zip, byName, main: main, path: path, limits: limits)
            throw DisclosureError.unsupportedFormat(path: path, detail: "a Strict Open XML document, which Disclose does not edit yet; in Word, use File › Save As › Word Document (.docx) and stamp the copy")
        }
        guard let rel = packageRels.relationships.first(where: { $0.type == OOXML.officeDocumentRel && !$0.external }) else {
            throw DisclosureError.unsupportedFormat(path: path, detail: "a zip archive, but not a Word document: no main document is named in _rels/.rels")
        }
        let main = OOXML.resolve(target: rel.target, from: DOCXPackage.packageRoot)
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
        if ASCIIText.contains(type, "wordprocessingml") || ASCIIText.contains(type, "ms-word") { return nil }
        return "by its content, it is \(PackageSignature(mainContentType: contentType).kindDescription), not a Word document"
    }

    static func describe(_ failure: ZipFailure, path: String) -> DisclosureError {
        ZipPackage.describe(failure, path: path, wording: .word)
    }

    static func read(_ zip: ZipReader, _ entry: ZipEntryInfo, path: String, limits: ReadLimits) throws -> Data {
        do {
            return try zip.read(entry, limit: limits.maxPartBytes)
        } catch let failure as ZipFailure {
            throw describe(failure, path: path)
        }
    }

    /// The inflated bytes of a part.
    func read(_ part: String) throws -> Data { try package.read(part) }

    /// The entries in archive order.
    var orderedEntries: [ZipEntryInfo] { zip.entries }

    /// Parts that the main part's relationships point at, by relationship type suffix.
    func relatedParts(_ rels: RelationshipsScanner, owner: String, typeSuffix: String) -> [String] {
        rels.relationships.filter { $0.type.hasSuffix(typeSuffix) && !$0.external }
            .map { OOXML.resolve(target: $0.target, from: owner) }
            .filter { entries[$0] != nil }
    }
}
