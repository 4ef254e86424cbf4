import Foundation

/// A run of markup that is (or may be) our statement: our section (ODT) or slide (ODP), found
/// by its markers (`isMarked`), or a paragraph in our style / a slide of our name without our
/// frame, which is ours only when its text is the statement the metadata records.
struct ODFBlock {
    var range: Range<Int>
    var isMarked: Bool
    /// The block's paragraphs; `isNotes` for speaker notes on our slide.
    var paragraphs: [(text: String, isNotes: Bool)] = []
    /// Where the block is, for people.
    var location: Location
    /// Paragraph and text styles used inside, for the visibility check.
    var styleNames: [String] = []
    /// The block's own visibility problems (a hidden section, a hidden slide style).
    var problems: [String] = []
    /// The drawing page style of our slide.
    var pageStyle: String?

    /// The statement as a reader sees it: the paragraphs (a slide's title and notes left out).
    var statementText: String {
        var lines = paragraphs.filter { !$0.isNotes }.map(\.text)
        if let first = lines.first, first.trimmingCharacters(in: .whitespaces) == ODF.statementName, lines.count > 1 { lines.removeFirst() }
        return lines.joined(separator: "\n")
    }
}

/// A paragraph read from a part, with the stream it belongs to and the block it is in, if any.
struct ODFParagraph {
    var stream: String
    var order: Int
    var paragraph: TextParagraph
    var block: Int?
}

/// Reads `content.xml` (or, for headers and footers, `styles.xml`) in one streaming pass:
/// paragraphs in reading order with their places, our statement by each of its anchors, the
/// insertion points, styles, and hyperlinks.
final class ODFBodyScan: XMLScanHandler {
    enum Mode { case content, styles }

    private let data: Data
    private let part: String
    private let mode: Mode
    private let kind: ODFKind

    private(set) var rootDeclarations: [String: String] = [:]
    private(set) var paragraphs: [ODFParagraph] = []
    private(set) var blocks: [ODFBlock] = []
    /// Just after the `office:text` / `office:presentation` start tag; nil when there is none.
    private(set) var bodyStart: Int?
    private(set) var bodyIsEmpty = false
    /// Where a statement placed first goes (after the body's declarations) and where one placed last goes.
    private(set) var startInsert: Int?
    private(set) var endInsert: Int?
    /// `office:automatic-styles` (content.xml) or `office:styles` (styles.xml): start tag, and the end tag's `<`.
    private(set) var styleContainer: (range: Range<Int>, isEmpty: Bool)?
    private(set) var styleContainerEnd: Int?
    /// Where `office:body` starts (to add an `office:automatic-styles` before it).
    private(set) var officeBodyStart: Int?
    /// Our own styles in this part, by name, with their byte ranges.
    private(set) var ourStyles: [(name: String, range: Range<Int>)] = []
    /// Every named style's visibility properties.
    private(set) var styles: [String: ODFStyleProperties] = [:]
    /// `text:a` / `draw:a` targets with their offsets.
    private(set) var links: [(href: String, offset: Int)] = []
    /// The master page of the first and the last slide (ODP).
    private(set) var firstMasterPage: String?
    private(set) var lastMasterPage: String?

    private var depth = 0
    private var bodyDepth: Int?
    private var bodyContentStarted = false
    private var skipDepth: Int?
    private var officeStylesDepth: Int?

    private struct OpenParagraph { var order: Int; var stream: String; var words: String?; var text = ""; var start: Int; var style: String?; var block: Int? }
    private var open: [OpenParagraph] = []
    /// What text goes to: the index in `open`, or nil where text is not a paragraph's (inside a frame or note before its paragraphs).
    private var targets: [(depth: Int, paragraph: Int?)] = []
    private var counts: [String: Int] = [:]

    private var tableDepth = 0
    private var textBoxDepth = 0
    private var note: (depth: Int, stream: String, words: String)?
    private var noteCounts: [String: Int] = [:]
    private var annotation: (depth: Int, words: String)?
    private var commentCount = 0
    private var headerFooter: (depth: Int, stream: String)?
    private var notesDepth: Int?
    private var slide = 0
    private var pageDepth: Int?
    private var block: (index: Int, depth: Int)?
    private var lastCandidateEnd: Int?
    private var styleInProgress: (name: String, start: Int, depth: Int, isOurs: Bool)?

    init(data: Data, part: String, mode: Mode, kind: ODFKind) {
        self.data = data
        self.part = part
        self.mode = mode
        self.kind = kind
    }

    var wantsText: Bool { skipDepth == nil && (targets.last?.paragraph != nil) }

