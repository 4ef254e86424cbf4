import Foundation

/// One change to a part: the original bytes in `range` replaced by `count` new bytes.
struct DeflateChange: Sendable, Equatable {
    var range: Range<Int>
    var count: Int
}

/// A part's original DEFLATE stream, its block map, and the changes that make the new part:
/// what ``DeflateSplice`` needs to recompress only around the changes.
struct DeflateReuse: Sendable {
    var map: DeflateBlockMap
    var changes: [DeflateChange]
}

/// Deflates a part that differs from the original in a few places without recompressing what did
/// not change (issue 17). The new stream is made of runs of the original's blocks, copied bit for
/// bit, and freshly deflated stretches around each change: a stretch starts where the block holding
/// the change starts, with the 32 KiB before it as zlib's dictionary, and ends at the first block
/// boundary at least 32 KiB after the change, so no back-reference in the copied blocks after it
/// reaches a changed byte (the 32 KiB they can see are the same bytes, moved). A stretch ends with
/// a sync flush, on a byte boundary, so the blocks after it are copied shifted by a few bits; a
/// stored block among them is written again, its padding and lengths realigned. The stream's end:
/// the original's last block, or a stretch that runs to the end and finishes the stream.
///
/// Every joint is checked by inflating it (from the stretch's first bit through the first copied
/// block after it) and comparing with the new bytes; anything unusual returns nil and the caller
/// compresses the whole part as before.
enum DeflateSplice {
    /// How far back a DEFLATE back-reference can reach.
    static let window = 32 << 10
    /// Above this share of the part recompressed, the caller's parallel full compression is faster.
    static let worthwhileShare = 0.5

    /// The new part's stream, or nil when splicing is not possible or not worth it.
    /// - Parameters:
    ///   - original: the original part's raw DEFLATE stream, as `reuse.map` describes it.
    ///   - pieces: the new part's bytes, one piece after another.
    static func deflate(original: Data, reuse: DeflateReuse, pieces: [Data]) -> DeflatedPart? {
        let map = reuse.map
        let input = Spans(pieces.filter { !$0.isEmpty })
        guard let plan = plan(map: map, changes: reuse.changes, newCount: input.count),
              Double(plan.freshBytes) <= worthwhileShare * Double(max(input.count, 1)) else { return nil }
        return original.withUnsafeBytes { raw -> DeflatedPart? in
            let src = raw.bindMemory(to: UInt8.self)
            guard src.count * 8 >= map.endBit else { return nil }
            var writer = BitWriter(capacity: src.count + 4096)
            var crc: UInt32 = 0
            var joints: [(bit: Int, range: Range<Int>)] = []
            for (k, segment) in plan.segments.enumerated() {
                switch segment {
                case .copy(let blocks, let newStart):
                    guard writer.copy(blocks: blocks, of: map, from: src) else { return nil }
                    let length = offset(blocks.upperBound, map) - map.startOffsets[blocks.lowerBound]
                    crc = Zlib.crc32(combining: crc, crc32(blocks, map), lengthB: length)
                    if k > 0, !blocks.isEmpty, let joint = joints.last, joint.range.upperBound == newStart {
                        // Check the stretch before and this run's first block.
                        joints[joints.count - 1].range = joint.range.lowerBound..<(newStart + offset(blocks.lowerBound + 1, map) - map.startOffsets[blocks.lowerBound])
                    }
                case .fresh(let range, let last):
                    let prime = writer.takePending()
                    guard let piece = try? Zlib.compress(input, range, last: last, prime: (prime.bits, prime.value)) else { return nil }
                    joints.append((prime.startBit, range))
                    writer.append(piece.bytes)
                    crc = Zlib.crc32(combining: crc, piece.crc32, lengthB: range.count)
                }
            }
            let bytes = writer.finish()
            let ok = bytes.withUnsafeBytes { out in
                joints.allSatisfy { joint in
                    let lower = max(0, joint.range.lowerBound - window)
                    return Zlib.inflates(out, fromBit: joint.bit, dictionary: input.bytes(lower..<joint.range.lowerBound),
                                         to: input.bytes(joint.range))
                }
            }
            guard ok else { return nil }
            return DeflatedPart(compressed: bytes, crc32: crc, size: input.count)
        }
    }

