import Crypto
@testable import DisclosureKit
import Foundation
import Testing

/// Kept-prefix output (PDF incremental updates): written, compared and hashed without rebuilding
/// the file in memory, and mapped large inputs read back exactly.
@Suite struct DocumentOutputTests {
    /// A file larger than the mapping threshold and the chunk size, so both paths run.
    static func largeBytes() -> Data {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var data = Data(count: LargeData.mapThreshold + 1_234_568)
        data.withUnsafeMutableBytes { raw in
            for i in stride(from: 0, to: raw.count, by: 8) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                raw.storeBytes(of: state, toByteOffset: i, as: UInt64.self)
            }
        }
        return data.prefix(LargeData.mapThreshold + 1_234_567)
    }

    @Test func appendingOutputWritesPrefixThenBytes() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/big.pdf"
        let original = Self.largeBytes()
        try original.write(to: URL(fileURLWithPath: path))
        let mapped = try DocumentLoader().readBytes(at: path)
        #expect(mapped == original, "a mapped file reads back byte for byte")

        let tail = Data("\n%% appended\n".utf8)
        let output = DocumentOutput.appending(keepingPrefix: original.count - 100, bytes: tail)
        #expect(output.count == original.count - 100 + tail.count)
        #expect(!output.isIdentical(to: original))
        let expected = original.prefix(original.count - 100) + tail
        #expect(output.bytes(from: mapped) == expected)
        #expect(output.sha256Hex(from: mapped) == Digests.sha256Hex(expected))

        try AtomicWriter.write(output, from: mapped, to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == expected)
    }

    /// Pieces (Markdown and HTML stamps): written, compared and hashed as the spliced bytes,
    /// large enough that the written bytes are hashed on a second thread.
    @Test func piecesAreWrittenAndHashedAsTheirConcatenation() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/big.md"
        let original = Self.largeBytes()
        let edits: [(range: Range<Int>, replacement: Data)] = [
            (0..<0, Data("---\nfront: matter\n---\n".utf8)), (1000..<1010, Data()), (original.count..<original.count, Data("\nend\n".utf8)),
        ]
        let expected = XMLBytes.splice(original, edits)
        let output = DocumentOutput.pieces(XMLBytes.splicePieces(original, edits))
        #expect(output.count == expected.count)
        #expect(output.bytes(from: Data()) == expected)
        #expect(output.sha256Hex(from: Data()) == Digests.sha256Hex(expected))
        #expect(!output.isIdentical(to: original))
        #expect(output.isIdentical(to: expected))
        #expect(DocumentOutput.pieces([original.prefix(10), original.dropFirst(10)]).isIdentical(to: original))
        #expect(!DocumentOutput.pieces([original.prefix(10), original.dropFirst(11)]).isIdentical(to: original))
        let written = try AtomicWriter.writeHashed(output, from: Data(), to: path)
        #expect(written == Digests.sha256Hex(expected))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == expected)
    }

    @Test func identicalWhenTheAppendedBytesAreTheSame() {
        let original = Data("%PDF-1.7\nbody\n%%EOF\nour increment\n".utf8)
        let prefix = original.count - "our increment\n".utf8.count
        #expect(DocumentOutput.appending(keepingPrefix: prefix, bytes: Data("our increment\n".utf8)).isIdentical(to: original))
        #expect(!DocumentOutput.appending(keepingPrefix: prefix, bytes: Data("our increment!".utf8)).isIdentical(to: original))
        #expect(DocumentOutput.appending(keepingPrefix: original.count, bytes: Data()).isIdentical(to: original))
        #expect(!DocumentOutput.appending(keepingPrefix: original.count + 1, bytes: Data()).isIdentical(to: original))
    }

    @Test func truncationKeepsOnlyThePrefix() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/a.pdf"
        let original = Data("%PDF-1.7\noriginal\n%%EOF\nappended later\n".utf8)
        try original.write(to: URL(fileURLWithPath: path))
        try AtomicWriter.write(.appending(keepingPrefix: 24, bytes: Data()), from: original, to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original.prefix(24))
    }

    @Test func chunksCoverEveryByteOnce() {
        let data = Self.largeBytes()
        var hasher = SHA256()
        var total = 0
        LargeData.forEachChunk(of: data, upTo: data.count - 5) { hasher.update(bufferPointer: $0); total += $0.count }
        #expect(total == data.count - 5)
        #expect(Digests.hex(hasher.finalize()) == Digests.sha256Hex(data.prefix(data.count - 5)))
    }

    /// Pages are dropped only from file mappings: memory of our own (which dropping would zero)
    /// keeps its contents, and a mapped file reads the same after its pages were dropped.
    @Test func droppingPagesNeverChangesContents() throws {
        let heap = Self.largeBytes()
        let copy = Data(heap)
        LargeData.forEachChunk(of: heap) { _ in }
        #expect(heap == copy, "memory that is not a file mapping is left as it is")

        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/big.bin"
        try copy.write(to: URL(fileURLWithPath: path))
        let mapped = try LargeData.map(path)
        var hasher = SHA256()
        LargeData.forEachChunk(of: mapped) { hasher.update(bufferPointer: $0) }
        #expect(Digests.hex(hasher.finalize()) == Digests.sha256Hex(copy))
        #expect(mapped == copy, "a mapped file reads back the same after its pages were dropped")
    }
}
