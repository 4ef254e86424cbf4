import Foundation

/// An opened PresentationML package: the zip archive, checked against the safety limits, with
/// its presentation part located through the package relationships and its slides in order.
final class PPTXPackage {
    /// The zip archive, checked against the safety limits.
    let package: ZipPackage
    /// The file's bytes as read.
    let original: Data
    var path: String { package.path }
    var limits: ReadLimits { package.limits }
    let packageRels: RelationshipsScanner
    let packageRelsData: Data
    /// `ppt/presentation.xml`, or wherever `_rels/.rels` says the presentation is.
    let mainPart: String
    let mainData: Data
    let presentation: PresentationScan
    /// The presentation's relationships part, its bytes and relationships.
    let mainRelsPart: String
    let mainRelsData: Data
    let mainRels: RelationshipsScanner
    /// The slide parts in slide-list order, with the list entry naming each.
    let slides: [(part: String, entry: PresentationScan.SlideEntry)]

    init(input: DocumentInput) throws {
        let path = input.path
        original = input.data
        package = try ZipPackage(input: input, wording: .powerPoint, foldCase: true)
        guard package.has(OOXML.contentTypesPart), package.has(OOXML.packageRelsPart) else {
            throw DisclosureError.unsupportedFormat(path: path, detail: "a zip archive, but not a PowerPoint presentation: it has no [Content_Types].xml or _rels/.rels")
        }
        packageRelsData = try package.read(OOXML.packageRelsPart)
        packageRels = try RelationshipsScanner.scan(packageRelsData, part: OOXML.packageRelsPart, path: path, limits: package.limits, wording: .powerPoint)
        if packageRels.relationships.contains(where: { $0.type == OOXML.strictOfficeDocumentRel && !$0.external }) {
            throw PPTXPackage.strict(path)
        }
        guard let rel = packageRels.relationships.first(where: { $0.type == OOXML.officeDocumentRel && !$0.external }) else {
            throw DisclosureError.unsupportedFormat(path: path, detail: "a zip archive, but not a PowerPoint presentation: no main part is named in _rels/.rels")
        }
        let main = OOXML.resolve(target: rel.target, from: "")
        guard package.has(main) else {
            throw DisclosureError.unreadable(path: path, reason: "the presentation part \(main) named in _rels/.rels is missing",
                                             hint: "The package is damaged; open it in PowerPoint or LibreOffice Impress and save it again.")
        }
        mainPart = main
        mainData = try package.read(main)
        presentation = try PresentationScanner.scan(mainData, part: main, path: path, limits: package.limits)
        if presentation.isStrict { throw PPTXPackage.strict(path) }
        guard presentation.isPresentation else {
            throw DisclosureError.unsupportedFormat(path: path, detail: "its main part \(main) is not a PresentationML presentation")
        }
        mainRelsPart = OOXML.relsPart(of: main)
        mainRelsData = package.has(mainRelsPart) ? try package.read(mainRelsPart) : Data()
        mainRels = package.has(mainRelsPart)
            ? try RelationshipsScanner.scan(mainRelsData, part: mainRelsPart, path: path, limits: package.limits, wording: .powerPoint)
            : RelationshipsScanner()
        var slides: [(String, PresentationScan.SlideEntry)] = []
        for (n, entry) in presentation.slides.enumerated() {
            guard let r = mainRels.relationships.first(where: { $0.id == entry.relID && !$0.external }) else {
                throw PPTXPackage.missingSlide(path, number: n + 1, detail: "its relationship \(entry.relID.isEmpty ? "(none)" : entry.relID) is not in \(mainRelsPart)")
            }
            let part = OOXML.resolve(target: r.target, from: main)
            guard package.has(part) else {
                throw PPTXPackage.missingSlide(path, number: n + 1, detail: "the part \(part) is missing")
            }
            slides.append((part, entry))
        }
        self.slides = slides
    }

    /// The inflated bytes of a part.
    func read(_ part: String) throws -> Data { try package.read(part) }

    /// The relationships of `part`, when it has any.
    func rels(of part: String) throws -> RelationshipsScanner? {
        let relsPart = OOXML.relsPart(of: part)
        guard package.has(relsPart) else { return nil }
        return try RelationshipsScanner.scan(try read(relsPart), part: relsPart, path: path, limits: limits, wording: .powerPoint)
    }

    /// Parts that `part`'s relationships point at, by relationship type.
    func related(_ part: String, rels: RelationshipsScanner?, types: Set<String>) -> [String] {
        (rels?.relationships ?? []).filter { types.contains($0.type) && !$0.external }
            .map { OOXML.resolve(target: $0.target, from: part) }
            .filter { package.has($0) }
    }

    static func strict(_ path: String) -> DisclosureError {
        .unsupportedFormat(path: path, detail: "a Strict Open XML presentation, which Disclose does not edit yet; in PowerPoint, use File › Save As › PowerPoint Presentation (.pptx) and stamp the copy")
    }

    static func missingSlide(_ path: String, number: Int, detail: String) -> DisclosureError {
        .unreadable(path: path, reason: "the slide list names slide \(number), but \(detail)",
                    hint: "The presentation is damaged. Open it in PowerPoint (which offers to repair it) or LibreOffice Impress, save it again, and use the saved copy.")
    }
}
