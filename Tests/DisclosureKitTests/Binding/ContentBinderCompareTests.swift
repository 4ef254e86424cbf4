import DiscloseTestSupport
import DisclosureKit
import Foundation
import Testing

/// How a recorded content binding compares with a document: the bytes outside the stamp decide
/// "unchanged", so a document no one touched never reads as changed because a later version of
/// Disclose extracts its text differently.
@Suite struct ContentBinderCompareTests {
    static func document(_ text: String) throws -> any OpenedDocument {
        try MarkdownHandler().open(DocumentInput(data: Data(text.utf8), path: "essay.md"))
    }

    @Test func bytesAsStampedAreUnchangedWhateverTheTextDigestSays() throws {
        let document = try Self.document("# Essay\n\nFirst paragraph.\n\nSecond paragraph.\n")
        var recorded = try ContentBinder.binding(for: document)
        #expect(try ContentBinder.compare(recorded, with: document) == .unchanged)
        // As if stamped by a version that read the text otherwise: the bytes still match.
        recorded.text.value = String(repeating: "0", count: 64)
        #expect(try ContentBinder.compare(recorded, with: document) == .unchanged)
    }

    @Test func changedTextAndChangedFormattingAreStillTold() throws {
        let recorded = try ContentBinder.binding(for: try Self.document("# Essay\n\nFirst paragraph.\n\nSecond paragraph.\n"))
        let edited = try Self.document("# Essay\n\nFirst paragraph, edited.\n\nSecond paragraph.\n")
        guard case .textChanged = try ContentBinder.compare(recorded, with: edited) else {
            Issue.record("an edited paragraph must read as text changed")
            return
        }
        // The same words with other Markdown around them: formatting changed, text the same.
        let reformatted = try Self.document("Essay\n=====\n\nFirst paragraph.\n\nSecond paragraph.\n")
        #expect(try ContentBinder.compare(recorded, with: reformatted) == .partsChanged)
    }

    /// Wraps a document and counts the calls to ``OpenedDocument/text()``.
    final class CountingText: OpenedDocument {
        let inner: any OpenedDocument
        var textCalls = 0
        init(_ inner: any OpenedDocument) { self.inner = inner }
        var handler: any FormatHandler { inner.handler }
        func text() throws -> DocumentText { textCalls += 1; return try inner.text() }
        func findStamp() throws -> FoundStamp { try inner.findStamp() }
        func unmanagedParts() throws -> [DocumentPart] { try inner.unmanagedParts() }
        func stamped(_ request: StampRequest) throws -> Data { try inner.stamped(request) }
        func unstamped() throws -> Data { try inner.unstamped() }
        func metadataEntries() throws -> [MetadataEntry] { try inner.metadataEntries() }
        var warnings: [String] { inner.warnings }
    }

    @Test func anUnchangedDocumentsTextIsNotRead() throws {
        let text = "# Essay\n\nFirst paragraph.\n\nSecond paragraph.\n"
        let recorded = try ContentBinder.binding(for: try Self.document(text))
        let unchanged = CountingText(try Self.document(text))
        #expect(try ContentBinder.compare(recorded, with: unchanged) == .unchanged)
        #expect(unchanged.textCalls == 0, "the parts decide; the text is read only when they differ")
        let reformatted = CountingText(try Self.document("Essay\n=====\n\nFirst paragraph.\n\nSecond paragraph.\n"))
        #expect(try ContentBinder.compare(recorded, with: reformatted) == .partsChanged)
        #expect(reformatted.textCalls == 1)
    }
}
