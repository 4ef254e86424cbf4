import Foundation

/// A PDF as the stamp writer needs it: its bytes, its objects, and a way to read a prefix of the
/// bytes as a document of its own (the original, before our last update).
struct PDFStampInput {
    /// The whole file.
    var data: Data
    /// The file's objects (for a stamped file: as the last update leaves them).
    var source: any PDFObjectSource
    /// The path for messages.
    var path: String
    /// Opens `bytes` (a prefix of ``data`` that ends at an earlier `%%EOF`) as a document.
    var reopen: (Data) throws -> any PDFObjectSource
    /// The TrueType font for the statement page (default ``PDFEmbeddedFont/defaultPath``).
    var fontPath: String?

    init(data: Data, source: any PDFObjectSource, path: String, fontPath: String? = nil,
         reopen: @escaping (Data) throws -> any PDFObjectSource) {
        self.data = data
        self.source = source
        self.path = path
        self.fontPath = fontPath
        self.reopen = reopen
    }
}

/// Our stamp as found in a PDF.
struct PDFStampState {
    /// One of our statement pages.
    struct Page: Equatable {
        /// 0-based index in the document's pages.
        var index: Int
        var reference: PDFReference
        var record: PDFStampRecord
    }

    /// Our statement pages (more than one is a problem to report).
    var pages: [Page]
    /// Our XMP properties: the JSON and the key facts, or nil.
    var metadata: (json: Data?, facts: [String: String])?
    /// The PDF/A part and level the XMP claims (`PDF/A-2b`), or nil.
    var pdfaClaim: String?
    /// The length of the original bytes, when our update is the file's last: the bytes before it
    /// end at an `%%EOF` whose `startxref` our update's `/Prev` names. Unstamping truncates to
    /// them and stamping again rewrites only our update. Whether they are still exactly the bytes
    /// we stamped (the SHA-256 of our record) is for the content binding to say, which `verify`
    /// checks; it is not worked out here, so that unstamping a large file reads none of it.
    var intactOriginalLength: Int?
    /// The bytes our stamp manages, when ``intactOriginalLength`` is known: our whole update.
    var managedRanges: [Range<Int>]
    /// The record of our update when it is intact (``intactOriginalLength``).
    var intactRecord: PDFStampRecord?

    /// True when nothing of ours was found.
    var isEmpty: Bool { pages.isEmpty && metadata == nil }
}

/// What stamping made.
struct PDFStampResult {
    /// The change: keep a prefix of the current file, append our update. The whole stamped file
    /// is `update.apply(to: input.data)`; a streamed writer copies the prefix and appends.
    var update: PDFUpdate
    /// Our statement page's number in the stamped document (0-based).
    var pageIndex: Int
    /// The length of the original bytes our update follows (the content binding's prefix).
    var originalLength: Int
    /// The PDF/A part and level the file claims, or nil.
    var pdfaClaim: String?
    /// Things the caller may want to tell the user (characters the font has no glyph for).
    var notes: [String]
}

/// Stamps, finds and removes our disclosure in a PDF by incremental update (ISO 32000-1 §7.5.6):
/// a statement page, our XMP properties and, in a tagged PDF, structure elements for the page.
/// The original bytes stay the file's first bytes; unstamping our last update truncates to them.
///
/// ```swift
/// let input = PDFStampInput(data: bytes, source: document, path: "report.pdf") { try QPDFSource(data: $0) }
/// let result = try PDFStamp.stamp(request, in: input)
/// let stamped = result.update.apply(to: bytes)          // or stream: bytes.prefix(keepPrefix) + append
/// let original = try PDFStamp.unstamp(in: PDFStampInput(data: stamped, …)).apply(to: stamped)
/// ```
enum PDFStamp {
    /// True when `page` (a page dictionary) is our statement page, by its `/PieceInfo` record:
    /// for the text extractor and the audit, which leave our page out.
    static func isOurPage(_ page: PDFDictionary) -> Bool { PDFStampRecord(page: page) != nil }