    /// The inflated offset where block `index` starts (the size for the index after the last block).
    static func offset(_ index: Int, _ map: DeflateBlockMap) -> Int {
        index < map.startOffsets.count ? map.startOffsets[index] : map.size
    }

    /// The CRC-32 of the inflated bytes of `blocks`, from the CRC-32s before them (CRC-32 is linear:
    /// crc(A·B) = shift(crc(A), |B|) ⊕ crc(B)).
    static func crc32(_ blocks: Range<Int>, _ map: DeflateBlockMap) -> UInt32 {
        let before = map.crcBefore[blocks.lowerBound]
        let through = blocks.upperBound < map.crcBefore.count ? map.crcBefore[blocks.upperBound] : map.crc32
        let length = offset(blocks.upperBound, map) - map.startOffsets[blocks.lowerBound]
        return through ^ Zlib.crc32(combining: before, 0, lengthB: length)
    }

    // MARK: Planning

    enum Segment: Equatable {
        /// Original blocks copied; `newStart` is where their bytes start in the new part.
        case copy(Range<Int>, newStart: Int)
        /// New bytes deflated afresh; `last` finishes the stream.
        case fresh(Range<Int>, last: Bool)
    }

    /// Which blocks to copy and which new bytes to deflate; nil when the changes do not fit the map.
    static func plan(map: DeflateBlockMap, changes: [DeflateChange], newCount: Int) -> (segments: [Segment], freshBytes: Int)? {
        let starts = map.startOffsets
        guard !changes.isEmpty, !starts.isEmpty, starts.count == map.startBits.count, starts.count == map.crcBefore.count else { return nil }
        // Changes in order, touching or overlapping ones merged, as XMLBytes.splicePieces applies them.
        var merged: [DeflateChange] = []
        for change in changes.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            guard change.range.lowerBound >= 0, change.range.upperBound <= map.size else { return nil }
            if let last = merged.last, change.range.lowerBound <= last.range.upperBound {
                merged[merged.count - 1] = DeflateChange(range: last.range.lowerBound..<max(last.range.upperBound, change.range.upperBound),
                                                         count: last.count + change.count)
            } else {
                merged.append(change)
            }
        }
        guard map.size + merged.reduce(0, { $0 + $1.count - $1.range.count }) == newCount else { return nil }
        var segments: [Segment] = []
        var fresh = 0
        var copyFrom = 0
        var delta = 0
        var i = 0
        while i < merged.count {
            let lower = merged[i].range.lowerBound
            // The block holding the change's first byte (the last block starting at or before it).
            var head = copyFrom
            while head + 1 < starts.count, starts[head + 1] <= lower { head += 1 }
            var upper = merged[i].range.upperBound
            var change = merged[i].count - merged[i].range.count
            var tail: Int?
            while true {
                tail = starts.indices.first { $0 > head && starts[$0] >= upper + window }
                // A change before the tail boundary joins this stretch.
                guard i + 1 < merged.count, merged[i + 1].range.lowerBound < (tail.map { starts[$0] } ?? Int.max) else { break }
                i += 1
                upper = merged[i].range.upperBound
                change += merged[i].count - merged[i].range.count
            }
            if head > copyFrom { segments.append(.copy(copyFrom..<head, newStart: starts[copyFrom] + delta)) }
            let newLower = starts[head] + delta
            delta += change
            if let tail {
                segments.append(.fresh(newLower..<starts[tail] + delta, last: false))
                fresh += starts[tail] + delta - newLower
                copyFrom = tail
            } else {
                segments.append(.fresh(newLower..<newCount, last: true))
                fresh += newCount - newLower
                copyFrom = starts.count
            }
            i += 1
        }
        if copyFrom < starts.count { segments.append(.copy(copyFrom..<starts.count, newStart: starts[copyFrom] + delta)) }
        return (segments, fresh)
    }
}

