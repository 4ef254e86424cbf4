import DiscloseTestSupport
@testable import DisclosureKit
import Foundation
import Testing

/// A large main part is scanned as it is inflated and hashed in a second inflate, never held whole
/// (issue 17, verify under 64 MB): the scan, the parts digest, the binding and every refusal are
/// the ones made from the part read whole.
@Suite struct DOCXStreamedMainPartTests {
    static let main = "word/document.xml"

    /// Opens `path` with its main part streamed (`streamed`) or read whole.
    static func open(_ path: String, streamed: Bool) throws -> DOCXDocument {
        try open(data: try Data(contentsOf: URL(fileURLWithPath: path)), path: path, streamed: streamed)
    }

    static func open(data: Data, path: String, streamed: Bool) throws -> DOCXDocument {
        let input = DocumentInput(data: data, path: path)
        return try DOCXDocument(package: DOCXPackage(input: input), handler: DOCXHandler(), hashedTextAbove: streamed ? 0 : Int.max)
    }

    static func partsDigest(_ document: DOCXDocument) throws -> String {
        var hasher = PartsHasher()
        try document.hashUnmanagedParts(into: &hasher)
        return hasher.finalizeHex()
    }

    /// Everything a scan reports, as text to compare.
    static func describe(_ scan: StoryScan) -> String {
        var lines = ["prefix \(scan.prefix ?? "-") body \(scan.bodyContentStart ?? -1)..<\(scan.bodyEnd ?? -1) sect \(scan.finalSectionStart ?? -1) strict \(scan.isStrict)"]
        lines += scan.ourControls.map { "ours \($0.range) \($0.paragraph) \($0.problems) \($0.text)" }
        lines += scan.markedParagraphs.map { "marked \($0.range) \($0.paragraph) \($0.problems) \($0.text)" }
        lines += scan.paragraphs.map { "p \($0.location) \($0.setting.map { "\($0)" } ?? "-") \($0.text)" }
        return lines.joined(separator: "\n")
    }

