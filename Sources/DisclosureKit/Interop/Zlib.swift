internal import CZlib
import Foundation

// The only file that calls zlib directly (libzip uses it inside). Every unsafe pointer to zlib stays here.

/// One part compressed as a raw DEFLATE stream (what a zip entry of method 8 holds), with
/// what the zip headers need: the CRC-32 and size of the inflated bytes.
struct DeflatedPart: Sendable {
    /// The raw DEFLATE stream.
    var compressed: Data
    /// CRC-32 of the inflated bytes.
    var crc32: UInt32
    /// The inflated size.
    var size: Int
}

/// DEFLATE with zlib at level 6, as libzip writes entries, but a large part is cut into pieces
/// compressed on all cores at once and joined as pigz does: every piece but the last ends on
/// a byte boundary (`Z_SYNC_FLUSH`) and each piece after the first starts with the 32 KiB
/// before it as its dictionary, so the pieces make one stream, a few bytes larger than zlib
/// alone would make. A part smaller than ``pieceSize`` is one piece: the same bytes libzip writes.
enum Zlib {
    /// zlib's default level, as libzip used for the parts we rewrite.
    static let level: Int32 = 6
    /// libzip's settings: a raw stream (no zlib header) with a 32 KiB window, memory level 9.
    static let windowBits: Int32 = -15
    static let memoryLevel: Int32 = 9
    /// The smallest piece worth a core of its own.
    static let pieceSize = 1 << 20
    /// The window a piece's dictionary comes from.
    static let dictionarySize = 32 << 10

