import Foundation

/// Runs a page's content streams (ISO 32000-1 §8–9) and collects the glyphs it draws. It reads
/// text, text state, the graphics state, colours, marked content and form XObjects; it does not
/// paint, so it cannot tell whether something drawn later covers the text (out of scope: the
/// visibility check says so). Unknown operators are ignored, as the standard asks (§7.8.2).
final class PDFContentInterpreter {
    private let source: PDFObjectSource
    private let limits: PDFTextLimits
    private let optionalContent: PDFOptionalContent
    /// What a limit message names: the file and page.
    private let place: () -> (path: String, page: String)
    private let fonts: PDFFontCache

    private(set) var glyphs: [PDFDrawnGlyph] = []
    /// Glyphs drawn whose text nothing reliable gives (no `ToUnicode`, an unnamed glyph, no font).
    private(set) var skippedGlyphs = 0
    /// Form XObjects not drawn because they would draw themselves (a loop).
    private(set) var skippedLoops = 0
    private var operators = 0
    private var contentBytes = 0

    private struct State {
        var ctm = PDFMatrix.identity
        var font: PDFFont?
        var fontSize = 0.0
        var charSpacing = 0.0, wordSpacing = 0.0, horizontalScale = 1.0, leading = 0.0, rise = 0.0
        var renderMode = 0
        var fillSpace = PDFColorSpaceKind.gray, strokeSpace = PDFColorSpaceKind.gray
        var fill = PDFColor.black, stroke = PDFColor.black
        var fillAlpha = 1.0, strokeAlpha = 1.0
    }

    private var state = State()
    private var saved: [State] = []
    private var ignoredSaves = 0
    private var textMatrix = PDFMatrix.identity, lineMatrix = PDFMatrix.identity
    /// Marked content: per level, the group hiding it (if any) and its MCID.
    private var marked: [(hiddenBy: String?, mcid: Int?)] = []
    private var formsDrawing: Set<PDFReference> = []
    /// Decoded form XObjects, kept for forms drawn many times.
    private var formData: [PDFReference: [UInt8]] = [:]

    init(source: PDFObjectSource, limits: PDFTextLimits, optionalContent: PDFOptionalContent, fonts: PDFFontCache = PDFFontCache(),
         place: @escaping () -> (path: String, page: String)) {
        self.source = source
        self.fonts = fonts
        self.limits = limits
        self.optionalContent = optionalContent
        self.place = place
        swap(&glyphs, &fonts.spareGlyphs)
    }

    /// Hands the glyph list's storage back for the next page (``glyphs`` is empty afterwards).
    func recycleGlyphs() {
        glyphs.removeAll(keepingCapacity: true)
        if glyphs.capacity > fonts.spareGlyphs.capacity { swap(&glyphs, &fonts.spareGlyphs) }
    }

    // MARK: Running

    /// Runs `bytes` as a content stream with `resources`, starting from the current state.
    func run(_ bytes: [UInt8], resources: PDFDictionary?, depth: Int = 0) throws {
        contentBytes += bytes.count
        guard contentBytes <= limits.maxContentBytes else {
            throw limit("content streams larger than \(limits.maxContentBytes) bytes when decoded", "\(limits.maxContentBytes) bytes")
        }
        let markedDepth = marked.count
        var lexer = PDFLexer(bytes: bytes)
        var operands: [PDFObject] = []
        while true {
            let token: PDFToken?
            do { token = try lexer.next() } catch {
                // A syntax error: skip a byte and read on, as viewers do.
                lexer.seek(lexer.position + 1)
                operands.removeAll(keepingCapacity: true)
                continue
            }
            guard let token else { break }
            switch token {
            case .keyword(let op):
                switch op {
                case "true": operands.append(.bool(true))
                case "false": operands.append(.bool(false))
                case "null": operands.append(.null)
                default:
                    operators += 1
                    if operators > limits.maxOperators {
                        throw limit("more than \(limits.maxOperators) content stream operators", "\(limits.maxOperators) operators")
                    }
                    if op == "BI" { lexer.skipInlineImage() } else { try execute(op, operands, resources: resources, depth: depth) }
                    operands.removeAll(keepingCapacity: true)
                }
            case .arrayOpen: operands.append(.array(lexer.contentArray(depth: 0)))
            case .dictionaryOpen: operands.append(.dictionary(lexer.contentDictionary(depth: 0)))
            case .integer(let v): operands.append(.integer(v))
            case .real(let v): operands.append(.real(v))
            case .name(let v): operands.append(.name(v))
            case .string(let v): operands.append(.string(v))
            case .arrayClose, .dictionaryClose: break
            }
            if operands.count > 4096 { operands.removeAll(keepingCapacity: true) }
        }
        // A stream leaves marked content and saved states balanced for the next (§7.8.2, §8.4.2).
        if marked.count > markedDepth { marked.removeLast(marked.count - markedDepth) }
    }

