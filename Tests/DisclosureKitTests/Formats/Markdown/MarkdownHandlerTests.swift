@testable import DisclosureKit
import Foundation
import Testing

@Suite struct MarkdownHandlerTests {
    static let good = TextFixtures.names("markdown").filter { $0 != "invalid-utf8.md" }

    @Test(arguments: good, Placement.allCases)
    func roundTripIsByteExact(fixture: String, placement: Placement) throws {
        let (dir, path, original) = try TextFixtures.copy("markdown", fixture)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (_, report) = try TextFixtures.roundTrip(path, original: original, options: StampOptions(placement: placement))
        #expect(report.checks.allSatisfy { $0.status == .pass }, "\(report.checks.filter { $0.status != .pass })")
    }

    @Test(arguments: ["yaml-front-matter.md", "no-front-matter.md", "crlf.md"])
    func commentMetadataRoundTrips(fixture: String) throws {
        let (dir, path, original) = try TextFixtures.copy("markdown", fixture)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (stamped, report) = try TextFixtures.roundTrip(path, original: original, options: StampOptions(metadataStyle: .comment))
        #expect(report.passed)
        let text = String(decoding: stamped, as: UTF8.self)
        #expect(text.contains("<!-- disclose:metadata {\""))
        #expect(!text.contains("ai_disclosure:"))
    }

    @Test func insertionChangesNothingElseWhenRendered() throws {
        for name in Self.good where !name.contains("utf16") && !name.contains("bom") {
            let (dir, path, original) = try TextFixtures.copy("markdown", name)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
            let before = CmarkGFM.html(Self.withoutFrontMatter([UInt8](original)))
            let after = CmarkGFM.html(Self.withoutFrontMatter([UInt8](try TextFixtures.read(path))))
            let statement = try #require(after.range(of: "<!-- disclose:statement:begin[a-z -]*-->", options: .regularExpression), "\(name)")
            let end = try #require(after.range(of: "<!-- disclose:statement:end -->\n"))
            var removed = after
            removed.removeSubrange(statement.lowerBound..<end.upperBound)
            #expect(removed == before, "\(name): rendering differs outside the statement block")
            #expect(after[statement.lowerBound..<end.upperBound].contains("<blockquote>\n<p>AI use disclosure: This document was made with help from Microsoft 365 Copilot"))
        }
    }

    static func withoutFrontMatter(_ b: [UInt8]) -> [UInt8] {
        let lines = TextLine.split(b)
        guard let fm = FrontMatter.detect(b, lines: lines) else { return b }
        return Array(b[fm.range.upperBound...])
    }

    @Test func keepsLineEndingsAndEncoding() throws {
        let (dir, path, _) = try TextFixtures.copy("markdown", "crlf.md")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let bytes = [UInt8](try TextFixtures.read(path))
        let loneLF = bytes.indices.contains { bytes[$0] == 0x0A && ($0 == 0 || bytes[$0 - 1] != 0x0D) }
        #expect(!loneLF, "every line end stays CRLF")

        let (dir2, path2, _) = try TextFixtures.copy("markdown", "utf16le-bom.md")
        defer { try? FileManager.default.removeItem(atPath: dir2) }
        _ = try Stamper().stamp(path: path2, disclosure: Samples.disclosure)
        let wide = try TextFixtures.read(path2)
        #expect(wide.starts(with: [0xFF, 0xFE]))
        #expect(String(data: wide, encoding: .utf16LittleEndian)?.contains("> AI use disclosure:") == true)
    }

    @Test func frontMatterGetsOurKeyAsNewLinesOnly() throws {
        let (dir, path, original) = try TextFixtures.copy("markdown", "yaml-front-matter.md")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let text = String(decoding: try TextFixtures.read(path), as: UTF8.self)
        #expect(text.hasPrefix("---\ntitle: Field trip\ntags: [school, trip]\nai_disclosure:\n  mode: \"ai-assisted\"\n  model: \"Microsoft 365 Copilot\"\n  reviewed-by: \"Head of Communications\"\n"))
        #expect(text.contains("  json: '{\"content\":"))
        let toml = try TextFixtures.copy("markdown", "toml-front-matter.md")
        defer { try? FileManager.default.removeItem(atPath: toml.dir) }
        _ = try Stamper().stamp(path: toml.path, disclosure: Samples.disclosure)
        #expect(String(decoding: try TextFixtures.read(toml.path), as: UTF8.self).hasPrefix("+++\ntitle = \"Field trip\"\ndraft = false\n[ai_disclosure]\nmode = \"ai-assisted\"\n"))
        _ = try Stamper().unstamp(path: path)
        #expect(try TextFixtures.read(path) == original, "removing our key gives back the front matter as it was")
    }

