import Foundation

extension Disclosure {
    /// The values of the W3C `<meta name="ai-disclosure">` vocabulary we write (the AI Content
    /// Disclosure Community Group's final report): `human-only`, `ai-assisted`, `ai-autonomous`.
    public static let w3cDisclosureValues = ["human-only", "ai-assisted", "ai-autonomous"]

    /// The value of the W3C `<meta name="ai-disclosure">` tag. `ai-assisted` asserts that a
    /// person reviewed the text before publication, so it needs a review other than `none`:
    /// extent `none` → `human-only`; any AI use with review `none` → `ai-autonomous`, whatever
    /// the extent; any AI use a person reviewed → `ai-assisted`, whatever the extent.
    public var w3cDisclosureValue: String {
        if extent == .none { return "human-only" }
        return review.level == .none ? "ai-autonomous" : "ai-assisted"
    }

    /// The value versions before 2026-12 wrote, from the extent alone (the Community Group's
    /// draft, which had `mixed`): `none` → `human-only`; `minor-edits`, `partial` →
    /// `ai-assisted`; `substantial` → `mixed`; `wholly-generated` → `ai-autonomous`.
    public var legacyW3CDisclosureValue: String {
        switch extent {
        case .none: return "human-only"
        case .minorEdits, .partial: return "ai-assisted"
        case .substantial: return "mixed"
        case .whollyGenerated: return "ai-autonomous"
        }
    }

    /// True when `stored`, a `mode` or `ai-disclosure` value found in a document, agrees with
    /// this disclosure: today's value, or the one an earlier version wrote for the same facts.
    public func agreesWithW3CDisclosureValue(_ stored: String) -> Bool {
        let value = stored.trimmingCharacters(in: .whitespaces).lowercased()
        return value == w3cDisclosureValue || value == legacyW3CDisclosureValue
    }
}

extension Extent {
    /// The `mode` of the IETF draft's `AI-Disclosure` header (draft-abaris-aicdh):
    /// `none` → `none`; `minor-edits`, `partial`, `substantial` → `ai-modified`;
    /// `wholly-generated` → `ai-originated` (after human review) or `machine-generated` (none).
    public func ietfMode(review: ReviewLevel) -> String {
        switch self {
        case .none: return "none"
        case .minorEdits, .partial, .substantial: return "ai-modified"
        case .whollyGenerated: return review == .none ? "machine-generated" : "ai-originated"
        }
    }
}

extension Disclosure {
    /// The value of the `AI-Disclosure` HTTP response header (IETF draft-abaris-aicdh), an HTTP
    /// structured-field dictionary: `mode`, then `model`, `provider`, `reviewed-by` when known,
    /// and `date` as a structured-field date (seconds since 1970, UTC).
    public var httpHeaderValue: String {
        func quoted(_ s: String) -> String {
            let ascii = s.unicodeScalars.map { $0.value >= 0x20 && $0.value < 0x7F ? String($0) : "?" }.joined()
            return "\"" + ascii.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var members = ["mode=\(extent.ietfMode(review: review.level))"]
        if let tool = tools.first {
            members.append("model=\(quoted(tool.model ?? tool.name))")
            if let provider = tool.provider { members.append("provider=\(quoted(provider))") }
        }
        if review.level != .none { members.append("reviewed-by=\(quoted(review.reviewer ?? declarant))") }
        if let seconds = Disclosure.epochSeconds(date) { members.append("date=@\(seconds)") }
        return members.joined(separator: ", ")
    }

    static func epochSeconds(_ iso: String) -> Int? {
        if iso.count == 10 {
            if let (year, month, day) = CivilDate.parse(iso.utf8[...]) {
                return CivilDate.days(year: year, month: month, day: day) * 86_400
            }
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd"
            return f.date(from: iso).map { Int($0.timeIntervalSince1970) }
        }
        return ISO8601DateFormatter().date(from: iso).map { Int($0.timeIntervalSince1970) }
    }
}
