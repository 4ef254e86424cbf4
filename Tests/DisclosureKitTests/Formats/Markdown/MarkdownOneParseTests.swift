@testable import DisclosureKit
import Foundation
import Testing

/// Stamping Markdown checks its own output without parsing it again when the placement is provably
/// safe (issue 17). These tests show that this check decides exactly as the full check (the stamped
/// output parsed again) does: the same bytes, or the same refusal.
@Suite struct MarkdownOneParseTests {
    static let edgeCases: [String] = [
        "", "# T\n\ntext\n", "# Title", "Title\n=====\nbody\n", "text", "text\n", "para with trailing \\", "trailing spaces   ",
        "```\ncode\n", "```\ncode", "~~~~\ncode\n~~~\n", "```\ncode\n```\n", "```\ncode\n```",
        "text\n<!-- open comment\n", "<!-- closed -->\n", "<div>\nx\n", "<script>\nx\n", "<pre>\nx", "<?php\nx\n",
        "- a\n\n  ```\n  code\n", "- item\n  continued", "1. one\n2. two\n", "> ```\n> code", "> quote", "> quote\nlazy",
        "    indented code\n", "- a\n\n        code\n", "| a | b |\n|---|---|\n| 1 | 2 |", "Text[^1]\n\n[^1]: note\n    more",
        "[ref]: /url\n", "text\n<!-- disclose:statement:begin -->\n", "<!-- disclose:statement:end -->\n# T\n",
        "---\ntitle: x\n---\nbody\n", "---\ntitle: x\n---\n# H\n\nbody", "+++\ntitle = 'x'\n+++\n# H\n", "---\n",
        "# T\r\n\r\ntext\r\n", "# T\r\n\r\n```\r\ncode\r\n", "x\r<!--\r",
    ]
    static let statements = [
        StatementRenderer().render(Samples.disclosure), "1. numbered", "- dash", "    indented", "a\\*b", "www.example.com and a@b.com",
        "line\nbreak", "#hash", "=====", "<b>bold</b> & [link](x)", "  spaced  out  ",
    ]

    static func request(_ statement: String, _ placement: Placement, _ style: MetadataStyle) -> StampRequest {
        StampRequest(disclosure: Samples.disclosure, statement: statement, json: #"{"schema":"disclose/1"}"#,
                     facts: Samples.disclosure.keyFacts, placement: placement, metadataStyle: style)
    }

    /// The stamped bytes, or the refusal's description.
    static func outcome(_ data: Data, _ request: StampRequest, alwaysReparse: Bool) -> String {
        do {
            let doc = try MarkdownHandler().open(DocumentInput(data: data, path: "x.md")) as! MarkdownDocument
            return try doc.stamped(request, alwaysReparse: alwaysReparse).base64EncodedString()
        } catch {
            return "refused: \(error)"
        }
    }

    static func expectSameOutcome(_ data: Data, name: String, statements: [String]) {
        for statement in statements {
            for placement in Placement.allCases {
                for style in [MetadataStyle.native, .comment] {
                    let r = request(statement, placement, style)
                    let fast = outcome(data, r, alwaysReparse: false), full = outcome(data, r, alwaysReparse: true)
                    #expect(fast == full, "\(name) \(placement) \(style) statement \(statement.debugDescription)")
                }
            }
        }
    }

    @Test func edgeCasesDecideAsTheFullCheck() {
        for text in Self.edgeCases {
            Self.expectSameOutcome(Data(text.utf8), name: text.debugDescription, statements: Self.statements)
        }
    }

    /// The one-parse check is what ordinary documents get; the risky ones still parse the output again.
    /// (A comment closed on the last line is safe: cmark reports an HTML block closed by its end
    /// condition as ending on the line before, and either way a closed block cannot swallow ours.)
    @Test(arguments: [("# T\n\ntext\n", false), ("text", false), ("---\ntitle: x\n---\nbody\n", false), ("- a\n- b\n", false),
                      ("```\ncode\n", true), ("<!-- closed -->\n", false), ("<div>\nx\n", true),
                      ("text\n<!-- disclose:statement:end -->\n", true)])
    func whichDocumentsAreParsedAgain(text: String, reparsed: Bool) throws {
        let doc = try MarkdownHandler().open(DocumentInput(data: Data(text.utf8), path: "x.md")) as! MarkdownDocument
        let r = Self.request(Self.statements[0], .end, .native)
        #expect(try doc.stampedChecking(r, alwaysReparse: false).reparsed == reparsed)
    }

    @Test func fixturesGiveTheSameBytesAsTheFullCheck() throws {
        let names = TextFixtures.names("markdown")
        #expect(!names.isEmpty)
        for name in names {
            let data = try Data(contentsOf: TextFixtures.root.appendingPathComponent("markdown").appendingPathComponent(name))
            Self.expectSameOutcome(data, name: name, statements: Array(Self.statements.prefix(3)))
        }
    }

    @Test(.enabled(if: TextCorpusTests.present("md"), "../shared/corpus/md is absent"))
    func corpusGivesTheSameBytesAsTheFullCheck() throws {
        let folder = TextCorpusTests.folder("md")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            Self.expectSameOutcome(data, name: name, statements: [Self.statements[0]])
        }
    }
}
