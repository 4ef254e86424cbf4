@testable import DisclosureKit
import Foundation
import Testing

/// `disclose audit class.zip`: a plain archive is audited as a folder, within the read limits.
@Suite struct ArchiveAuditTests {
    func audit(_ folder: AuditFolder, _ roots: [String], limits: ReadLimits = .default) -> (AuditReport, AuditSummary) {
        Auditor.forTests(AuditOptions(jobs: 2, limits: limits)).audit(roots)
    }

    func byPath(_ report: AuditReport) -> [String: AuditRecord] {
        Dictionary(uniqueKeysWithValues: report.records.map { ($0.path, $0) })
    }

    @Test func entriesAreAuditedAsFilesUnderTheArchivesPath() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let docx = try TestDOCX.make(body: ["My essay."], creator: "Ben Ortiz")
        try folder.write("class.zip", try TestDOCX.archive([
            ("Amelia Khan/essay.md", Data("# Essay\n\nPLANT-DECLARED\n".utf8)),
            ("Ben Ortiz/essay.docx", docx),
            ("Chloe Price/notes.rtf", Data("hello".utf8)),
            ("__MACOSX/Amelia Khan/._essay.md", Data([0, 5, 22, 7])),
            ("Dan Lee/", Data()),
        ]))
        let (report, summary) = audit(folder, [folder.path("class.zip")])
        let records = byPath(report)
        let root = folder.path("class.zip")
        #expect(Set(records.keys) == [root + "/Amelia Khan/essay.md", root + "/Ben Ortiz/essay.docx", root + "/Chloe Price/notes.rtf"])
        #expect(records[root + "/Amelia Khan/essay.md"].map { AuditStatus.declaredAnotherWay.contains($0.status) } == true)
        #expect(records[root + "/Ben Ortiz/essay.docx"]?.status == .undisclosed)
        #expect(records[root + "/Ben Ortiz/essay.docx"]?.format == "docx")
        #expect(records[root + "/Ben Ortiz/essay.docx"]?.author == "Ben Ortiz")
        #expect(records[root + "/Chloe Price/notes.rtf"]?.status == .unsupported)
        #expect(summary.statistics.excludedFiles == 1)
        #expect(summary.statistics.files == 3)
        // The register names each pupil from their folder inside the archive.
        let register = ClassRegister(report)
        #expect(register.rows.map { $0[1] } == ["Amelia Khan", "Ben Ortiz", "Chloe Price"])
        #expect(register.rows.map { $0[2] } == ["folder name", "folder name", "folder name"])
    }

    @Test func aDocumentNamedZipStaysOneDocument() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("essay.zip", try TestDOCX.make(body: ["My essay."]))
        let (report, _) = audit(folder, [folder.root])
        #expect(report.records.map(\.path) == [folder.path("essay.zip")])
    }

    @Test func aZipBombEntryIsRefusedWithoutInflatingIt() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("class.zip", try TestDOCX.archive([
            ("bomb.md", Data(count: 20 << 20)),
            ("fine.md", Data("# Fine\n".utf8)),
        ]))
        let (report, summary) = audit(folder, [folder.path("class.zip")])
        let records = byPath(report)
        let bomb = try #require(records[folder.path("class.zip/bomb.md")])
        #expect(bomb.status == .unreadable)
        #expect(bomb.error?.contains("is compressed more than 200 to 1 (20.0 MiB from") == true)
        #expect(bomb.error?.contains("as zip bombs are; not read.") == true)
        #expect(records[folder.path("class.zip/fine.md")]?.status == .undisclosed)
        // Only the archive and the small entry were read: nothing near 20 MiB.
        #expect(summary.statistics.bytesRead < 1 << 20)
    }

    @Test func namesThatClimbOutAreListedNotRead() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("class.zip", try TestDOCX.archive([
            ("../../escape.md", Data("PLANT-STRONG".utf8)),
            ("ok/../../x.md", Data("PLANT-STRONG".utf8)),
            ("/etc/abs.md", Data("PLANT-STRONG".utf8)),
        ]))
        let (report, _) = audit(folder, [folder.path("class.zip")])
        #expect(report.records.count == 3)
        for record in report.records {
            #expect(record.status == .unreadable, "\(record.path)")
            #expect(record.findings.isEmpty)
            #expect(record.error?.contains("the entry's name climbs out of the archive") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.root + "/../escape.md"))
    }

    @Test func symbolicLinkEntriesAreListedNotFollowed() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("class.zip", try ZipRebuilder.write(entries: [("link.md", Data("/etc/passwd".utf8), false), ("a.md", Data("# A\n".utf8), false)],
                                                            unixModes: ["link.md": 0o120777, "a.md": 0o100644]))
        let (report, _) = audit(folder, [folder.path("class.zip")])
        let records = byPath(report)
        let link = try #require(records[folder.path("class.zip/link.md")])
        #expect(link.status == .unsupported)
        #expect(link.error == "\(folder.path("class.zip/link.md")): a symbolic link stored in the archive, not a document; not followed.")
        #expect(records[folder.path("class.zip/a.md")]?.status == .undisclosed)
    }

    @Test func tooManyEntriesRefuseTheArchive() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("class.zip", try TestDOCX.archive((0..<6).map { ("f\($0).md", Data("# \($0)\n".utf8)) }))
        var limits = ReadLimits.default
        limits.maxEntries = 5
        let (report, _) = audit(folder, [folder.path("class.zip")], limits: limits)
        #expect(report.records.count == 1)
        #expect(report.records[0].path == folder.path("class.zip"))
        #expect(report.records[0].status == .unreadable)
        #expect(report.records[0].error == "\(folder.path("class.zip")): the archive has 6 entries, more than the 5 Disclose reads in one archive; unpack it and audit the folders, or split it.")
    }

    @Test func zipsInsideZipsAreOpenedToADepthOfThree() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let level4 = try TestDOCX.archive([("deep.md", Data("# Deep\n".utf8))])
        let level3 = try TestDOCX.archive([("three.md", Data("# 3\n".utf8)), ("four.zip", level4)])
        let level2 = try TestDOCX.archive([("two.md", Data("# 2\n".utf8)), ("three.zip", level3)])
        try folder.write("class.zip", try TestDOCX.archive([("one.md", Data("# 1\n".utf8)), ("two.zip", level2)]))
        let (report, _) = audit(folder, [folder.path("class.zip")])
        let records = byPath(report)
        let root = folder.path("class.zip")
        #expect(Set(records.keys) == [root + "/one.md", root + "/two.zip/two.md", root + "/two.zip/three.zip/three.md", root + "/two.zip/three.zip/four.zip"])
        let deep = try #require(records[root + "/two.zip/three.zip/four.zip"])
        #expect(deep.status == .unsupported)
        #expect(deep.error?.contains("a zip inside 3 zips, deeper than the 3 archives Disclose opens") == true)
    }

    @Test func aNameClimbingOutIsRecognised() {
        #expect(ArchiveAudit.climbsOut("../a"))
        #expect(ArchiveAudit.climbsOut("a/../../b"))
        #expect(ArchiveAudit.climbsOut("/abs"))
        #expect(ArchiveAudit.climbsOut("C:\\Users\\a.docx"))
        #expect(ArchiveAudit.climbsOut("a\\..\\..\\b"))
        #expect(!ArchiveAudit.climbsOut("Amelia Khan/essay..final.docx"))
        #expect(!ArchiveAudit.climbsOut("a/b.docx"))
    }
}
