@testable import DisclosureKit
import DiscloseTestSupport
import Foundation
import Testing

/// Unstamping a PDF whose last update is ours cuts the file short in place (the bytes kept are
/// already on disk) rather than copying them to a new file; every other case still writes a
/// temporary file and renames it. See `docs/pdf.md` ("Unstamp").
@Suite struct PDFUnstampInPlaceTests {
    static let fontPresent = FileManager.default.fileExists(atPath: PDFEmbeddedFont.defaultPath)

    static func inode(_ path: String) throws -> UInt64 {
        try #require((try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)?.uint64Value)
    }

    static func stampedCopy(in dir: String) throws -> (path: String, original: Data) {
        let path = try TestRepository.copyFixture("pdf/plain.pdf", to: dir)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        return (path, original)
    }

    @Test(.enabled(if: fontPresent, "DejaVuSans is not installed (run Scripts/bootstrap), so the PDF stamp tests are skipped"))
    func ourLastUpdateIsCutOffInPlace() throws {
        let dir = try TestRepository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (path, original) = try Self.stampedCopy(in: dir)
        let inode = try Self.inode(path)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)

        let result = try Stamper().unstamp(path: path)
        #expect(result.removed)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original, "the original bytes, exactly")
        #expect(try Self.inode(path) == inode, "the same file, cut short, not a new file renamed over it")
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["plain.pdf"], "no temporary file left")
    }

    /// The digest a stamp reports (worked out while the file is written) is the written file's,
    /// for a kept prefix plus an update (PDF) and for a whole new file (Markdown); a dry run
    /// reports the digest of what it would have written.
    @Test(.enabled(if: fontPresent, "DejaVuSans is not installed (run Scripts/bootstrap), so the PDF stamp tests are skipped"),
          arguments: ["pdf/plain.pdf", "markdown/crlf.md"])
    func reportedDigestIsTheWrittenFiles(_ fixture: String) throws {
        let dir = try TestRepository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try TestRepository.copyFixture(fixture, to: dir)
        let dry = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: StampOptions(dryRun: true))
        let result = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        let written = Digests.sha256Hex(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(result.sha256 == written)
        #expect(dry.sha256 == written)
    }

    @Test(.enabled(if: fontPresent, "DejaVuSans is not installed (run Scripts/bootstrap), so the PDF stamp tests are skipped"))
    func dryRunAndOutputLeaveTheStampedFileAlone() throws {
        let dir = try TestRepository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (path, original) = try Self.stampedCopy(in: dir)
        let stamped = try Data(contentsOf: URL(fileURLWithPath: path))

        #expect(try Stamper().unstamp(path: path, dryRun: true).removed)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == stamped, "a dry run writes nothing")

        let copy = dir + "/unstamped.pdf"
        _ = try Stamper().unstamp(path: path, outputPath: copy)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == stamped, "--output leaves the input as it was")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == original)
    }

    @Test(.enabled(if: fontPresent, "DejaVuSans is not installed (run Scripts/bootstrap), so the PDF stamp tests are skipped"))
    func afterAnotherProgramsUpdateANewFileIsWritten() throws {
        let dir = try TestRepository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (path, _) = try Self.stampedCopy(in: dir)
        // Another program's update after ours: a new Info dictionary.
        let stamped = try Data(contentsOf: URL(fileURLWithPath: path))
        let tail = try PDFFileTail.read(stamped)
        let size = tail.trailer["Size"]?.integerValue ?? 0
        let foreign = try PDFIncrementalWriter.update(tail: tail, objects: [
            PDFWrittenObject(PDFReference(size), .dictionary(PDFDictionary([("Producer", .string(Data("Other".utf8)))]))),
        ])
        let edited = stamped + foreign
        try edited.write(to: URL(fileURLWithPath: path))
        let inode = try Self.inode(path)

        #expect(try Stamper().unstamp(path: path).removed)
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(after.count > edited.count && after.prefix(edited.count) == edited, "an update that removes ours is appended")
        #expect(try Self.inode(path) != inode, "written as a new file and renamed over the old one")
        let document = try PDFHandler().open(DocumentInput(data: after, path: path))
        #expect(try document.findStamp().isEmpty)
    }
}