    /// Compresses `pieces` (one part, its bytes one piece after another, as `XMLBytes.splicePieces`
    /// makes them) as one raw DEFLATE stream, on up to `cores` cores.
    /// - Throws: ``ZipFailure`` when zlib fails (out of memory).
    static func deflate(_ pieces: [Data], cores: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> DeflatedPart {
        let input = Spans(pieces.filter { !$0.isEmpty })
        let count = max(1, min(cores, input.count / pieceSize))
        let bounds = (0...count).map { input.count * $0 / count }
        let results = Locked<[Result<(Data, UInt32), ZipFailure>?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { k in
            let result = Result { try compress(input, bounds[k]..<bounds[k + 1], last: k == count - 1) }.mapError { $0 as? ZipFailure ?? .other("\($0)") }
            results.withLock { $0[k] = result }
        }
        var compressed = Data()
        var crc: uLong = CZlib.crc32(0, nil, 0)
        for (k, result) in results.current.enumerated() {
            let (bytes, pieceCRC) = try result!.get()
            compressed.append(bytes)
            crc = k == 0 ? uLong(pieceCRC) : crc32_combine(crc, uLong(pieceCRC), off_t(bounds[k + 1] - bounds[k]))
        }
        return DeflatedPart(compressed: compressed, crc32: UInt32(truncatingIfNeeded: crc), size: input.count)
    }

    /// One piece of the stream: the bytes in `range`, with the window before it as dictionary,
    /// ending the stream when `last`, else flushed to a byte boundary. Returns the bytes and the CRC-32 of the range.
    private static func compress(_ input: Spans, _ range: Range<Int>, last: Bool) throws -> (Data, UInt32) {
        var stream = z_stream()
        guard disclose_deflate_init(&stream, level, windowBits, memoryLevel) == Z_OK else { throw ZipFailure.other("zlib could not start") }
        defer { deflateEnd(&stream) }
        if range.lowerBound > 0 {
            let window = input.bytes(max(0, range.lowerBound - dictionarySize)..<range.lowerBound)
            let status = window.withUnsafeBufferPointer { deflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }
            guard status == Z_OK else { throw ZipFailure.other("zlib refused the dictionary") }
        }
        let capacity = Int(deflateBound(&stream, uLong(range.count))) + 64
        let output = UnsafeMutablePointer<Bytef>.allocate(capacity: capacity)
        var crc: uLong = CZlib.crc32(0, nil, 0)
        do {
            stream.next_out = output
            stream.avail_out = uInt(capacity)
            let segments = input.segments(range)
            for (i, segment) in segments.enumerated() {
                let final = i == segments.count - 1
                let flush = final ? (last ? Z_FINISH : Z_SYNC_FLUSH) : Z_NO_FLUSH
                let status: Int32 = segment.withUnsafeBytes { raw in
                    let base = raw.bindMemory(to: Bytef.self).baseAddress
                    crc = CZlib.crc32(crc, base, uInt(raw.count))
                    stream.next_in = UnsafeMutablePointer(mutating: base)
                    stream.avail_in = uInt(raw.count)
                    return CZlib.deflate(&stream, flush)
                }
                guard stream.avail_in == 0, status == (final && last ? Z_STREAM_END : Z_OK) else {
                    throw ZipFailure.other("zlib could not compress the part (status \(status))")
                }
            }
            if segments.isEmpty, last, CZlib.deflate(&stream, Z_FINISH) != Z_STREAM_END {
                throw ZipFailure.other("zlib could not finish an empty part")
            }
        } catch {
            output.deallocate()
            throw error
        }
        let produced = capacity - Int(stream.avail_out)
        let data = Data(bytesNoCopy: output, count: produced, deallocator: .custom { pointer, _ in pointer.deallocate() })
        return (data, UInt32(truncatingIfNeeded: crc))
    }

    /// Inflates a raw DEFLATE stream whose inflated size is known (for checks and tests).
    /// - Returns: the inflated bytes, or nil when the stream is not valid or not `size` bytes.
    static func inflate(_ compressed: Data, size: Int) -> Data? {
        var stream = z_stream()
        guard disclose_inflate_init(&stream, windowBits) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var out = Data(count: size + 1)
        let status: Int32 = out.withUnsafeMutableBytes { dst in
            compressed.withUnsafeBytes { src in
                stream.next_in = UnsafeMutablePointer(mutating: src.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(dst.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else { return nil }
        return out.prefix(size)
    }

    /// Adler-32 (RFC 1950 §8.2) of `data`, as the zlib format ends with it.
    static func adler32(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { raw in
            UInt32(truncatingIfNeeded: CZlib.adler32(CZlib.adler32(0, nil, 0), raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count)))
        }
    }

    /// CRC-32 (as zip uses it) of `data`.
    static func crc32(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { raw in
            UInt32(truncatingIfNeeded: CZlib.crc32(CZlib.crc32(0, nil, 0), raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count)))
        }
    }
}

/// Pieces of `Data` read as one run of bytes, without joining them.
private struct Spans: Sendable {
    let pieces: [Data]
    /// Where each piece starts in the run.
    let starts: [Int]
    let count: Int

    init(_ pieces: [Data]) {
        self.pieces = pieces
        var starts: [Int] = []
        var total = 0
        for piece in pieces {
            starts.append(total)
            total += piece.count
        }
        self.starts = starts
        count = total
    }

    /// The parts of the pieces that make up `range`, in order.
    func segments(_ range: Range<Int>) -> [Data] {
        var out: [Data] = []
        for (k, piece) in pieces.enumerated() {
            let lower = max(range.lowerBound, starts[k]), upper = min(range.upperBound, starts[k] + piece.count)
            guard lower < upper else { continue }
            out.append(piece[(piece.startIndex + lower - starts[k])..<(piece.startIndex + upper - starts[k])])
        }
        return out
    }

    /// The bytes in `range`, copied (for a dictionary: at most 32 KiB).
    func bytes(_ range: Range<Int>) -> [UInt8] {
        segments(range).reduce(into: [UInt8]()) { $0 += $1 }
    }
}

// MARK: Inflating under a cap (PDF FlateDecode streams)

/// Why ``Zlib/inflate(_:maxOutput:)`` stopped.
enum InflateFailure: Error, Equatable {
    /// The inflated bytes would pass `maxOutput`: a decompression bomb or a stream far too large.
    case overLimit
    /// Not a zlib or DEFLATE stream at all (nothing could be inflated).
    case invalid(String)
}

extension Zlib {
    /// Inflates a zlib stream (RFC 1950) or, when it has no zlib header, a raw DEFLATE stream, as
    /// PDF readers do for FlateDecode, stopping as soon as the output would pass `maxOutput`
    /// (memory stays under `maxOutput` plus one chunk). A stream cut short or damaged after some
    /// output gives what was inflated up to there, as PDF readers show it.
    /// - Throws: ``InflateFailure``.
    static func inflate(_ compressed: Data, maxOutput: Int) throws -> Data {
        do {
            return try inflate(compressed, windowBits: 15 + 32, maxOutput: maxOutput)
        } catch InflateFailure.invalid {
            return try inflate(compressed, windowBits: -15, maxOutput: maxOutput)
        }
    }

    private static func inflate(_ compressed: Data, windowBits: Int32, maxOutput: Int) throws -> Data {
        var stream = z_stream()
        guard disclose_inflate_init(&stream, windowBits) == Z_OK else { throw InflateFailure.invalid("zlib could not start") }
        defer { inflateEnd(&stream) }
        let chunk = 1 << 16
        var out = Data()
        var piece = [UInt8](repeating: 0, count: chunk)
        return try compressed.withUnsafeBytes { src -> Data in
            stream.next_in = UnsafeMutablePointer(mutating: src.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(src.count)
            while true {
                var status: Int32 = Z_OK
                let produced: Int = piece.withUnsafeMutableBufferPointer { dst in
                    stream.next_out = dst.baseAddress
                    stream.avail_out = uInt(chunk)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return chunk - Int(stream.avail_out)
                }
                if produced > 0 {
                    guard out.count + produced <= maxOutput else { throw InflateFailure.overLimit }
                    out.append(contentsOf: piece[0..<produced])
                }
                switch status {
                case Z_STREAM_END:
                    return out
                case Z_OK:
                    if stream.avail_in == 0 && produced == 0 { return out }
                case Z_BUF_ERROR:
                    // No progress possible: the input ended early.
                    return out
                default:
                    if out.isEmpty { throw InflateFailure.invalid("zlib status \(status)") }
                    return out
                }
            }
        }
    }
}
