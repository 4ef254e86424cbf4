import Foundation

/// Writes and removes our statement slide (and our custom properties) in a PowerPoint deck by
/// splicing parts and copying every other zip entry raw.
struct PPTXStamp {
    let document: PPTXDocument
    var package: PPTXPackage { document.package }

    /// How the start tag of a slide list we created ends (the deck had none), and of one we opened
    /// (it was `<p:sldIdLst/>`): spaces no reader sees, so unstamp restores the list as it was.
    static let createdListMark = " >"
    static let openedListMark = "  >"

    static func prefixed(_ name: String, _ prefix: String?) -> String { prefix.map { "\($0):\(name)" } ?? name }

    // MARK: Stamping

    func stamped(_ request: StampRequest) throws -> Data {
        var edits = OOXMLPartEdits()
        let ours = try document.ourSlides()
        let p = package.presentation
        // Restamping keeps the layout our slide has (another program may have changed it).
        let current = try ours.first.flatMap { i in
            package.related(package.slides[i].part, rels: try package.rels(of: package.slides[i].part), types: [PresentationML.slideLayoutRel]).first
        }
        let layout = try chooseLayout(keeping: current)
        let slideXML = Data(PPTXStamp.slideXML(request, layout: layout, width: p.slideWidth ?? 9_144_000, height: p.slideHeight ?? 6_858_000).utf8)
        let entry: (id: Int, relID: String)
        if let reuse = ours.first {
            // Restamping: our slide keeps its part, relationship and list id; its content is ours again.
            let slide = package.slides[reuse]
            edits.whole[slide.part] = slideXML
            let rels = try package.rels(of: slide.part)
            if rels?.relationships.contains(where: { $0.type == PresentationML.slideLayoutRel && !$0.external }) != true {
                edits.whole[OOXML.relsPart(of: slide.part)] = Data(PPTXStamp.slideRelsXML(layoutTarget: PPTXStamp.relativeTarget(from: slide.part, to: layout.part)).utf8)
                if rels == nil { edits.added.append((OOXML.relsPart(of: slide.part), edits.whole.removeValue(forKey: OOXML.relsPart(of: slide.part))!)) }
            }
            try document.slideRemovalEdits(Array(ours.dropFirst()), into: &edits, keepingList: true, keepingParts: Set(try document.ownedParts(ofSlide: reuse)))
            edits.splice(package.mainPart, (slide.entry.range, Data()))
            entry = (slide.entry.id, slide.entry.relID)
        } else {
            let part = try freeSlidePartName()
            edits.added.append((part, slideXML))
            edits.added.append((OOXML.relsPart(of: part), Data(PPTXStamp.slideRelsXML(layoutTarget: PPTXStamp.relativeTarget(from: part, to: layout.part)).utf8)))
            let types = try package.read(OOXML.contentTypesPart)
            guard let typeEdit = XMLBytes.insertionAtRootEnd(types, { prefix, _ in
                OOXMLCustomProperties.overrideXML(partName: part, contentType: PresentationML.slideContentType, prefix: prefix)
            }) else { throw OOXMLErrors.damaged(OOXML.contentTypesPart, path: package.path, wording: .powerPoint) }
            edits.splice(OOXML.contentTypesPart, typeEdit)
            let relID = freeRelationshipID()
            let target = PPTXStamp.relativeTarget(from: package.mainPart, to: part)
            if package.mainRelsData.isEmpty {
                edits.added.append((package.mainRelsPart, Data((PPTXStamp.relsHead + PPTXStamp.relationshipXML(id: relID, type: PresentationML.slideRel, target: target, prefix: nil) + "</Relationships>").utf8)))
            } else {
                guard let relEdit = XMLBytes.insertionAtRootEnd(package.mainRelsData, { prefix, _ in
                    PPTXStamp.relationshipXML(id: relID, type: PresentationML.slideRel, target: target, prefix: prefix)
                }) else { throw OOXMLErrors.damaged(package.mainRelsPart, path: package.path, wording: .powerPoint) }
                edits.splice(package.mainRelsPart, relEdit)
            }
            entry = (PPTXStamp.freeSlideID(taken: p.slides.map(\.id)), relID)
        }
        let idXML = PPTXStamp.slideIDXML(id: entry.id, relID: entry.relID, prefix: p.prefix, relsPrefix: p.relsPrefix)
        let list = PPTXStamp.prefixed("sldIdLst", p.prefix)
        if let start = p.listStart {
            if let endTag = p.listEndTag {
                let at = request.placement == .start ? start.upperBound : endTag
                edits.splice(package.mainPart, (at..<at, Data(idXML.utf8)))
            } else {
                edits.splice(package.mainPart, (start, Data("<\(list)\(PPTXStamp.openedListMark)\(idXML)</\(list)>".utf8)))
            }
        } else if let at = p.listInsertion {
            edits.splice(package.mainPart, (at..<at, Data("<\(list)\(PPTXStamp.createdListMark)\(idXML)</\(list)>".utf8)))
        } else {
            throw OOXMLErrors.damaged(package.mainPart, path: package.path, wording: .powerPoint)
        }
        try document.customProperties.stamp(request, existing: try document.custom(), into: &edits)
        return try edits.rebuild(package.package, like: package.package.entries[package.mainPart])
    }

