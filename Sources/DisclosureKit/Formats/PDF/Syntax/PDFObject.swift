import Foundation

/// A reference to an indirect object: `12 0 R` (ISO 32000-1 §7.3.10).
struct PDFReference: Hashable, Sendable, CustomStringConvertible {
    /// The object number, 1 or more.
    var number: Int
    /// The generation number, usually 0.
    var generation: Int

    init(_ number: Int, _ generation: Int = 0) {
        self.number = number
        self.generation = generation
    }

    var description: String { "\(number) \(generation) R" }
}

/// A dictionary that keeps its keys in the order they were read, so an object we rewrite keeps
/// the order the file gave it. Keys are names without the slash.
struct PDFDictionary: Equatable, Sendable {
    private(set) var entries: [(key: String, value: PDFObject)] = []

    init(_ entries: [(key: String, value: PDFObject)] = []) {
        for (key, value) in entries { self[key] = value }
    }

    /// The value for `key`, or nil (a `null` value counts as absent, as the standard says).
    subscript(key: String) -> PDFObject? {
        get {
            guard let value = entries.first(where: { $0.key == key })?.value, value != .null else { return nil }
            return value
        }
        set {
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    var keys: [String] { entries.map(\.key) }
    var isEmpty: Bool { entries.isEmpty }

    static func == (a: PDFDictionary, b: PDFDictionary) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

/// A PDF object (ISO 32000-1 §7.3) as Disclose reads and writes it. Streams are not values here:
/// a stream is an indirect object whose dictionary is a ``PDFDictionary`` and whose data the
/// reader fetches separately, under the safety limits.
indirect enum PDFObject: Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    /// A real number, kept as written (`0.5`, `-.25`) so a rewritten object keeps its bytes.
    case real(String)
    /// A string's bytes (literal or hexadecimal in the file; escapes resolved).
    case string(Data)
    /// A name without its slash, `#xx` escapes resolved; each byte is one Latin-1 scalar,
    /// so any name round-trips exactly.
    case name(String)
    case array([PDFObject])
    case dictionary(PDFDictionary)
    case reference(PDFReference)

    // MARK: Accessors

    var integerValue: Int? {
        if case .integer(let v) = self { return v }
        return nil
    }

    /// The value of an integer or real.
    var number: Double? {
        switch self {
        case .integer(let v): return Double(v)
        case .real(let s): return Double(s) ?? Double("0" + s) ?? (s.hasPrefix("-.") ? Double("-0" + s.dropFirst()) : nil)
        default: return nil
        }
    }

    var nameValue: String? {
        if case .name(let v) = self { return v }
        return nil
    }

    var stringBytes: Data? {
        if case .string(let v) = self { return v }
        return nil
    }

    var arrayValue: [PDFObject]? {
        if case .array(let v) = self { return v }
        return nil
    }

    var dictionaryValue: PDFDictionary? {
        if case .dictionary(let v) = self { return v }
        return nil
    }

    var referenceValue: PDFReference? {
        if case .reference(let v) = self { return v }
        return nil
    }

    var boolValue: Bool? {
        if case .bool(let v) = self { return v }
        return nil
    }

    /// A text string (§7.9.2.2) decoded: UTF-16BE with BOM, UTF-8 with BOM (PDF 2.0), else PDFDocEncoding.
    var textValue: String? {
        guard case .string(let bytes) = self else { return nil }
        return PDFText.decodeTextString(bytes)
    }
}

/// Decoding of PDF text strings (§7.9.2.2).
enum PDFText {
    /// UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding.
    static func decodeTextString(_ bytes: Data) -> String {
        let b = [UInt8](bytes)
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF {
            var units: [UInt16] = []
            var i = 2
            while i + 1 < b.count { units.append(UInt16(b[i]) << 8 | UInt16(b[i + 1])); i += 2 }
            return String(decoding: units, as: UTF16.self)
        }
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            return String(decoding: b[3...], as: UTF8.self)
        }
        return String(String.UnicodeScalarView(b.map { pdfDocEncoding($0) }))
    }

    /// A string to write as a PDF text string: PDFDocEncoding-compatible ASCII stays as it is,
    /// anything else becomes UTF-16BE with a BOM.
    static func encodeTextString(_ text: String) -> Data {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F || $0 == "\n" || $0 == "\t" }) {
            return Data(text.utf8)
        }
        var data = Data([0xFE, 0xFF])
        for unit in text.utf16 { data.append(UInt8(unit >> 8)); data.append(UInt8(unit & 0xFF)) }
        return data
    }

    /// PDFDocEncoding (Annex D.2): Latin-1 except 0x18–0x1F and 0x80–0xA0.
    static func pdfDocEncoding(_ byte: UInt8) -> Unicode.Scalar {
        switch byte {
        case 0x18...0x1F:
            let table: [UInt32] = [0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC]
            return Unicode.Scalar(table[Int(byte - 0x18)])!
        case 0x80...0xA0:
            let table: [UInt32] = [0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212,
                                   0x2030, 0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141,
                                   0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0xFFFD, 0x20AC]
            return Unicode.Scalar(table[Int(byte - 0x80)])!
        default:
            return Unicode.Scalar(byte)
        }
    }
}

// MARK: Writing

extension PDFObject {
    /// The object in PDF syntax, as written in an incremental update.
    var serialized: Data {
        var out = Data()
        write(into: &out)
        return out
    }

    func write(into out: inout Data) {
        switch self {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let v): out.append(contentsOf: Array((v ? "true" : "false").utf8))
        case .integer(let v): out.append(contentsOf: Array(String(v).utf8))
        case .real(let s): out.append(contentsOf: Array(s.utf8))
        case .string(let bytes): PDFObject.writeString(bytes, into: &out)
        case .name(let name): PDFObject.writeName(name, into: &out)
        case .reference(let r): out.append(contentsOf: Array("\(r.number) \(r.generation) R".utf8))
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: " ")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .dictionary(let dict):
            PDFObject.writeDictionary(dict, into: &out)
        }
    }

    static func writeDictionary(_ dict: PDFDictionary, into out: inout Data) {
        out.append(contentsOf: Array("<<".utf8))
        for (key, value) in dict.entries {
            writeName(key, into: &out)
            out.append(UInt8(ascii: " "))
            value.write(into: &out)
            out.append(UInt8(ascii: "\n"))
        }
        out.append(contentsOf: Array(">>".utf8))
    }

    /// A literal string when every byte is printable ASCII, else hexadecimal.
    static func writeString(_ bytes: Data, into out: inout Data) {
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            out.append(UInt8(ascii: "("))
            for b in bytes {
                if b == UInt8(ascii: "(") || b == UInt8(ascii: ")") || b == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
                out.append(b)
            }
            out.append(UInt8(ascii: ")"))
        } else {
            let hex = Array("0123456789ABCDEF".utf8)
            out.append(UInt8(ascii: "<"))
            for b in bytes { out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0x0F)]) }
            out.append(UInt8(ascii: ">"))
        }
    }

    static func writeName(_ name: String, into out: inout Data) {
        let hex = Array("0123456789ABCDEF".utf8)
        out.append(UInt8(ascii: "/"))
        for scalar in name.unicodeScalars {
            let b = UInt8(truncatingIfNeeded: scalar.value)
            if b > 0x20 && b < 0x7F && b != UInt8(ascii: "#") && !PDFLexer.isDelimiter(b) {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "#")); out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0x0F)])
            }
        }
    }
}
