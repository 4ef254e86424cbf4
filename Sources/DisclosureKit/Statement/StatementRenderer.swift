import Foundation

/// Renders the visible statement from a ``Disclosure``: plain English, short enough to
/// read in ten seconds, carrying every declared fact. The same disclosure (under the same
/// policy) always renders the same words.
///
/// The default wording is a list of sentences, each made by a function of its own
/// (``useSentence(_:)``, ``extentSentence(_:)``, ``reviewSentence(_:)``,
/// ``declarationSentence(_:)``, ``noteSentence(_:)``); a sentence whose facts are all missing
/// is left out, and no sentence ever carries punctuation for a missing fact. A new fact
/// gets a new sentence function and a place in ``sentences(_:)``.
///
/// A template (from a file) may replace the default wording. Placeholders are written
/// `{{name}}`: `tools`, `purposes`, `extent`, `review`, `declarant`, `organisation`,
/// `date`, `note`, `policy`. A template must use `tools`, `purposes`, `extent`, `review`,
/// `declarant` and `date`, so that no declared fact can be left out.
public struct StatementRenderer: Sendable {
    /// The placeholders every template must use.
    public static let requiredPlaceholders = ["tools", "purposes", "extent", "review", "declarant", "date"]
    /// The placeholders a template may use as well.
    public static let optionalPlaceholders = ["organisation", "note", "policy"]
    /// The label that opens every default statement.
    public static let label = "AI use disclosure:"

    /// The custom template, or nil for the default wording.
    public let template: String?
    /// The policy the statement is rendered under, for its human name; nil names a policy by its id.
    public let policy: StatementPolicy?
    /// Whom to ask about AI use or complain to (the policy's `contact`); when given, the
    /// statement ends with a sentence naming it, whatever the template.
    public var contact: String?

    /// A renderer with the default wording.
    /// - Parameter policy: the policy disclosures are made under, to name it by its human name.
    public init(policy: StatementPolicy? = nil) {
        template = nil
        self.policy = policy
    }

    /// A renderer with a custom template.
    /// - Throws: ``DisclosureError/invalidInput(_:)`` when a required placeholder is missing or unknown ones are used.
    public init(template: String, source: String = "template", policy: StatementPolicy? = nil) throws {
        let used = Set(StatementRenderer.placeholders(in: template))
        let missing = StatementRenderer.requiredPlaceholders.filter { !used.contains($0) }
        if !missing.isEmpty {
            throw DisclosureError.invalidInput(
                "\(source): the statement template leaves out \(missing.map { "{{\($0)}}" }.joined(separator: ", ")). A statement must carry every declared fact; add the missing placeholders.")
        }
        let known = Set(StatementRenderer.requiredPlaceholders + StatementRenderer.optionalPlaceholders)
        let unknown = used.subtracting(known).sorted()
        if !unknown.isEmpty {
            throw DisclosureError.invalidInput(
                "\(source): unknown placeholders \(unknown.map { "{{\($0)}}" }.joined(separator: ", ")). Known ones are \(known.sorted().map { "{{\($0)}}" }.joined(separator: ", ")).")
        }
        self.template = template
        self.policy = policy
    }

