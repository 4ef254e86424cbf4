import Foundation

/// The objects an incremental update changes, over the document as it is: reads see the
/// changes, and ``writtenObjects()`` lists what to append. Stamping, unstamping and restamping
/// are each a few edits to one change set.
final class PDFChangeSet {
    let base: any PDFObjectSource
    private(set) var changed: [PDFReference: PDFObject] = [:]
    /// Data of changed streams, decoded (as ``streamData(_:)`` returns it).
    private(set) var decoded: [PDFReference: Data] = [:]
    /// Data of changed streams as written (encoded by their dictionary's filters).
    private(set) var encoded: [PDFReference: Data] = [:]
    private(set) var freed: Set<PDFReference> = []
    /// The next unused object number.
    private(set) var nextNumber: Int

    init(base: any PDFObjectSource, size: Int) {
        self.base = base
        nextNumber = max(1, size)
    }

    func object(_ r: PDFReference) throws -> PDFObject {
        if freed.contains(r) { return .null }
        if let o = changed[r] { return o }
        return try base.object(r)
    }

    func dictionary(_ o: PDFObject?) throws -> PDFDictionary? {
        guard let o else { return nil }
        if case .reference(let r) = o { return try object(r).dictionaryValue }
        return o.dictionaryValue
    }

    /// The items of an array, or of an array an indirect reference points at, or the one object
    /// `o` itself (a `/K` or `/Kids` may be any of these); empty when absent.
    func list(_ o: PDFObject?) throws -> [PDFObject] {
        guard let o else { return [] }
        if let items = o.arrayValue { return items }
        if let r = o.referenceValue, let items = try object(r).arrayValue { return items }
        return [o]
    }

    func streamData(_ r: PDFReference) throws -> Data {
        if let d = decoded[r] { return d }
        return try base.streamData(r)
    }

    func isStream(_ r: PDFReference) throws -> Bool {
        if encoded[r] != nil { return true }
        if changed[r] != nil { return false }
        return try base.isStream(r)
    }

    /// A new object number.
    func allocate() -> PDFReference {
        defer { nextNumber += 1 }
        return PDFReference(nextNumber)
    }

    func set(_ r: PDFReference, _ object: PDFObject) {
        freed.remove(r)
        changed[r] = object
        decoded[r] = nil
        encoded[r] = nil
    }

    /// Sets a stream: `dictionary` names the filters of `stored`; `plain` is its decoded data.
    func setStream(_ r: PDFReference, _ dictionary: PDFDictionary, stored: Data, plain: Data) {
        freed.remove(r)
        changed[r] = .dictionary(dictionary)
        encoded[r] = stored
        decoded[r] = plain
    }

    func free(_ r: PDFReference) {
        changed[r] = nil
        decoded[r] = nil
        encoded[r] = nil
        freed.insert(r)
    }

    /// The objects to write, by number.
    func writtenObjects() -> [PDFWrittenObject] {
        changed.keys.sorted { $0.number < $1.number }.map { PDFWrittenObject($0, changed[$0]!, stream: encoded[$0]) }
    }

    /// Freed objects that are not written again.
    var freedObjects: [PDFReference] { freed.filter { changed[$0] == nil }.sorted { $0.number < $1.number } }

    var isEmpty: Bool { changed.isEmpty && freed.isEmpty }
}
