@testable import DisclosureKit
import Foundation
import Testing

/// Plain text files built in code: each is stamped, verified, restamped and unstamped, and must come back byte for byte.
@Suite struct PlainTextHandlerTests {
    /// The inputs of the round trips, by name.
    static let inputs: [String: Data] = [
        "lf": Data("Quarterly update\n\nWe opened two libraries.\nBoth are busy.\n".utf8),
        "crlf": Data("Quarterly update\r\n\r\nWe opened two libraries.\r\nBoth are busy.\r\n".utf8),
        "cr": Data("Quarterly update\r\rWe opened two libraries.\r".utf8),
        "no-final-newline": Data("Quarterly update\n\nWe opened two libraries.".utf8),
        "crlf-no-final-newline": Data("Quarterly update\r\n\r\nWe opened two libraries.".utf8),
        "trailing-blank-lines": Data("Quarterly update\n\n\n".utf8),
        "empty": Data(),
        "utf8-bom": Data([0xEF, 0xBB, 0xBF] + Array("Café opening — 3 May\n".utf8)),
        "utf16le-bom": utf16("Café opening\r\n\r\nNew hours from May.\r\n", little: true),
        "utf16be-bom": utf16("Café opening\n\nNew hours from May.", little: false),
        "unicode": Data("Résumé 日本語 🎉\n\nZweiter Absatz.\n".utf8),
    ]