    /// Finds our stamp.
    /// - Throws: ``DisclosureError`` when the file's structure cannot be read.
    static func find(in input: PDFStampInput) throws -> PDFStampState {
        let source = input.source
        var pages: [PDFStampState.Page] = []
        for (i, ref) in try source.pages().enumerated() {
            if let dict = try source.object(ref).dictionaryValue, let record = PDFStampRecord(page: dict) {
                pages.append(.init(index: i, reference: ref, record: record))
            }
        }
        var metadata: (json: Data?, facts: [String: String])?
        var claim: String?
        if let packet = try metadataPacket(source) {
            metadata = PDFXMP.read(packet)
            claim = PDFXMP.pdfaClaim(packet)
        }
        var state = PDFStampState(pages: pages, metadata: metadata, pdfaClaim: claim, intactOriginalLength: nil, managedRanges: [])
        if let record = pages.map(\.record).first(where: { isIntact($0, input.data) }) {
            state.intactRecord = record
            state.intactOriginalLength = record.originalLength
            state.managedRanges = [record.originalLength..<input.data.count]
        }
        return state
    }

    /// The file with `request` stamped in, replacing any stamp of ours.
    /// - Throws: ``DisclosureError`` when the file cannot be read or stamped, or the font is missing.
    static func stamp(_ request: StampRequest, in input: PDFStampInput) throws -> PDFStampResult {
        try stamp(request, in: input, depth: 0)
    }

    private static func stamp(_ request: StampRequest, in input: PDFStampInput, depth: Int) throws -> PDFStampResult {
        let state = try find(in: input)
        if let original = state.intactOriginalLength, depth < 4 {
            // Our update is the last one: write a new one on the bytes before it.
            // The update keeps a prefix of the bytes before ours, so it applies to the whole file too.
            return try stamp(request, in: try prefixInput(input, original), depth: depth + 1)
        }
        let data = input.data
        let tail = try readTail(data, path: input.path)
        let changes = PDFChangeSet(base: input.source, size: tail.trailer["Size"]?.integerValue ?? 0)
        var ours: Set<PDFReference> = []
        for page in state.pages {
            try removePage(page, changes: changes, path: input.path)
            ours.insert(page.reference)
        }
        if state.pages.isEmpty, state.metadata != nil { try removeMetadataOnly(changes: changes, tail: tail) }
        var notes: [String] = []
        let index = try addStatement(request, changes: changes, tail: tail, data: data, path: input.path, fontPath: input.fontPath,
                                     excluding: ours, replacing: !state.isEmpty, notes: &notes)
        let update = PDFUpdate(keepPrefix: data.count, append: try write(changes, tail: tail, path: input.path))
        let claim = try metadataPacket(input.source).flatMap(PDFXMP.pdfaClaim)
        return PDFStampResult(update: update, pageIndex: index, originalLength: data.count,
                              pdfaClaim: claim, notes: notes)
    }

    /// The change that removes our stamp: a truncation to the original bytes when our update is
    /// the last one (followed, when that update had replaced an earlier stamp, by an update that
    /// removes the earlier one), else a new update that removes our page and properties and frees
    /// our objects. An empty change (keep everything, append nothing) when there is no stamp of ours.
    /// - Parameter state: our stamp as already found in `input` (found again when nil).
    static func unstamp(in input: PDFStampInput, state: PDFStampState? = nil) throws -> PDFUpdate {
        try unstamp(in: input, state: state, depth: 0)
    }

