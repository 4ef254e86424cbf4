@testable import DisclosureKit
import Foundation
import Testing

@Suite struct FileWalkerTests {
    /// Files (relative paths) and skipped entries (relative path → reason) the walk reports.
    func walk(_ folder: AuditFolder, _ options: WalkOptions = WalkOptions()) -> (files: [String], skipped: [String: String], failed: [String]) {
        var files: [String] = [], skipped: [String: String] = [:], failed: [String] = []
        FileWalker(options: options).walk([folder.root]) { event in
            switch event {
            case .file(let file): files.append(file.relativePath)
            case .skipped(_, let relative, _, let reason): skipped[relative] = reason
            case .rootFailed(let path, _): failed.append(path)
            case .excluded: break
            }
        }
        return (files, skipped, failed)
    }

    @Test func walksInSortedDepthFirstOrder() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        for name in ["b.md", "a/z.md", "a/b/c.md", "c.html"] { try folder.write(name, "x") }
        let result = walk(folder)
        #expect(result.files == ["a/b/c.md", "a/z.md", "b.md", "c.html"])
        #expect(result.skipped.isEmpty)
    }

    /// This process's open file descriptors that refer to something inside `root` (other tests
    /// running at the same time open and close descriptors of their own, so only these are counted).
    static func openDescriptors(inside root: String) -> Int {
        let real = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return fds.filter { fd in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + fd) else { return false }
            return target == real || target.hasPrefix(real + "/")
        }.count
    }

    /// The walk keeps each folder open for `fstatat` up to ``FileWalker/openFolderLimit`` levels
    /// deep; deeper folders are examined by path. Either way every file is found, links are still
    /// reported as links, and every descriptor is closed when the walk ends.
    @Test func aTreeDeeperThanTheOpenFolderLimitIsWalkedWholeAndClosesEveryFolder() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let levels = FileWalker.openFolderLimit + 20
        var relative = ""
        var expected: [String] = []
        for level in 0..<levels {
            relative += (relative.isEmpty ? "" : "/") + "d\(level)"
            try folder.write(relative + "/f.md", "x")
            expected.append(relative + "/f.md")
        }
        try FileManager.default.createSymbolicLink(atPath: folder.path(relative + "/link.md"), withDestinationPath: "f.md")
        #expect(Self.openDescriptors(inside: folder.root) == 0)
        let result = walk(folder)
        #expect(Self.openDescriptors(inside: folder.root) == 0)
        #expect(Set(result.files) == Set(expected))
        #expect(result.files.count == levels)
        #expect(result.skipped[relative + "/link.md"]?.contains("symbolic link") == true)
        // Followed, the deep link resolves by path to its target.
        let followed = walk(folder, WalkOptions(followSymlinks: true))
        #expect(followed.files.contains(relative + "/link.md"))
        #expect(Self.openDescriptors(inside: folder.root) == 0)
    }

    @Test func aNameThatIsNotUTF8IsReportedAsSuchNotAsVanished() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("sub/plain.md", "x")
        // "caf\xE9.md" (Latin-1 é) at the top and in a sub-folder, written by its raw bytes.
        for base in [folder.root, folder.path("sub")] {
            let bytes = Array(base.utf8) + Array("/caf".utf8) + [0xE9] + Array(".md".utf8) + [0]
            let fd = bytes.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
            #expect(fd >= 0)
            close(fd)
        }
        var statuses: [String: AuditStatus] = [:]
        var reasons: [String: String] = [:]
        FileWalker(options: WalkOptions()).walk([folder.root]) { event in
            if case .skipped(_, let relative, let status, let reason) = event { statuses[relative] = status; reasons[relative] = reason }
        }
        #expect(walk(folder).files == ["sub/plain.md"])
        #expect(statuses == ["caf\u{FFFD}.md": .unreadable, "sub/caf\u{FFFD}.md": .unreadable])
        #expect(reasons["caf\u{FFFD}.md"]?.contains("its name is not valid UTF-8") == true)
        #expect(reasons["sub/caf\u{FFFD}.md"]?.contains("rename it to audit it") == true)
    }

    @Test func symlinksAreNotFollowedByDefault() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("real/a.md", "x")
        try folder.symlink("link", to: folder.path("real"))
        try folder.symlink("file-link.md", to: folder.path("real/a.md"))
        let result = walk(folder)
        #expect(result.files == ["real/a.md"])
        #expect(result.skipped["link"]?.contains("symbolic link, not followed") == true)
        #expect(result.skipped["file-link.md"]?.contains("--follow-symlinks") == true)
    }

    @Test func followedSymlinkLoopIsReportedNotWalkedTwice() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("a/doc.md", "x")
        try folder.symlink("a/back", to: folder.root)
        try folder.symlink("a/self", to: folder.path("a"))
        let result = walk(folder, WalkOptions(followSymlinks: true))
        #expect(result.files == ["a/doc.md"])
        #expect(result.skipped["a/back"]?.contains("already walked") == true)
        #expect(result.skipped["a/self"]?.contains("already walked") == true)
    }

    @Test func followedFileLinkIsAudited() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("real.md", "x")
        try folder.symlink("alias.md", to: folder.path("real.md"))
        try folder.symlink("dangling.md", to: folder.path("missing.md"))
        let result = walk(folder, WalkOptions(followSymlinks: true))
        #expect(result.files == ["alias.md", "real.md"])
        #expect(result.skipped["dangling.md"]?.contains("cannot be reached") == true)
    }

    @Test func fifoIsSkippedAndReported() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("a.md", "x")
        #expect(mkfifo(folder.path("pipe"), 0o600) == 0)
        let result = walk(folder)
        #expect(result.files == ["a.md"])
        #expect(result.skipped["pipe"] == "a named pipe (FIFO), not a document; skipped")
    }

    @Test func excludeGlobsSkipMatchingPaths() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        for name in ["keep.md", "drafts/a.md", "x/drafts/b.md", "notes.tmp", "x/y.md"] { try folder.write(name, "x") }
        let result = walk(folder, WalkOptions(exclude: ["drafts/", "*.tmp"]))
        #expect(result.files == ["keep.md", "x/y.md"])
    }

    @Test func discloseIgnoreWithNegationAnchoringAndDoubleStar() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write(".discloseignore", "# build output\n/build/\n*.md\n!keep.md\narchive/**/old-*.html\n")
        try folder.write("sub/.discloseignore", "!local.md\n")
        for name in ["build/a.html", "src/build/b.html", "a.md", "keep.md", "sub/local.md", "sub/other.md",
                     "archive/2020/q1/old-a.html", "archive/new.html", "page.html"] {
            try folder.write(name, "x")
        }
        let result = walk(folder)
        #expect(result.files == ["archive/new.html", "keep.md", "page.html", "src/build/b.html", "sub/local.md"])
        #expect(result.skipped.isEmpty)
    }

    @Test func ignoreFileThatIsAFifoIsNotRead() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        #expect(mkfifo(folder.path(".discloseignore"), 0o600) == 0)
        try folder.write("a.md", "x")
        #expect(walk(folder).files == ["a.md"])
    }

    @Test func skippedFilesAreNotReported() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("a.md", "x")
        try folder.write("report.jsonl", "x")
        var options = WalkOptions()
        options.skipFiles = [try #require(FileWalker.identity(of: folder.path("report.jsonl")))]
        #expect(walk(folder, options).files == ["a.md"])
    }

    @Test func excludeOverridesIgnoreFileNegation() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write(".discloseignore", "!*.md\n")
        try folder.write("a.md", "x")
        #expect(walk(folder, WalkOptions(exclude: ["a.md"])).files.isEmpty)
    }

    @Test func versionControlFoldersAreSkippedUnlessReincluded() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write(".git/HEAD", "ref")
        try folder.write("a.md", "x")
        #expect(walk(folder).files == ["a.md"])
        try folder.write(".discloseignore", "!.git/\n")
        #expect(walk(folder).files == [".git/HEAD", "a.md"])
    }

    @Test func overlappingRootsReportEveryFileOnce() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("docs/a.md", "x")
        try folder.write("docs/sub/b.md", "x")
        for roots in [[folder.path("docs"), folder.path("docs/sub"), folder.path("docs/a.md"), folder.path("docs") + "/"],
                      [folder.path("docs/sub"), folder.path("docs")], [folder.path("docs/a.md"), folder.path("docs")]] {
            var paths: [String] = []
            var skipped: [String] = []
            FileWalker().walk(roots) { event in
                if case .file(let file) = event { paths.append(file.path) }
                if case .skipped(let path, _, _, _) = event { skipped.append(path) }
            }
            #expect(Set(paths) == [folder.path("docs/a.md"), folder.path("docs/sub/b.md")])
            #expect(paths.count == 2)
            #expect(skipped.isEmpty)
        }
    }

    @Test func missingRootIsReported() throws {
        var failed: [String] = []
        FileWalker().walk(["/nonexistent/disclose-test"]) { event in
            if case .rootFailed(let path, _) = event { failed.append(path) }
        }
        #expect(failed == ["/nonexistent/disclose-test"])
    }

    @Test func singleFileRootUsesItsNameAsRelativePath() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let path = try folder.write("sub/a.md", "x")
        var relative: [String] = []
        FileWalker().walk([path]) { event in
            if case .file(let file) = event { relative.append(file.relativePath) }
        }
        #expect(relative == ["a.md"])
    }

    /// Paths are built a folder at a time (the folder's own path, then each name): the path shown
    /// keeps the root as given (without trailing slashes), the relative path is below the root,
    /// and the absolute path is the standardised one, at every depth.
    @Test func pathsKeepTheRootAsGivenAndAbsolutePathsAreStandardised() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("docs/a.md", "x")
        try folder.write("docs/sub/deeper/b é.md", "x")
        let real = URL(fileURLWithPath: folder.root).standardizedFileURL.path
        for root in [folder.root + "/./docs/", folder.root + "/docs", folder.root + "/docs//"] {
            var files: [WalkedFile] = []
            FileWalker().walk([root]) { event in
                if case .file(let file) = event { files.append(file) }
            }
            let shown = FileWalker.normalise(root)
            #expect(files.map(\.relativePath) == ["a.md", "sub/deeper/b é.md"])
            #expect(files.map(\.path) == [shown + "/a.md", shown + "/sub/deeper/b é.md"])
            #expect(files.map(\.absolutePath) == [real + "/docs/a.md", real + "/docs/sub/deeper/b é.md"])
        }
        #expect(FileWalker.join(".", "a/b.md") == "a/b.md")
        #expect(FileWalker.join("/", "a.md") == "/a.md")
        #expect(FileWalker.join("x", "") == "x/")
        #expect(FileWalker.concatenate("", slash: false, "") == "")
        #expect(FileWalker.concatenate("日本", slash: true, "😀") == "日本/😀")
    }

    /// Files are checked against the ignore rules only where some rule could match a file: an
    /// ignore file deep in the tree (and `--exclude`) still leaves out the files it names there,
    /// and only there.
    @Test func fileRulesApplyWhereTheirIgnoreFileIs() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("a/b/.discloseignore", "*.tmp\n")
        for name in ["a/x.tmp", "a/b/y.tmp", "a/b/c/z.tmp", "a/b/keep.md", "d/w.tmp", "d/e.log"] { try folder.write(name, "x") }
        #expect(walk(folder).files == ["a/b/keep.md", "a/x.tmp", "d/e.log", "d/w.tmp"])
        #expect(walk(folder, WalkOptions(exclude: ["*.log"])).files == ["a/b/keep.md", "a/x.tmp", "d/w.tmp"])
    }
}
