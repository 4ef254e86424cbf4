@testable import DisclosureKit
import Foundation
import Testing

/// A stamp recompresses only around its changes and copies the original's other DEFLATE blocks
/// (issue 17, ``DeflateSplice``): the new stream must inflate to the spliced part exactly, carry
/// its CRC-32, and cost little more than the original, whatever made the original.
@Suite struct DeflateSpliceTests {
    static let main = ZipDeflateTests.documentXML(paragraphs: 12_000)
    static let statement = Data("<w:sdt><w:sdtContent><w:p><w:r><w:t>AI use disclosure: tested.</w:t></w:r></w:p></w:sdtContent></w:sdt>".utf8)

    /// Splices `edits` into `whole`, deflated as `original`, and checks the result against the splice.
    /// - Returns: the new part, or nil when splicing declined.
    @discardableResult
    static func check(_ whole: Data, original: Data, _ edits: [(range: Range<Int>, replacement: Data)],
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> DeflatedPart? {
        let mapped = try #require(Zlib.inflateMapping(original, size: whole.count), sourceLocation: sourceLocation)
        #expect(mapped.data == whole, sourceLocation: sourceLocation)
        #expect(mapped.map.crc32 == Zlib.crc32(whole), sourceLocation: sourceLocation)
        let pieces = XMLBytes.splicePieces(whole, edits)
        let joined = XMLBytes.splice(whole, edits)
        let reuse = DeflateReuse(map: mapped.map, changes: edits.map { DeflateChange(range: $0.range, count: $0.replacement.count) })
        guard let part = DeflateSplice.deflate(original: original, reuse: reuse, pieces: pieces) else { return nil }
        #expect(part.size == joined.count, sourceLocation: sourceLocation)
        #expect(part.crc32 == ZipDeflateTests.referenceCRC(joined), sourceLocation: sourceLocation)
        #expect(Zlib.inflate(part.compressed, size: joined.count) == joined, sourceLocation: sourceLocation)
        // The new stream is mapped again as a valid stream (BFINAL only on the real last block).
        #expect(Zlib.inflateMapping(part.compressed, size: joined.count)?.data == joined, sourceLocation: sourceLocation)
        return part
    }

    /// Where a stamp inserts: the start, a third of the way, the end, and the very last byte.
    static func positions(_ data: Data) -> [Int] { [0, 1, data.count / 3, data.count / 2 + 7, data.count - 100, data.count] }

    typealias Step = (count: Int, level: Int32, flush: Zlib.Flush)

    static func repeated(_ n: Int, _ step: (Int) -> Step) -> [Step] { (0..<n).map(step) }

    static let shapes: [(name: String, steps: [Step])] = {
        var list: [(name: String, steps: [Step])] = []
        list.append(("level 1", [(0, 1, .none)]))
        list.append(("level 6", [(0, 6, .none)]))
        list.append(("level 9", [(0, 9, .none)]))
        list.append(("stored blocks only", [(0, 0, .none)]))
        // Stored stretches among compressed ones, at every bit alignment (deflateParams ends a block without aligning).
        list.append(("stored among compressed", repeated(40) { k -> Step in
            let level: Int32 = k % 3 == 1 ? 0 : 6
            let flush: Zlib.Flush = k % 5 == 0 ? .block : .none
            return (37_000 + 911 * k, level, flush)
        }))
        list.append(("sync flushes", repeated(30) { _ -> Step in (50_001, 6, .sync) }))
        list.append(("full flushes", repeated(30) { _ -> Step in (70_003, 5, .full) }))
        list.append(("partial flushes", repeated(30) { _ -> Step in (45_005, 6, .partial) }))
        list.append(("tiny blocks", repeated(400) { k -> Step in (3_001, Int32(1 + k % 9), .block) }))
        return list
    }()

    @Test("an insertion at the start, middle or end of streams made every way inflates to the spliced part",
          arguments: shapes.indices)
    func insertion(shape: Int) throws {
        let original = try #require(Zlib.deflate(Self.main, steps: Self.shapes[shape].steps))
        for at in Self.positions(Self.main) {
            let part = try Self.check(Self.main, original: original, [(at..<at, Self.statement)])
            // Splicing must not decline on a large part with one small change.
            #expect(part != nil, "\(Self.shapes[shape].name) at \(at)")
            if let part, Self.shapes[shape].steps.first?.level != 0 {
                #expect(part.compressed.count <= original.count + original.count / 50, "\(Self.shapes[shape].name) at \(at)")
            }
        }
    }

    @Test("a restamp (the old statement removed at the start, the new one inserted at the end) copies the blocks between")
    func removeAndInsert() throws {
        let original = try Zlib.deflate([Self.main], cores: 1).compressed
        let start = 500
        let withOld = XMLBytes.splice(Self.main, [(start..<start, Self.statement)])
        let stamped = try #require(Zlib.deflate(withOld, steps: [(0, 6, .none)]))
        let end = withOld.count - 40
        let part = try #require(try Self.check(withOld, original: stamped, [(start..<start + Self.statement.count, Data()), (end..<end, Self.statement)]))
        #expect(part.compressed.count <= original.count + original.count / 50)
        // Overlapping and touching edits, as splicePieces applies them.
        try Self.check(withOld, original: stamped, [(start..<start, Data("<new/>".utf8)), (start..<start + Self.statement.count, Data()),
                                                    (start + Self.statement.count..<start + Self.statement.count + 10, Data("x".utf8))])
        // Edits far apart in one stream with stored blocks.
        let mixed = try #require(Zlib.deflate(withOld, steps: Self.shapes[4].steps))
        #expect(try Self.check(withOld, original: mixed, [(10..<20, Data()), (withOld.count / 2..<withOld.count / 2, Self.statement), (end..<end, Data("y".utf8))]) != nil)
    }

    @Test("a change to most of the part, or to a small part, is left to the full compression")
    func declines() throws {
        let original = try Zlib.deflate([Self.main], cores: 1).compressed
        #expect(try Self.check(Self.main, original: original, [(100..<Self.main.count - 100, Data("short".utf8))]) == nil)
        let small = ZipDeflateTests.documentXML(paragraphs: 50)
        let smallOriginal = try Zlib.deflate([small], cores: 1).compressed
        #expect(try Self.check(small, original: smallOriginal, [(small.count / 2..<small.count / 2, Self.statement)]) == nil)
        // Changes that do not add up to the new part are refused, not trusted.
        let mapped = try #require(Zlib.inflateMapping(original, size: Self.main.count))
        let wrong = DeflateReuse(map: mapped.map, changes: [DeflateChange(range: 10..<10, count: 5)])
        #expect(DeflateSplice.deflate(original: original, reuse: wrong, pieces: [Self.main]) == nil)
        // A damaged or short stream is not mapped.
        #expect(Zlib.inflateMapping(original.prefix(original.count / 2), size: Self.main.count) == nil)
        #expect(Zlib.inflateMapping(original, size: Self.main.count - 1) == nil)
    }

    @Test("the bit writer copies bit ranges at every alignment")
    func bitCopies() {
        let src: [UInt8] = (0..<64).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        func bit(_ bytes: [UInt8], _ k: Int) -> UInt8 { (bytes[k / 8] >> UInt8(k % 8)) & 1 }
        for lead in 0..<9 {
            for start in [0, 1, 5, 8, 13] {
                for end in [start, start + 1, start + 7, start + 8, start + 30, 511] where end >= start {
                    var writer = BitWriter(capacity: 0)
                    writer.write(0b1011_0110_1, bits: lead)
                    src.withUnsafeBufferPointer { writer.copyBits($0, start, end) }
                    #expect(writer.bitCount == lead + end - start)
                    let out = [UInt8](writer.finish())
                    #expect((0..<(end - start)).allSatisfy { bit(out, lead + $0) == bit(src, start + $0) }, "lead \(lead) \(start)..<\(end)")
                }
            }
        }
    }

    @Test("main parts of the fixtures and of the corpus (when present) splice exactly")
    func realDocuments() throws {
        var files = DOCXFixtures.all.map { DOCXFixtures.folder.appendingPathComponent($0).path }
        let corpus = DOCXFixtures.corpus.appendingPathComponent("docx")
        if let names = try? FileManager.default.contentsOfDirectory(atPath: corpus.path) {
            files += names.filter { $0.hasSuffix(".docx") }.sorted().map { corpus.appendingPathComponent($0).path }
        } else {
            print("DeflateSpliceTests: no corpus at \(corpus.path); checking the fixtures only")
        }
        var checked = 0
        for file in files {
            guard let zip = try? ZipReader(data: try Data(contentsOf: URL(fileURLWithPath: file))),
                  let entry = zip.entries.first(where: { $0.name == "word/document.xml" && $0.isDeflated }),
                  let original = try? zip.readCompressed(entry), let whole = try? zip.read(entry, limit: 1 << 28) else { continue }
            let mapped = try #require(Zlib.inflateMapping(original, size: whole.count), "\(file)")
            #expect(mapped.data == whole)
            #expect(mapped.map.crc32 == entry.crc32)
            for at in Self.positions(whole) where at >= 0 {
                // Forced: every part is spliced, however small, to exercise the copy.
                let edits: [(range: Range<Int>, replacement: Data)] = [(at..<at, Self.statement)]
                let reuse = DeflateReuse(map: mapped.map, changes: [DeflateChange(range: at..<at, count: Self.statement.count)])
                let joined = XMLBytes.splice(whole, edits)
                if let part = DeflateSplice.deflate(original: original, reuse: reuse, pieces: XMLBytes.splicePieces(whole, edits)) {
                    #expect(Zlib.inflate(part.compressed, size: joined.count) == joined, "\(file) at \(at)")
                    #expect(part.crc32 == Zlib.crc32(joined))
                }
                // The plan alone, without the worthwhile test: copy runs and fresh stretches must cover the part.
                let plan = try #require(DeflateSplice.plan(map: mapped.map, changes: reuse.changes, newCount: joined.count))
                #expect(plan.freshBytes <= joined.count)
            }
            checked += 1
        }
        #expect(checked >= DOCXFixtures.all.count)
    }
}
