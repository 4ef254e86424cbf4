import Foundation

/// Writes and removes our stamp in an OpenDocument package by splicing `content.xml`,
/// `styles.xml` (text documents) and `meta.xml`, and copying every other zip entry raw
/// (the `mimetype` entry stays first and stored).
struct ODFStamp {
    let document: ODFDocument
    var package: ODFPackage { document.package }
    var body: ODFBodyScan { document.body }
    var isText: Bool { document.kind.body == "text" }

    // MARK: Stamping

    func stamped(_ request: StampRequest) throws -> Data {
        var replacements: [String: Data] = [:]
        var added: [(String, Data)] = []
        let contentPieces = try stampContent(request)

        if isText, let (data, scan) = try document.styles(), scan.ourStyles.isEmpty, let start = scan.styleContainer {
            let container = ODFContainer(start: start.range, isEmpty: start.isEmpty, endTag: scan.styleContainerEnd)
            if let edit = container.insertion(data, keepMark: false, { ODF.textStyleXML(root: scan.rootDeclarations, marked: $0) }) {
                replacements[ODF.stylesPart] = XMLBytes.splice(data, [edit])
            }
        }

        if let (data, scan) = try document.meta() {
            replacements[ODF.metaPart] = try stampMeta(data, scan, request)
        } else {
            added.append((ODF.metaPart, Data(ODF.newMetaPart(json: request.json, facts: request.facts).utf8)))
            if let (manifest, scan) = package.manifest, !scan.paths.contains(where: { $0.path == ODF.metaPart }) {
                guard let edit = XMLBytes.insertionAtRootEnd(manifest, { _, _ in ODF.manifestEntryXML(root: scan.rootDeclarations) }) else {
                    throw damaged(ODF.manifestPart)
                }
                replacements[ODF.manifestPart] = XMLBytes.splice(manifest, [edit])
            }
        }
        return try rebuild(replacing: replacements, removing: [], adding: added, contentPieces: contentPieces)
    }

    /// content.xml with our statement (and, for slides, our styles) spliced in, as pieces sharing its storage.
    private func stampContent(_ request: StampRequest) throws -> [Data] {
        let data = document.content
        var edits = try document.ourBlocks().map { (range: body.blocks[$0].range, replacement: Data()) }
        let root = body.rootDeclarations
        guard let at = request.placement == .start ? body.startInsert : body.endInsert else { throw damaged(ODF.contentPart) }
        if isText {
            edits.append((at..<at, Data(ODF.textStatementXML(request.statement, root: root).utf8)))
        } else {
            let master = request.placement == .start ? body.firstMasterPage : body.lastMasterPage
            edits.append((at..<at, Data(ODF.slideXML(request.statement, masterPage: master, root: root).utf8)))
            if body.ourStyles.isEmpty {
                if let start = body.styleContainer {
                    let container = ODFContainer(start: start.range, isEmpty: start.isEmpty, endTag: body.styleContainerEnd)
                    guard let edit = container.insertion(data, keepMark: false, { ODF.slideStylesXML(root: root, marked: $0) }) else { throw damaged(ODF.contentPart) }
                    edits.append(edit)
                } else if let officeBody = body.officeBodyStart {
                    let name = (root.first { $0.value == ODF.officeNS }?.key).map { $0.isEmpty ? "" : $0 + ":" } ?? "office:"
                    edits.append((officeBody..<officeBody, Data(ODFContainer.created(name + "automatic-styles", ODF.slideStylesXML(root: root)).utf8)))
                }
            }
        }
        return XMLBytes.splicePieces(data, edits)
    }

