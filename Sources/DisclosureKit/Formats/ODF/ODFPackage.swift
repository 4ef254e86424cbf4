import Foundation

/// What kind of OpenDocument a handler reads: its words for messages and the body element
/// its `content.xml` must have.
struct ODFKind: Sendable {
    /// `text` or `presentation`: the local name of the body element under `office:body`.
    var body: String
    /// The `mimetype` values this kind accepts (document and template).
    var mimetypes: [String]
    var wording: PackageWording

    static let text = ODFKind(body: "text", mimetypes: [ODF.textMimetype, ODF.textTemplateMimetype],
                              wording: PackageWording(documentNoun: "OpenDocument text document", fileExtension: ".odt", programs: "LibreOffice Writer"))
    static let presentation = ODFKind(body: "presentation", mimetypes: [ODF.presentationMimetype, ODF.presentationTemplateMimetype],
                                      wording: PackageWording(documentNoun: "OpenDocument presentation", fileExtension: ".odp", programs: "LibreOffice Impress"))
}

/// An opened OpenDocument package: the zip archive checked against the safety limits, its
/// `mimetype` checked, and encrypted packages refused.
final class ODFPackage {
    let package: ZipPackage
    let kind: ODFKind
    /// The manifest's bytes and what it lists, when the package has one.
    let manifest: (data: Data, scan: ODFManifestScan)?
    var path: String { package.path }
    var limits: ReadLimits { package.limits }

    init(input: DocumentInput, kind: ODFKind) throws {
        self.kind = kind
        // ODF part names are case-sensitive (ODF 1.2 Part 3, §3.2).
        package = try ZipPackage(input: input, wording: kind.wording, foldCase: false)
        let path = input.path
        if package.has(ODF.mimetypePart) {
            let bytes = try package.read(ODF.mimetypePart)
            let mimetype = QuickTrim.whitespacesAndNewlines(String(decoding: bytes.prefix(256), as: UTF8.self))
            if !kind.mimetypes.contains(mimetype) {
                throw DisclosureError.unsupportedFormat(path: path, detail: "it is \(PackageSignature(mimetype: mimetype).kindDescription), not \(ODFPackage.article(kind.wording.documentNoun))")
            }
        }
        if package.has(ODF.manifestPart) {
            let data = try package.read(ODF.manifestPart)
            let scan = try ODFManifestScan.scan(data, part: ODF.manifestPart, path: path, limits: input.limits, wording: kind.wording)
            if scan.hasEncryption { throw DisclosureError.encryptedPackage(path: path) }
            manifest = (data, scan)
        } else {
            manifest = nil
        }
        guard package.has(ODF.contentPart) else {
            throw DisclosureError.unreadable(path: path, reason: "the package has no content.xml, so it holds no document",
                                             hint: "The file is damaged or not \(ODFPackage.article(kind.wording.documentNoun)). Open it in \(kind.wording.programs) and save it again.")
        }
    }

    static func article(_ noun: String) -> String { (noun.first.map { "AEIOU".contains($0) } ?? false ? "an " : "a ") + noun }

    /// The inflated bytes of a part.
    func read(_ part: String) throws -> Data { try package.read(part) }
    func read(_ entry: ZipEntryInfo) throws -> Data { try package.read(entry) }
    func has(_ part: String) -> Bool { package.has(part) }
    var orderedEntries: [ZipEntryInfo] { package.orderedEntries }

    /// An XML scan failure in words, naming the part.
    static func xmlError(_ error: XMLScanError, part: String, path: String, wording: PackageWording) -> DisclosureError {
        if let unavailable = error.libraryUnavailable(path: path) { return unavailable }
        let at = error.line.map { " at line \($0)" + (error.column.map { ", column \($0)" } ?? "") } ?? ""
        var message = error.message
        if message.contains("document type (DTD)") {
            message = "the part declares a document type (DTD), which OpenDocument files never do; it is refused because DTDs can expand entities without limit or read other files"
        }
        return .unreadable(path: path, reason: "\(part) is not usable XML\(at): \(message)",
                           hint: "The document may be damaged or built to attack programs that read it. Open it in \(wording.programs), save it again, then retry.")
    }
}

/// What `META-INF/manifest.xml` says: its entries, whether any is encrypted, and where the
/// root ends (for adding an entry).
final class ODFManifestScan: XMLScanHandler {
    private(set) var paths: [(path: String, range: Range<Int>)] = []
    private(set) var hasEncryption = false
    private(set) var rootDeclarations: [String: String] = [:]
    private var depth = 0

    var wantsText: Bool { false }
    func wantsAttributes(_ localName: String) -> Bool { localName == "file-entry" }
    func didRead(text: String) {}
    func didEnd(_ tag: XMLEndTag) throws { depth -= 1 }

    func didStart(_ tag: XMLStartTag) throws {
        depth += 1
        if depth == 1 { for d in tag.namespaceDeclarations { rootDeclarations[d.prefix ?? ""] = d.uri } }
        guard tag.namespace == ODF.manifestNS else { return }
        if tag.localName == "encryption-data" { hasEncryption = true }
        if tag.localName == "file-entry", let p = tag.attribute("full-path") { paths.append((p, tag.tagStart..<tag.tagEnd)) }
    }

    static func scan(_ data: Data, part: String, path: String, limits: ReadLimits, wording: PackageWording) throws -> ODFManifestScan {
        let scanner = ODFManifestScan()
        do {
            try XMLScanner.scan(data, maxDepth: limits.maxNestingDepth, handler: scanner)
        } catch let error as XMLScanError {
            throw ODFPackage.xmlError(error, part: part, path: path, wording: wording)
        }
        return scanner
    }
}
