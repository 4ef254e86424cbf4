import Foundation

/// What a scan of a WordprocessingML part (the main document, a header, footnotes...) found.
struct StoryScan {
    /// Paragraphs in reading order, our statement excluded.
    var paragraphs: [TextParagraph] = []
    /// Our content controls: byte ranges of the whole `<w:sdt>` elements and their text.
    var ourControls: [(range: Range<Int>, text: String, problems: [String], paragraph: Int)] = []
    /// Paragraphs outside our controls that carry one of our other marks: our paragraph style
    /// (`AIDisclosure`) or a content control with our alias. Another program that saved the file
    /// may have dropped the control's tag (LibreOffice turns our block control into an inline one
    /// and keeps only its alias); such a paragraph is our statement when its text is the
    /// statement recorded in the metadata (``DOCXDocument/statementAnchor()``).
    var markedParagraphs: [(range: Range<Int>, text: String, problems: [String], paragraph: Int)] = []
    /// The prefix bound to the WordprocessingML namespace on the body (nil: default namespace).
    var prefix: String?
    /// Offset just after the `<w:body>` start tag.
    var bodyContentStart: Int?
    /// Offset of the `<w:sectPr>` that is the body's last child, when there is one.
    var finalSectionStart: Int?
    /// Offset just after the `</w:body>` end tag.
    var bodyEnd: Int?
    /// True when the root is in the Strict OOXML namespace.
    var isStrict = false
    /// False when ``paragraphs`` was not kept (or was let go): the paragraphs were hashed into
    /// ``text`` instead, or the part must be scanned again for them.
    var keptParagraphs = true
    /// The paragraphs, in reading order, hashed as one stream of canonical text (when the scan
    /// was asked to hash them instead of keeping them).
    var text: TextBindingHasher?
}

/// Reads the text of a WordprocessingML part in reading order with one streaming pass,
/// finding our content control and the body's insertion points on the way.
final class StoryScanner: XMLScanHandler {
    private let part: String
    private(set) var result = StoryScan()

    private struct Paragraph {
        var number: Int
        var text = ""
        var insideOurs: Bool
        var start = 0
        /// Carries our paragraph style or sits in (or holds) a control with our alias.
        var marked = false
        var problems: [String] = []
        /// Set apart by its paragraph style (a quotation or code).
        var setting: TextSetting? = nil
    }
    private struct Control {
        var start: Int
        var depth: Int
        var isOurs = false
        var hasOurAlias = false
        var text = ""
        var problems: [String] = []
        var firstParagraph = 0
    }

    private var depth = 0
    private var paragraphs: [Paragraph] = []
    private var paragraphCount = 0
    private var controls: [Control] = []
    private var inText = false
    private var fallbackDepth: Int?
    private var sdtPrDepth: Int?
    private var bodyDepth: Int?
    private var lastBodyChildWasSectPr: Int?
    private var textBoxDepths: [Int] = []
    private var lastExtentZero = false
    /// False once a paragraph ended after one with a higher number (a paragraph in a text box ends inside its anchor's).
    private var emittedInOrder = true
    /// Ended paragraphs waiting to be hashed while one that began before them is open (a
    /// paragraph in a text box ends inside its anchor's), so they are hashed in reading order.
    private var waiting: [(number: Int, text: String)] = []
    /// Footnotes, endnotes and comments counted in the order the part holds them (separators
    /// left out), so a paragraph inside one is placed "in footnote 2" for people.
    private var noteCount = 0
    private var note: (words: String, depth: Int)?
    /// The kind of one numbered note per element name.
    private static let noteKinds = ["footnote": "footnote", "endnote": "endnote", "comment": "comment"]

    init(part: String) {
        self.part = part
    }

    var wantsText: Bool { inText && fallbackDepth == nil }

    func wantsAttributes(_ localName: String) -> Bool {
        switch localName {
        case "tag", "alias", "pStyle", "color", "sz", "vanish", "specVanish", "extent", "shd", "highlight", "footnote", "endnote": return true
        default: return false
        }
    }

    private var ourControlIndex: Int? { controls.lastIndex { $0.isOurs } }

