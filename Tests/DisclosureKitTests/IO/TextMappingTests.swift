@testable import DisclosureKit
import Foundation
import Testing

/// Markdown and HTML files of 1 MiB or more are mapped, and cmark-gfm is fed a chunk at a time
/// (their pages dropped once fed): the parse must not depend on where the chunks end.
@Suite struct TextMappingTests {
    @Test func markdownAndHTMLAreMappedFromOneMebibyte() {
        #expect(LargeData.mapThreshold(forPath: "a/notes.md") == 1 << 20)
        #expect(LargeData.mapThreshold(forPath: "page.HTML") == 1 << 20)
        #expect(LargeData.mapThreshold(forPath: "page.xhtml") == 1 << 20)
        #expect(LargeData.mapThreshold(forPath: "report.docx") == LargeData.mapThreshold)
        #expect(LargeData.mapThreshold(forPath: "notes.txt") == LargeData.mapThreshold)
        #expect(LargeData.parsedTextExtensions == MarkdownHandler().fileExtensions.union(HTMLHandler().fileExtensions))
    }

    /// A file larger than a chunk (4 MiB) with CRLF line ends, one of them split across the chunk
    /// boundary (its CR the chunk's last byte), read through the loader (mapped): every paragraph
    /// keeps its text and its line.
    @Test func chunkedFeedParsesAsOneBuffer() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let boundary = LargeData.chunkSize
        var bytes: [UInt8] = []
        var expected: [String] = []
        func add(_ p: String) {
            expected.append(p)
            bytes += Array(p.utf8) + [0x0D, 0x0A, 0x0D, 0x0A]
        }
        var i = 0
        while bytes.count < boundary - 300 {
            add("Paragraph \(i) caf\u{00E9} " + String(repeating: "x", count: 1 + i % 50))
            i += 1
        }
        let head = "Paragraph \(i) "
        add(head + String(repeating: "y", count: boundary - 1 - bytes.count - head.utf8.count))
        #expect(bytes[boundary - 1] == 0x0D && bytes[boundary] == 0x0A)
        while bytes.count < boundary + 200_000 {
            i += 1
            add("Paragraph \(i) " + String(repeating: "z", count: 1 + i % 50))
        }
        let path = folder + "/big.md"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let data = try DocumentLoader().readBytes(at: path)
        #expect(data == Data(bytes))
        let blocks = CmarkGFM.blocks(data)
        #expect(blocks.map { blocks.text($0) } == expected)
        #expect(blocks.map(\.startLine) == expected.indices.map { 2 * $0 + 1 })
    }
}
