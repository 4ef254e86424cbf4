import Foundation

/// Renders the visible statement from a ``Disclosure``: plain English, short enough to
/// read in ten seconds, carrying every declared fact. The same disclosure always renders
/// the same words.
///
/// A template (from a file) may replace the default wording. Placeholders are written
/// `{{name}}`: `tools`, `purposes`, `extent`, `review`, `declarant`, `organisation`,
/// `date`, `note`, `policy`. A template must use `tools`, `purposes`, `extent`, `review`,
/// `declarant` and `date`, so that no declared fact can be left out.
public struct StatementRenderer: Sendable {
    /// The placeholders every template must use.
    public static let requiredPlaceholders = ["tools", "purposes", "extent", "review", "declarant", "date"]
    /// The label that opens every default statement.
    public static let label = "AI use disclosure:"

    /// The custom template, or nil for the default wording.
    public let template: String?
    /// Whom to ask about AI use or complain to (the policy's `contact`); when given, the
    /// statement ends with a sentence naming it, whatever the template.
    public var contact: String?

    /// A renderer with the default wording.
    public init() { template = nil }

    /// A renderer with a custom template.
    /// - Throws: ``DisclosureError/invalidInput(_:)`` when a required placeholder is missing or unknown ones are used.
    public init(template: String, source: String = "template") throws {
        let used = Set(StatementRenderer.placeholders(in: template))
        let missing = StatementRenderer.requiredPlaceholders.filter { !used.contains($0) }
        if !missing.isEmpty {
            throw DisclosureError.invalidInput(
                "\(source): the statement template leaves out \(missing.map { "{{\($0)}}" }.joined(separator: ", ")). A statement must carry every declared fact; add the missing placeholders.")
        }
        let known = Set(StatementRenderer.requiredPlaceholders + ["organisation", "note", "policy"])
        let unknown = used.subtracting(known).sorted()
        if !unknown.isEmpty {
            throw DisclosureError.invalidInput(
                "\(source): unknown placeholders \(unknown.map { "{{\($0)}}" }.joined(separator: ", ")). Known ones are \(known.sorted().map { "{{\($0)}}" }.joined(separator: ", ")).")
        }
        self.template = template
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

    /// The statement for `disclosure`, one paragraph of plain text.
    public func render(_ d: Disclosure) -> String {
        let body = renderBody(d)
        guard let contact = contact?.trimmingCharacters(in: .whitespacesAndNewlines), !contact.isEmpty else { return body }
        let closed = body.last.map { ".!?".contains($0) } ?? true ? body : body + "."
        return CanonicalText.paragraph(closed + " " + StatementRenderer.contactSentence(contact))
    }

    /// "Questions or complaints about AI use: ai@oak.sch.uk."
    public static func contactSentence(_ contact: String) -> String {
        let end = contact.hasSuffix(".") ? "" : "."
        return "Questions or complaints about AI use: \(CanonicalText.paragraph(contact))\(end)"
    }

    private func renderBody(_ d: Disclosure) -> String {
        if let template {
            var out = template
            for (key, value) in values(d) {
                out = out.replacingOccurrences(of: "{{\(key)}}", with: value)
                out = out.replacingOccurrences(of: "{{ \(key) }}", with: value)
            }
            return CanonicalText.paragraph(out)
        }
        return CanonicalText.paragraph(defaultWording(d))
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
            ("policy", d.policy.map { $0.id + ($0.version.map { " version \($0)" } ?? "") } ?? ""),
        ]
    }

    private func reviewPhrase(_ d: Disclosure) -> String {
        var s = d.review.level.phrase
        if let who = d.review.reviewer, !who.isEmpty, d.review.level != .none { s += " by \(who)" }
        if let note = d.review.note, !note.isEmpty { s += " (\(StatementRenderer.sentenceFragment(note)))" }
        return s
    }

    private func defaultWording(_ d: Disclosure) -> String {
        var s = StatementRenderer.label + " "
        if d.extent == .none {
            s += "No AI tools were used in making this document."
        } else {
            s += "This document was made with help from \(StatementRenderer.list(d.tools.map(\.displayName)))"
            s += d.purposes.isEmpty ? "." : " for \(StatementRenderer.list(d.purposes.map(\.phrase)))."
            s += " Extent of AI use: \(d.extent.phrase)."
            s += " Human review: \(reviewPhrase(d))."
        }
        s += " Declared by \(d.declarant)"
        if let org = d.organisation, !org.isEmpty { s += ", \(org)" }
        s += ", on \(StatementRenderer.humanDate(d.date))."
        if let policy = d.policy {
            s += " Policy: \(policy.id)\(policy.version.map { " version \($0)" } ?? "")."
        }
        if let note = d.note, !note.isEmpty {
            s += " Note: \(StatementRenderer.sentenceFragment(note))"
            if !s.hasSuffix(".") && !s.hasSuffix("!") && !s.hasSuffix("?") { s += "." }
        }
        return s
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
    static func humanDate(_ iso: String) -> String {
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
