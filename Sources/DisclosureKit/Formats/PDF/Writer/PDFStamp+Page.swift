import Foundation

extension PDFStamp {
    /// Adds our statement page, XMP properties and (in a tagged PDF) structure elements to
    /// `changes`. Returns the page's index in the stamped document.
    static func addStatement(_ request: StampRequest, changes: PDFChangeSet, tail: PDFFileTail, data: Data, path: String,
                             fontPath: String?, excluding ours: Set<PDFReference>, replacing: Bool, notes: inout [String]) throws -> Int {
        guard let catalogRef = tail.trailer["Root"]?.referenceValue, var catalog = try changes.object(catalogRef).dictionaryValue else {
            throw unreadable(path, "the PDF has no document catalog (/Root)")
        }
        guard let pagesRef = catalog["Pages"]?.referenceValue, var pagesRoot = try changes.object(pagesRef).dictionaryValue else {
            throw unreadable(path, "the PDF has no page tree (/Pages)")
        }
        let existing = try changes.base.pages().filter { !ours.contains($0) }
        let font = try PDFEmbeddedFont(path: fontPath)
        let tagged = catalog["MarkInfo"].flatMap { try? changes.dictionary($0) }?["Marked"]?.boolValue == true
            && catalog["StructTreeRoot"] != nil
        let first = try pageSize(existing.first, changes: changes)
        let layout = PDFStatementPage.fitting(statement: request.statement, font: font, width: first.0, height: first.1)
        let (width, height) = (layout.width, layout.height)
        let content = layout.content(statement: request.statement, font: font, tagged: tagged)
        if !font.missing.isEmpty {
            let list = Array(Set(font.missing)).sorted().map { "U+" + String($0.unicodeScalars.first!.value, radix: 16, uppercase: true) }
            notes.append("the statement font (\(font.path)) has no glyph for \(list.joined(separator: ", ")): shown as a blank box, copied out as the right characters")
        }

        let pageRef = changes.allocate(), contentRef = changes.allocate()
        let fontFirst = changes.allocate()
        var created = [pageRef, contentRef, fontFirst]
        for _ in 1..<font.objectCount { created.append(changes.allocate()) }
        for object in try font.objects(first: fontFirst.number) {
            if let stream = object.streamData, case .dictionary(let d) = object.object {
                changes.setStream(object.reference, d, stored: stream, plain: Data())
            } else {
                changes.set(object.reference, object.object)
            }
        }
        changes.setStream(contentRef, PDFDictionary([("Filter", .name("FlateDecode"))]), stored: try PDFFlate.compress(content), plain: content)

        var page = PDFDictionary([
            ("Type", .name("Page")), ("Parent", .reference(pagesRef)),
            ("MediaBox", .array([.integer(0), .integer(0), number(width), number(height)])),
            ("CropBox", .array([.integer(0), .integer(0), number(width), number(height)])), ("Rotate", .integer(0)),
            ("Resources", .dictionary(PDFDictionary([("Font", .dictionary(PDFDictionary([(PDFEmbeddedFont.resourceName, .reference(fontFirst))]))),
                                                     ("ProcSet", .array([.name("PDF"), .name("Text")]))]))),
            ("Contents", .reference(contentRef)),
        ])

        // Structure: a heading and a paragraph under the document's top element.
        var structure: [PDFReference] = []
        if tagged {
            structure = [changes.allocate(), changes.allocate()]
            created += structure
            let key = try addStructure(structure, page: pageRef, language: request.disclosure.language, catalogRef: catalogRef,
                                       catalog: &catalog, changes: changes)
            page["StructParents"] = .integer(key)
            page["Tabs"] = .name("S")
        }

        // XMP.
        var createdMetadata = false
        let packet: Data?
        let metadataRef: PDFReference
        if let ref = catalog["Metadata"]?.referenceValue, try changes.isStream(ref) {
            metadataRef = ref
            packet = try changes.streamData(ref)
        } else {
            metadataRef = changes.allocate()
            created.append(metadataRef)
            createdMetadata = true
            packet = nil
            catalog["Metadata"] = .reference(metadataRef)
        }
        let newPacket: Data
        do {
            newPacket = try PDFXMP.adding(facts: request.facts, json: request.json,
                                          digitalSourceType: request.disclosure.extent.iptcDigitalSourceType, to: packet)
        } catch let e as PDFXMPError {
            throw unreadable(path, "the document's XMP metadata cannot take our properties: \(e.problem)")
        }
        try setMetadata(metadataRef, newPacket, changes: changes)
        let before = try changes.object(catalogRef).dictionaryValue
        if createdMetadata || catalog != before { changes.set(catalogRef, .dictionary(catalog)) }

        let date = PDFStampRecord.pdfDate(request.disclosure.date)
        let record = PDFStampRecord(originalLength: data.count, originalSHA256: Digests.sha256Hex(data), objects: created,
                                    structureElements: structure, createdMetadata: createdMetadata, lastModified: date,
                                    replacesEarlierStamp: replacing)
        page["LastModified"] = .string(Data(date.utf8))
        page["PieceInfo"] = record.pieceInfo
        changes.set(pageRef, .dictionary(page))

        var kids = try changes.list(pagesRoot["Kids"])
        let index: Int
        if request.placement == .start {
            kids.insert(.reference(pageRef), at: 0)
            index = 0
        } else {
            kids.append(.reference(pageRef))
            index = existing.count
        }
        pagesRoot["Kids"] = .array(kids)
        pagesRoot["Count"] = .integer((pagesRoot["Count"]?.integerValue ?? existing.count) + 1)
        changes.set(pagesRef, .dictionary(pagesRoot))
        return index
    }