    static func utf16(_ s: String, little: Bool) -> Data {
        Data((little ? [0xFF, 0xFE] : [0xFE, 0xFF]) + s.utf16.flatMap { little ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    }

    static func write(_ data: Data, name: String = "notes.txt") throws -> (dir: String, path: String) {
        let dir = try Samples.temporaryFolder()
        let path = dir + "/" + name
        try data.write(to: URL(fileURLWithPath: path))
        return (dir, path)
    }

    static func open(_ data: Data, path: String = "notes.txt") throws -> any OpenedDocument {
        try PlainTextHandler().open(DocumentInput(data: data, path: path))
    }

    @Test(arguments: inputs.keys.sorted(), Placement.allCases)
    func roundTripIsByteExact(name: String, placement: Placement) throws {
        let original = try #require(Self.inputs[name])
        let (dir, path) = try Self.write(original)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (stamped, report) = try TextFixtures.roundTrip(path, original: original, options: StampOptions(placement: placement))
        #expect(report.passed, "\(report.checks.filter { $0.status != .pass })")
        #expect(report.checks.allSatisfy { $0.status == .pass }, "\(report.checks.filter { $0.status != .pass })")
        #expect(stamped.count > original.count)
        let found = try Self.open(stamped).findStamp()
        #expect(found.statement?.text.hasPrefix("AI use disclosure: This document was made with help from Microsoft 365 Copilot") == true)
        #expect(found.problems.isEmpty)
    }

    @Test func writesTheStatementThenTheMarkedBlock() throws {
        let original = try #require(Self.inputs["lf"])
        let (dir, path) = try Self.write(original)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let text = String(decoding: try TextFixtures.read(path), as: UTF8.self)
        #expect(text.hasPrefix(String(decoding: original, as: UTF8.self) + "\nAI use disclosure: "))
        let lines = text.components(separatedBy: "\n")
        #expect(Array(lines.suffix(5)) == ["", PlainTextMarkers.begin, lines[lines.count - 3], PlainTextMarkers.end, ""], "a blank line before the block")
        #expect(lines[lines.count - 6].hasPrefix("AI use disclosure: "))
        #expect(lines[lines.count - 7] == "", "a blank line before the statement")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(lines[lines.count - 3].utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "disclose/1")
        #expect(text.components(separatedBy: PlainTextMarkers.begin).count == 2)
    }

    @Test func startPlacementPutsStatementAndBlockFirst() throws {
        let original = try #require(Self.inputs["lf"])
        let (dir, path) = try Self.write(original)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(placement: .start))
        let text = String(decoding: try TextFixtures.read(path), as: UTF8.self)
        #expect(text.hasPrefix("AI use disclosure: "))
        #expect(text.hasSuffix(PlainTextMarkers.end + "\n\n" + String(decoding: original, as: UTF8.self)))
        let document = try Self.open(Data(text.utf8))
        #expect(try document.findStamp().statement?.location.line == 1)
        #expect(try document.text().body.first?.location.line == 7)
    }

    @Test func keepsLineEndingsEncodingAndMissingFinalNewline() throws {
        let crlf = try Self.open(try #require(Self.inputs["crlf"])).stamped(Self.request())
        let bytes = [UInt8](crlf)
        #expect(!bytes.indices.contains { bytes[$0] == 0x0A && ($0 == 0 || bytes[$0 - 1] != 0x0D) }, "every line end stays CRLF")
        #expect(crlf.suffix(2) == Data("\r\n".utf8))

        let open = try Self.open(try #require(Self.inputs["no-final-newline"])).stamped(Self.request())
        #expect(String(decoding: open, as: UTF8.self).hasSuffix(PlainTextMarkers.end))
        let expected = "Quarterly update\n\nWe opened two libraries.\n\nAI use disclosure.\n\n" + PlainTextMarkers.begin + "\n" + Self.request().json + "\n" + PlainTextMarkers.end
        #expect(String(decoding: open, as: UTF8.self) == expected)

        let wide = try Self.open(try #require(Self.inputs["utf16le-bom"])).stamped(Self.request())
        #expect(wide.prefix(2) == Data([0xFF, 0xFE]))
        #expect(wide.count % 2 == 0)
        let decoded = try #require(String(data: wide.dropFirst(2), encoding: .utf16LittleEndian))
        #expect(decoded.hasSuffix(PlainTextMarkers.begin + "\r\n" + Self.request().json + "\r\n" + PlainTextMarkers.end + "\r\n"))

        let bom = try Self.open(try #require(Self.inputs["utf8-bom"])).stamped(Self.request(placement: .start))
        #expect(bom.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: bom.dropFirst(3), as: UTF8.self).hasPrefix("AI use disclosure."))
    }

    static func request(placement: Placement = .end, statement: String = "AI use disclosure.") -> StampRequest {
        StampRequest(disclosure: Samples.disclosure, statement: statement, json: #"{"schema":"disclose/1","x":"é"}"#, facts: [], placement: placement)
    }

    @Test func paragraphsSplitOnBlankLinesWithLineNumbers() throws {
        let document = try Self.open(Data("Title\n\nFirst line\n  second line\n \t\nLast\n".utf8))
        let body = try document.text().body
        #expect(body.map(\.text) == ["Title", "First line second line", "Last"])
        #expect(body.map(\.location.line) == [1, 3, 6])
        #expect(body.map(\.location.byteOffset) == [0, 7, 35])
        #expect(try document.findStamp().isEmpty)
    }

    @Test func textAndBindingLeaveOutOurStamp() throws {
        let original = Data("Intro\n\nBody text.\n".utf8)
        let before = try Self.open(original)
        let stamped = try before.stamped(Self.request())
        let after = try Self.open(stamped)
        #expect(try after.text() == before.text())
        #expect(try after.unmanagedParts().map(\.bytes) == [original])
        #expect(try ContentBinder.binding(for: after) == ContentBinder.binding(for: before))
        let found = try after.findStamp()
        #expect(found.statement?.text == "AI use disclosure.")
        #expect(found.statement?.location.line == 5)
        #expect(found.metadata?.json == Data(Self.request().json.utf8))
        #expect(found.metadata?.location.line == 7)
    }

    @Test func restampReplacesStatementAndBlock() throws {
        let original = try #require(Self.inputs["crlf"])
        let first = try Self.open(original).stamped(Self.request(statement: "First statement."))
        let second = try Self.open(first).stamped(Self.request(statement: "Second statement."))
        let text = String(decoding: second, as: UTF8.self)
        #expect(!text.contains("First statement."))
        #expect(text.components(separatedBy: PlainTextMarkers.begin).count == 2)
        #expect(try Self.open(second).stamped(Self.request(statement: "Second statement.")) == second)
        #expect(try Self.open(second).unstamped() == original)
    }

    @Test func aWrappedBlockStillReads() throws {
        let stamped = try Self.open(Data("Text\n".utf8)).stamped(Self.request())
        var text = String(decoding: stamped, as: UTF8.self)
        text = text.replacingOccurrences(of: #""x":"é"}"#, with: "\n\"x\":\"é\"}")
        #expect(try Self.open(Data(text.utf8)).findStamp().metadata?.json == Data(Self.request().json.utf8))
    }

    @Test func twoBlocksAreReported() throws {
        let stamped = String(decoding: try Self.open(Data("Text\n".utf8)).stamped(Self.request()), as: UTF8.self)
        let doubled = stamped + "\n" + stamped
        #expect(try Self.open(Data(doubled.utf8)).findStamp().problems == ["found 2 disclosure blocks from Disclose; stamp again to keep just one"])
    }

    @Test func hostileInputIsRefusedOrHandled() throws {
        #expect(throws: DisclosureError.invalidEncoding(path: "notes.txt", encoding: "UTF-8", byteOffset: 6)) {
            try Self.open(Data([0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x20, 0xC3, 0x28, 0x0A]))
        }
        do {
            _ = try Self.open(Data("abc\u{0}def\n".utf8))
            Issue.record("a NUL byte must be refused")
        } catch let error as DisclosureError {
            #expect(error.description.contains("it contains a NUL byte (at byte 3)"))
        }
        #expect(throws: DisclosureError.self) { try Self.open(Data([0xFF, 0xFE, 0x41])) }

        let long = Data(String(repeating: "a", count: 1 << 20).utf8)
        let (dir, path) = try Self.write(long)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (stamped, report) = try TextFixtures.roundTrip(path, original: long)
        #expect(report.passed)
        #expect(stamped.count > long.count)
        #expect(try Self.open(long).text().body.map(\.text.count) == [1 << 20])
    }

    @Test func registryClaimsTxtOnly() throws {
        let registry = FormatRegistry.standard
        let head = Data("Just some text\n".utf8)
        #expect(registry.handler(forPath: "a.txt", head: head)?.id == "txt")
        #expect(registry.handler(forPath: "A.TXT", head: head)?.id == "txt")
        #expect(registry.handler(forPath: "a.md", head: head)?.id == "markdown")
        #expect(registry.handler(forPath: "a.html", head: head)?.id == "html")
        #expect(registry.handler(forPath: "a", head: head) == nil)
        #expect(PlainTextHandler().sniff(head: head) == false)
        #expect(PlainTextHandler().mediaTypes == ["text/plain"])
    }
}
