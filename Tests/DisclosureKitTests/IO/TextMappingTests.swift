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
        #expect(LargeData.mapThreshold(forPath: "folder.md/archive") == LargeData.mapThreshold)
    }

    /// Which formats are mapped early is the handlers' own answer, found through the registry:
    /// every extension of a handler whose parser copies its input, and no other.
    @Test func theHandlersDecideWhichFilesAreMappedEarly() {
        let registry = FormatRegistry.standard
        let copying = registry.handlers.filter { $0.parserCopiesInput }.map { $0.id }
        #expect(Set(copying) == [MarkdownHandler().id, HTMLHandler().id])
        for handler in registry.handlers {
            for ext in handler.fileExtensions where registry.handler(forPath: "x.\(ext)", head: Data())?.id == handler.id {
                let expected = handler.parserCopiesInput ? LargeData.parsedTextMapThreshold : LargeData.mapThreshold
                #expect(registry.mapThreshold(forPath: "dir/file.\(ext.uppercased())") == expected, "\(ext)")
            }
        }
        // A registry without the Markdown handler maps Markdown files only from 16 MiB.
        let withoutMarkdown = FormatRegistry(handlers: registry.handlers.filter { $0.id != MarkdownHandler().id })
        #expect(withoutMarkdown.mapThreshold(forPath: "notes.md") == LargeData.mapThreshold)
        #expect(LargeData.mapThreshold(forPath: "notes.md", registry: withoutMarkdown) == LargeData.mapThreshold)
        #expect(withoutMarkdown.mapThreshold(forPath: "page.html") == LargeData.parsedTextMapThreshold)
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
