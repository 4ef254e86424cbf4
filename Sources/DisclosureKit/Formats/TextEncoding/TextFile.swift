import Foundation

/// A text file decoded to UTF-8 for parsing, keeping a map back to the original bytes so
/// that edits are made in the original bytes and everything else stays identical.
struct TextFile {
    enum Encoding: Equatable {
        case utf8
        /// UTF-8 with ill-formed sequences read as U+FFFD, as browsers read a page declared
        /// UTF-8 whose bytes are not; the original bytes are kept and mapped as for legacy files.
        case utf8Replacing
        case utf16LE
        case utf16BE
        /// An ASCII-compatible legacy encoding, decoded with iconv.
        case legacy(String)
    }

    let original: Data
    let encoding: Encoding
    /// A name for people: `UTF-8`, `UTF-16LE`, `windows-1252`.
    let encodingName: String
    let bomLength: Int
    /// The content decoded to UTF-8, without the byte order mark. For a UTF-8 file without one
    /// (most files) this shares `original`'s storage: the file is held once, not copied.
    /// Offsets start at 0.
    let decoded: Data
    /// ``decoded`` as an array: a copy made on each call, for callers that index it heavily.
    var utf8: [UInt8] { [UInt8](decoded) }
    /// For non-UTF-8 files: `map[i]` is the original offset of UTF-8 offset `i` (at character starts and the end).
    private let map: [Int32]?
    /// The line ending the file uses most: `\n`, `\r\n` or `\r` (`\n` when it has none).
    let eol: String

    /// The original byte offset of a UTF-8 offset at a character boundary.
    func originalOffset(_ utf8Offset: Int) -> Int {
        if let map { return Int(map[utf8Offset]) }
        return utf8Offset + bomLength
    }

    /// Text encoded for insertion into this file. Characters a legacy encoding lacks must be
    /// escaped by the caller (HTML: numeric character references).
    func encode(_ text: String) -> Data {
        switch encoding {
        case .utf8, .utf8Replacing, .legacy: return Data(text.utf8)
        case .utf16LE: return Data(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        case .utf16BE: return Data(text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        }
    }

    /// Decodes `data`: a byte order mark wins; then `declared` (an iconv name) when given;
    /// then UTF-8; then, when the bytes are not UTF-8, U+FFFD for each ill-formed sequence when
    /// `replacingInvalidUTF8` (WHATWG's UTF-8 decoder), else `fallback`.
    /// - Throws: ``DisclosureError/invalidEncoding(path:encoding:byteOffset:)`` for bytes not valid in the encoding used.
    /// `firstInvalid`, when given, is ``firstInvalidUTF8(_:)-(Data)`` of `data`, already worked out by the caller.
    init(data: Data, path: String, declared: String? = nil, fallback: String? = nil, replacingInvalidUTF8: Bool = false,
         firstInvalid known: Int?? = nil) throws {
        // Offsets are counted from 0 throughout; a slice of a larger Data is copied once.
        let data = data.startIndex == 0 ? data : Data(data)
        original = data
        var chosen: String?
        // The UTF-8 check, made once (the byte order mark's bytes are valid UTF-8).
        var checked = known
        func firstInvalid() -> Int? {
            if let checked { return checked }
            let value = TextFile.firstInvalidUTF8(data)
            checked = .some(value)
            return value
        }
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            encoding = .utf8; encodingName = "UTF-8"; bomLength = 3; map = nil
            decoded = Data(data[3...])
            if let bad = firstInvalid() { throw DisclosureError.invalidEncoding(path: path, encoding: "UTF-8", byteOffset: bad) }
            eol = TextFile.dominantLineEnding(decoded)
            try refuseNUL(path: path)
            return
        } else if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            let little = data.first == 0xFF
            encoding = little ? .utf16LE : .utf16BE; encodingName = little ? "UTF-16LE" : "UTF-16BE"; bomLength = 2
            let (bytes, offsets) = try TextFile.decodeUTF16([UInt8](data), little: little, path: path)
            decoded = Data(bytes); map = offsets
            eol = TextFile.dominantLineEnding(decoded)
            try refuseNUL(path: path)
            return
        } else if let declared {
            chosen = declared
        } else if replacingInvalidUTF8, firstInvalid() != nil {
            encoding = .utf8Replacing; encodingName = "UTF-8"; bomLength = 0
            let (bytes, offsets) = TextFile.decodeUTF8Replacing([UInt8](data))
            decoded = Data(bytes); map = offsets
            eol = TextFile.dominantLineEnding(decoded)
            try refuseNUL(path: path)
            return
        } else if let bad = firstInvalid() {
            guard let fallback else { throw DisclosureError.invalidEncoding(path: path, encoding: "UTF-8", byteOffset: bad) }
            chosen = fallback
        }
        bomLength = 0
        if let legacy = chosen {
            encoding = .legacy(legacy); encodingName = legacy
            if TextFile.isASCII(data) {
                map = nil; decoded = data
            } else {
                let (bytes, offsets) = try TextFile.decodeLegacy([UInt8](data), encoding: legacy, path: path)
                decoded = Data(bytes); map = offsets
            }
        } else {
            encoding = .utf8; encodingName = "UTF-8"; map = nil; decoded = data
        }
        eol = TextFile.dominantLineEnding(decoded)
        try refuseNUL(path: path)
    }

