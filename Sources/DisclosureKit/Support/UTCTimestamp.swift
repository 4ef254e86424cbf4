import Foundation

/// A moment written as `2026-12-07T05:47:17Z`: UTC, to the second, exactly as
/// `ISO8601DateFormatter()` writes it with its default options.
///
/// Reports put one in their header. Making an `ISO8601DateFormatter` starts ICU's date
/// formatting, about 3 ms of a warm audit's 30 ms start-up; this is arithmetic on the
/// calendar (`UTCTimestampTests` compares the two across four centuries).
public enum UTCTimestamp {
    /// `date` as `YYYY-MM-DDTHH:MM:SSZ`. Like Foundation's formatter, the time is first rounded
    /// to the millisecond (half a millisecond up) and the fraction of a second then dropped
    /// (23:59:59.9996 is midnight).
    public static func string(from date: Date = Date()) -> String {
        // Half a millisecond rounds up, towards the future, before and after 1970 alike
        // (`rounded()` took -0.5 ms away from zero: UTCTimestampTests found 1952-06-12T03:07:38
        // where Foundation wrote 03:07:39).
        let milliseconds = ((date.timeIntervalSinceReferenceDate + Date.timeIntervalBetween1970AndReferenceDate) * 1000 + 0.5).rounded(.down)
        var seconds = time_t((milliseconds / 1000).rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil, parts.tm_year + 1900 >= 0, parts.tm_year + 1900 <= 9999 else {
            return ISO8601DateFormatter().string(from: date)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func put(_ value: Int32, digits: Int, then separator: UInt8) {
            var divisor: Int32 = 1
            for _ in 1..<digits { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
            bytes.append(separator)
        }
        put(parts.tm_year + 1900, digits: 4, then: UInt8(ascii: "-"))
        put(parts.tm_mon + 1, digits: 2, then: UInt8(ascii: "-"))
        put(parts.tm_mday, digits: 2, then: UInt8(ascii: "T"))
        put(parts.tm_hour, digits: 2, then: UInt8(ascii: ":"))
        put(parts.tm_min, digits: 2, then: UInt8(ascii: ":"))
        put(parts.tm_sec, digits: 2, then: UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
