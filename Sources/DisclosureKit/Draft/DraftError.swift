import Foundation

/// Why a ``DisclosureDraft`` cannot become a ``Disclosure``. Each case names the field to
/// fix, so the command line can point at the flag (`--tool`) and a form at its input.
public enum DraftError: Error, Equatable, Sendable {
    /// A field given directly (a flag, a form input) is missing, wrong or contradicts another.
    /// `field` is the field's name as in ``DisclosureDraft/Field`` (`tool`, `extent`, `date`, …).
    case field(String, String)
    /// The facts file (`--from`) cannot be used; `field` is the JSON path (`policy.id`), nil for the whole file.
    case file(path: String, field: String?, message: String)

    /// The field the error is about: a draft field, or a JSON path in the facts file.
    public var field: String? {
        switch self {
        case .field(let name, _): return name
        case .file(_, let field, _): return field
        }
    }

    /// The documented exit code: 2, a usage or input error.
    public var exitCode: Int32 { 2 }

    /// The problem in words, without the field's name.
    public var message: String {
        switch self {
        case .field(_, let message): return message
        case .file(_, _, let message): return message
        }
    }
}

extension DraftError: LocalizedError, CustomStringConvertible {
    /// `tool: name the AI tool…`, or `facts.json: policy.id: the field is missing…`.
    public var description: String {
        switch self {
        case .field(let name, let message):
            return "\(name): \(message)"
        case .file(let path, let field, let message):
            return "\(path): " + (field.map { "\($0): " } ?? "") + message
        }
    }

    public var errorDescription: String? { description }
}

/// Something accepted with a warning: the stamp goes ahead, and the person is told.
public struct DraftWarning: Equatable, Sendable, CustomStringConvertible {
    /// The field the warning is about.
    public var field: String
    /// The warning in words.
    public var message: String

    /// Creates a warning.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `date: …`.
    public var description: String { "\(field): \(message)" }
}

/// Reading declaration dates: why a date is not a real day, and when a real one deserves a warning.
public enum DeclarationDate {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// Why `text` is not a date a declaration can carry, or nil when it is one.
    /// A `YYYY-MM-DD` with an impossible day says so ("there is no 31 November 2026").
    public static func problem(_ text: String) -> String? {
        if Disclosure.isISO8601(text) { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
           let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), parts.allSatisfy({ $0.allSatisfy(\.isASCII) }) {
            guard (1...12).contains(m) else {
                return "\"\(text)\" has month \(parts[1]); months run from 01 to 12 (YYYY-MM-DD)"
            }
            if d == 0 { return "\"\(text)\" has day 00; days start at 01 (YYYY-MM-DD)" }
            if m == 2 && d == 29 && CivilDate.daysIn(month: 2, year: y) == 28 { return "there is no 29 February in \(y): \(y) is not a leap year" }
            return "there is no \(d) \(monthNames[m - 1]) (\"\(text)\"); check the day"
        }
        return "\"\(text)\" is not a date in the form YYYY-MM-DD (or an ISO 8601 timestamp)"
    }

    /// The start of `text` as a day (UTC midnight), when it is a valid date.
    public static func day(_ text: String) -> Date? {
        guard Disclosure.isISO8601(text) else { return nil }
        if let (year, month, day) = CivilDate.parse(text.utf8.prefix(10)) {
            return Date(timeIntervalSince1970: Double(CivilDate.days(year: year, month: month, day: day)) * 86_400)
        }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.date(from: String(text.prefix(10)))
    }

    /// Warnings for a valid date that may be a slip: in the future, or more than a year
    /// before the document was last modified.
    /// - Parameters:
    ///   - text: the declaration date.
    ///   - modified: when the document was last modified, when known.
    ///   - now: the current time.
    public static func warnings(_ text: String, modified: Date?, now: Date = Date()) -> [DraftWarning] {
        guard let day = day(text) else { return [] }
        var found: [DraftWarning] = []
        if day > now {
            found.append(DraftWarning(field: "date", message: "the date \(text) is in the future; it was recorded as given, so check it is the day of the declaration"))
        }
        if let modified, day.addingTimeInterval(366 * 86_400) < modified {
            found.append(DraftWarning(field: "date", message: "the date \(text) is more than a year before the document was last changed (\(Disclosure.today(modified))); it was recorded as given, so check it"))
        }
        return found
    }
}
