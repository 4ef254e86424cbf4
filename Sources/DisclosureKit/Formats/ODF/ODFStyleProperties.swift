import Foundation

/// The properties of a style that decide whether a reader sees text in it.
struct ODFStyleProperties: Equatable {
    /// `fo:color`, e.g. `#ffffff`.
    var color: String?
    /// `fo:font-size` in points, when given in an absolute unit.
    var fontSizePoints: Double?
    /// `text:display="none"` (hidden text).
    var hidden = false
    /// `presentation:visibility="hidden"` on a drawing page style (a hidden slide).
    var slideHidden = false

    /// A length such as `10pt`, `0.35cm`, `3mm` or `0.1in` in points; nil for percentages and others.
    static func points(_ value: String) -> Double? {
        let units: [(String, Double)] = [("pt", 1), ("cm", 72 / 2.54), ("mm", 72 / 25.4), ("in", 72), ("pc", 12), ("px", 0.75)]
        let v = value.trimmingCharacters(in: .whitespaces).lowercased()
        for (unit, factor) in units where v.hasSuffix(unit) {
            guard let number = Double(v.dropLast(unit.count)), number.isFinite, abs(number) < 1e6 else { return nil }
            return number * factor
        }
        return nil
    }

    /// True for `#fff`-like colours: each channel at least 0xF0.
    static func isNearWhite(_ color: String) -> Bool {
        var hex = color.trimmingCharacters(in: .whitespaces)
        if hex.hasPrefix("#") { hex.removeFirst() }
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        guard hex.count == 6, let v = UInt32(hex, radix: 16) else { return false }
        return (v >> 16) & 0xFF >= 0xF0 && (v >> 8) & 0xFF >= 0xF0 && v & 0xFF >= 0xF0
    }

    /// Why text in this style may not be seen; `minimumPoints` is the smallest readable size.
    func problems(styleWords: String, minimumPoints: Double) -> [String] {
        var out: [String] = []
        if hidden { out.append("\(styleWords) hides the text") }
        if let color, ODFStyleProperties.isNearWhite(color) { out.append("\(styleWords) makes the text white or nearly white (\(color))") }
        if let size = fontSizePoints, size < minimumPoints {
            let shown = size.rounded() == size ? String(Int(size)) : String(format: "%.1f", size)
            out.append("\(styleWords) sets the font size to \(shown) pt, under \(Int(minimumPoints)) pt")
        }
        return out
    }
}
