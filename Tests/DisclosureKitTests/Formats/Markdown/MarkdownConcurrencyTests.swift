@testable import DisclosureKit
import Foundation
import Testing

/// cmark-gfm keeps extension characters in a global table that every `cmark_parser_finish`
/// sets and clears; parsing from several threads at once (as `disclose audit` does) must still
/// give every document the same text and the same rendering.
@Suite struct MarkdownConcurrencyTests {
    static let source = Data("""
        # Chemistry

        Water is H~2~O and ~~not~~ really *wet*: see https://example.org.

        | a | b |
        |---|---|
        | ~~x~~ | y |

        - [x] done
        """.utf8)

    static func text() throws -> [String] {
        let document = try FormatRegistry.standard.handler(id: "markdown")!.open(DocumentInput(data: source, path: "chem.md"))
        return try document.text().body.map(\.text)
    }

    @Test func parallelParsesGiveTheSameText() async throws {
        let expected = try Self.text()
        #expect(expected.contains { $0.contains("not") })
        let results = await withTaskGroup(of: [[String]].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<150).compactMap { _ in try? Self.text() } }
            }
            var all: [[String]] = []
            for await batch in group { all += batch }
            return all
        }
        #expect(results.count == 1200)
        #expect(results.allSatisfy { $0 == expected }, "\(Set(results.map { $0.joined(separator: " | ") }))")
    }

    @Test func parallelRendersGiveTheSameHTML() async {
        let bytes = [UInt8](Self.source)
        let expected = CmarkGFM.html(bytes)
        // Strikethrough, autolink, table and task list all took part.
        #expect(expected.contains("<del>not</del>"))
        #expect(expected.contains("<a href=\"https://example.org\">"))
        #expect(expected.contains("<td><del>x</del></td>"))
        #expect(expected.contains("checked=\"\""))
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<100).map { _ in CmarkGFM.html(bytes) } }
            }
            var all: [String] = []
            for await batch in group { all += batch }
            return all
        }
        #expect(results.count == 800)
        #expect(results.filter { $0 != expected }.count == 0)
    }
}