    /// Runs a page: its `/Contents` (one stream or an array) with its inherited `/Resources`.
    func run(page: PDFDictionary, resources: PDFDictionary?) throws {
        var refs: [PDFReference] = []
        if let ref = page["Contents"]?.referenceValue, try source.isStream(ref) {
            refs = [ref]
        } else if let items = try source.resolve(page["Contents"])?.arrayValue {
            refs = items.prefix(100_000).compactMap(\.referenceValue)
        }
        var bytes: [UInt8] = []
        for ref in refs where try source.isStream(ref) {
            let data = try source.streamData(ref)
            guard bytes.count + data.count <= limits.maxContentBytes else {
                throw limit("content streams larger than \(limits.maxContentBytes) bytes when decoded", "\(limits.maxContentBytes) bytes")
            }
            bytes.append(contentsOf: data)
            bytes.append(0x0A)
        }
        try run(bytes, resources: resources)
    }

    private func limit(_ what: String, _ limit: String) -> DisclosureError {
        let (path, page) = place()
        return .limitExceeded(path: path, what: "\(page) has \(what)", limit: limit)
    }

    // MARK: Operators

    private func numbers(_ operands: [PDFObject]) -> [Double] { operands.compactMap(\.number).filter(\.isFinite) }

    private func execute(_ op: String, _ operands: [PDFObject], resources: PDFDictionary?, depth: Int) throws {
        switch op {
        // Text objects and positioning (§9.4)
        case "BT": textMatrix = .identity; lineMatrix = .identity
        case "ET": break
        case "Td", "TD":
            let n = numbers(operands)
            guard n.count == 2 else { return }
            if op == "TD" { state.leading = -n[1] }
            moveLine(n[0], n[1])
        case "Tm":
            guard let m = PDFMatrix(operands) else { return }
            textMatrix = m; lineMatrix = m
        case "T*": moveLine(0, -state.leading)
        // Text state (§9.3)
        case "Tc": if let v = numbers(operands).last { state.charSpacing = v }
        case "Tw": if let v = numbers(operands).last { state.wordSpacing = v }
        case "Tz": if let v = numbers(operands).last { state.horizontalScale = v / 100 }
        case "TL": if let v = numbers(operands).last { state.leading = v }
        case "Ts": if let v = numbers(operands).last { state.rise = v }
        case "Tr": if let v = operands.last?.integerValue { state.renderMode = v }
        case "Tf":
            guard operands.count >= 2, let name = operands[operands.count - 2].nameValue, let size = operands.last?.number, size.isFinite else { return }
            state.fontSize = size
            state.font = try font(named: name, resources: resources)
        // Text showing (§9.4.3)
        case "Tj": if let s = operands.last?.stringBytes { try show(s) }
        case "'":
            moveLine(0, -state.leading)
            if let s = operands.last?.stringBytes { try show(s) }
        case "\"":
            let n = numbers(Array(operands.prefix(2)))
            if n.count == 2 { state.wordSpacing = n[0]; state.charSpacing = n[1] }
            moveLine(0, -state.leading)
            if let s = operands.last?.stringBytes { try show(s) }
        case "TJ":
            for item in operands.last?.arrayValue ?? [] {
                if let s = item.stringBytes { try show(s) } else if let n = item.number, n.isFinite {
                    let shift = -n / 1000 * state.fontSize
                    if state.font?.vertical == true { textMatrix = PDFMatrix.translation(0, shift).then(textMatrix) } else {
                        textMatrix = PDFMatrix.translation(shift * state.horizontalScale, 0).then(textMatrix)
                    }
                }
            }
        // Graphics state (§8.4.4)
        case "q":
            if saved.count < limits.maxGraphicsStateDepth { saved.append(state) } else { ignoredSaves += 1 }
        case "Q":
            if ignoredSaves > 0 { ignoredSaves -= 1 } else if let last = saved.popLast() { state = last }
        case "cm":
            if let m = PDFMatrix(operands) { state.ctm = m.then(state.ctm) }
        case "gs":
            guard let name = operands.last?.nameValue,
                  let gs = try source.dictionary(try source.dictionary(resources?["ExtGState"])?[name]) else { return }
            if let ca = try source.resolve(gs["ca"])?.number { state.fillAlpha = ca }
            if let ca = try source.resolve(gs["CA"])?.number { state.strokeAlpha = ca }
            if let f = try source.resolve(gs["Font"])?.arrayValue, f.count == 2, let size = f[1].number,
               let ref = f[0].referenceValue, let dict = try source.dictionary(f[0]) {
                state.fontSize = size
                state.font = try font(ref: ref, dict: dict)
            }
        // Colour (§8.6.8)
        case "g": if let v = numbers(operands).last { state.fillSpace = .gray; state.fill = .gray(v) }
        case "G": if let v = numbers(operands).last { state.strokeSpace = .gray; state.stroke = .gray(v) }
        case "rg": let n = numbers(operands); if n.count == 3 { state.fillSpace = .rgb; state.fill = .rgb(n[0], n[1], n[2]) }
        case "RG": let n = numbers(operands); if n.count == 3 { state.strokeSpace = .rgb; state.stroke = .rgb(n[0], n[1], n[2]) }
        case "k": let n = numbers(operands); if n.count == 4 { state.fillSpace = .cmyk; state.fill = .cmyk(n[0], n[1], n[2], n[3]) }
        case "K": let n = numbers(operands); if n.count == 4 { state.strokeSpace = .cmyk; state.stroke = .cmyk(n[0], n[1], n[2], n[3]) }
        case "cs":
            if let name = operands.last?.nameValue { state.fillSpace = try colorSpace(name, resources: resources); state.fill = state.fillSpace.initialColor }
        case "CS":
            if let name = operands.last?.nameValue { state.strokeSpace = try colorSpace(name, resources: resources); state.stroke = state.strokeSpace.initialColor }
        case "sc", "scn": state.fill = operands.last?.nameValue != nil ? .unknown : state.fillSpace.color(numbers(operands))
        case "SC", "SCN": state.stroke = operands.last?.nameValue != nil ? .unknown : state.strokeSpace.color(numbers(operands))
        // Marked content (§14.6), optional content (§8.11.3)
        case "BMC": marked.append((nil, nil))
        case "BDC":
            var hidden: String?, mcid: Int?
            var properties = operands.last?.dictionaryValue
            if let name = operands.last?.nameValue {
                let ref = try source.dictionary(resources?["Properties"])?[name]
                if operands.first?.nameValue == "OC" { hidden = try optionalContent.hiddenBy(ref) } else { properties = try source.dictionary(ref) }
            }
            mcid = properties?["MCID"]?.integerValue
            marked.append((hidden, mcid))
        case "EMC": if !marked.isEmpty { marked.removeLast() }
        // XObjects (§8.8, §8.10)
        case "Do":
            if let name = operands.last?.nameValue { try drawXObject(name, resources: resources, depth: depth) }
        default: break
        }
    }