    func wantsAttributes(_ localName: String) -> Bool {
        switch localName {
        case "p", "h", "span", "section", "page", "frame", "a", "s", "note", "style", "text-properties", "drawing-page-properties": return true
        default: return false
        }
    }

    private var isTextBody: Bool { kind.body == "text" }

    // MARK: Start tags

    func didStart(_ tag: XMLStartTag) throws {
        depth += 1
        if depth == 1 { for d in tag.namespaceDeclarations { rootDeclarations[d.prefix ?? ""] = d.uri } }
        if skipDepth != nil { return }
        let ns = tag.namespace ?? ""
        if ns == ODF.officeNS { officeStart(tag) }
        if ns == ODF.styleNS { styleStart(tag) }
        if let b = bodyDepth, depth == b + 1 { bodyChildStart(tag) }
        switch (ns, tag.localName) {
        case (ODF.textNS, "tracked-changes"):
            skipDepth = depth
        case (ODF.textNS, "p"), (ODF.textNS, "h"):
            paragraphStart(tag)
        case (ODF.textNS, "span"):
            if let style = tag.attribute("style-name"), let b = block { blocks[b.index].styleNames.append(style) }
        case (ODF.textNS, "s"):
            append(String(repeating: " ", count: max(1, min(1000, tag.attribute("c").flatMap { Int($0) } ?? 1))))
        case (ODF.textNS, "tab"):
            append("\t")
        case (ODF.textNS, "line-break"):
            append("\n")
        case (ODF.textNS, "section"):
            if isTextBody, block == nil, tag.attribute("name") == ODF.statementName {
                var b = ODFBlock(range: tag.tagStart..<tag.tagEnd, isMarked: true, location: Location(part: part, paragraph: (counts["body"] ?? 0) + 1))
                if tag.attribute("display") == "none" || tag.attribute("condition") != nil { b.problems.append("the section holding it is hidden") }
                blocks.append(b)
                block = (blocks.count - 1, depth)
            }
        case (ODF.textNS, "note"):
            let stream = tag.attribute("note-class") == "endnote" ? "endnotes" : "footnotes"
            noteCounts[stream, default: 0] += 1
            note = (depth, stream, "in \(stream == "endnotes" ? "endnote" : "footnote") \(noteCounts[stream]!)")
            blockText(tag)
        case (ODF.textNS, "note-citation"), (ODF.svgNS, "title"), (ODF.svgNS, "desc"):
            blockText(tag)
        case (ODF.textNS, "a"), (ODF.drawNS, "a"):
            if let href = tag.attribute("href"), !href.isEmpty, !href.hasPrefix("#") { links.append((href, tag.tagStart)) }
        case (ODF.officeNS, "annotation"):
            commentCount += 1
            annotation = (depth, "in comment \(commentCount)")
            blockText(tag)
        case (ODF.drawNS, "frame"), (ODF.drawNS, "custom-shape"):
            if tag.localName == "frame", tag.attribute("name") == ODF.frameName, let b = block, pageDepth != nil { blocks[b.index].isMarked = true }
            blockText(tag)
        case (ODF.drawNS, "text-box"):
            textBoxDepth += 1
        case (ODF.tableNS, "table"):
            tableDepth += 1
        case (ODF.drawNS, "page"):
            if !isTextBody, mode == .content { pageStart(tag) }
        case (ODF.presentationNS, "notes"):
            if pageDepth != nil { notesDepth = depth }
        case (ODF.styleNS, "header"), (ODF.styleNS, "header-left"), (ODF.styleNS, "header-first"):
            headerFooter = (depth, "headers")
        case (ODF.styleNS, "footer"), (ODF.styleNS, "footer-left"), (ODF.styleNS, "footer-first"):
            headerFooter = (depth, "footers")
        default:
            break
        }
    }

    private func officeStart(_ tag: XMLStartTag) {
        switch tag.localName {
        case "automatic-styles" where mode == .content && depth == 2, "styles" where mode == .styles && depth == 2:
            styleContainer = (tag.tagStart..<tag.tagEnd, tag.isEmpty)
            if tag.localName == "styles" { officeStylesDepth = depth }
        case "body" where depth == 2:
            officeBodyStart = tag.tagStart
        case kind.body where depth == 3 && mode == .content && bodyStart == nil:
            bodyStart = tag.tagEnd
            bodyIsEmpty = tag.isEmpty
            bodyDepth = depth
            startInsert = tag.tagEnd
        default:
            break
        }
    }