    /// `data` handed out in pieces of `size` bytes.
    static func pieces(_ data: Data, size: Int) -> ((UnsafeRawBufferPointer) throws -> Void) throws -> Void {
        { body in
            try data.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = min(size, raw.count - offset)
                    try body(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)]))
                    offset += n
                }
            }
        }
    }

    static func checkScan(_ path: String, _ comment: Comment) throws {
        let data = try DOCXFixtures.parts(path)[main]!
        let whole = describe(try StoryScanner.scan(data, part: main, path: path, limits: .default))
        #expect(whole.contains("body "), comment)
        for size in [7, 4096, 1 << 16] {
            let streamed = try StoryScanner.scan(part: main, path: path, limits: .default, pieces: pieces(data, size: size))
            #expect(describe(streamed) == whole, "\(comment), pieces of \(size)")
        }
    }

    static func checkDigest(_ path: String, _ comment: Comment) throws {
        let streamed = try open(path, streamed: true)
        let whole = try open(path, streamed: false)
        let digest = try partsDigest(whole)
        #expect(try partsDigest(streamed) == digest, comment)
        // A check's binding: the parts inflated again, the text as hashed during the scan.
        let checked = try streamed.hashText().binding(format: streamed.handler.id, partsDigest: try partsDigest(streamed))
        #expect(!streamed.holdsMainData, "\(comment): the streamed part was not read whole")
        #expect(whole.holdsMainData, comment)
        let expected = try ContentBinder.binding(for: whole)
        #expect(checked == expected, comment)
        // A stamp's binding reads the part whole first (StampPreparing: the stamp splices it) and
        // hashes those bytes: the same binding.
        #expect(try ContentBinder.binding(for: streamed) == expected, comment)
        #expect(streamed.holdsMainData, comment)
        #expect(try partsDigest(streamed) == digest, "\(comment), held")
    }

    @Test("the main part scanned in pieces reports what the part read whole does", arguments: DOCXFixtures.all)
    func scanInPieces(name: String) throws {
        let (dir, path) = try DOCXFixtures.copy(name)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.checkScan(path, "\(name)")
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(placement: .start))
        try Self.checkScan(path, "\(name), stamped")
    }

    @Test("the parts digest of a streamed main part is the one of the part read whole", arguments: DOCXFixtures.all)
    func digestStreamed(name: String) throws {
        let (dir, path) = try DOCXFixtures.copy(name)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.checkDigest(path, "\(name)")
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(placement: .end))
        try Self.checkDigest(path, "\(name), stamped at the end")
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(placement: .start))
        try Self.checkDigest(path, "\(name), stamped again at the start")
    }

    @Test("a stamped document verifies from the streamed part, and a changed word is found as from the whole part")
    func verifyStreamed() throws {
        let (dir, path) = try DOCXFixtures.copy("plain.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let recorded = try #require(try Verifier().verify(path: path).disclosure?.content)
        let streamed = try Self.open(path, streamed: true)
        #expect(try ContentBinder.compare(recorded, with: streamed) == .unchanged)
        #expect(!streamed.holdsMainData)

        let before = String(decoding: try DOCXFixtures.parts(path)[Self.main]!, as: UTF8.self)
        // The first character of the first text run that has one.
        var search = before.startIndex
        var found: String.Index?
        while found == nil, let tag = before[search...].range(of: "<w:t") {
            search = tag.upperBound
            guard let close = before[search...].firstIndex(of: ">"), before[before.index(before: close)] != "/" else { continue }
            let next = before.index(after: close)
            if next < before.endIndex, before[next].isLetter { found = next }
        }
        let word = try #require(found)
        let changed = before.replacingCharacters(in: word..<before.index(after: word), with: "Z")
        try DOCXFixtures.rewrite(path, part: Self.main) { _ in changed }
        let streamedOutcome = try ContentBinder.compare(recorded, with: try Self.open(path, streamed: true))
        guard case .textChanged = streamedOutcome else {
            Issue.record("a changed word reads as \(streamedOutcome)")
            return
        }
        #expect(try streamedOutcome == ContentBinder.compare(recorded, with: try Self.open(path, streamed: false)))
    }

    /// The package with the main part's CRC-32 or declared size changed in both its local header
    /// and its central directory record.
    static func patched(_ data: Data, crcXor: UInt32 = 0, sizeDelta: Int = 0) -> Data {
        var bytes = [UInt8](data)
        let name = Array(main.utf8)
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func u32(_ i: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[i + $1]) << (8 * UInt32($1)) } }
        func put(_ i: Int, _ v: UInt32) { for k in 0..<4 { bytes[i + k] = UInt8((v >> (8 * UInt32(k))) & 0xFF) } }
        var i = 0
        while i + 46 < bytes.count {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 3, bytes[i + 3] == 4,
               Array(bytes[(i + 30)..<min(bytes.count, i + 30 + u16(i + 26))]) == name {
                put(i + 14, u32(i + 14) ^ crcXor)
                put(i + 22, UInt32(Int(u32(i + 22)) + sizeDelta))
            }
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 1, bytes[i + 3] == 2,
               Array(bytes[(i + 46)..<min(bytes.count, i + 46 + u16(i + 28))]) == name {
                put(i + 16, u32(i + 16) ^ crcXor)
                put(i + 24, UInt32(Int(u32(i + 24)) + sizeDelta))
            }
            i += 1
        }
        return Data(bytes)
    }

    @Test("a main part whose CRC-32 is wrong is refused the same way, streamed or read whole")
    func wrongCRC() throws {
        let (dir, path) = try DOCXFixtures.copy("plain.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let bad = Self.patched(try Data(contentsOf: URL(fileURLWithPath: path)), crcXor: 1)
        var messages: [String] = []
        for streamed in [true, false] {
            do {
                let document = try Self.open(data: bad, path: path, streamed: streamed)
                _ = try Self.partsDigest(document)
                Issue.record("a wrong CRC-32 was not refused (streamed: \(streamed))")
            } catch let error as DisclosureError {
                #expect(error.exitCode == 3)
                messages.append(error.description)
            }
        }
        #expect(messages.count == 2 && messages[0] == messages[1], "\(messages)")
        #expect(messages.first?.contains("the part word/document.xml cannot be read (crc error)") == true, "\(messages)")
    }

    @Test("a main part whose declared size lies is hashed as it inflates, streamed or read whole (never by the declared size)",
          arguments: [-100, -1, 1, 1000])
    func declaredSizeLies(delta: Int) throws {
        let (dir, path) = try DOCXFixtures.copy("plain.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        let lying = Self.patched(good, sizeDelta: delta)
        #expect(lying != good)
        let recorded = try #require(try Verifier().verify(path: path).disclosure?.content)
        let expected = try Self.partsDigest(try Self.open(data: good, path: path, streamed: false))
        for streamed in [true, false] {
            let document = try Self.open(data: lying, path: path, streamed: streamed)
            #expect(try Self.partsDigest(document) == expected, "streamed: \(streamed)")
            #expect(try ContentBinder.compare(recorded, with: document) == .unchanged, "streamed: \(streamed)")
        }
    }

    @Test("a hostile package is refused with the same words, its main part streamed or read whole",
          .enabled(if: DOCXHostileInputTests.folder != nil, "python3 is needed to generate the hostile files"),
          arguments: DOCXHostileInputTests.cases.map(\.0))
    func hostileStreamed(name: String) throws {
        let path = DOCXHostileInputTests.folder! + "/" + name
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var messages: [String] = []
        for streamed in [true, false] {
            do {
                let document = try Self.open(data: data, path: path, streamed: streamed)
                _ = try Self.partsDigest(document)
                _ = try document.findStamp()
                messages.append("opened")
            } catch let error as DisclosureError {
                messages.append(error.description)
            }
        }
        #expect(messages.count == 2 && messages[0] == messages[1], "\(name): \(messages)")
    }

    @Test("the prolog is checked whatever the pieces: a DTD, another encoding, UTF-16")
    func prologInPieces() throws {
        final class Nothing: XMLScanHandler {
            var wantsText: Bool { false }
            func wantsAttributes(_ localName: String) -> Bool { false }
            func didStart(_ tag: XMLStartTag) throws {}
            func didEnd(_ tag: XMLEndTag) throws {}
            func didRead(text: String) {}
        }
        let documents = [
            "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaa\">]><r>&a;</r>",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r/>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<!-- a comment -->\n<r><a>x</a></r>",
            "<r><unclosed></r>",
            "",
        ].map { Data($0.utf8) } + [Data([0xFF, 0xFE, 0x3C, 0x00, 0x72, 0x00, 0x2F, 0x00, 0x3E, 0x00])]
        for data in documents {
            func outcome(_ run: () throws -> Void) -> String {
                do { try run(); return "parsed" } catch let error as XMLScanError { return error.message } catch { return "\(error)" }
            }
            let whole = outcome { try XMLScanner.scan(data, maxDepth: 100, handler: Nothing()) }
            for size in [1, 2, 3, 5, 64] {
                let streamed = outcome { try XMLScanner.scan(maxDepth: 100, handler: Nothing(), pieces: Self.pieces(data, size: size)) }
                #expect(streamed == whole, "\(String(decoding: data, as: UTF8.self)), pieces of \(size)")
            }
        }
    }

    @Test("the kept ranges around our statement")
    func keptRanges() {
        #expect(KeptRanges.of(count: 10, removing: []) == [0..<10])
        #expect(KeptRanges.of(count: 10, removing: [2..<4]) == [0..<2, 4..<10])
        #expect(KeptRanges.of(count: 10, removing: [6..<10, 0..<2]) == [2..<6])
        #expect(KeptRanges.of(count: 10, removing: [1..<5, 3..<7]) == [0..<1, 7..<10])
        #expect(KeptRanges.of(count: 0, removing: []) == [])
    }
}
