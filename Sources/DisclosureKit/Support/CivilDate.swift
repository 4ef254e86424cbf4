import Foundation

/// Calendar days in UTC, counted without ICU. A stamp needs the declaration date as a day, today's
/// date, and a date's seconds since 1970; `DateFormatter` gave them, but the first formatter of a
/// run loads ICU's calendar and number-parsing data, about 8 million instructions (a twentieth of
/// a small DOCX's stamp). For years from 1900 to 9999 (where ICU's calendar is the Gregorian one)
/// these answer the same; `CivilDateTests` compares them with `DateFormatter` over every day of
/// several years and random moments. Callers keep the formatter for anything outside that range.
enum CivilDate {
    /// The years answered here.
    static let years = 1900...9999

    /// Days from 1970-01-01 to `year`-`month`-`day` in the proleptic Gregorian calendar (negative
    /// before 1970). The month and day must make a real date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        // Count years from 1 March, so the leap day is the last day of the counted year.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01.
    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The year, month and day of a `yyyy-MM-dd` text of exactly four, two and two ASCII digits
    /// that is a real date in ``years``; nil for anything else.
    static func parse(_ text: Substring.UTF8View) -> (year: Int, month: Int, day: Int)? {
        guard let fields = fields(text), years.contains(fields.year) else { return nil }
        return fields
    }

    /// As ``parse(_:)``, for any year from 0000 to 9999 (the form ISO 8601 dates take).
    static func fields(_ text: Substring.UTF8View) -> (year: Int, month: Int, day: Int)? {
        guard text.count == 10 else { return nil }
        let bytes = Array(text)
        guard bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = bytes[i]
                guard b >= 0x30 && b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return (year, month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// `now`'s UTC day as `yyyy-MM-dd`, when its year is in ``years``.
    static func isoDay(_ now: Date) -> String? {
        let seconds = now.timeIntervalSince1970
        // Years 1900 to 9999 lie well inside this; further out (a date read from a document's
        // properties can be anything) `Int(_:)` could overflow, and the formatter answers.
        guard seconds.isFinite, abs(seconds) < 1e12 else { return nil }
        let days = Int((seconds / 86_400).rounded(.down))
        let (year, month, day) = date(days: days)
        guard years.contains(year) else { return nil }
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}