    func didStart(_ tag: XMLStartTag) throws {
        depth += 1
        if depth == 1 {
            if tag.namespace == OOXML.strictWordprocessingML { result.isStrict = true }
        }
        let isW = tag.namespace == OOXML.wordprocessingML || tag.namespace == OOXML.strictWordprocessingML
        if tag.localName == "Fallback" && tag.namespace == OOXML.markupCompatibility && fallbackDepth == nil {
            fallbackDepth = depth
        }
        if tag.localName == "extent" && tag.namespace == OOXML.drawingML {
            lastExtentZero = tag.attribute("cx") == "0" || tag.attribute("cy") == "0"
        }
        if let bodyDepth, depth == bodyDepth + 1 {
            lastBodyChildWasSectPr = (isW && tag.localName == "sectPr") ? tag.tagStart : nil
        }
        guard isW else { return }
        switch tag.localName {
        case "body":
            bodyDepth = depth
            result.prefix = tag.prefix
            result.bodyContentStart = tag.tagEnd
        case "p":
            paragraphCount += 1
            let ours = ourControlIndex != nil
            paragraphs.append(Paragraph(number: paragraphCount, insideOurs: ours, start: tag.tagStart,
                                        marked: !ours && controls.contains { $0.hasOurAlias }))
            if let i = ourControlIndex, controls[i].firstParagraph == 0 { controls[i].firstParagraph = paragraphCount }
        case "sdt":
            controls.append(Control(start: tag.tagStart, depth: depth))
        case "sdtPr":
            if sdtPrDepth == nil { sdtPrDepth = depth }
        case "alias":
            if sdtPrDepth != nil, tag.attribute("val") == DOCXStamp.alias, !controls.isEmpty {
                controls[controls.count - 1].hasOurAlias = true
                // An inline control inside a paragraph (as LibreOffice writes ours back) marks that paragraph.
                if let last = paragraphs.indices.last, paragraphs[last].start < controls[controls.count - 1].start, !paragraphs[last].insideOurs {
                    paragraphs[last].marked = true
                }
            }
        case "pStyle":
            if tag.attribute("val") == OOXML.styleID, let last = paragraphs.indices.last, !paragraphs[last].insideOurs {
                paragraphs[last].marked = true
            }
            if let style = tag.attribute("val"), let last = paragraphs.indices.last, let setting = StoryScanner.styleSettings[style] {
                paragraphs[last].setting = setting
            }
        case "tag":
            if sdtPrDepth != nil, tag.attribute("val") == OOXML.statementTag, !controls.isEmpty {
                controls[controls.count - 1].isOurs = true
                if !textBoxDepths.isEmpty && lastExtentZero {
                    controls[controls.count - 1].problems.append("it is inside a zero-size text box")
                }
            }
        case "txbxContent":
            textBoxDepths.append(depth)
        case "footnote" where depth == 2, "endnote" where depth == 2, "comment" where depth == 2:
            // Separators and continuation marks are not notes a reader sees numbered.
            if let type = tag.attribute("type"), type != "normal" { break }
            noteCount += 1
            note = ("in \(Self.noteKinds[tag.localName]!) \(noteCount)", depth)
        case "t":
            inText = !tag.isEmpty
        case "tab", "ptab":
            append("\t")
        case "br", "cr":
            append("\n")
        case "noBreakHyphen":
            append("-")
        default:
            if let i = ourControlIndex, let problem = StoryScanner.visibilityProblem(tag) {
                if !controls[i].problems.contains(problem) { controls[i].problems.append(problem) }
            } else if let last = paragraphs.indices.last, paragraphs[last].marked, let problem = StoryScanner.visibilityProblem(tag) {
                if !paragraphs[last].problems.contains(problem) { paragraphs[last].problems.append(problem) }
            }
        }
    }

    /// What a formatting element does to a reader's view of the text, when it hides it.
    private static func visibilityProblem(_ tag: XMLStartTag) -> String? {
        func on(_ value: String?) -> Bool { value == nil || !["0", "false", "off"].contains(value!.lowercased()) }
        switch tag.localName {
        case "vanish", "specVanish":
            if on(tag.attribute("val")) { return "the text is formatted as hidden" }
        case "color":
            if let value = tag.attribute("val"), StoryScanner.isNearWhite(value) { return "the text colour is white or nearly white (\(value))" }
        case "sz":
            if let value = tag.attribute("val"), let halfPoints = Int(value), halfPoints < 12 {
                return "the font size is \(Double(halfPoints) / 2) pt, under 6 pt"
            }
        default: break
        }
        return nil
    }

    static func isNearWhite(_ hex: String) -> Bool {
        guard hex.count == 6, let v = UInt32(hex, radix: 16) else { return false }
        return (v >> 16) & 0xFF >= 0xF0 && (v >> 8) & 0xFF >= 0xF0 && v & 0xFF >= 0xF0
    }

    private func append(_ s: String) {
        guard fallbackDepth == nil, !paragraphs.isEmpty else { return }
        paragraphs[paragraphs.count - 1].text += s
    }

    func didRead(text: String) {
        append(text)
    }

