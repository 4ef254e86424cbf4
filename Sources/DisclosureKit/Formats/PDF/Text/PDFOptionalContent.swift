import Foundation

/// The default state of a document's optional content groups (ISO 32000-1 §8.11): which groups
/// a viewer shows when it opens the file (`/OCProperties /D`, with `/BaseState`, `/ON`, `/OFF`).
struct PDFOptionalContent {
    private var off: Set<PDFReference> = []
    private var on: Set<PDFReference> = []
    private var baseOff = false
    private let source: PDFObjectSource

    /// Reads the catalog's `/OCProperties`; a document without one shows everything.
    init(source: PDFObjectSource) throws {
        self.source = source
        guard let properties = try source.dictionary(source.catalog()?["OCProperties"]),
              let defaults = try source.dictionary(properties["D"]) else { return }
        baseOff = try source.resolve(defaults["BaseState"])?.nameValue == "OFF"
        for item in try source.resolve(defaults["OFF"])?.arrayValue?.prefix(100_000) ?? [] {
            if let ref = item.referenceValue { off.insert(ref) }
        }
        for item in try source.resolve(defaults["ON"])?.arrayValue?.prefix(100_000) ?? [] {
            if let ref = item.referenceValue { on.insert(ref) }
        }
    }

    /// The name of the group that hides content marked with `object` (an OCG or an OCMD, §8.11.2),
    /// or nil when that content is shown by default.
    func hiddenBy(_ object: PDFObject?) throws -> String? {
        guard let object else { return nil }
        let dict = try source.dictionary(object)
        guard let dict else { return nil }
        if dict["Type"]?.nameValue == "OCMD" || dict["OCGs"] != nil {
            var groups: [PDFObject] = []
            if let items = try source.resolve(dict["OCGs"])?.arrayValue { groups = Array(items.prefix(1000)) } else if let g = dict["OCGs"] { groups = [g] }
            let states = try groups.map { try (name: groupName($0), off: isOff($0)) }
            guard !states.isEmpty else { return nil }
            let hidden: Bool
            switch try source.resolve(dict["P"])?.nameValue ?? "AnyOn" {
            case "AllOn": hidden = states.contains { $0.off }
            case "AnyOff": hidden = !states.contains { $0.off }
            case "AllOff": hidden = states.contains { !$0.off }
            default: hidden = states.allSatisfy { $0.off }
            }
            return hidden ? states.first(where: { $0.off })?.name ?? states[0].name : nil
        }
        return try isOff(object) ? groupName(object) : nil
    }

    private func isOff(_ group: PDFObject) throws -> Bool {
        guard let ref = group.referenceValue else { return baseOff }
        return baseOff ? !on.contains(ref) : off.contains(ref)
    }

    private func groupName(_ group: PDFObject) throws -> String {
        try source.dictionary(group)?["Name"]?.textValue ?? group.referenceValue?.description ?? "unnamed"
    }
}
