import Foundation

/// Whether the text a page draws can be seen: the check that our statement page is visible.
///
/// It reports text that is white or nearly white (the page is assumed white), fully transparent,
/// invisible (rendering mode 3) or clip-only (mode 7), smaller than ``minimumSize`` points as
/// drawn, outside the page's crop box (or media box), or inside optional content that is off when
/// the document opens. Out of scope: anything drawn over the text (an image, a filled rectangle,
/// an annotation), which needs rendering; a clipping path that hides it; and a background that
/// is not white.
enum PDFVisibility {
    /// Text drawn smaller than this, in points, counts as too small to read.
    static let minimumSize = 8.0

    /// Problems with the visibility of the text on `page`, in plain words; empty when none.
    /// - Parameters:
    ///   - page: the page object.
    ///   - source: the document's objects.
    ///   - markedContentID: only the text in the marked content with this `/MCID`, when given.
    ///   - path: the file's path, for error messages.
    /// - Throws: ``DisclosureError/limitExceeded(path:what:limit:)`` for a page past the limits.
    static func problems(page: PDFReference, source: PDFObjectSource, markedContentID: Int? = nil,
                         path: String = "", limits: PDFTextLimits = .standard) throws -> [String] {
        let extractor = PDFTextExtractor(source: source, path: path, limits: limits)
        let run = try extractor.interpret(page)
        var glyphs = run.glyphs.filter { !$0.isSpace }
        if let id = markedContentID { glyphs = glyphs.filter { $0.mcid == id } }
        guard !glyphs.isEmpty else {
            return [markedContentID.map { "no text is drawn in marked content \($0)" } ?? "the page draws no text"]
        }
        var problems: [String] = []
        func count(_ n: Int) -> String { n == glyphs.count ? "all \(n) characters" : "\(n) of \(glyphs.count) characters" }

        let white = glyphs.filter { $0.color.isNearlyWhite && $0.renderMode != 3 && $0.renderMode != 7 }
        if let first = white.first {
            problems.append("\(count(white.count)) are drawn in \(first.color.words), which cannot be read on a white page")
        }
        let transparent = glyphs.filter { $0.alpha < 0.1 }
        if !transparent.isEmpty { problems.append("\(count(transparent.count)) are drawn fully transparent (alpha under 0.1)") }
        let invisible = glyphs.filter { $0.renderMode == 3 || $0.renderMode == 7 }
        if !invisible.isEmpty { problems.append("\(count(invisible.count)) are drawn invisible (text rendering mode \(invisible[0].renderMode))") }
        let small = glyphs.filter { $0.size < minimumSize }
        if !small.isEmpty {
            let smallest = small.map(\.size).min() ?? 0
            problems.append("\(count(small.count)) are smaller than \(Int(minimumSize)) pt (the smallest is \(String(format: "%.1f", smallest)) pt)")
        }
        if let box = try visibleBox(page, source: source) {
            let outside = glyphs.filter { !box.contains($0.x, $0.y) || !box.contains($0.endX, $0.endY) }
            if !outside.isEmpty { problems.append("\(count(outside.count)) lie outside the page's visible area (its crop box)") }
        }
        let hidden = glyphs.filter { $0.hiddenBy != nil }
        if let name = hidden.first?.hiddenBy {
            problems.append("\(count(hidden.count)) are in optional content \"\(name)\", which is off when the document opens")
        }
        return problems
    }

    struct Box {
        var x0: Double, y0: Double, x1: Double, y1: Double

        init?(_ object: PDFObject?, source: PDFObjectSource) throws {
            guard let items = try source.resolve(object)?.arrayValue, items.count == 4 else { return nil }
            let n = try items.compactMap { try source.resolve($0)?.number }
            guard n.count == 4 else { return nil }
            (x0, y0, x1, y1) = (min(n[0], n[2]), min(n[1], n[3]), max(n[0], n[2]), max(n[1], n[3]))
        }

        init(x0: Double, y0: Double, x1: Double, y1: Double) { (self.x0, self.y0, self.x1, self.y1) = (x0, y0, x1, y1) }

        /// With half a point of tolerance for rounding.
        func contains(_ x: Double, _ y: Double) -> Bool { x >= x0 - 0.5 && x <= x1 + 0.5 && y >= y0 - 0.5 && y <= y1 + 0.5 }

        func intersection(_ other: Box) -> Box {
            Box(x0: max(x0, other.x0), y0: max(y0, other.y0), x1: min(x1, other.x1), y1: min(y1, other.y1))
        }
    }

    /// The crop box clipped to the media box (§14.11.2), or whichever of them the page has.
    static func visibleBox(_ page: PDFReference, source: PDFObjectSource) throws -> Box? {
        let media = try Box(PDFTextExtractor.inherited("MediaBox", of: page, source: source), source: source)
        let crop = try Box(PDFTextExtractor.inherited("CropBox", of: page, source: source), source: source)
        switch (media, crop) {
        case let (m?, c?): return c.intersection(m)
        case let (m?, nil): return m
        case let (nil, c?): return c
        default: return nil
        }
    }
}
