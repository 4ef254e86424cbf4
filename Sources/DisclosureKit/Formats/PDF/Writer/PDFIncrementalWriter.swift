import Foundation

/// One indirect object of an incremental update.
struct PDFWrittenObject: Equatable, Sendable {
    /// Its number and generation.
    var reference: PDFReference
    /// The object; for a stream, its dictionary (`/Length` is set by the writer).
    var object: PDFObject
    /// For a stream, its data as stored (already encoded by the filters its dictionary names).
    var streamData: Data?

    init(_ reference: PDFReference, _ object: PDFObject, stream: Data? = nil) {
        self.reference = reference
        self.object = object
        self.streamData = stream
    }
}

/// The bytes a change to a PDF makes: keep the first `keepPrefix` bytes of the file, then append
/// `append`. Stamping appends to the whole file; unstamping our own last update keeps only the
/// original bytes and appends nothing.
struct PDFUpdate: Equatable, Sendable {
    /// How many bytes of the current file stay, unchanged, at the start of the result.
    var keepPrefix: Int
    /// The bytes that follow them.
    var append: Data

    /// The whole resulting file.
    func apply(to data: Data) -> Data {
        var out = Data(capacity: keepPrefix + append.count)
        out.append(data.prefix(keepPrefix))
        out.append(append)
        return out
    }
}

/// Writes an incremental update (ISO 32000-1 §7.5.6): the new and changed objects, then a
/// cross-reference section of the same kind as the file's last one, a trailer whose `/Prev` is
/// the previous section, `startxref` and `%%EOF`. Nothing before the old end is touched.
enum PDFIncrementalWriter {
    /// The keys a new trailer copies from the previous one. `/Encrypt` is never written (encrypted
    /// files are refused before this), `/XRefStm` belongs to the section that had it.
    static let copiedTrailerKeys = ["Root", "Info"]

    /// The bytes to append to a file whose tail is `tail`.
    /// - Parameters:
    ///   - tail: the file's tail (``PDFFileTail/read(_:)``).
    ///   - objects: new and changed objects; each number once.
    ///   - freed: objects the update deletes (written as free entries, their generation plus one).
    ///   - compressXRefStream: for a file whose last section is a stream, whether ours is Flate-compressed.
    /// - Returns: the bytes to append after the file's last byte.
    static func update(tail: PDFFileTail, objects: [PDFWrittenObject], freed: [PDFReference] = [],
                       compressXRefStream: Bool = true) throws -> Data {
        var out = Data()
        if !tail.endsWithEOL { out.append(0x0A) }
        var offsets: [Int: (offset: Int, generation: Int)] = [:]
        for item in objects {
            offsets[item.reference.number] = (tail.length + out.count, item.reference.generation)
            write(item, into: &out)
        }
        var free: [Int: Int] = [:]
        for r in freed where offsets[r.number] == nil { free[r.number] = min(r.generation + 1, 65535) }

        let highest = max(objects.map(\.reference.number).max() ?? 0, freed.map(\.number).max() ?? 0)
        var size = max(tail.trailer["Size"]?.integerValue ?? 0, highest + 1)
        var trailer = PDFDictionary()
        trailer["Size"] = .integer(size)
        for key in copiedTrailerKeys { trailer[key] = tail.trailer[key] }
        trailer["ID"] = .array(newID(previous: tail.trailer["ID"], appended: out))
        trailer["Prev"] = .integer(tail.startxref)

        let sectionOffset = tail.length + out.count
        switch tail.kind {
        case .table:
            out.append(Data("xref\n".utf8))
            var entries: [(Int, String)] = offsets.map { ($0.key, pad($0.value.offset, 10) + " " + pad($0.value.generation, 5) + " n\r\n") }
            entries += free.map { ($0.key, "0000000000 " + pad($0.value, 5) + " f\r\n") }
            for run in subsections(entries.map(\.0)) {
                out.append(Data("\(run.lowerBound) \(run.count)\n".utf8))
                let byNumber = Dictionary(entries, uniquingKeysWith: { a, _ in a })
                for n in run { out.append(Data(byNumber[n]!.utf8)) }
            }
            out.append(Data("trailer\n".utf8))
            out.append(PDFObject.dictionary(trailer).serialized)
            out.append(Data("\n".utf8))
        case .stream:
            let own = size
            size += 1
            trailer["Size"] = .integer(size)
            var rows: [Int: (type: Int, field2: Int, field3: Int)] = [:]
            for (n, v) in offsets { rows[n] = (1, v.offset, v.generation) }
            for (n, g) in free { rows[n] = (0, 0, g) }
            rows[own] = (1, sectionOffset, 0)
            let w2 = byteWidth(rows.values.map(\.field2).max() ?? 0)
            let w3 = max(1, byteWidth(rows.values.map(\.field3).max() ?? 0))
            var data = Data()
            var index: [PDFObject] = []
            for run in subsections(Array(rows.keys)) {
                index += [.integer(run.lowerBound), .integer(run.count)]
                for n in run {
                    let row = rows[n]!
                    data.append(UInt8(row.type))
                    appendBigEndian(row.field2, width: w2, into: &data)
                    appendBigEndian(row.field3, width: w3, into: &data)
                }
            }
            var dict = PDFDictionary()
            dict["Type"] = .name("XRef")
            for (key, value) in trailer.entries { dict[key] = value }
            dict["Index"] = .array(index)
            dict["W"] = .array([.integer(1), .integer(w2), .integer(w3)])
            if compressXRefStream {
                dict["Filter"] = .name("FlateDecode")
                data = try PDFFlate.compress(data)
            }
            write(PDFWrittenObject(PDFReference(own), .dictionary(dict), stream: data), into: &out)
        }
        out.append(Data("startxref\n\(sectionOffset)\n%%EOF\n".utf8))
        return out
    }