    private func styleStart(_ tag: XMLStartTag) {
        switch tag.localName {
        case "style":
            let name = tag.attribute("name") ?? ""
            let ours = (mode == .styles && name == ODF.styleName && officeStylesDepth == depth - 1)
                || (mode == .content && depth == 3 && (name == ODF.slideTitleStyle || name == ODF.slideTextStyle || name == ODF.slideFrameStyle))
            styleInProgress = (name, tag.tagStart, depth, ours)
            if styles[name] == nil { styles[name] = ODFStyleProperties() }
        case "text-properties":
            guard let s = styleInProgress else { return }
            if let c = tag.attribute("color") { styles[s.name]?.color = c }
            if let size = tag.attribute("font-size").flatMap(ODFStyleProperties.points) { styles[s.name]?.fontSizePoints = size }
            if tag.attribute("display") == "none" { styles[s.name]?.hidden = true }
        case "drawing-page-properties":
            guard let s = styleInProgress else { return }
            if tag.attribute("visibility") == "hidden" { styles[s.name]?.slideHidden = true }
        default:
            break
        }
    }

    /// Declarations that come before a text body's content, and content that comes after it.
    private static let leadingDeclarations: Set<String> = [
        "forms", "tracked-changes", "variable-decls", "sequence-decls", "user-field-decls", "dde-connection-decls",
        "alphabetical-index-auto-mark-file", "calculation-settings", "content-validations", "label-ranges",
        "header-decl", "footer-decl", "date-time-decl",
    ]
    private static let epilogue: Set<String> = ["named-expressions", "database-ranges", "data-pilot-tables", "consolidation", "dde-links", "settings"]

    private func bodyChildStart(_ tag: XMLStartTag) {
        if ODFBodyScan.leadingDeclarations.contains(tag.localName) || ODFBodyScan.epilogue.contains(tag.localName) { return }
        bodyContentStarted = true
    }

    private func bodyChildEnd(_ tag: XMLEndTag) {
        let isOurs = block.map { $0.depth == depth && blocks[$0.index].isMarked } ?? false
        if ODFBodyScan.leadingDeclarations.contains(tag.localName) {
            if !bodyContentStarted { startInsert = tag.tagEnd }
        } else if !ODFBodyScan.epilogue.contains(tag.localName), !isOurs {
            endInsert = tag.tagEnd
        }
    }

    private func paragraphStart(_ tag: XMLStartTag) {
        let stream = currentStream
        counts[stream, default: 0] += 1
        let style = tag.attribute("style-name")
        var blockIndex = block?.index
        if let b = block, let style { blocks[b.index].styleNames.append(style) }
        if blockIndex == nil, isTextBody, mode == .content, style == ODF.styleName, stream == "body" {
            // A paragraph in our style outside our section: ours if its text is the recorded statement
            // (an editor that dropped the section). Consecutive ones are one candidate.
            if let last = blocks.indices.last, !blocks[last].isMarked, let end = lastCandidateEnd, onlySpace(end, tag.tagStart) {
                blockIndex = last
            } else {
                blocks.append(ODFBlock(range: tag.tagStart..<tag.tagEnd, isMarked: false, location: Location(part: part, paragraph: counts[stream]!)))
                blockIndex = blocks.count - 1
            }
            blocks[blockIndex!].styleNames.append(ODF.styleName)
        }
        open.append(OpenParagraph(order: counts[stream]!, stream: stream, words: currentWords, start: tag.tagStart, style: style, block: blockIndex))
        targets.append((depth, open.count - 1))
    }

    private func pageStart(_ tag: XMLStartTag) {
        slide += 1
        pageDepth = depth
        let master = tag.attribute("master-page-name")
        if firstMasterPage == nil { firstMasterPage = master }
        lastMasterPage = master
        if tag.attribute("name") == ODF.statementName {
            // A slide is placed by its number; a paragraph count means nothing to a reader of slides.
            var b = ODFBlock(range: tag.tagStart..<tag.tagEnd, isMarked: false, location: Location(part: part, words: "slide \(slide)"))
            b.pageStyle = tag.attribute("style-name")
            blocks.append(b)
            block = (blocks.count - 1, depth)
        }
    }

    private func blockText(_ tag: XMLStartTag) {
        if !tag.isEmpty { targets.append((depth, nil)) }
    }

    private var currentStream: String {
        if let headerFooter { return headerFooter.stream }
        if let note { return note.stream }
        if annotation != nil { return "comments" }
        if notesDepth != nil { return "notes" }
        return "body"
    }

