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
            let result = Result<(Data, UInt32), any Error> { let piece = try compress(input, bounds[k]..<bounds[k + 1], last: k == count - 1); return (piece.bytes, piece.crc32) }.mapError { $0 as? ZipFailure ?? .other("\($0)") }
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
    /// ending the stream when `last`, else flushed to a byte boundary. `prime` (fewer than 8 bits,
    /// lowest first) is put before the first block: the unfinished last byte of what comes before.
    /// Returns the bytes and the CRC-32 of the range.
    static func compress(_ input: Spans, _ range: Range<Int>, last: Bool, prime: (bits: Int, value: UInt8) = (0, 0)) throws -> (bytes: Data, crc32: UInt32) {
        var stream = z_stream()
        guard disclose_deflate_init(&stream, level, windowBits, memoryLevel) == Z_OK else { throw ZipFailure.other("zlib could not start") }
        defer { deflateEnd(&stream) }
        if prime.bits > 0, deflatePrime(&stream, Int32(prime.bits), Int32(prime.value)) != Z_OK {
            throw ZipFailure.other("zlib refused the leading bits")
        }
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
struct Spans: Sendable {
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

// MARK: Block maps (recompressing only around an edit: DeflateSplice.swift)

/// Where the blocks of a raw DEFLATE stream start, found while inflating it (zlib's `Z_BLOCK`,
/// as gzappend and pigz use it): enough to copy runs of whole blocks into a new stream.
struct DeflateBlockMap: Sendable, Equatable {
    /// The bit at which each block starts in the compressed stream, lowest bit of a byte first (the first is 0).
    var startBits: [Int]
    /// The offset of each block's first inflated byte.
    var startOffsets: [Int]
    /// The CRC-32 of the inflated bytes before each block.
    var crcBefore: [UInt32]
    /// The bit just after the final block.
    var endBit: Int
    /// The inflated size and its CRC-32.
    var size: Int
    var crc32: UInt32
}

extension Zlib {
    /// Inflates a raw DEFLATE stream that should hold `size` bytes, noting where each block starts.
    /// - Returns: nil when the stream is not valid, not `size` bytes, or zlib reports something unexpected.
    static func inflateMapping(_ compressed: Data, size: Int) -> (data: Data, map: DeflateBlockMap)? {
        var stream = z_stream()
        guard disclose_inflate_init(&stream, windowBits) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        let capacity = size + 1
        let output = UnsafeMutablePointer<Bytef>.allocate(capacity: capacity)
        var map = DeflateBlockMap(startBits: [0], startOffsets: [0], crcBefore: [0], endBit: 0, size: 0, crc32: 0)
        var crc: uLong = CZlib.crc32(0, nil, 0)
        var ok = false
        compressed.withUnsafeBytes { src in
            stream.next_in = UnsafeMutablePointer(mutating: src.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(src.count)
            stream.next_out = output
            stream.avail_out = uInt(capacity)
            var done = 0
            while true {
                let status = CZlib.inflate(&stream, Z_BLOCK)
                let produced = Int(stream.total_out)
                crc = CZlib.crc32(crc, output + done, uInt(produced - done))
                done = produced
                // data_type: unused bits in the last byte read, +64 in the last block, +128 at a block boundary.
                let unused = Int(stream.data_type & 0x3F)
                guard unused < 8 else { return }
                let bit = Int(stream.total_in) * 8 - unused
                if status == Z_STREAM_END {
                    if map.endBit == 0 { map.endBit = bit }
                    ok = produced == size && map.endBit <= bit
                    return
                }
                guard status == Z_OK, stream.data_type & 128 != 0, bit > map.startBits.last!, produced <= size else { return }
                if stream.data_type & 64 != 0 {
                    // Just after the final block (zlib stops there before reading to the byte's end).
                    guard map.endBit == 0 else { return }
                    map.endBit = bit
                    continue
                }
                guard map.endBit == 0 else { return }
                map.startBits.append(bit)
                map.startOffsets.append(produced)
                map.crcBefore.append(UInt32(truncatingIfNeeded: crc))
            }
        }
        guard ok else { output.deallocate(); return nil }
        map.size = size
        map.crc32 = UInt32(truncatingIfNeeded: crc)
        let data = Data(bytesNoCopy: output, count: size, deallocator: .custom { pointer, _ in pointer.deallocate() })
        return (data, map)
    }

    /// The CRC-32 of `a` followed by `lengthB` bytes whose CRC-32 is `b` (zlib's `crc32_combine`).
    static func crc32(combining a: UInt32, _ b: UInt32, lengthB: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: crc32_combine(uLong(a), uLong(b), off_t(lengthB)))
    }

    /// True when the raw DEFLATE stream `stream`, read from bit `startBit` with `dictionary` as the
    /// window behind it, inflates to exactly `expected` and ends there at a block boundary (or at
    /// the stream's end). Checks the joints of a spliced stream.
    static func inflates(_ stream: UnsafeRawBufferPointer, fromBit startBit: Int, dictionary: [UInt8], to expected: [UInt8]) -> Bool {
        var z = z_stream()
        guard disclose_inflate_init(&z, windowBits) == Z_OK else { return false }
        defer { inflateEnd(&z) }
        var byte = startBit / 8
        let lead = startBit % 8
        guard byte < stream.count || (byte == stream.count && lead == 0) else { return false }
        if lead > 0 {
            guard inflatePrime(&z, Int32(8 - lead), Int32(stream[byte] >> lead)) == Z_OK else { return false }
            byte += 1
        }
        if !dictionary.isEmpty {
            let status = dictionary.withUnsafeBufferPointer { inflateSetDictionary(&z, $0.baseAddress, uInt($0.count)) }
            guard status == Z_OK else { return false }
        }
        var out = [UInt8](repeating: 0, count: expected.count + 1)
        let base = stream.bindMemory(to: Bytef.self).baseAddress!
        z.next_in = UnsafeMutablePointer(mutating: base + byte)
        z.avail_in = uInt(stream.count - byte)
        return out.withUnsafeMutableBufferPointer { dst -> Bool in
            z.next_out = dst.baseAddress
            z.avail_out = uInt(dst.count)
            while true {
                let status = CZlib.inflate(&z, Z_BLOCK)
                let produced = Int(z.total_out)
                if status == Z_STREAM_END || (status == Z_OK && z.data_type & 128 != 0 && produced >= expected.count) {
                    return produced == expected.count && dst.prefix(produced).elementsEqual(expected)
                }
                guard status == Z_OK, produced <= expected.count else { return false }
            }
        }
    }
}

extension Zlib {
    /// How a stretch of ``deflate(_:steps:)`` ends (zlib's flush modes).
    enum Flush: Sendable {
        case none, block, partial, sync, full

        var code: Int32 {
            switch self {
            case .none: Z_NO_FLUSH
            case .block: Z_BLOCK
            case .partial: Z_PARTIAL_FLUSH
            case .sync: Z_SYNC_FLUSH
            case .full: Z_FULL_FLUSH
            }
        }
    }

    /// A raw DEFLATE stream of `data` made in stretches, each at its own level (0 makes stored
    /// blocks) and ending with its own flush: streams shaped as other programs make them, for tests.
    static func deflate(_ data: Data, steps: [(count: Int, level: Int32, flush: Flush)]) -> Data? {
        var stream = z_stream()
        guard disclose_deflate_init(&stream, steps.first?.level ?? level, windowBits, memoryLevel) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let capacity = Int(deflateBound(&stream, uLong(data.count))) * 2 + 1024 * (steps.count + 1)
        var out = [UInt8](repeating: 0, count: capacity)
        var offset = 0
        let ok = data.withUnsafeBytes { raw -> Bool in
            out.withUnsafeMutableBufferPointer { dst -> Bool in
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                let base = raw.bindMemory(to: Bytef.self).baseAddress
                for (k, step) in steps.enumerated() {
                    if k > 0, deflateParams(&stream, step.level, Z_DEFAULT_STRATEGY) != Z_OK { return false }
                    let count = min(step.count, data.count - offset)
                    stream.next_in = UnsafeMutablePointer(mutating: base.map { $0 + offset })
                    stream.avail_in = uInt(count)
                    offset += count
                    guard CZlib.deflate(&stream, step.flush.code) == Z_OK, stream.avail_in == 0 else { return false }
                }
                stream.next_in = UnsafeMutablePointer(mutating: base.map { $0 + offset })
                stream.avail_in = uInt(data.count - offset)
                return CZlib.deflate(&stream, Z_FINISH) == Z_STREAM_END
            }
        }
        guard ok else { return nil }
        return Data(out.prefix(Int(stream.total_out)))
    }
}