    /// Text files never contain U+0000; one that does is almost always a binary file with a
    /// text file's name, and stamping it would damage it.
    private func refuseNUL(path: String) throws {
        guard let index = decoded.withUnsafeBytes({ raw in
            raw.isEmpty ? nil : memchr(raw.baseAddress!, 0, raw.count).map { UnsafeRawPointer($0) - raw.baseAddress! }
        }) else { return }
        throw DisclosureError.unreadable(
            path: path, reason: "it contains a NUL byte (at byte \(originalOffset(index))), which text files never do",
            hint: "It is probably not a text document, or it is damaged; check that it is the file you meant, and re-save it as text if it is.")
    }

    /// The offset of the first byte that is not valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) }
    }

    static func firstInvalidUTF8(_ bytes: Data) -> Int? {
        bytes.withUnsafeBytes { firstInvalidUTF8($0.assumingMemoryBound(to: UInt8.self)) }
    }

    /// True when every byte is ASCII (eight bytes at a time).
    static func isASCII(_ bytes: Data) -> Bool {
        bytes.withUnsafeBytes { raw in
            var i = 0
            let n = raw.count
            while i + 8 <= n {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
            while i < n {
                if raw[i] >= 0x80 { return false }
                i += 1
            }
            return true
        }
    }

    static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        do {
            var i = 0
            let n = b.count
            while i < n {
                // Eight ASCII bytes at a time: most of a text file.
                if i + 8 <= n, UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                var need = 0
                var min: UInt32 = 0
                var value: UInt32 = 0
                if c & 0xE0 == 0xC0 { need = 1; min = 0x80; value = UInt32(c & 0x1F) }
                else if c & 0xF0 == 0xE0 { need = 2; min = 0x800; value = UInt32(c & 0x0F) }
                else if c & 0xF8 == 0xF0 { need = 3; min = 0x10000; value = UInt32(c & 0x07) }
                else { return i }
                if i + need >= n { return i }
                for k in 1...need {
                    guard i + k < n, b[i + k] & 0xC0 == 0x80 else { return i }
                    value = value << 6 | UInt32(b[i + k] & 0x3F)
                }
                if value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { return i }
                i += need + 1
            }
            return nil
        }
    }

    static func decodeUTF16(_ bytes: [UInt8], little: Bool, path: String) throws -> ([UInt8], [Int32]) {
        var out: [UInt8] = []
        var map: [Int32] = []
        out.reserveCapacity(bytes.count)
        map.reserveCapacity(bytes.count)
        var i = 2
        func unit(_ at: Int) -> UInt16 {
            little ? UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 : UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
        }
        while i < bytes.count {
            guard i + 1 < bytes.count else { throw DisclosureError.invalidEncoding(path: path, encoding: little ? "UTF-16LE" : "UTF-16BE", byteOffset: i) }
            let u = unit(i)
            var scalar: UInt32
            var used = 2
            if u >= 0xD800 && u <= 0xDBFF {
                guard i + 3 < bytes.count else { throw DisclosureError.invalidEncoding(path: path, encoding: little ? "UTF-16LE" : "UTF-16BE", byteOffset: i) }
                let low = unit(i + 2)
                guard low >= 0xDC00 && low <= 0xDFFF else { throw DisclosureError.invalidEncoding(path: path, encoding: little ? "UTF-16LE" : "UTF-16BE", byteOffset: i) }
                scalar = 0x10000 + (UInt32(u - 0xD800) << 10) + UInt32(low - 0xDC00)
                used = 4
            } else if u >= 0xDC00 && u <= 0xDFFF {
                throw DisclosureError.invalidEncoding(path: path, encoding: little ? "UTF-16LE" : "UTF-16BE", byteOffset: i)
            } else {
                scalar = UInt32(u)
            }
            let encoded = Array(String(Unicode.Scalar(scalar)!).utf8)
            for _ in encoded { map.append(Int32(i)) }
            out += encoded
            i += used
        }
        map.append(Int32(bytes.count))
        return (out, map)
    }

    /// UTF-8 decoded as the WHATWG Encoding Standard does: each maximal ill-formed subpart
    /// becomes one U+FFFD. Returns the UTF-8 and the map back to original offsets.
    static func decodeUTF8Replacing(_ b: [UInt8]) -> ([UInt8], [Int32]) {
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var out: [UInt8] = []
        var map: [Int32] = []
        out.reserveCapacity(b.count + 16)
        map.reserveCapacity(b.count + 16)
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 {
                out.append(c); map.append(Int32(i)); i += 1
                continue
            }
            var need = 0
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: need = 0
            }
            var j = i + 1
            var seen = 0
            while seen < need, j < n {
                let limitLow = seen == 0 ? lower : 0x80, limitHigh = seen == 0 ? upper : 0xBF
                guard b[j] >= limitLow && b[j] <= limitHigh else { break }
                j += 1
                seen += 1
            }
            let chars = need > 0 && seen == need ? Array(b[i..<j]) : replacement
            for _ in chars { map.append(Int32(i)) }
            out += chars
            i = need > 0 && seen == need ? j : max(j, i + 1)
        }
        map.append(Int32(n))
        return (out, map)
    }

    static func decodeLegacy(_ bytes: [UInt8], encoding: String, path: String) throws -> ([UInt8], [Int32]) {
        guard let converter = Iconv.Converter(from: encoding) else {
            throw DisclosureError.unreadable(path: path, reason: "the file declares the encoding \"\(encoding)\", which this system cannot convert",
                                             hint: "Save the file as UTF-8 and try again.")
        }
        var out: [UInt8] = []
        var map: [Int32] = []
        out.reserveCapacity(bytes.count * 2)
        map.reserveCapacity(bytes.count * 2)
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 {
                out.append(bytes[i]); map.append(Int32(i)); i += 1
                continue
            }
            var decoded = Iconv.decodeCharacter(bytes[i...], converter: converter)
            if decoded == nil, encoding.uppercased() == "WINDOWS-1252", [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(bytes[i]) {
                // WHATWG maps the five bytes windows-1252 leaves undefined to the C1 controls.
                decoded = (Array(String(Unicode.Scalar(UInt32(bytes[i]))!).utf8), 1)
            }
            guard let (chars, used) = decoded else {
                throw DisclosureError.invalidEncoding(path: path, encoding: encoding, byteOffset: i)
            }
            for _ in chars { map.append(Int32(i)) }
            out += chars
            i += used
        }
        map.append(Int32(bytes.count))
        return (out, map)
    }

    static func dominantLineEnding(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { dominantLineEnding($0) }
    }

    static func dominantLineEnding(_ bytes: Data) -> String {
        bytes.withUnsafeBytes { dominantLineEnding($0.assumingMemoryBound(to: UInt8.self)) }
    }

    /// The line ending used most. Without a CR anywhere (found with `memchr`) it is `\n`, whatever
    /// the count of LFs, so most files are not counted byte by byte.
    static func dominantLineEnding(_ b: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = b.baseAddress, memchr(base, 0x0D, b.count) != nil else { return "\n" }
        var lf = 0, crlf = 0, cr = 0
        var i = 0
        while i < b.count {
            if b[i] == 0x0D {
                if i + 1 < b.count && b[i + 1] == 0x0A { crlf += 1; i += 2; continue }
                cr += 1
            } else if b[i] == 0x0A { lf += 1 }
            i += 1
        }
        if crlf >= lf && crlf >= cr && crlf > 0 { return "\r\n" }
        if cr > lf { return "\r" }
        return "\n"
    }

    /// Offsets where each line starts (UTF-8 offsets), for line numbers.
    static func lineStarts(_ b: [UInt8]) -> [Int] {
        var starts = [0]
        var i = 0
        while i < b.count {
            if b[i] == 0x0D {
                if i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            } else if b[i] == 0x0A {
                starts.append(i + 1)
            }
            i += 1
        }
        return starts
    }
}
