import Foundation

/// Readable text inside C2PA manifest bytes (JUMBF boxes holding CBOR), enough to find the
/// claim generator and digital source type without decoding CBOR. Also decodes the invisible
/// text wrapper (U+FEFF followed by variation selectors).
enum C2PAText {
    /// Runs of printable ASCII at least `minimum` bytes long, joined by spaces, at most `limit` characters.
    static func printableRuns(_ data: Data, minimum: Int = 6, limit: Int = 8192) -> String {
        var out = ""
        var run: [UInt8] = []
        func flush() {
            if run.count >= minimum, out.count < limit {
                if !out.isEmpty { out += " " }
                out += String(decoding: run, as: UTF8.self)
            }
            run.removeAll(keepingCapacity: true)
        }
        for b in data {
            if b >= 0x20 && b < 0x7F { run.append(b) } else { flush() }
            if out.count >= limit { break }
        }
        flush()
        return String(out.prefix(limit))
    }

    /// The byte a variation selector encodes in the C2PA text wrapper, or nil.
    static func selectorByte(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0xFE00...0xFE0F: return UInt8(scalar.value - 0xFE00)
        case 0xE0100...0xE01EF: return UInt8(scalar.value - 0xE0100 + 16)
        default: return nil
        }
    }

    /// The bytes of every C2PA text wrapper in `text` (U+FEFF followed by at least 8 variation selectors).
    static func wrappers(in text: String) -> [Data] {
        var out: [Data] = []
        var current: [UInt8]?
        for scalar in text.unicodeScalars {
            if scalar.value == 0xFEFF {
                if let c = current, c.count >= 8 { out.append(Data(c)) }
                current = []
                continue
            }
            if current != nil, let byte = selectorByte(scalar) {
                current!.append(byte)
                continue
            }
            if let c = current, c.count >= 8 { out.append(Data(c)) }
            current = nil
        }
        if let c = current, c.count >= 8 { out.append(Data(c)) }
        return out
    }
}
