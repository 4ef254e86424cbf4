import DisclosureKit
import Foundation

/// The stamp form's fields, as the browser sent them, turned into the library's
/// ``DisclosureDraft`` (so the form and the command line's flags give the same errors) and
/// the choices beside it. Field names are ``DisclosureDraft/Field`` names.
struct StampForm {
    var values: [String: [String]]

    init(_ upload: Upload) { values = upload.fields }
    init(values: [String: [String]] = [:]) { self.values = values }

    func one(_ name: String) -> String? {
        guard let value = values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    func all(_ name: String) -> [String] {
        (values[name] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    func has(_ name: String, _ value: String) -> Bool { all(name).contains(value) }

    /// The draft of the facts given; `declarant` defaults to the signed-in person.
    func draft(defaultDeclarant: String?, defaultOrganisation: String?) -> DisclosureDraft {
        typealias F = DisclosureDraft.Field
        var draft = DisclosureDraft()
        draft.tools = all(F.tool) + (one("tool-other").map { [$0] } ?? [])
        draft.purposes = all(F.purpose) + (one("purpose-other").map { ["other:" + $0] } ?? [])
        draft.extent = one(F.extent)
        draft.review = one(F.review)
        draft.reviewer = one(F.reviewer)
        draft.reviewNote = one(F.reviewNote)
        draft.declarant = one(F.declarant)
        draft.organisation = one(F.organisation)
        draft.date = one(F.date)
        draft.note = one(F.note)
        draft.language = one(F.language)
        draft.dataClasses = all(F.data)
        draft.approval = one(F.approval)
        draft.defaultDeclarant = defaultDeclarant
        draft.defaultOrganisation = defaultOrganisation
        return draft
    }

    func choices(role: String?) -> StampChoices {
        StampChoices(task: one("task"), role: role ?? one("role"), recordBreach: one("record-breach") != nil,
                     preview: one("action") == "preview")
    }
}
