import Foundation

/// Removes a stream's filters (ISO 32000-1 §7.4) under an output cap. FlateDecode is inflated
/// with zlib by us, stopping at the cap, so a decompression bomb or a stream declared at 1 GB ends
/// in ``DisclosureError/limitExceeded(path:what:limit:)`` after at most `maxOutput` bytes;
/// ASCIIHex, ASCII85 and RunLength are decoded here too. Other filters (LZW, predictors) are left
/// to qpdf, which has no output limit, so only for a small raw stream (``maxRawForQPDF``). Image
/// filters (DCT, JPX, CCITT, JBIG2) are never decoded.
struct PDFStreamDecoder {
    /// One filter with its parameters.
    struct Filter {
        var name: String
        var parameters: PDFDictionary?
    }

    var path: String
    /// Most bytes a decoded stream may have.
    var maxOutput: Int

    /// The largest raw stream handed to qpdf: LZW, the filter with the largest expansion qpdf
    /// decodes, turns 12 bits into at most about 4 KiB, so this keeps qpdf's output under
    /// `maxOutput`.
    var maxRawForQPDF: Int { max(4096, maxOutput / 2800) }

    static let imageFilters: Set<String> = ["DCTDecode", "DCT", "JPXDecode", "CCITTFaxDecode", "CCF", "JBIG2Decode"]

    /// The filters of a stream dictionary, in order, long names (`AHx` → `ASCIIHexDecode`).
    static func filters(of dict: PDFDictionary, in source: some PDFObjectSource) throws -> [Filter] {
        let names: [PDFObject]
        switch try source.resolve(dict["Filter"]) {
        case .name(let n)?: names = [.name(n)]
        case .array(let items)?: names = items
        default: names = []
        }
        let parameters: [PDFObject?]
        switch try source.resolve(dict["DecodeParms"] ?? dict["DP"]) {
        case .dictionary(let d)?: parameters = [.dictionary(d)]
        case .array(let items)?: parameters = items
        default: parameters = []
        }
        return try names.enumerated().map { i, item in
            let name = try source.resolve(item)?.nameValue ?? ""
            let p = i < parameters.count ? try source.dictionary(parameters[i]) : nil
            return Filter(name: longName(name), parameters: p)
        }
    }

    static func longName(_ name: String) -> String {
        switch name {
        case "AHx": return "ASCIIHexDecode"
        case "A85": return "ASCII85Decode"
        case "LZW": return "LZWDecode"
        case "Fl": return "FlateDecode"
        case "RL": return "RunLengthDecode"
        case "CCF": return "CCITTFaxDecode"
        case "DCT": return "DCTDecode"
        default: return name
        }
    }

    /// `raw` with `filters` removed, or nil when a filter is one we leave to qpdf.
    /// - Throws: ``DisclosureError/limitExceeded(path:what:limit:)`` past `maxOutput`;
    ///   ``PDFSyntaxError`` for image data or data a filter cannot read.
    func decode(_ raw: Data, filters: [Filter]) throws -> Data? {
        if let image = filters.first(where: { Self.imageFilters.contains($0.name) }) {
            throw PDFSyntaxError(offset: 0, problem: "image data (\(image.name)) is never decoded")
        }
        for filter in filters {
            switch filter.name {
            case "FlateDecode":
                if let predictor = filter.parameters?["Predictor"]?.integerValue, predictor > 1 { return nil }
            case "ASCIIHexDecode", "ASCII85Decode", "RunLengthDecode": break
            default: return nil
            }
        }
        var data = raw
        for filter in filters {
            switch filter.name {
            case "FlateDecode": data = try inflate(data)
            case "ASCIIHexDecode": data = try Self.asciiHex(data)
            case "ASCII85Decode": data = try Self.ascii85(data)
            default: data = try runLength(data)
            }
        }
        return data
    }

    private func overLimit() -> DisclosureError {
        DisclosureError.limitExceeded(path: path, what: "a stream decompresses to more than \(ByteCount.describe(maxOutput))",
                                      limit: "\(ByteCount.describe(maxOutput)) for one stream")
    }

    private func inflate(_ data: Data) throws -> Data {
        do {
            return try Zlib.inflate(data, maxOutput: maxOutput)
        } catch InflateFailure.overLimit {
            throw overLimit()
        } catch InflateFailure.invalid(let why) {
            throw PDFSyntaxError(offset: 0, problem: "a FlateDecode stream that is not valid (\(why))")
        }
    }

    static func asciiHex(_ data: Data) throws -> Data {
        var out = Data()
        out.reserveCapacity(data.count / 2)
        var high: UInt8?
        for b in data {
            if b == UInt8(ascii: ">") { break }
            if PDFLexer.isWhitespace(b) { continue }
            guard let v = PDFLexer.hexValue(b) else { throw PDFSyntaxError(offset: 0, problem: "a byte that is not hexadecimal in an ASCIIHexDecode stream") }
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        if let h = high { out.append(h << 4) }
        return out
    }

    static func ascii85(_ data: Data) throws -> Data {
        var out = Data()
        out.reserveCapacity(data.count * 4 / 5)
        var group: [UInt32] = []
        func flush(_ count: Int) throws {
            var value: UInt64 = 0
            for i in 0..<5 { value = value * 85 + UInt64(i < group.count ? group[i] : 84) }
            guard value <= UInt64(UInt32.max) else { throw PDFSyntaxError(offset: 0, problem: "an ASCII85 group out of range") }
            let bytes = [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
            out.append(contentsOf: bytes[0..<count])
            group.removeAll(keepingCapacity: true)
        }
        var bytes = data[...]
        if bytes.starts(with: Array("<~".utf8)) { bytes = bytes.dropFirst(2) }
        for b in bytes {
            if b == UInt8(ascii: "~") { break }
            if PDFLexer.isWhitespace(b) { continue }
            if b == UInt8(ascii: "z") && group.isEmpty { out.append(contentsOf: [0, 0, 0, 0]); continue }
            guard b >= 0x21 && b <= 0x75 else { throw PDFSyntaxError(offset: 0, problem: "a byte that is not ASCII85 in an ASCII85Decode stream") }
            group.append(UInt32(b - 0x21))
            if group.count == 5 { try flush(4) }
        }
        if group.count == 1 { throw PDFSyntaxError(offset: 0, problem: "an ASCII85 stream that ends in a lone character") }
        if !group.isEmpty { try flush(group.count - 1) }
        return out
    }

    func runLength(_ data: Data) throws -> Data {
        var out = Data()
        let b = [UInt8](data)
        var i = 0
        while i < b.count {
            let n = Int(b[i])
            i += 1
            if n == 128 { break }
            if n < 128 {
                let end = min(b.count, i + n + 1)
                out.append(contentsOf: b[i..<end])
                i = end
            } else {
                guard i < b.count else { break }
                out.append(contentsOf: repeatElement(b[i], count: 257 - n))
                i += 1
            }
            if out.count > maxOutput { throw overLimit() }
        }
        return out
    }
}
