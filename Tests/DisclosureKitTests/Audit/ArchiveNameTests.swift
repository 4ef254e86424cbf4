@testable import DisclosureKit
import Foundation
import Testing

/// ``ArchiveAudit/isArchiveName(_:)`` rules names out by their bytes before Foundation parses the
/// path; it must still answer as `pathExtension` does for every name.
@Suite struct ArchiveNameTests {
    @Test func answersAsPathExtensionDoes() {
        let names = ["a.zip", "A.ZIP", "dir/b.Zip", "a.zip/", "a.zip//", ".zip", "dir/.zip", "..zip", "a..zip", "a.zips", "azip", "zip",
                     "a.docx", "a.tar.gz", "a.zip.docx", "dir.zip/file.md", "", "/", "a.z\u{0130}p", "a.ＺＩＰ", "é.zip", "a.\u{0E}zip", "a\u{0E}zip",
                     "a. zip", "a.zip ", "x/.y/z.ZiP"]
        for name in names {
            #expect(ArchiveAudit.isArchiveName(name) == ((name as NSString).pathExtension.lowercased() == "zip"), "\(name)")
        }
        #expect(ArchiveAudit.isArchiveName("share/a.zip"))
        #expect(!ArchiveAudit.isArchiveName("share/a.docx"))
    }
}