    // MARK: Removing

    func unstamped() throws -> Data {
        var edits = OOXMLPartEdits()
        try document.slideRemovalEdits(try document.ourSlides(), into: &edits)
        try document.customProperties.unstamp(existing: try document.custom(), into: &edits)
        if edits.edits.isEmpty && edits.whole.isEmpty && edits.removed.isEmpty { return package.original }
        return try edits.rebuild(package.package, like: nil)
    }

    // MARK: The layout our slide uses

    /// A layout of the deck's own and its title and body placeholders: "Title and Content"
    /// (`obj`) first, then "Title and Text" (`tx`), then any layout with both; else the first
    /// layout, with plain text boxes.
    /// With `keeping`, that layout, with its placeholders when it has a title and a body one.
    func chooseLayout(keeping: String? = nil) throws -> (part: String, title: SlideShape?, body: SlideShape?) {
        if let keeping {
            let scan = try SlideScanner.scan(try package.read(keeping), part: keeping, path: package.path, limits: package.limits)
            let (title, body) = PPTXStamp.placeholders(scan) ?? (nil, nil)
            return (keeping, title, body)
        }
        var layouts: [(part: String, scan: SlideScan)] = []
        for master in package.related(package.mainPart, rels: package.mainRels, types: [PresentationML.slideMasterRel]) {
            for layout in package.related(master, rels: try package.rels(of: master), types: [PresentationML.slideLayoutRel]) where !layouts.contains(where: { $0.part == layout }) {
                layouts.append((layout, try SlideScanner.scan(try package.read(layout), part: layout, path: package.path, limits: package.limits)))
            }
        }
        guard !layouts.isEmpty else {
            throw DisclosureError.unreadable(path: package.path, reason: "the presentation has no slide master with a slide layout, which every new slide needs",
                                             hint: "Open it in PowerPoint or LibreOffice Impress, add a slide, save it, and stamp the saved copy.")
        }
        for kind in ["obj", "tx", nil] as [String?] {
            for layout in layouts where kind == nil || layout.scan.layoutType == kind {
                if let (title, body) = PPTXStamp.placeholders(layout.scan) { return (layout.part, title, body) }
            }
        }
        return (layouts[0].part, nil, nil)
    }

    /// A layout's title placeholder and its first body (or content) placeholder with an index.
    static func placeholders(_ scan: SlideScan) -> (SlideShape, SlideShape)? {
        guard let title = scan.shapes.first(where: { ["title", "ctrTitle"].contains($0.placeholderType ?? "") }),
              let body = scan.shapes.first(where: { ["body", "obj"].contains($0.placeholderType ?? "") && $0.placeholderIndex != nil }) else { return nil }
        return (title, body)
    }

    // MARK: Names

    func freeSlidePartName() throws -> String {
        let types = try RelationshipsScanner.scan(try package.read(OOXML.contentTypesPart), part: OOXML.contentTypesPart, path: package.path, limits: package.limits, wording: .powerPoint)
        let taken = Set(package.package.entries.keys.map { $0.lowercased() }).union(types.overrides.map { String($0.partName.dropFirst()).lowercased() })
        let folder = package.mainPart.split(separator: "/").dropLast().joined(separator: "/")
        let base = (folder.isEmpty ? "" : folder + "/") + "slides/slide"
        var n = package.slides.count + 1
        while taken.contains("\(base)\(n).xml".lowercased()) || taken.contains(OOXML.relsPart(of: "\(base)\(n).xml").lowercased()) { n += 1 }
        return "\(base)\(n).xml"
    }

    /// One more than the highest slide id, or the lowest free one when that would pass the
    /// largest id the format allows (2147483647; ids start at 256).
    static func freeSlideID(taken: [Int]) -> Int {
        let highest = taken.max() ?? 255
        if highest >= 255 && highest < 2_147_483_647 { return highest + 1 }
        let used = Set(taken)
        return (256...).first { !used.contains($0) }!
    }

    func freeRelationshipID() -> String {
        let taken = Set(package.mainRels.relationships.map(\.id))
        if !taken.contains(PresentationML.slideRelIDPrefix) { return PresentationML.slideRelIDPrefix }
        var n = 2
        while taken.contains("\(PresentationML.slideRelIDPrefix)\(n)") { n += 1 }
        return "\(PresentationML.slideRelIDPrefix)\(n)"
    }