    func didEnd(_ tag: XMLEndTag) throws {
        defer { depth -= 1 }
        if let f = fallbackDepth, f == depth { fallbackDepth = nil }
        if let s = sdtPrDepth, s == depth { sdtPrDepth = nil }
        if let last = textBoxDepths.last, last == depth { textBoxDepths.removeLast() }
        if let n = note, n.depth == depth { note = nil }
        let isW = tag.namespace == OOXML.wordprocessingML || tag.namespace == OOXML.strictWordprocessingML
        guard isW else { return }
        switch tag.localName {
        case "t":
            inText = false
        case "p":
            guard let p = paragraphs.popLast() else { return }
            if p.insideOurs, let i = ourControlIndex {
                controls[i].text += (controls[i].text.isEmpty ? "" : "\n") + p.text
            } else {
                let words = note?.words ?? (textBoxDepths.isEmpty ? nil : "in a text box")
                if result.text != nil {
                    waiting.append((p.number, p.text))
                    if paragraphs.isEmpty { hashWaiting() }
                } else {
                    if let last = result.paragraphs.last, (last.location.paragraph ?? 0) > p.number { emittedInOrder = false }
                    result.paragraphs.append(TextParagraph(text: p.text, location: Location(part: part, paragraph: p.number, words: words), setting: p.setting))
                }
                if p.marked { result.markedParagraphs.append((p.start..<tag.tagEnd, p.text, p.problems, p.number)) }
            }
        case "sdt":
            guard let c = controls.popLast() else { return }
            if c.isOurs {
                result.ourControls.append((c.start..<tag.tagEnd, c.text, c.problems, c.firstParagraph))
            } else if !controls.isEmpty, !c.text.isEmpty {
                controls[controls.count - 1].text += c.text
            }
        case "body":
            result.bodyEnd = tag.tagEnd
            result.finalSectionStart = lastBodyChildWasSectPr
            bodyDepth = nil
        default: break
        }
    }

    /// Hashes the waiting paragraphs by number: every paragraph that began before them has ended.
    private func hashWaiting() {
        if waiting.count > 1 { waiting.sort { $0.number < $1.number } }
        for w in waiting { result.text!.add(paragraph: w.text) }
        waiting.removeAll(keepingCapacity: true)
    }

    /// Paragraph style ids that set text apart: Word's and LibreOffice's built-in quotation and
    /// preformatted styles (ids as Word and LibreOffice write them in English-language documents).
    static let styleSettings: [String: TextSetting] = [
        "Quote": .quoted, "IntenseQuote": .quoted, "Quotations": .quoted, "Quotation": .quoted, "BlockText": .quoted,
        "HTMLPreformatted": .code, "PreformattedText": .code, "SourceCode": .code, "Code": .code,
    ]

    /// Scans a part. With `hashingAs`, its paragraphs are not kept but hashed, in reading order,
    /// as the canonical text stream of that name (``StoryScan/text``): a large part's text is never held whole.
    static func scan(_ data: Data, part: String, path: String, limits: ReadLimits, hashingAs stream: String? = nil) throws -> StoryScan {
        try scan(part: part, path: path, hashingAs: stream) { scanner in
            try XMLScanner.scan(data, maxDepth: limits.maxNestingDepth, handler: scanner)
        }
    }

    /// Scans a part as ``scan(_:part:path:limits:hashingAs:)`` does, from its bytes as they
    /// arrive in pieces (a zip entry as it is inflated: ``XMLScanner/scan(maxDepth:handler:pieces:)``),
    /// so the part is never held whole. Offsets are the same.
    static func scan(part: String, path: String, limits: ReadLimits, hashingAs stream: String? = nil,
                     pieces: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws -> StoryScan {
        try withoutActuallyEscaping(pieces) { pieces in
            try scan(part: part, path: path, hashingAs: stream) { scanner in
                try XMLScanner.scan(maxDepth: limits.maxNestingDepth, handler: scanner, pieces: pieces)
            }
        }
    }

    private static func scan(part: String, path: String, hashingAs stream: String?, run: (StoryScanner) throws -> Void) throws -> StoryScan {
        let scanner = StoryScanner(part: part)
        if let stream {
            var hasher = TextBindingHasher()
            hasher.begin(stream: stream)
            scanner.result.text = hasher
            scanner.result.keptParagraphs = false
        }
        do {
            try run(scanner)
        } catch let error as XMLScanError {
            throw DOCXErrors.xml(error, part: part, path: path)
        }
        // Sorted in place, by number (unique), only when needed: one array of paragraphs, not two.
        if !scanner.waiting.isEmpty { scanner.hashWaiting() }
        if !scanner.emittedInOrder { scanner.result.paragraphs.sort { ($0.location.paragraph ?? 0) < ($1.location.paragraph ?? 0) } }
        return scanner.result
    }
}

enum DOCXErrors {
    static func xml(_ error: XMLScanError, part: String, path: String) -> DisclosureError {
        if let unavailable = error.libraryUnavailable(path: path) { return unavailable }
        let at = error.line.map { " at line \($0)" + (error.column.map { ", column \($0)" } ?? "") } ?? ""
        return .unreadable(path: path, reason: "\(part) is not usable XML\(at): \(error.message)",
                           hint: "The document may be damaged. Open it in Word or LibreOffice and save it again, then retry.")
    }
}