    /// `n g obj … endobj`, a stream with its `/Length`.
    static func write(_ item: PDFWrittenObject, into out: inout Data) {
        out.append(Data("\(item.reference.number) \(item.reference.generation) obj\n".utf8))
        if let data = item.streamData, case .dictionary(var dict) = item.object {
            dict["Length"] = .integer(data.count)
            PDFObject.writeDictionary(dict, into: &out)
            out.append(Data("\nstream\n".utf8))
            out.append(data)
            out.append(Data("\nendstream\nendobj\n".utf8))
        } else {
            item.object.write(into: &out)
            out.append(Data("\nendobj\n".utf8))
        }
    }

    /// The file identifier (§14.4): the first element kept, the second new. The new one is made
    /// from the appended bytes, so the same update always gets the same identifier.
    static func newID(previous: PDFObject?, appended: Data) -> [PDFObject] {
        let digest = Data(Digests.sha256(appended).prefix(16))
        if let first = previous?.arrayValue?.first, case .string = first { return [first, .string(digest)] }
        return [.string(digest), .string(digest)]
    }

    /// Consecutive runs of object numbers, for the subsections of a table or the `/Index` of a stream.
    static func subsections(_ numbers: [Int]) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for n in Set(numbers).sorted() {
            if let last = runs.last, last.upperBound + 1 == n { runs[runs.count - 1] = last.lowerBound...n } else { runs.append(n...n) }
        }
        return runs
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func byteWidth(_ value: Int) -> Int {
        var width = 1, v = value >> 8
        while v > 0 { width += 1; v >>= 8 }
        return width
    }

    static func appendBigEndian(_ value: Int, width: Int, into out: inout Data) {
        for k in stride(from: width - 1, through: 0, by: -1) { out.append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
    }
}

extension PDFUpdate {
    /// The update as the stamper writes it: the kept prefix copied in chunks, then the appended bytes
    /// (``DocumentOutput/appending(keepingPrefix:bytes:)``).
    var output: DocumentOutput { .appending(keepingPrefix: keepPrefix, bytes: append) }
}