    /// A relationship target from `source`'s folder to `part`: `../slideLayouts/slideLayout2.xml`.
    static func relativeTarget(from source: String, to part: String) -> String {
        let from = source.split(separator: "/").dropLast().map(String.init)
        let to = part.split(separator: "/").map(String.init)
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
    }

    // MARK: The XML we write

    static let relsHead = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"\(OOXML.relationships)\">"

    static func relationshipXML(id: String, type: String, target: String, prefix: String?) -> String {
        let p = prefix.map { "\($0):" } ?? ""
        return "<\(p)Relationship Id=\"\(id)\" Type=\"\(type)\" Target=\"\(OOXML.escape(target))\"/>"
    }

    static func slideRelsXML(layoutTarget: String) -> String {
        relsHead + relationshipXML(id: "rId1", type: PresentationML.slideLayoutRel, target: layoutTarget, prefix: nil) + "</Relationships>"
    }

    static func slideIDXML(id: Int, relID: String, prefix: String?, relsPrefix: String?) -> String {
        let r = relsPrefix.map { "\($0):id=\"\(relID)\"" } ?? "xmlns:r=\"\(PresentationML.officeRels)\" r:id=\"\(relID)\""
        return "<\(prefixed("sldId", prefix)) id=\"\(id)\" \(r)/>"
    }

    /// Our slide: a title "AI use disclosure" and the statement, in the layout's title and body
    /// placeholders (so they take the theme's fonts and colours), or in text boxes of our own
    /// when the deck has no such layout. The statement is 20 pt either way.
    static func slideXML(_ request: StampRequest, layout: (part: String, title: SlideShape?, body: SlideShape?), width: Int, height: Int) -> String {
        let lang = OOXML.escape(request.disclosure.language)
        let tag = PresentationML.statementTag
        func ph(_ shape: SlideShape) -> String {
            var attributes = ""
            if let type = shape.placeholderType, type != "obj" { attributes += " type=\"\(type)\"" }
            if let idx = shape.placeholderIndex { attributes += " idx=\"\(idx)\"" }
            return "<p:ph\(attributes)/>"
        }
        func shape(id: Int, name: String, placeholder: SlideShape?, box: (x: Int, y: Int, cx: Int, cy: Int), text: String, size: Int, bold: Bool) -> String {
            let nv = "<p:nvSpPr><p:cNvPr id=\"\(id)\" name=\"\(name)\" descr=\"\(tag)\"/>"
                + (placeholder != nil ? "<p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr>\(ph(placeholder!))</p:nvPr>" : "<p:cNvSpPr txBox=\"1\"/><p:nvPr/>")
                + "</p:nvSpPr>"
            let spPr = placeholder != nil ? "<p:spPr/>"
                : "<p:spPr><a:xfrm><a:off x=\"\(box.x)\" y=\"\(box.y)\"/><a:ext cx=\"\(box.cx)\" cy=\"\(box.cy)\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>"
            let bodyPr = placeholder != nil ? "<a:bodyPr/>" : "<a:bodyPr wrap=\"square\" rtlCol=\"0\"><a:normAutofit/></a:bodyPr>"
            let sz = placeholder != nil && size != statementSize ? "" : " sz=\"\(size)\""
            let colour = placeholder != nil ? "" : "<a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill>"
            let rPr = "<a:rPr lang=\"\(lang)\"\(sz)\(bold && placeholder == nil ? " b=\"1\"" : "") dirty=\"0\">\(colour)</a:rPr>"
            return "<p:sp>\(nv)\(spPr)<p:txBody>\(bodyPr)<a:lstStyle/><a:p><a:r>\(rPr)<a:t>\(OOXML.escapeText(text))</a:t></a:r></a:p></p:txBody></p:sp>"
        }
        let margin = width / 20
        let title = shape(id: 2, name: PresentationML.titleShapeName, placeholder: layout.title,
                          box: (margin, height / 20, width - 2 * margin, height / 6), text: PresentationML.slideName, size: 3200, bold: true)
        let body = shape(id: 3, name: PresentationML.statementShapeName, placeholder: layout.body,
                         box: (margin, height / 4, width - 2 * margin, height * 2 / 3), text: request.statement, size: statementSize, bold: false)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<p:sld xmlns:a=\"\(PresentationML.drawing)\" xmlns:r=\"\(PresentationML.officeRels)\" xmlns:p=\"\(PresentationML.main)\">"
            + "<p:cSld name=\"\(PresentationML.slideName)\"><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>"
            + "<p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>"
            + title + body + "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    }

    static var statementSize: Int { PresentationML.statementSize }
}
