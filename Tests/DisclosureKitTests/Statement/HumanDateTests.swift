@testable import DisclosureKit
import Foundation
import Testing

/// `StatementRenderer.humanDate` writes plain dates itself and leaves the rest to `DateFormatter`
/// (`humanDateByFormatter`, the code it replaced): both must agree wherever the quick path answers.
@Suite struct HumanDateTests {
    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String {
        String(format: "%04d-%02d-%02d", y, m, d)
    }

    @Test(arguments: [1900, 1999, 2000, 2024, 2026, 2100, 2400, 9999])
    func everyDayOfTheYearMatchesTheFormatter(year: Int) {
        var answered = 0
        for month in 1...12 {
            for day in 1...31 {
                let text = Self.iso(year, month, day)
                guard let quick = StatementRenderer.quickHumanDate(text) else { continue }
                answered += 1
                #expect(quick == StatementRenderer.humanDateByFormatter(text), "\(text)")
            }
        }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        #expect(answered == (leap ? 366 : 365), "every real day of \(year) takes the quick path")
    }

    @Test func randomDatesAndTimesMatchTheFormatter() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<400 {
            let text = Self.iso(Int.random(in: 1900...9999, using: &generator), Int.random(in: 1...12, using: &generator),
                                Int.random(in: 1...28, using: &generator)) + ["", "T10:30:00Z", "T23:59:59+01:00", " and more"].randomElement(using: &generator)!
            #expect(StatementRenderer.humanDate(text) == StatementRenderer.humanDateByFormatter(text), "\(text)")
            #expect(StatementRenderer.quickHumanDate(text) != nil, "\(text)")
        }
    }

    @Test(arguments: ["2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-11-00", "1899-12-31",
                      "2026-1-05", "2026/11/25", "２０２６-11-25", "26-11-25", "2026-11-2", "", "next Tuesday", "0000-01-01"])
    func anythingElseIsLeftToTheFormatter(text: String) {
        #expect(StatementRenderer.quickHumanDate(text) == nil)
        #expect(StatementRenderer.humanDate(text) == StatementRenderer.humanDateByFormatter(text))
    }

    @Test func theDocumentedExamples() {
        #expect(StatementRenderer.humanDate("2026-11-25") == "25 November 2026")
        #expect(StatementRenderer.humanDate("2026-01-05T09:00:00Z") == "5 January 2026")
        #expect(StatementRenderer.humanDate("not a date") == "not a date")
    }
}