    @Test func startPlacementGoesAfterTheFirstHeading() throws {
        let (dir, path, _) = try TextFixtures.copy("markdown", "no-front-matter.md")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(placement: .start))
        let text = String(decoding: try TextFixtures.read(path), as: UTF8.self)
        let body = text.components(separatedBy: "---\n").last ?? ""
        #expect(body.hasPrefix("# Field trip\n\n<!-- disclose:statement:begin -->\n\n> AI use disclosure:"))
    }

    @Test func setextLookalikeIsNotFrontMatter() throws {
        let b = [UInt8](try TextFixtures.read(TextFixtures.root.appendingPathComponent("markdown/setext-lookalike.md").path))
        #expect(FrontMatter.detect(b, lines: TextLine.split(b)) == nil)
    }

    @Test func invalidUTF8IsRefusedWithTheOffset() throws {
        let (dir, path, original) = try TextFixtures.copy("markdown", "invalid-utf8.md")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: DisclosureError.invalidEncoding(path: path, encoding: "UTF-8", byteOffset: 24)) {
            try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        }
        #expect(try TextFixtures.read(path) == original)
    }

    @Test func unclosedFenceIsClosedByTheStampAndReopenedByUnstamp() throws {
        let (dir, path, original) = try TextFixtures.copy("markdown", "unclosed-fence.md")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (stamped, report) = try TextFixtures.roundTrip(path, original: original)
        #expect(report.passed)
        let text = String(decoding: stamped, as: UTF8.self)
        #expect(text.hasSuffix("```sh\nmake all\n\n```\n\n<!-- disclose:statement:begin after-closing-fence -->\n\n> AI use disclosure: This document was made with help from Microsoft 365 Copilot for drafting and summarising. Extent of AI use: part of the content. Human review: reviewed and edited by Head of Communications. Declared by Jane Smith (Example University) on 25 November 2026.\n\n<!-- disclose:statement:end -->\n"))
    }

    @Test func unclosedCommentIsRefusedNotSwallowed() throws {
        let dir = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/open-comment.md"
        let original = Data("Intro\n\n<!-- a comment that never closes\n".utf8)
        try original.write(to: URL(fileURLWithPath: path))
        #expect(throws: DisclosureError.unreadable(
            path: path, reason: "the statement cannot be placed where readers will see it; the document probably ends inside an unclosed code block, HTML block or comment",
            hint: "Close the open block (for example add the closing ``` fence), or stamp with --placement start, and try again. Nothing was written.")) {
            try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        }
        #expect(try TextFixtures.read(path) == original)
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(placement: .start))
        #expect(try Verifier().verify(path: path).passed)
    }

    @Test func hugeSingleLineStampsQuickly() throws {
        let dir = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/one-line.md"
        try Data(String(repeating: "word ", count: 2_000_000).utf8).write(to: URL(fileURLWithPath: path))
        let original = try TextFixtures.read(path)
        let (_, report) = try TextFixtures.roundTrip(path, original: original)
        #expect(report.passed)
    }

    @Test func frontMatterFieldsMustAgreeWithTheJSON() throws {
        let (dir, path, _) = try TextFixtures.copy("markdown", "yaml-front-matter.md")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let text = String(decoding: try TextFixtures.read(path), as: UTF8.self).replacingOccurrences(of: "  mode: \"ai-assisted\"", with: "  mode: \"human-only\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let check = try #require(try Verifier().verify(path: path).checks.first { $0.id == "statement-matches-metadata" })
        #expect(check.status == .fail)
        #expect(check.message == "the mode field says \"human-only\" but the disclosure says \"ai-assisted\"")
    }

    @Test func editedTextIsFoundByLine() throws {
        let (dir, path, _) = try TextFixtures.copy("markdown", "no-front-matter.md")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let text = String(decoding: try TextFixtures.read(path), as: UTF8.self).replacingOccurrences(of: "3 March", with: "4 March")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let check = try #require(try Verifier().verify(path: path).checks.first { $0.id == "content-binding" })
        #expect(check.status == .fail)
        #expect(check.message.hasPrefix("text changed since stamping; first difference: line 16, column 1: \"Pupils will visit the Natural History Museum on 4 March.\""))
    }
}