    private var currentWords: String? {
        if let note { return note.words }
        if let annotation { return slide > 0 ? "in comment \(commentCount) on slide \(slide)" : annotation.words }
        if notesDepth != nil { return "notes of slide \(slide)" }
        if pageDepth != nil { return tableDepth > 0 ? "slide \(slide), in a table" : "slide \(slide)" }
        if headerFooter != nil { return nil }
        if tableDepth > 0 { return "in a table" }
        if textBoxDepth > 0 { return "in a text box" }
        return nil
    }

    private func onlySpace(_ from: Int, _ to: Int) -> Bool {
        guard from <= to else { return false }
        return data[(data.startIndex + from)..<(data.startIndex + to)].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }

    // MARK: Text and end tags

    func didRead(text: String) { append(text) }

    private func append(_ s: String) {
        guard skipDepth == nil, let i = targets.last?.paragraph else { return }
        open[i].text += s
    }

    func didEnd(_ tag: XMLEndTag) throws {
        defer { depth -= 1 }
        if let s = skipDepth {
            guard s == depth else { return }
            skipDepth = nil
        }
        if let t = targets.last, t.depth == depth { targets.removeLast() }
        if let b = bodyDepth, depth == b + 1 { bodyChildEnd(tag) }
        if let b = bodyDepth, depth == b {
            bodyDepth = nil
            if endInsert == nil || !bodyContentStarted { endInsert = startInsert }
        }
        if let s = styleInProgress, s.depth == depth {
            if s.isOurs { ourStyles.append((s.name, s.start..<tag.tagEnd)) }
            styleInProgress = nil
        }
        if tag.namespace == ODF.officeNS, depth == 2, let c = styleContainer, styleContainerEnd == nil,
           (mode == .content && tag.localName == "automatic-styles") || (mode == .styles && tag.localName == "styles") {
            officeStylesDepth = nil
            if !c.isEmpty { styleContainerEnd = lastLessThan(before: tag.tagEnd) }
        }
        switch (tag.namespace ?? "", tag.localName) {
        case (ODF.textNS, "p"), (ODF.textNS, "h"):
            paragraphEnd(tag)
        case (ODF.textNS, "section"):
            if let b = block, b.depth == depth, isTextBody {
                blocks[b.index].range = blocks[b.index].range.lowerBound..<tag.tagEnd
                block = nil
            }
        case (ODF.drawNS, "page"):
            if let b = block, b.depth == depth {
                blocks[b.index].range = blocks[b.index].range.lowerBound..<tag.tagEnd
                block = nil
            }
            if pageDepth == depth { pageDepth = nil }
        case (ODF.textNS, "note"):
            if note?.depth == depth { note = nil }
        case (ODF.officeNS, "annotation"):
            if annotation?.depth == depth { annotation = nil }
        case (ODF.drawNS, "text-box"):
            textBoxDepth -= 1
        case (ODF.tableNS, "table"):
            tableDepth -= 1
        case (ODF.presentationNS, "notes"):
            if notesDepth == depth { notesDepth = nil }
        case (ODF.styleNS, _) where headerFooter?.depth == depth:
            headerFooter = nil
        default:
            break
        }
    }

    private func paragraphEnd(_ tag: XMLEndTag) {
        guard let p = open.popLast() else { return }
        if let b = p.block {
            blocks[b].paragraphs.append((p.text, p.stream == "notes"))
            if !blocks[b].isMarked, pageDepth == nil {
                blocks[b].range = blocks[b].range.lowerBound..<tag.tagEnd
                lastCandidateEnd = tag.tagEnd
            }
        }
        if mode == .styles && headerFooter == nil { return }
        paragraphs.append(ODFParagraph(stream: p.stream, order: p.order,
                                       paragraph: TextParagraph(text: p.text, location: Location(part: part, paragraph: p.order, words: p.words)),
                                       block: p.block))
    }

    private func lastLessThan(before end: Int) -> Int {
        var i = data.startIndex + end - 1
        while i > data.startIndex, data[i] != UInt8(ascii: "<") { i -= 1 }
        return i - data.startIndex
    }

    /// Scans a part.
    static func scan(_ data: Data, part: String, mode: Mode, kind: ODFKind, path: String, limits: ReadLimits) throws -> ODFBodyScan {
        let scanner = ODFBodyScan(data: data, part: part, mode: mode, kind: kind)
        do {
            try XMLScanner.scan(data, maxDepth: limits.maxNestingDepth, handler: scanner)
        } catch let error as XMLScanError {
            throw ODFPackage.xmlError(error, part: part, path: path, wording: kind.wording)
        }
        scanner.paragraphs.sort { ($0.stream, $0.order) < ($1.stream, $1.order) }
        return scanner
    }
}