    private func moveLine(_ x: Double, _ y: Double) {
        lineMatrix = PDFMatrix.translation(x, y).then(lineMatrix)
        textMatrix = lineMatrix
    }

    private func show(_ string: Data) throws {
        let fontSize = state.fontSize, scale = state.horizontalScale
        guard let font = state.font else {
            skippedGlyphs += string.count
            return
        }
        let hiddenBy = marked.last(where: { $0.hiddenBy != nil })?.hiddenBy
        let mcid = marked.last(where: { $0.mcid != nil })?.mcid
        let color = state.renderMode == 1 || state.renderMode == 5 ? state.stroke : state.fill
        let alpha = state.renderMode == 1 || state.renderMode == 5 ? state.strokeAlpha : state.fillAlpha
        let base = PDFMatrix(a: fontSize * scale, d: fontSize, f: state.rise)
        let firstOfString = glyphs.count
        try font.forEachGlyph([UInt8](string)) { glyph in
            let trm = base.then(textMatrix).then(state.ctm)
            if glyph.text == nil, glyphs.count > firstOfString {
                // A glyph without text inside a string: the glyph before it spans it, so its
                // advance does not read as a gap between words.
                let end = font.vertical ? trm.apply(0, -glyph.width) : trm.apply(glyph.width, 0)
                glyphs[glyphs.count - 1].endX = end.x
                glyphs[glyphs.count - 1].endY = end.y
            }
            if let text = glyph.text {
                guard glyphs.count < limits.maxGlyphs else { throw limit("more than \(limits.maxGlyphs) glyphs", "\(limits.maxGlyphs) glyphs") }
                let end = font.vertical ? trm.apply(0, -glyph.width) : trm.apply(glyph.width, 0)
                let size = (trm.c * trm.c + trm.d * trm.d).squareRoot()
                glyphs.append(PDFDrawnGlyph(text: text, x: trm.e, y: trm.f, endX: end.x, endY: end.y, size: size,
                                            renderMode: state.renderMode, color: color, alpha: alpha, hiddenBy: hiddenBy, mcid: mcid))
            } else {
                skippedGlyphs += 1
            }
            let advance = glyph.width * fontSize + state.charSpacing + (glyph.isWordSpace ? state.wordSpacing : 0)
            textMatrix = font.vertical ? PDFMatrix.translation(0, -advance).then(textMatrix) : PDFMatrix.translation(advance * scale, 0).then(textMatrix)
        }
    }