    /// Width and height of `page` as seen: its crop box (else media box), inherited, turned by its `/Rotate`.
    static func pageSize(_ page: PDFReference?, changes: PDFChangeSet) throws -> (Double, Double) {
        var media: [Double]?, crop: [Double]?, rotate: Int?
        var node = page
        var seen = Set<PDFReference>()
        while let ref = node, seen.insert(ref).inserted, seen.count < 64, let dict = try changes.object(ref).dictionaryValue {
            if media == nil { media = try box(dict["MediaBox"], changes) }
            if crop == nil { crop = try box(dict["CropBox"], changes) }
            if rotate == nil { rotate = dict["Rotate"]?.integerValue }
            node = dict["Parent"]?.referenceValue
        }
        let b = crop ?? media ?? [0, 0, 612, 792]
        var w = abs(b[2] - b[0]), h = abs(b[3] - b[1])
        if w < 72 || h < 72 || w > 14400 || h > 14400 { (w, h) = (612, 792) }
        if let r = rotate, ((r % 360) + 360) % 180 == 90 { (w, h) = (h, w) }
        return (w, h)
    }

    static func box(_ o: PDFObject?, _ changes: PDFChangeSet) throws -> [Double]? {
        guard let o else { return nil }
        let resolved = try o.referenceValue.map { try changes.object($0) } ?? o
        guard let v = resolved.arrayValue?.compactMap(\.number), v.count == 4 else { return nil }
        return v
    }

    static func number(_ v: Double) -> PDFObject {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? .integer(Int(r)) : .real(String(format: "%.2f", r))
    }

    static func unreadable(_ path: String, _ reason: String) -> DisclosureError {
        .unreadable(path: path, reason: reason, hint: "Open the file in a PDF program and save a copy, then stamp the copy.")
    }

    /// Removes our page `page` and what the stamp added with it: the page from the page tree, our
    /// structure elements and parent-tree entry, our XMP properties; frees our objects.
    static func removePage(_ page: PDFStampState.Page, changes: PDFChangeSet, path: String) throws {
        guard let dict = try changes.object(page.reference).dictionaryValue else { return }
        var seen = Set<PDFReference>()
        var node = dict["Parent"]?.referenceValue
        var child = page.reference
        var first = true
        while let ref = node, seen.insert(ref).inserted, seen.count < 64, var parent = try changes.object(ref).dictionaryValue {
            if first, parent["Kids"] != nil { parent["Kids"] = .array(try changes.list(parent["Kids"]).filter { $0.referenceValue != child }) }
            first = false
            if let count = parent["Count"]?.integerValue { parent["Count"] = .integer(max(0, count - 1)) }
            changes.set(ref, .dictionary(parent))
            child = ref
            node = parent["Parent"]?.referenceValue
        }
        guard let catalogRef = try catalogReference(changes), var catalog = try changes.object(catalogRef).dictionaryValue else { return }
        try removeStructure(page.record.structureElements, key: dict["StructParents"]?.integerValue, catalogRef: catalogRef,
                            catalog: &catalog, changes: changes)
        var keep: Set<PDFReference> = []
        if let ref = catalog["Metadata"]?.referenceValue, try changes.isStream(ref) {
            let packet = PDFXMP.removing(from: try changes.streamData(ref))
            if page.record.createdMetadata, page.record.objects.contains(ref), packet == PDFXMP.minimalPacket {
                catalog["Metadata"] = nil
            } else {
                try setMetadata(ref, packet, changes: changes)
                keep.insert(ref)
            }
        }
        let before = try changes.object(catalogRef).dictionaryValue
        if catalog != before { changes.set(catalogRef, .dictionary(catalog)) }
        for ref in page.record.objects where !keep.contains(ref) { changes.free(ref) }
        changes.free(page.reference)
    }

    static func catalogReference(_ changes: PDFChangeSet) throws -> PDFReference? {
        changes.base.trailer["Root"]?.referenceValue
    }
}
