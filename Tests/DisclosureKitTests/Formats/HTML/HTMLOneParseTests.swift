@testable import DisclosureKit
import Foundation
import Testing

/// Stamping HTML checks its own output without parsing it again when every element open where our
/// elements go is a plain container written in the source (issue 17). These tests show that this
/// check decides exactly as the full check (the stamped page parsed again) does: the same bytes, or
/// the same refusal.
@Suite struct HTMLOneParseTests {
    static let page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>T</title>\n</head>\n<body>\n<main>\n<h1>T</h1>\n<p>Text.</p>\n</main>\n</body>\n</html>\n"
    static let edgeCases: [String] = [
        page, "", "text only", "<p>fragment", "<html><body><p>x</p></body></html>",
        "<html><head><title>x</title></head><body><p>open paragraph</body></html>",
        "<html><head></head><body><table><tr><td>cell</body></html>",
        "<html><head></head><body><noscript>x</body></html>",
        "<html><head></head><body><template>x</body></html>",
        "<html><head></head><body><svg><text>x</text></body></html>",
        "<html><head><title>never closed</head><body>x</body></html>",
        "<html><head><noscript><style>x</style></head><body>x</body></html>",
        "<html><head></head><body><b><i>x</b>y</i></body></html>",
        "<html><head></head><body><table><tr><td>x</td></tr></table></body></html>",
        "<html><head></head><frameset><frame src=a.html></frameset></html>",
        "<html><head></head><body><article><p>x</p></article><main><div>y</div></main></body></html>",
        "<html><head></head><body><div><section><header>x</header></section></div></body></html>",
        "<html><head></head><body><div>unclosed div</body></html>",
        "<html><head></head><body><textarea>x</body></html>",
        "<html><head></head><body><ul><li>one<li>two</ul></body></html>",
        "<html><title>no head</title><body>x</body></html>",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>x</title></head><body><p>x</p></body></html>\n",
        "<html>\r\n<head>\r\n</head>\r\n<body>\r\n<main>\r\nx\r\n</main>\r\n</body>\r\n</html>\r\n",
        "<html><head><meta charset=\"windows-1252\"></head><body><main>caf\u{E9}</main></body></html>",
        "<html><head></head><body><main><aside data-disclose-statement>not ours</aside></main></body></html>",
    ]
    static let statements = [
        StatementRenderer().render(Samples.disclosure), "<b>bold</b> & [link](x)", "Zoë Nguyễn ŵ مرحبا", "  spaced  out  ",
    ]

    static func request(_ statement: String, _ placement: Placement) -> StampRequest {
        StampRequest(disclosure: Samples.disclosure, statement: statement, json: #"{"schema":"disclose/1"}"#,
                     facts: Samples.disclosure.keyFacts, placement: placement)
    }

    /// The stamped bytes, or the refusal's description.
    static func outcome(_ data: Data, _ request: StampRequest, alwaysReparse: Bool, path: String = "x.html") -> String {
        do {
            let doc = try HTMLHandler().open(DocumentInput(data: data, path: path)) as! HTMLDocument
            return try doc.stampedChecking(request, alwaysReparse: alwaysReparse).data.base64EncodedString()
        } catch {
            return "refused: \(error)"
        }
    }

    static func expectSameOutcome(_ data: Data, name: String, statements: [String], path: String = "x.html") {
        for statement in statements {
            for placement in Placement.allCases {
                let r = request(statement, placement)
                let fast = outcome(data, r, alwaysReparse: false, path: path), full = outcome(data, r, alwaysReparse: true, path: path)
                #expect(fast == full, "\(name) \(placement) statement \(statement.debugDescription)")
            }
        }
    }

    @Test func edgeCasesDecideAsTheFullCheck() {
        for text in Self.edgeCases {
            Self.expectSameOutcome(Data(text.utf8), name: text.debugDescription, statements: Self.statements)
        }
    }

    /// Ordinary pages take the one-parse check; pages where an inserted element could land
    /// somewhere else are parsed again.
    @Test(arguments: [
        (page, false),
        ("<html><head></head><body><div><section><header>x</header></section></div></body></html>", false),
        ("<html><head><title>x</title></head><body><p>open paragraph</body></html>", true),
        ("<html><head></head><body><table><tr><td>cell</body></html>", true),
        ("<html><head></head><body><noscript>x</body></html>", true),
        ("<html><title>no head</title><body>x</body></html>", true),
        ("<p>fragment", true),
    ])
    func whichPagesAreParsedAgain(text: String, reparsed: Bool) throws {
        let doc = try HTMLHandler().open(DocumentInput(data: Data(text.utf8), path: "x.html")) as! HTMLDocument
        #expect(try doc.stampedChecking(Self.request(Self.statements[0], .end), alwaysReparse: false).reparsed == reparsed)
    }

    @Test func fixturesGiveTheSameBytesAsTheFullCheck() throws {
        let names = TextFixtures.names("html")
        #expect(!names.isEmpty)
        for name in names {
            let data = try Data(contentsOf: TextFixtures.root.appendingPathComponent("html").appendingPathComponent(name))
            Self.expectSameOutcome(data, name: name, statements: Array(Self.statements.prefix(2)), path: name)
        }
    }

    @Test(.enabled(if: TextCorpusTests.present("html"), "../shared/corpus/html is absent"))
    func corpusGivesTheSameBytesAsTheFullCheck() throws {
        let folder = TextCorpusTests.folder("html")
        var fast = 0, total = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            Self.expectSameOutcome(data, name: name, statements: [Self.statements[0]], path: name)
            if let doc = try? HTMLHandler().open(DocumentInput(data: data, path: name)) as? HTMLDocument,
               let r = try? doc.stampedChecking(Self.request(Self.statements[0], .end), alwaysReparse: false) {
                total += 1
                if !r.reparsed { fast += 1 }
            }
        }
        print("HTML corpus: \(fast) of \(total) stampable pages checked without a second parse")
    }
}