    // MARK: Resources

    private func font(named name: String, resources: PDFDictionary?) throws -> PDFFont? {
        guard let object = try source.dictionary(resources?["Font"])?[name] else { return nil }
        if let ref = object.referenceValue {
            guard let dict = try source.dictionary(object) else { return nil }
            return try font(ref: ref, dict: dict)
        }
        guard let dict = object.dictionaryValue else { return nil }
        return try PDFFont(dict, source: source)
    }

    private func font(ref: PDFReference, dict: PDFDictionary) throws -> PDFFont {
        if let cached = fonts.fonts[ref] { return cached }
        let font = try PDFFont(dict, source: source)
        if fonts.fonts.count < 10_000 { fonts.fonts[ref] = font }
        return font
    }

    private func colorSpace(_ name: String, resources: PDFDictionary?) throws -> PDFColorSpaceKind {
        switch name {
        case "DeviceGray", "G", "CalGray": return .gray
        case "DeviceRGB", "RGB", "CalRGB": return .rgb
        case "DeviceCMYK", "CMYK": return .cmyk
        case "Pattern": return .pattern
        default: break
        }
        guard let object = try source.resolve(try source.dictionary(resources?["ColorSpace"])?[name]) else { return .other }
        return try colorSpaceKind(object, depth: 0)
    }

    private func colorSpaceKind(_ object: PDFObject, depth: Int) throws -> PDFColorSpaceKind {
        if let name = object.nameValue {
            switch name {
            case "DeviceGray", "CalGray": return .gray
            case "DeviceRGB", "CalRGB": return .rgb
            case "DeviceCMYK": return .cmyk
            case "Pattern": return .pattern
            default: return .other
            }
        }
        guard let array = object.arrayValue, let family = array.first?.nameValue else { return .other }
        switch family {
        case "CalGray": return .gray
        case "CalRGB": return .rgb
        case "Lab": return .lab
        case "Separation": return .tints(1)
        case "DeviceN": return .tints(try source.resolve(array.count > 1 ? array[1] : nil)?.arrayValue?.count ?? 1)
        case "Pattern": return .pattern
        case "ICCBased":
            guard array.count > 1, let dict = try source.dictionary(array[1]) else { return .other }
            switch try source.resolve(dict["N"])?.integerValue {
            case 1: return .gray
            case 3: return .rgb
            case 4: return .cmyk
            default:
                if depth < 4, let alternate = try source.resolve(dict["Alternate"]) { return try colorSpaceKind(alternate, depth: depth + 1) }
                return .other
            }
        default: return .other
        }
    }

    private func drawXObject(_ name: String, resources: PDFDictionary?, depth: Int) throws {
        guard let ref = try source.dictionary(resources?["XObject"])?[name]?.referenceValue,
              try source.isStream(ref), let dict = try source.dictionary(.reference(ref)),
              try source.resolve(dict["Subtype"])?.nameValue == "Form" else { return }
        try drawForm(ref, dict: dict, resources: resources, depth: depth, hiddenBy: nil)
    }

