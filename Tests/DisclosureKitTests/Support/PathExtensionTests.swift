@testable import DisclosureKit
import Foundation
import Testing

/// ``PathExtension/of(_:)`` answers the usual case from bytes; it must say what
/// `NSString.pathExtension` says for every path, usual or not.
struct PathExtensionTests {
    static let names = ["report.docx", "notes.MD", "a.b.c", "page.html", "file", "file.", ".md", "..", ".", "a..md", "x.tar.gz",
                        "name.with space", "name.dö", "é.md", "日本.docx", "a.b-c", "a.b_c", "a.1", "a.-", "v1.2.3", "noext/", "dir.d/",
                        "dir.d/file", "file.docx/", "a.Ü", "a.docx ", " a.docx", "a.\u{0}x", "a.😀", ".hidden.txt", "x.DOCX", "~$temp.docx"]
    static let folders = ["", "/", "./", "docs/", "/tmp/share/", "folder.with.dots/", "a/b.c/", "../", "é/"]

    @Test func agreesWithFoundationOnEveryPath() {
        var checked = 0
        for folder in Self.folders {
            for name in Self.names {
                let path = folder + name
                #expect(PathExtension.of(path) == (path as NSString).pathExtension, "\(path.debugDescription)")
                checked += 1
            }
        }
        for path in ["", "/", "//", "a//b.md", "a/.md", "/.md", "a/b.md//"] {
            #expect(PathExtension.of(path) == (path as NSString).pathExtension, "\(path.debugDescription)")
        }
        #expect(checked == Self.folders.count * Self.names.count)
    }

    @Test func theUsualCasesAreAnsweredAsExpected() {
        #expect(PathExtension.of("/tmp/share/report.docx") == "docx")
        #expect(PathExtension.of("notes.MD") == "MD")
        #expect(PathExtension.of("archive.tar.gz") == "gz")
        #expect(PathExtension.of("README") == "")
        #expect(PathExtension.of("folder.d/README") == "")
    }
}
