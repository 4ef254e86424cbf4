import Foundation

/// The text of one page: paragraphs in content order, and the text of its annotations apart.
struct PDFPageText: Equatable, Sendable {
    /// The page's paragraphs, each one string (lines joined by a space), in the order drawn.
    var paragraphs: [String]
    /// The `/Contents` of the page's annotations (comments, notes, free text), pop-ups excluded.
    var annotations: [String]
    /// Glyphs drawn whose text nothing reliable gives (a Type 0 font without `ToUnicode`, a
    /// glyph named only `/g12`, a missing font): skipped rather than guessed.
    var skippedGlyphs: Int

    /// The page's text: its paragraphs separated by blank lines.
    var text: String { paragraphs.joined(separator: "\n\n") }
}

/// Reads the text of a PDF's pages, in the order the content draws it.
///
/// ```swift
/// let extractor = PDFTextExtractor(source: document, path: "report.pdf")
/// for page in try document.pages() {
///     let text = try extractor.text(ofPage: page)
///     print(text.paragraphs.joined(separator: "\n"))
/// }
/// ```
///
/// One extractor keeps the fonts it has read, so use one per document (not across documents).
final class PDFTextExtractor {
    let source: PDFObjectSource
    let path: String
    let limits: PDFTextLimits
    private let fonts = PDFFontCache()
    private var optionalContent: PDFOptionalContent?

    /// - Parameters:
    ///   - source: the document's objects.
    ///   - path: the file's path, named in error messages.
    ///   - limits: the safety limits per page.
    init(source: PDFObjectSource, path: String = "", limits: PDFTextLimits = .standard) {
        self.source = source
        self.path = path
        self.limits = limits
    }

    /// The text of the page `page` (a page object of the page tree).
    /// - Throws: ``DisclosureError/limitExceeded(path:what:limit:)`` for a page past the limits,
    ///   and whatever the source throws for a damaged stream.
    func text(ofPage page: PDFReference) throws -> PDFPageText {
        let run = try interpret(page)
        let paragraphs = PDFTextLayout.paragraphs(run.glyphs)
        run.recycleGlyphs()
        return PDFPageText(paragraphs: paragraphs, annotations: try annotations(ofPage: page), skippedGlyphs: run.skippedGlyphs)
    }

    /// Runs the page's content and returns the interpreter with what it collected.
    func interpret(_ page: PDFReference) throws -> PDFContentInterpreter {
        if optionalContent == nil { optionalContent = try PDFOptionalContent(source: source) }
        let dict = try source.dictionary(.reference(page)) ?? PDFDictionary()
        let path = self.path, source = self.source
        let interpreter = PDFContentInterpreter(source: source, limits: limits, optionalContent: optionalContent!, fonts: fonts) {
            let number = (try? source.pages().firstIndex(of: page)).flatMap { $0 }.map { "page \($0 + 1)" } ?? "page object \(page)"
            return (path, number)
        }
        let resources = try source.dictionary(try PDFTextExtractor.inherited("Resources", of: page, source: source))
        try interpreter.run(page: dict, resources: resources)
        try interpreter.runAnnotations(page: dict)
        return interpreter
    }

    /// The text of the page's annotations: each `/Contents` that is not empty, pop-ups excluded.
    func annotations(ofPage page: PDFReference) throws -> [String] {
        let dict = try source.dictionary(.reference(page))
        var texts: [String] = []
        for item in try source.resolve(dict?["Annots"])?.arrayValue?.prefix(100_000) ?? [] {
            guard let annotation = try source.dictionary(item), try source.resolve(annotation["Subtype"])?.nameValue != "Popup",
                  let text = try source.resolve(annotation["Contents"])?.textValue else { continue }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { texts.append(trimmed) }
        }
        return texts
    }

    /// A page attribute that may be inherited from the page tree (§7.7.3.4): `Resources`,
    /// `MediaBox`, `CropBox`, `Rotate`. Follows `/Parent` at most 64 levels (a loop stops there).
    static func inherited(_ key: String, of page: PDFReference, source: PDFObjectSource) throws -> PDFObject? {
        var node = try source.dictionary(.reference(page))
        var seen: Set<PDFReference> = [page]
        for _ in 0..<64 {
            guard let current = node else { return nil }
            if let value = current[key] { return try source.resolve(value) }
            guard let parent = current["Parent"]?.referenceValue, seen.insert(parent).inserted else { return nil }
            node = try source.dictionary(.reference(parent))
        }
        return nil
    }
}