    /// Draws the normal appearances of the page's annotations (§12.5.5), as viewers show them
    /// over the page: form fields' values, free text, stamps. Pop-ups and annotations flagged
    /// invisible, hidden or not for viewing are left out.
    func runAnnotations(page: PDFDictionary) throws {
        for item in try source.resolve(page["Annots"])?.arrayValue?.prefix(10_000) ?? [] {
            guard let annotation = try source.dictionary(item), try source.resolve(annotation["Subtype"])?.nameValue != "Popup" else { continue }
            let flags = try source.resolve(annotation["F"])?.integerValue ?? 0
            guard flags & (1 | 2 | 32) == 0, let appearances = try source.dictionary(annotation["AP"]) else { continue }
            var normal = appearances["N"]
            let normalIsStream = try normal?.referenceValue.map { try source.isStream($0) } ?? false
            if !normalIsStream {
                guard let states = try source.dictionary(normal), let state = try source.resolve(annotation["AS"])?.nameValue else { continue }
                normal = states[state]
            }
            guard let ref = normal?.referenceValue, try source.isStream(ref), let form = try source.dictionary(.reference(ref)),
                  let rect = try PDFVisibility.Box(annotation["Rect"], source: source),
                  let bbox = try PDFVisibility.Box(form["BBox"], source: source) else { continue }
            let matrix = try source.resolve(form["Matrix"])?.arrayValue.flatMap { PDFMatrix(try $0.map { try source.resolve($0) ?? .null }) } ?? .identity
            // Algorithm 8.1: the form's bounding box, transformed by its matrix, is fitted to the rectangle.
            let corners = [matrix.apply(bbox.x0, bbox.y0), matrix.apply(bbox.x1, bbox.y0), matrix.apply(bbox.x0, bbox.y1), matrix.apply(bbox.x1, bbox.y1)]
            let tx0 = corners.map(\.x).min()!, tx1 = corners.map(\.x).max()!, ty0 = corners.map(\.y).min()!, ty1 = corners.map(\.y).max()!
            let sx = tx1 - tx0 > 1e-9 ? (rect.x1 - rect.x0) / (tx1 - tx0) : 1, sy = ty1 - ty0 > 1e-9 ? (rect.y1 - rect.y0) / (ty1 - ty0) : 1
            state = State()
            state.ctm = PDFMatrix(a: sx, d: sy, e: rect.x0 - tx0 * sx, f: rect.y0 - ty0 * sy)
            textMatrix = .identity; lineMatrix = .identity
            try drawForm(ref, dict: form, resources: nil, depth: 0, hiddenBy: try optionalContent.hiddenBy(annotation["OC"]))
        }
    }

    private func drawForm(_ ref: PDFReference, dict: PDFDictionary, resources: PDFDictionary?, depth: Int, hiddenBy: String?) throws {
        guard !formsDrawing.contains(ref) else { skippedLoops += 1; return }
        guard depth < limits.maxFormDepth else {
            throw limit("form XObjects nested more than \(limits.maxFormDepth) deep", "\(limits.maxFormDepth) levels")
        }
        let bytes: [UInt8]
        if let cached = formData[ref] { bytes = cached } else {
            bytes = [UInt8](try source.streamData(ref))
            if bytes.count < 4 << 20 { formData[ref] = bytes }
        }
        let outer = state, outerText = (textMatrix, lineMatrix), outerMarked = marked, outerSaved = saved, outerIgnored = ignoredSaves
        if let matrix = try source.resolve(dict["Matrix"])?.arrayValue.flatMap({ PDFMatrix(try $0.map { try source.resolve($0) ?? .null }) }) {
            state.ctm = matrix.then(state.ctm)
        }
        let hidden = try optionalContent.hiddenBy(dict["OC"]) ?? hiddenBy
        marked.append((hidden, nil))
        formsDrawing.insert(ref)
        defer {
            formsDrawing.remove(ref)
            state = outer
            (textMatrix, lineMatrix) = outerText
            marked = outerMarked
            saved = outerSaved
            ignoredSaves = outerIgnored
        }
        let formResources = try source.dictionary(dict["Resources"]) ?? resources
        try run(bytes, resources: formResources, depth: depth + 1)
    }
}
