@testable import DisclosureKit
import Foundation
import Testing

/// Block texts are kept as UTF-8 in chunks (``MarkdownTextStore``), not as a `String` per block:
/// they must read back as the texts cmark-gfm gives, across chunk boundaries and for texts longer
/// than a chunk.
@Suite struct MarkdownBlocksTextTests {
    @Test func storeGivesBackWhatWasKept() {
        var store = MarkdownTextStore()
        var expected: [(MarkdownTextStore.Slot, [UInt8])] = []
        var generator = SystemRandomNumberGenerator()
        // Sizes around and above a chunk (64 KiB), so texts start new chunks and some get one of their own.
        for size in [0, 1, 15, 16, 100, 40_000, 30_000, 65_536, 65_537, 200_000, 3, 0, 65_000, 600] {
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let slot = bytes.withUnsafeBufferPointer { store.append($0) }
            expected.append((slot, bytes))
        }
        for (slot, bytes) in expected {
            #expect(store.withBytes(slot) { Array($0) } == bytes)
        }
        #expect(expected.last!.0.chunk > 3)
    }

    @Test func blockTextsReadAsWritten() {
        var source = "# Title *one*\n\nA paragraph with `code` and a [link](https://example.com).\nSecond line.\n\n"
        source += "```swift\nlet x = 1\n```\n\n<div>\nraw\n</div>\n\n| a | b |\n|---|---|\n| c | d |\n\n> Quoted caf\u{00E9}\n\n"
        var paragraphs: [String] = []
        for i in 0..<3_000 {
            let p = "Paragraph \(i) " + String(repeating: "word\(i % 7) ", count: i % 40)
            paragraphs.append(p.trimmingCharacters(in: .whitespaces))
            source += p + "\n\n"
        }
        let long = String(repeating: "long ", count: 30_000).trimmingCharacters(in: .whitespaces)
        source += long + "\n"
        let blocks = CmarkGFM.blocks(Data(source.utf8))
        let texts = blocks.filter(\.hasText).map { blocks.text($0) }
        #expect(Array(texts.prefix(8)) == ["Title one", "A paragraph with code and a link. Second line.", "let x = 1\n", "<div>\nraw\n</div>\n",
                                            "a", "b", "c", "d"])
        #expect(texts.contains("Quoted caf\u{00E9}"))
        #expect(Array(texts.suffix(3_001)) == paragraphs + [long])
        for block in blocks {
            #expect(block.hasText == !blocks.text(block).isEmpty)
            blocks.withText(block) { #expect(String(decoding: $0, as: UTF8.self) == blocks.text(block)) }
        }
    }
}