/// Bits written lowest first, as DEFLATE packs them.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    /// Bits not yet making a whole byte (fewer than 8), lowest first.
    private var pending: UInt64 = 0
    private var pendingCount = 0

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// The bit the next write lands on.
    var bitCount: Int { bytes.count * 8 + pendingCount }

    /// Writes the low `count` bits of `value` (at most 56).
    mutating func write(_ value: UInt64, bits count: Int) {
        guard count > 0 else { return }
        pending |= (value & ((1 << UInt64(count)) - 1)) << UInt64(pendingCount)
        pendingCount += count
        while pendingCount >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: pending))
            pending >>= 8
            pendingCount -= 8
        }
    }

    /// Pads with zero bits to a byte boundary.
    mutating func align() { if pendingCount > 0 { write(0, bits: 8 - pendingCount) } }

    /// The unfinished byte's bits, handed to zlib to put before a fresh stretch, and the bit the stretch starts at.
    mutating func takePending() -> (bits: Int, value: UInt8, startBit: Int) {
        let taken = (pendingCount, UInt8(truncatingIfNeeded: pending), bitCount)
        pending = 0
        pendingCount = 0
        return taken
    }

    /// Appends whole bytes (only when nothing is pending).
    mutating func append(_ data: Data) {
        precondition(pendingCount == 0)
        bytes.append(contentsOf: data)
    }

    /// Copies bits `start..<end` of `src`.
    mutating func copyBits(_ src: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        var bit = start
        // Up to the source's next byte boundary.
        let lead = min((8 - bit % 8) % 8, end - bit)
        if lead > 0 {
            write(UInt64(src[bit / 8] >> UInt8(bit % 8)), bits: lead)
            bit += lead
        }
        let wholeEnd = end / 8
        if bit / 8 < wholeEnd {
            if pendingCount == 0 {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[(bit / 8)..<wholeEnd]))
            } else {
                let shift = UInt64(pendingCount)
                var acc = pending
                for k in (bit / 8)..<wholeEnd {
                    acc |= UInt64(src[k]) << shift
                    bytes.append(UInt8(truncatingIfNeeded: acc))
                    acc >>= 8
                }
                pending = acc
            }
            bit = wholeEnd * 8
        }
        if bit < end { write(UInt64(src[bit / 8]), bits: end - bit) }
    }

    /// Copies whole blocks of the stream `src`, which `map` describes, rewriting stored blocks
    /// (their padding and lengths are byte-aligned) when the copy lands on a different bit of a byte.
    /// - Returns: false when a stored block is not as DEFLATE lays it out.
    mutating func copy(blocks: Range<Int>, of map: DeflateBlockMap, from src: UnsafeBufferPointer<UInt8>) -> Bool {
        // BFINAL is set on the stream's last block and on no other.
        for k in blocks {
            let start = map.startBits[k]
            guard start / 8 < src.count, (src[start / 8] >> UInt8(start % 8)) & 1 == (k == map.startBits.count - 1 ? 1 : 0) else { return false }
        }
        var k = blocks.lowerBound
        while k < blocks.upperBound {
            let start = map.startBits[k]
            if pendingCount == start % 8 {
                // Same alignment: the rest of the run as it is, stored blocks included.
                copyBits(src, start, blocks.upperBound < map.startBits.count ? map.startBits[blocks.upperBound] : map.endBit)
                return true
            }
            let end = k + 1 < map.startBits.count ? map.startBits[k + 1] : map.endBit
            guard end - start >= 3, end <= src.count * 8 else { return false }
            let header = (UInt64(src[start / 8]) | (start / 8 + 1 < src.count ? UInt64(src[start / 8 + 1]) << 8 : 0)) >> UInt64(start % 8)
            if (header >> 1) & 3 == 0 {
                // Stored: BFINAL, BTYPE 00, padding, then LEN, NLEN and the bytes, all byte-aligned.
                let dataStart = (start + 3 + 7) / 8
                guard end % 8 == 0, end / 8 >= dataStart + 4 else { return false }
                let len = Int(src[dataStart]) | Int(src[dataStart + 1]) << 8
                let nlen = Int(src[dataStart + 2]) | Int(src[dataStart + 3]) << 8
                guard len ^ nlen == 0xFFFF, end / 8 == dataStart + 4 + len else { return false }
                write(header & 1, bits: 3)
                align()
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[dataStart..<(end / 8)]))
            } else {
                copyBits(src, start, end)
            }
            k += 1
        }
        return true
    }

    /// The bytes, the last one padded with zero bits.
    mutating func finish() -> Data {
        align()
        return Data(bytes)
    }
}