    private static func unstamp(in input: PDFStampInput, state known: PDFStampState?, depth: Int) throws -> PDFUpdate {
        let state = try known ?? find(in: input)
        if let original = state.intactOriginalLength, depth < 4 {
            guard state.intactRecord?.replacesEarlierStamp == true else { return PDFUpdate(keepPrefix: original, append: Data()) }
            return try unstamp(in: try prefixInput(input, original), state: nil, depth: depth + 1)
        }
        guard !state.isEmpty else { return PDFUpdate(keepPrefix: input.data.count, append: Data()) }
        let tail = try readTail(input.data, path: input.path)
        let changes = PDFChangeSet(base: input.source, size: tail.trailer["Size"]?.integerValue ?? 0)
        for page in state.pages { try removePage(page, changes: changes, path: input.path) }
        if state.pages.isEmpty { try removeMetadataOnly(changes: changes, tail: tail) }
        guard !changes.isEmpty else { return PDFUpdate(keepPrefix: input.data.count, append: Data()) }
        return PDFUpdate(keepPrefix: input.data.count, append: try write(changes, tail: tail, path: input.path))
    }

    /// The first `length` bytes of the input, opened as a document of their own.
    static func prefixInput(_ input: PDFStampInput, _ length: Int) throws -> PDFStampInput {
        var inner = input
        inner.data = input.data.prefix(length)
        inner.source = try input.reopen(inner.data)
        return inner
    }

    /// Removes our XMP properties when there is no page of ours.
    static func removeMetadataOnly(changes: PDFChangeSet, tail: PDFFileTail) throws {
        guard let catalogRef = tail.trailer["Root"]?.referenceValue,
              let ref = try changes.dictionary(.reference(catalogRef))?["Metadata"]?.referenceValue, try changes.isStream(ref) else { return }
        let packet = try changes.streamData(ref)
        let removed = PDFXMP.removing(from: packet)
        if removed != packet { try setMetadata(ref, removed, changes: changes) }
    }

    // MARK: Steps

    /// The file's tail; an encrypted file is refused (we never write plain objects into one).
    static func readTail(_ data: Data, path: String) throws -> PDFFileTail {
        let tail: PDFFileTail
        do { tail = try PDFFileTail.read(data) } catch let e as PDFSyntaxError {
            throw DisclosureError.unreadable(path: path, reason: "the end of the PDF cannot be read (\(e.problem))",
                                             hint: "Open the file in a PDF program and save a copy, then stamp the copy.")
        }
        if tail.trailer["Encrypt"] != nil { throw DisclosureError.encryptedPDF(path: path) }
        return tail
    }

    static func write(_ changes: PDFChangeSet, tail: PDFFileTail, path: String) throws -> Data {
        try PDFIncrementalWriter.update(tail: tail, objects: changes.writtenObjects(), freed: changes.freedObjects)
    }

    /// True when our update is the file's last: the bytes before it end in a file tail whose
    /// `startxref` the last update's `/Prev` names (see ``PDFStampState/intactOriginalLength``).
    static func isIntact(_ record: PDFStampRecord, _ data: Data) -> Bool {
        guard record.originalLength > 0, record.originalLength < data.count else { return false }
        let prefix = data.prefix(record.originalLength)
        guard let previous = try? PDFFileTail.read(prefix), let current = try? PDFFileTail.read(data) else { return false }
        return current.trailer["Prev"]?.integerValue == previous.startxref && current.startxref >= record.originalLength
    }

    /// The decoded XMP packet of the catalog's `/Metadata`, or nil.
    static func metadataPacket(_ source: any PDFObjectSource) throws -> Data? {
        guard let ref = try source.catalog()?["Metadata"]?.referenceValue, try source.isStream(ref) else { return nil }
        return try source.streamData(ref)
    }

    /// Writes `packet` as the metadata stream `ref`, uncompressed (PDF/A-1 forbids filters on it).
    static func setMetadata(_ ref: PDFReference, _ packet: Data, changes: PDFChangeSet) throws {
        var dict = try changes.object(ref).dictionaryValue ?? PDFDictionary()
        for key in ["Filter", "DecodeParms", "DL", "Length"] { dict[key] = nil }
        dict["Type"] = .name("Metadata")
        dict["Subtype"] = .name("XML")
        changes.setStream(ref, dict, stored: packet, plain: packet)
    }
}
