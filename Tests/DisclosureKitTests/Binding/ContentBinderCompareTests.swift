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
}
