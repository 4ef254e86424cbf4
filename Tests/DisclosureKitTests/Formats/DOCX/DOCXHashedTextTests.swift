import DiscloseTestSupport
@testable import DisclosureKit
import Foundation
import Testing

/// A large Word document's paragraphs are hashed as its main part is scanned instead of kept
/// (issue 17, memory): the content binding made that way is the one made from ``DOCXDocument/text()``,
/// for every fixture, stamped or not, and with our statement's markers lost.
@Suite struct DOCXHashedTextTests {
    /// Opens `path` with every main part hashed while scanned (`hashed`) or every one kept.
    static func open(_ path: String, hashed: Bool) throws -> DOCXDocument {
        let input = DocumentInput(data: try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
        return try DOCXDocument(package: DOCXPackage(input: input), handler: DOCXHandler(), hashedTextAbove: hashed ? 0 : Int.max)
    }

    /// The binding as made before issue 17's third round: from the whole text.
    static func bindingFromText(_ document: DOCXDocument) throws -> ContentBinding {
        var parts = PartsHasher()
        try document.hashUnmanagedParts(into: &parts)
        return ContentBinder.binding(format: document.handler.id, text: try document.text(), partsDigest: parts.finalizeHex())
    }

    static func check(_ path: String, _ comment: Comment) throws {
        let hashed = try open(path, hashed: true)
        let kept = try open(path, hashed: false)
        #expect(try hashed.main().scan.paragraphs.isEmpty, comment)
        #expect(try hashed.main().scan.text != nil, comment)
        #expect(try kept.main().scan.text == nil, comment)
        let expected = try bindingFromText(kept)
        #expect(expected.paragraphs > 0, comment)
        #expect(try ContentBinder.binding(for: hashed) == expected, comment)
        #expect(try ContentBinder.binding(for: kept) == expected, comment)
        #expect(try bindingFromText(hashed) == expected, comment)
        #expect(try hashed.text() == kept.text(), comment)
    }

    @Test("hashed while scanned or read whole, every fixture has one binding", arguments: DOCXFixtures.all)
    func fixture(name: String) throws {
        let (dir, path) = try DOCXFixtures.copy(name)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.check(path, "\(name)")
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(placement: .start))
        try Self.check(path, "\(name), stamped")
    }

    @Test("paragraphs in a text box end inside their anchor's; they are hashed in reading order")
    func textBoxOrder() throws {
        let (dir, path) = try DOCXFixtures.copy("textbox-alternate-content.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let kept = try Self.open(path, hashed: false)
        let numbers = try kept.text().body.compactMap(\.location.paragraph)
        #expect(numbers == numbers.sorted())
        // The fixture does nest paragraphs: the text box's paragraph has a number between its anchor's and the next.
        let scan = try StoryScanner.scan(try kept.main().data, part: "word/document.xml", path: path, limits: .default)
        #expect(scan.paragraphs.contains { $0.location.words == "in a text box" })
        try Self.check(path, "text box")
    }

    @Test("a statement recognised by its text (its tag lost) is left out of the hashed text too")
    func markersLost() throws {
        let (dir, path) = try DOCXFixtures.copy("plain.docx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(placement: .end))
        // As LibreOffice saves it: the control's tag gone, alias and paragraph style kept.
        try DOCXFixtures.rewrite(path, part: "word/document.xml") {
            $0.replacingOccurrences(of: "<w:tag w:val=\"\(OOXML.statementTag)\"/>", with: "")
        }
        let hashed = try Self.open(path, hashed: true)
        #expect(try hashed.statementAnchor().recognised != nil)
        try Self.check(path, "markers lost")
        // The control's markup around the paragraph changed, the text did not: a warning, not a failure.
        #expect(try Verifier().verify(path: path).checks.first { $0.id == CheckID.contentBinding }?.status == .warn)
    }
}

/// The main part's compressed bytes are read as a slice of the archive's bytes, not copied
/// (issue 17, memory): the slice is what libzip reads, for every entry of every fixture, and an
/// archive whose records cannot be followed that way falls back to libzip's copy.
@Suite struct ZipCompressedSliceTests {
    @Test("every fixture entry's slice is libzip's compressed read", arguments: DOCXFixtures.all)
    func sliceIsLibzipsRead(name: String) throws {
        let zip = try ZipReader(data: try Data(contentsOf: DOCXFixtures.folder.appendingPathComponent(name)))
        var sliced = 0
        for entry in zip.entries where entry.compressedSize > 0 {
            let copy = try zip.readCompressedCopy(entry)
            if let slice = zip.compressedSlice(entry) {
                #expect(slice == copy, "\(name): \(entry.name)")
                sliced += 1
            }
            #expect(try zip.readCompressed(entry) == copy, "\(name): \(entry.name)")
        }
        #expect(sliced == zip.entries.filter { $0.compressedSize > 0 }.count, "\(name): every entry is sliced")
    }

    @Test("an archive behind a prefix (a self-extractor's stub) is still read right")
    func prefixedArchive() throws {
        let plain = try Data(contentsOf: DOCXFixtures.folder.appendingPathComponent("plain.docx"))
        // The central directory's offsets now point 64 bytes early: the slice is refused (or, where
        // libzip itself reads at those offsets, agrees with it).
        guard let zip = try? ZipReader(data: Data(repeating: 0x20, count: 64) + plain) else { return }
        for entry in zip.entries where entry.compressedSize > 0 {
            #expect(try zip.readCompressed(entry) == zip.readCompressedCopy(entry), "\(entry.name)")
        }
    }
}