    private func stampMeta(_ data: Data, _ scan: ODFMetaScan, _ request: StampRequest) throws -> Data {
        let ours = scan.ours
        let root = scan.rootDeclarations
        var edits = ours.map { (range: $0.range, replacement: Data()) }
        if let start = scan.metaStart {
            let container = ODFContainer(start: start.range, isEmpty: start.isEmpty, endTag: scan.metaEndTag)
            let marked = ours.first.map { ODFContainer.isMarked(data, $0.range) } ?? false
            guard let edit = container.insertion(data, keepMark: marked, { ODF.propertiesXML(json: request.json, facts: request.facts, root: root, openedEmpty: $0) }) else { throw damaged(ODF.metaPart) }
            edits.append(edit)
        } else {
            let name = (root.first { $0.value == ODF.officeNS }?.key).map { $0.isEmpty ? "" : $0 + ":" } ?? "office:"
            let xml = ODFContainer.created(name + "meta", ODF.propertiesXML(json: request.json, facts: request.facts, root: root, openedEmpty: false))
            guard let edit = XMLBytes.insertionAtRootEnd(data, { _, _ in xml }) else { throw damaged(ODF.metaPart) }
            edits.append(edit)
        }
        return XMLBytes.splice(data, edits)
    }

    // MARK: Removing

    func unstamped() throws -> Data {
        var replacements: [String: Data] = [:]
        var removed: Set<String> = []

        var contentEdits = try document.ourBlocks().map { (range: body.blocks[$0].range, replacement: Data()) }
        contentEdits += document.ourSlideStylesRemoval() ?? []
        if !contentEdits.isEmpty { replacements[ODF.contentPart] = XMLBytes.splice(document.content, contentEdits) }

        if isText, let (data, scan) = try document.styles(), let start = scan.styleContainer,
           let edits = ODFContainer.removingOurs(data, start: start, end: scan.styleContainerEnd, ours: scan.ourStyles.map(\.range),
                                                 xml: { ODF.textStyleXML(root: scan.rootDeclarations, marked: $0) }) {
            replacements[ODF.stylesPart] = XMLBytes.splice(data, edits)
        }

        if let (data, scan) = try document.meta(), !scan.ours.isEmpty {
            var entry: (manifest: Data, range: Range<Int>)?
            var ourEntry = true
            if let (manifest, manifestScan) = package.manifest, let listed = manifestScan.paths.first(where: { $0.path == ODF.metaPart }) {
                entry = (manifest, listed.range)
                ourEntry = manifest[(manifest.startIndex + listed.range.lowerBound)..<(manifest.startIndex + listed.range.upperBound)]
                    .elementsEqual(ODF.manifestEntryXML(root: manifestScan.rootDeclarations).utf8)
            }
            if scan.ours.count == scan.properties.count && scan.fields.isEmpty && ourEntry
                && data.elementsEqual(ODF.newMetaPart(json: scan.ours.first { $0.name == ODF.jsonProperty }?.value ?? "", facts: scan.ours.compactMap { p in ODF.factKey(ofProperty: p.name).map { (key: $0, value: p.value) } }).utf8) {
                // We created meta.xml: remove it and its manifest entry.
                removed.insert(ODF.metaPart)
                if let entry { replacements[ODF.manifestPart] = XMLBytes.splice(entry.manifest, [(entry.range, Data())]) }
            } else if let start = scan.metaStart {
                let container = ODFContainer(start: start.range, isEmpty: start.isEmpty, endTag: scan.metaEndTag)
                replacements[ODF.metaPart] = XMLBytes.splice(data, container.removal(data, ours: scan.ours.map(\.range)))
            }
        }
        return try rebuild(replacing: replacements, removing: removed, adding: [])
    }

    // MARK: Helpers

    private func rebuild(replacing: [String: Data], removing: Set<String>, adding: [(String, Data)], contentPieces: [Data]? = nil) throws -> Data {
        var items: [ZipRebuilder.Item] = []
        for entry in package.orderedEntries where !removing.contains(entry.name) {
            if entry.name == ODF.contentPart, let contentPieces {
                items.append(.pieces(name: entry.name, pieces: contentPieces, like: entry))
            } else if let data = replacing[entry.name] {
                items.append(.data(name: entry.name, bytes: data, like: entry))
            } else {
                items.append(.copy(entry))
            }
        }
        let like = package.package.entries[ODF.contentPart]
        for (name, data) in adding { items.append(.data(name: name, bytes: data, like: like)) }
        return try package.package.rebuild(items)
    }

    private func damaged(_ part: String) -> DisclosureError {
        .unreadable(path: package.path, reason: "\(part) has no closing root element",
                    hint: "The package is damaged; open it in \(document.kind.wording.programs) and save it again.")
    }
}
