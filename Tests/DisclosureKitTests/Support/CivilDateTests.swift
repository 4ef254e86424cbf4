@testable import DisclosureKit
import Foundation
import Testing

/// `CivilDate` replaced `DateFormatter` (ICU) for plain dates; these compare the two.
@Suite struct CivilDateTests {
    static func formatter(_ format: String) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = format
        return f
    }

    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String { String(format: "%04d-%02d-%02d", y, m, d) }

    @Test(arguments: [1900, 1969, 1970, 2000, 2024, 2026, 2100, 2400, 9999])
    func everyDayOfTheYearIsTheFormattersDay(year: Int) throws {
        let f = Self.formatter("yyyy-MM-dd")
        var count = 0
        for month in 1...12 {
            for day in 1...CivilDate.daysIn(month: month, year: year) {
                let text = Self.iso(year, month, day)
                let parsed = try #require(CivilDate.parse(text.utf8[...]), "\(text)")
                #expect(parsed == (year, month, day))
                let days = CivilDate.days(year: year, month: month, day: day)
                let reference = try #require(f.date(from: text))
                #expect(Double(days) * 86_400 == reference.timeIntervalSince1970, "\(text)")
                #expect(CivilDate.date(days: days) == (year, month, day), "\(text): and back")
                #expect(DeclarationDate.day(text) == reference, "\(text)")
                #expect(Disclosure.epochSeconds(text) == Int(reference.timeIntervalSince1970), "\(text)")
                count += 1
            }
        }
        #expect(count == (CivilDate.daysIn(month: 2, year: year) == 29 ? 366 : 365))
    }

    @Test func todayIsTheFormattersDayAtAnyMoment() {
        let f = Self.formatter("yyyy-MM-dd")
        var generator = SystemRandomNumberGenerator()
        let start = f.date(from: "1900-01-01")!.timeIntervalSince1970
        let end = f.date(from: "9999-12-31")!.timeIntervalSince1970 + 86_399
        var moments = (0..<2_000).map { _ in Double.random(in: start...end, using: &generator) }
        // Around midnight, before and after 1970.
        for day in [-25_567, -1, 0, 1, 20_000, 20_794] {
            let midnight = Double(day) * 86_400
            moments += [midnight, midnight - 0.001, midnight + 0.001, midnight - 1, midnight + 86_399.999]
        }
        // Far outside the years answered here, the formatter answers (and nothing overflows).
        moments += [1e12, -1e12, 1e20, -1e20, 1e30, 4e11]
        for moment in moments {
            let date = Date(timeIntervalSince1970: moment)
            #expect(Disclosure.today(date) == f.string(from: date), "\(moment)")
        }
    }

    @Test(arguments: ["2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-11-00", "1899-12-31", "0000-01-01",
                      "2026-1-05", "2026/11/25", "２０２６-11-25", "2026-11-2", "2026-11-250", ""])
    func anythingElseIsLeftToTheFormatter(text: String) {
        #expect(CivilDate.parse(text.utf8[...]) == nil)
    }

    /// `Disclosure.isISO8601` reads a plain date with `CivilDate.fields`, which takes any year.
    @Test func isoDatesOfAnyYearAreChecked() {
        #expect(CivilDate.fields("0000-01-01".utf8[...]) != nil)
        #expect(CivilDate.parse("0000-01-01".utf8[...]) == nil, "before 1900 the formatter answers")
        #expect(Disclosure.isISO8601("0400-02-29"))
        #expect(!Disclosure.isISO8601("1900-02-29"))
        #expect(Disclosure.isISO8601("2024-02-29"))
        #expect(!Disclosure.isISO8601("2026-02-29"))
        #expect(!Disclosure.isISO8601("2026-11-31"))
        #expect(!Disclosure.isISO8601("2026-11-2x"))
        #expect(Disclosure.isISO8601("2026-11-25T10:00:00Z"))
    }

    @Test func timestampsUseTheirDay() throws {
        let reference = try #require(Self.formatter("yyyy-MM-dd").date(from: "2026-11-25"))
        #expect(DeclarationDate.day("2026-11-25T23:59:59Z") == reference)
        #expect(DeclarationDate.day("2026-11-25T10:00:00.250+01:00") == reference)
        #expect(DeclarationDate.day("25 November 2026") == nil)
        // Before 1900 the formatter still answers.
        #expect(DeclarationDate.day("1850-06-01") == Self.formatter("yyyy-MM-dd").date(from: "1850-06-01"))
        #expect(Disclosure.epochSeconds("1850-06-01") == Self.formatter("yyyy-MM-dd").date(from: "1850-06-01").map { Int($0.timeIntervalSince1970) })
    }
}
