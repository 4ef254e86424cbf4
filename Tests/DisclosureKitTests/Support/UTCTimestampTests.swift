import DisclosureKit
import Foundation
import Testing

/// Report headers' time stamps are written without ICU; they must match `ISO8601DateFormatter`.
struct UTCTimestampTests {
    @Test func matchesTheFoundationFormatterAcrossFourCenturies() {
        let formatter = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        // Fixed moments (epoch, leap days, year ends, fractions just under a second) and random ones from 1900 to 2300.
        var moments: [Double] = [0, 0.999, -0.5, 951_782_400, 951_868_799.9999, 4_107_542_399, 1_796_601_437, 1_798_761_599.75, -2_208_988_800]
        moments += [0.9995, 0.99949, -0.0004, -0.0005, -0.0006, -553_985_541.0005, -1.0005, -0.0015, 1.0005]
        // Exactly half a millisecond before and after 1970, where rounding away from zero and rounding up differ.
        for _ in 0..<2_000 { moments.append(Double(Int.random(in: -2_208_988_800...4_102_444_800, using: &generator)) + Double(Int.random(in: 0...999, using: &generator)) / 1000 + 0.0005) }
        for _ in 0..<2_000 { moments.append(Double.random(in: -2_208_988_800...10_413_792_000, using: &generator)) }
        // Just under a whole second, where the formatter's rounding to the millisecond shows.
        for _ in 0..<2_000 { moments.append(Double(Int.random(in: -2_208_988_800...10_413_792_000, using: &generator)) + Double.random(in: 0.999...1, using: &generator)) }
        for seconds in moments {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(UTCTimestamp.string(from: date) == formatter.string(from: date), "at \(seconds)")
        }
    }

    @Test func isTwentyCharactersInUTC() {
        let text = UTCTimestamp.string(from: Date(timeIntervalSince1970: 1_796_621_237))
        #expect(text == "2026-12-07T05:27:17Z")
    }
}