    static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            names.append(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// The statement for `disclosure`, one paragraph of plain text. A declaration of no AI use
    /// always takes the default wording: a template describes AI use, and its tools, purposes
    /// and review would be empty.
    public func render(_ d: Disclosure) -> String {
        let body = renderBody(d)
        guard let contact = contact.map({ QuickTrim.whitespacesAndNewlines($0) }), !contact.isEmpty else { return body }
        let closed = body.last.map { ".!?".contains($0) } ?? true ? body : body + "."
        return CanonicalText.paragraph(closed + " " + StatementRenderer.contactSentence(contact))
    }

    /// "Questions or complaints about AI use: ai@oak.sch.uk."
    public static func contactSentence(_ contact: String) -> String {
        let end = contact.hasSuffix(".") ? "" : "."
        return "Questions or complaints about AI use: \(CanonicalText.paragraph(contact))\(end)"
    }

    private func renderBody(_ d: Disclosure) -> String {
        if let template, d.extent != .none {
            var out = template
            for (key, value) in values(d) {
                out = out.replacingOccurrences(of: "{{\(key)}}", with: value)
                out = out.replacingOccurrences(of: "{{ \(key) }}", with: value)
            }
            return CanonicalText.paragraph(out)
        }
        return CanonicalText.paragraph(([StatementRenderer.label] + sentences(d)).joined(separator: " "))
    }

    /// Refuses a disclosure whose language this renderer cannot write (see ``StatementLanguage``).
    /// - Throws: ``DisclosureError/invalidInput(_:)``.
    public func checkLanguage(of d: Disclosure, source: String = "--language") throws {
        try StatementLanguage.check(d.language, source: source)
    }

    private func values(_ d: Disclosure) -> [(String, String)] {
        [
            ("tools", StatementRenderer.list(d.tools.map(\.displayName))),
            ("purposes", StatementRenderer.list(d.purposes.map(\.phrase))),
            ("extent", d.extent.phrase),
            ("review", reviewPhrase(d)),
            ("declarant", d.declarant),
            ("organisation", d.organisation ?? ""),
            ("date", StatementRenderer.humanDate(d.date)),
            ("note", d.note ?? ""),
            ("policy", policyPhrase(d) ?? ""),
        ]
    }

    // MARK: The default wording, one function per sentence

    /// The sentences of the default wording, in order, leaving out those with nothing to say.
    func sentences(_ d: Disclosure) -> [String] {
        [useSentence(d), extentSentence(d), reviewSentence(d), declarationSentence(d), noteSentence(d)].compactMap { $0 }
    }

    /// "This document was made with help from A and B for drafting." or "No AI tools were used …".
    func useSentence(_ d: Disclosure) -> String {
        if d.extent == .none { return "No AI tools were used in making this document." }
        let tools = StatementRenderer.list(d.tools.map(\.displayName))
        let purposes = StatementRenderer.list(d.purposes.map(\.phrase))
        var s = tools.isEmpty ? "This document was made with help from AI tools" : "This document was made with help from \(tools)"
        if !purposes.isEmpty { s += " for \(purposes)" }
        return s + "."
    }

    /// "Extent of AI use: part of the content." (nil for a "no AI" declaration).
    func extentSentence(_ d: Disclosure) -> String? {
        d.extent == .none ? nil : "Extent of AI use: \(d.extent.phrase)."
    }

    /// "Human review: reviewed and edited by Head of Communications." (nil for a "no AI" declaration).
    func reviewSentence(_ d: Disclosure) -> String? {
        d.extent == .none ? nil : "Human review: \(reviewPhrase(d))."
    }

    /// "Declared by Jane Smith (Example University) on 4 December 2026 under the Example
    /// University Generative AI Policy, version 3." Each part appears only when its fact is
    /// given; nil when none is.
    func declarationSentence(_ d: Disclosure) -> String? {
        let who = StatementRenderer.given(d.declarant)
        let organisation = StatementRenderer.given(d.organisation)
        let date = StatementRenderer.given(d.date).map(StatementRenderer.humanDate)
        let policy = policyPhrase(d)
        guard who != nil || organisation != nil || date != nil || policy != nil else { return nil }
        var s = "Declared"
        switch (who, organisation) {
        case let (who?, organisation?): s += " by \(who) (\(organisation))"
        case let (who?, nil): s += " by \(who)"
        case let (nil, organisation?): s += " by \(organisation)"
        case (nil, nil): break
        }
        if let date { s += " on \(date)" }
        if let policy { s += " under \(policy)" }
        return StatementRenderer.closed(s)
    }

    /// "Note: …." when the declarant gave a note.
    func noteSentence(_ d: Disclosure) -> String? {
        StatementRenderer.given(d.note).map { StatementRenderer.closed("Note: " + StatementRenderer.sentenceFragment($0)) }
    }

    // MARK: Phrases

    private func reviewPhrase(_ d: Disclosure) -> String {
        var s = d.review.level.phrase
        if let who = StatementRenderer.given(d.review.reviewer), d.review.level != .none { s += " by \(who)" }
        if let note = StatementRenderer.given(d.review.note) { s += " (\(StatementRenderer.sentenceFragment(note)))" }
        return s
    }

    /// "the Example University Generative AI Policy, version 3" when the renderer knows the
    /// policy's name; "policy example-university-genai, version 3" otherwise; nil without a policy.
    func policyPhrase(_ d: Disclosure) -> String? {
        guard let reference = d.policy, let id = StatementRenderer.given(reference.id) else { return nil }
        var s: String
        if let policy, policy.id == reference.id, let name = StatementRenderer.given(policy.name) {
            s = name.lowercased().hasPrefix("the ") ? name : "the \(name)"
        } else {
            s = "policy \(id)"
        }
        if let version = StatementRenderer.given(reference.version) { s += ", version \(version)" }
        return s
    }

    /// The text with outer spaces trimmed, or nil when nothing is left.
    static func given(_ s: String?) -> String? {
        guard let t = s.map({ QuickTrim.whitespacesAndNewlines($0) }), !t.isEmpty else { return nil }
        return t
    }

    /// `s` ending with a full stop unless it already ends a sentence.
    static func closed(_ s: String) -> String {
        s.hasSuffix(".") || s.hasSuffix("!") || s.hasSuffix("?") ? s : s + "."
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    static func sentenceFragment(_ s: String) -> String {
        CanonicalText.paragraph(s)
    }

    /// "2026-11-25" → "25 November 2026"; other ISO forms use their date part; anything else unchanged.
    ///
    /// A plain `yyyy-MM-dd` date from 1900 to 9999 is written out here, without `DateFormatter`: the
    /// first formatter of a run loads ICU's calendar and locale data, about 9 million instructions
    /// (a twentieth of a small DOCX's stamp, and paid again by every `verify`). Anything else goes
    /// to ``humanDateByFormatter(_:)``; `HumanDateTests` compares the two on every day of
    /// several years, on impossible dates and on random ones.
    static func humanDate(_ iso: String) -> String {
        if let quick = quickHumanDate(iso) { return quick }
        return humanDateByFormatter(iso)
    }

    /// `humanDate` for a date part of exactly four, two and two ASCII digits that is a real day
    /// from 1900 to 9999 (``CivilDate/parse(_:)``), or nil.
    static func quickHumanDate(_ iso: String) -> String? {
        guard let (year, month, day) = CivilDate.parse(iso.utf8.prefix(10)) else { return nil }
        return "\(day) \(DeclarationDate.monthNames[month - 1]) \(year)"
    }

    /// `humanDate` through `DateFormatter` (ICU): the reference, and the answer for any date
    /// part ``quickHumanDate(_:)`` does not take.
    static func humanDateByFormatter(_ iso: String) -> String {
        let datePart = String(iso.prefix(10))
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        guard let date = f.date(from: datePart) else { return iso }
        let out = DateFormatter()
        out.locale = Locale(identifier: "en_GB")
        out.timeZone = TimeZone(identifier: "UTC")
        out.dateFormat = "d MMMM yyyy"
        return out.string(from: date)
    }
}
