import Foundation

/// An affine transformation `[a b c d e f]` (ISO 32000-1 §8.3.4), applied to row vectors as the
/// standard writes it: `[x y 1] × M`.
struct PDFMatrix: Equatable {
    var a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0

    static let identity = PDFMatrix()

    init(a: Double = 1, b: Double = 0, c: Double = 0, d: Double = 1, e: Double = 0, f: Double = 0) {
        (self.a, self.b, self.c, self.d, self.e, self.f) = (a, b, c, d, e, f)
    }

    /// Six numbers from operands or an array; nil unless all six are numbers.
    init?(_ values: [PDFObject]) {
        guard values.count == 6 else { return nil }
        let n = values.compactMap(\.number)
        guard n.count == 6, n.allSatisfy(\.isFinite) else { return nil }
        self.init(a: n[0], b: n[1], c: n[2], d: n[3], e: n[4], f: n[5])
    }

    static func translation(_ x: Double, _ y: Double) -> PDFMatrix { PDFMatrix(e: x, f: y) }

    /// `self × other`: first this transformation, then `other`.
    func then(_ m: PDFMatrix) -> PDFMatrix {
        PDFMatrix(a: a * m.a + b * m.c, b: a * m.b + b * m.d,
                  c: c * m.a + d * m.c, d: c * m.b + d * m.d,
                  e: e * m.a + f * m.c + m.e, f: e * m.b + f * m.d + m.f)
    }

    func apply(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        (x * a + y * c + e, x * b + y * d + f)
    }
}

/// The colour text is painted in, as far as telling "white on a white page" needs it.
enum PDFColor: Equatable {
    case gray(Double)
    case rgb(Double, Double, Double)
    case cmyk(Double, Double, Double, Double)
    /// Separation or DeviceN tints: all zero means no ink at all.
    case tints([Double])
    /// A pattern, an indexed colour, or a space we do not read: never reported as white.
    case unknown

    static let black = PDFColor.gray(0)

    /// The colour as red, green and blue from 0 to 1, when known.
    var rgbValue: (Double, Double, Double)? {
        switch self {
        case .gray(let v): return (v, v, v)
        case .rgb(let r, let g, let b): return (r, g, b)
        case .cmyk(let c, let m, let y, let k): return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
        case .tints(let t): return t.allSatisfy { $0 <= 0.05 } ? (1, 1, 1) : nil
        case .unknown: return nil
        }
    }

    /// White or so nearly white that text in it cannot be read on a white page.
    var isNearlyWhite: Bool {
        guard let (r, g, b) = rgbValue else { return false }
        return min(r, g, b) >= 0.9
    }

    /// The colour in words for a message: "white", "RGB 0.95 0.95 0.95".
    var words: String {
        func n(_ v: Double) -> String { String(format: "%.2f", v) }
        switch self {
        case .gray(let v): return v >= 1 ? "white" : "grey \(n(v))"
        case .rgb(let r, let g, let b): return r >= 1 && g >= 1 && b >= 1 ? "white" : "RGB \(n(r)) \(n(g)) \(n(b))"
        case .cmyk(let c, let m, let y, let k): return c + m + y + k <= 0 ? "white (no ink)" : "CMYK \(n(c)) \(n(m)) \(n(y)) \(n(k))"
        case .tints: return "no ink (separation tint 0)"
        case .unknown: return "unknown colour"
        }
    }
}

/// A colour space as far as the number and meaning of its components go.
enum PDFColorSpaceKind: Equatable {
    case gray, rgb, cmyk, lab, tints(Int), pattern, other

    /// The colour a space starts with when selected (§8.6.5.2 ff.).
    var initialColor: PDFColor {
        switch self {
        case .gray, .lab: return .black
        case .rgb: return .rgb(0, 0, 0)
        case .cmyk: return .cmyk(0, 0, 0, 1)
        case .tints(let n): return .tints(Array(repeating: 1, count: n))
        case .pattern, .other: return .unknown
        }
    }

    /// The colour these operand values give in this space.
    func color(_ values: [Double]) -> PDFColor {
        switch self {
        case .gray: return values.count >= 1 ? .gray(values[0]) : .unknown
        case .rgb: return values.count >= 3 ? .rgb(values[0], values[1], values[2]) : .unknown
        case .cmyk: return values.count >= 4 ? .cmyk(values[0], values[1], values[2], values[3]) : .unknown
        case .lab: return values.count >= 1 ? .gray(values[0] / 100) : .unknown
        case .tints: return values.isEmpty ? .unknown : .tints(values)
        case .pattern, .other: return .unknown
        }
    }
}
