import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file found by the walk.
public struct WalkedFile: Sendable {
    /// The path to open and to show: the root as given joined with the path below it
    /// (`docs/a.md`; `a.md` for the root `.`).
    public var path: String
    /// The path below the root, `/`-separated (the file name for a file given directly).
    /// Stable across machines that mount the share in different places: shards hash it.
    public var relativePath: String
    /// The absolute path, for the cache key.
    public var absolutePath: String
    /// What `stat` said when the walk found it.
    public var stamp: FileStamp
    /// True when the walk reached it through a symbolic link it followed (a link given as a
    /// root, or any link with ``WalkOptions/followSymlinks``); otherwise a link found in its
    /// place when it is opened is refused.
    public var throughLink: Bool = false
}

/// One thing the walk reports, in walk order.
public enum WalkEvent: Sendable {
    /// A regular file to audit.
    case file(WalkedFile)
    /// Something listed but not audited: a FIFO, device, socket, a symbolic link not
    /// followed, a loop, or a folder that could not be opened. `status` is the one it gets.
    case skipped(path: String, relativePath: String, status: AuditStatus, reason: String)
    /// A path given to the walk that could not be read at all.
    case rootFailed(path: String, reason: String)
    /// A file or folder left out by ``WalkOptions/exclude`` or an ignore file (not by the
    /// default exclusion of version-control folders). A folder's contents are not walked.
    case excluded(path: String, relativePath: String, isFolder: Bool)
}

/// Settings for ``FileWalker``.
public struct WalkOptions: Sendable {
    /// Follow symbolic links found inside folders (links given as roots are always followed).
    /// Folder loops are detected by device and inode and reported, never walked twice.
    public var followSymlinks: Bool
    /// Patterns in gitignore syntax relative to each root (`--exclude`); they override ignore files.
    public var exclude: [String]
    /// Read `.discloseignore` in every walked folder.
    public var readIgnoreFiles: Bool
    /// Patterns applied under every ignore file (version-control folders); `!` in an ignore file can undo them.
    public var defaultExclude: [String]
    /// Files never reported, by device and inode: the audit's own output and cache files.
    public var skipFiles: Set<[UInt64]> = []

    /// Creates options.
    public init(followSymlinks: Bool = false, exclude: [String] = [], readIgnoreFiles: Bool = true,
                defaultExclude: [String] = [".git/", ".hg/", ".svn/"]) {
        self.followSymlinks = followSymlinks
        self.exclude = exclude
        self.readIgnoreFiles = readIgnoreFiles
        self.defaultExclude = defaultExclude
    }
}

/// Walks folders (and takes single files) in a deterministic order: each folder's entries
/// sorted by name, depth first. Streams what it finds, holding one folder listing per level.
///
/// ```swift
/// try FileWalker(options: WalkOptions(exclude: ["drafts/"])).walk(["shared"]) { event in
///     if case .file(let file) = event { print(file.path) }
/// }
/// ```
public struct FileWalker: Sendable {
    /// The settings.
    public var options: WalkOptions

    /// Creates a walker.
    public init(options: WalkOptions = WalkOptions()) {
        self.options = options
    }

    /// Walks `roots` in order, calling `body` for every event. A root inside another root
    /// (or given twice) is not walked again, so every file is reported once, under the
    /// outermost root that contains it.
    /// - Throws: whatever `body` throws (the walk stops).
    public func walk(_ roots: [String], _ body: (WalkEvent) throws -> Void) rethrows {
        var visited: Set<[UInt64]> = []
        let absolutes = roots.map { Self.absolute(Self.normalise($0)) }
        let all = Set(absolutes)
        var seen: Set<String> = []
        for (root, absolute) in zip(roots, absolutes) {
            guard seen.insert(absolute).inserted, !Self.ancestors(of: absolute).contains(where: all.contains) else {
                if FileStamp.of(root, follow: true) == nil { try body(.rootFailed(path: Self.normalise(root), reason: posixErrorText())) }
                continue
            }
            try walk(root: root, visited: &visited, body)
        }
    }

    /// `/a/b/c` → `/a/b`, `/a`, `/`.
    static func ancestors(of path: String) -> [String] {
        var out: [String] = []
        var current = path as NSString
        while current.length > 1 {
            current = current.deletingLastPathComponent as NSString
            out.append(current as String)
        }
        return out
    }

    static func absolute(_ path: String) -> String {
        ((path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path) as NSString).standardizingPath
    }

    private struct Frame {
        var components: [String]
        /// `components` joined with `/` (empty for the root).
        var relative: String
        /// The folder's path to show (the root as given, then joined) and its absolute path.
        var path: String
        var absolute: String
        /// True when an ignore rule in force here (or `--exclude`) could match a file, not only
        /// folders; when false (the usual case: the default rules name folders), files are not
        /// checked against the rules.
        var filesMayBeIgnored: Bool
        /// The folder, open for `fstatat` of its entries; -1 when it could not be kept open
        /// (entries are then examined by path).
        var folder: Int32
        var entries: [String]
        /// Entries whose names are not valid UTF-8, as listed (repaired with U+FFFD).
        var undecodable: Set<String>
        var next = 0
        var pushedRules: Bool
    }

    private func walk(root given: String, visited: inout Set<[UInt64]>, _ body: (WalkEvent) throws -> Void) rethrows {
        let root = Self.normalise(given)
        guard let stamp = FileStamp.of(root, follow: true) else {
            try body(.rootFailed(path: root, reason: posixErrorText()))
            return
        }
        // The cache key: the same file gets the same key however the root is spelt (`.`, `./docs`, `docs/`).
        let absoluteRoot = Self.absolute(root)
        if !stamp.isFolder {
            let name = (root as NSString).lastPathComponent
            if stamp.isRegular {
                let isLink = FileStamp.of(root, follow: false)?.isSymlink ?? false
                try body(.file(WalkedFile(path: root, relativePath: name, absolutePath: absoluteRoot, stamp: stamp, throughLink: isLink)))
            } else {
                try body(.skipped(path: root, relativePath: name, status: .unsupported, reason: "\(stamp.specialKind ?? "not a regular file"), not a document; skipped"))
            }
            return
        }
        guard let (folder, entries, undecodable) = Self.listing(root) else {
            try body(.rootFailed(path: root, reason: "the folder could not be opened (\(posixErrorText()))"))
            return
        }
        // A folder reached again through links to a root walked before is not walked twice.
        guard visited.insert([stamp.device, stamp.inode]).inserted else {
            if folder >= 0 { close(folder) }
            return
        }
        // `skipFiles` as (device, inode) pairs, compared without making an array for every file
        // (an element that is not a pair can never equal one, as in the set).
        let skipped = options.skipFiles.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
        let exclude = IgnoreRules(patterns: options.exclude)
        var rules = IgnoreStack(layers: [IgnoreRules(patterns: options.defaultExclude)])
        var stack: [Frame] = []
        stack.append(enter(root, absolute: absoluteRoot, components: [], folder: folder, entries: entries, undecodable: undecodable,
                           rules: &rules, exclude: exclude))
        // Folders still open when the body throws are closed on the way out.
        defer { for frame in stack where frame.folder >= 0 { close(frame.folder) } }

        while !stack.isEmpty {
            let top = stack.count - 1
            guard stack[top].next < stack[top].entries.count else {
                if stack[top].pushedRules { rules.layers.removeLast() }
                if stack[top].folder >= 0 { close(stack[top].folder) }
                stack.removeLast()
                continue
            }
            let name = stack[top].entries[stack[top].next]
            stack[top].next += 1
            let relative = stack[top].relative.isEmpty ? name : Self.join(stack[top].relative, name)
            let path = Self.join(stack[top].path, name)
            if !stack[top].undecodable.isEmpty, stack[top].undecodable.contains(name) {
                // Paths are Swift strings here: a name that is not UTF-8 cannot be opened by name.
                try body(.skipped(path: path, relativePath: relative, status: .unreadable,
                                  reason: "its name is not valid UTF-8 (the bytes that are not are shown as \u{FFFD}), so it could not be opened; rename it to audit it"))
                continue
            }
            let folder = stack[top].folder
            guard var entry = folder >= 0 ? FileStamp.of(name, in: folder, follow: false) : FileStamp.of(path, follow: false) else {
                try body(.skipped(path: path, relativePath: relative, status: .unreadable, reason: "it vanished or could not be examined during the audit (\(posixErrorText()))"))
                continue
            }
            var throughLink = false
            if entry.isSymlink {
                guard options.followSymlinks else {
                    try body(.skipped(path: path, relativePath: relative, status: .unsupported, reason: "a symbolic link, not followed (use --follow-symlinks to follow links)"))
                    continue
                }
                guard let target = folder >= 0 ? FileStamp.of(name, in: folder, follow: true) : FileStamp.of(path, follow: true) else {
                    try body(.skipped(path: path, relativePath: relative, status: .unreadable, reason: "a symbolic link whose target cannot be reached (\(posixErrorText()))"))
                    continue
                }
                entry = target
                throughLink = true
            }
            let isFolder = entry.isFolder
            // `--exclude` overrides every ignore file; the default exclusions alone are not reported.
            if isFolder || stack[top].filesMayBeIgnored {
                let components = stack[top].components + [name]
                if exclude.verdict(components, isFolder: isFolder) ?? rules.isIgnored(components, isFolder: isFolder) {
                    if !(rules.layers[0].verdict(components, isFolder: isFolder) ?? false) {
                        try body(.excluded(path: path, relativePath: relative, isFolder: isFolder))
                    }
                    continue
                }
            }
            if isFolder {
                guard visited.insert([entry.device, entry.inode]).inserted else {
                    // A plain folder seen before was a root given earlier: its files are already listed.
                    guard throughLink else { continue }
                    try body(.skipped(path: path, relativePath: relative, status: .unsupported, reason: "a link to a folder already walked (a loop, or a second path to it); not walked again"))
                    continue
                }
                guard let (childFolder, children, undecodable) = Self.listing(path) else {
                    try body(.skipped(path: path, relativePath: relative, status: .unreadable, reason: "the folder could not be opened (\(posixErrorText()))"))
                    continue
                }
                var kept = childFolder
                if kept >= 0 && stack.count >= Self.openFolderLimit {
                    close(kept)
                    kept = -1
                }
                stack.append(enter(path, absolute: Self.join(stack[top].absolute, name), components: stack[top].components + [name], folder: kept,
                                   entries: children, undecodable: undecodable, rules: &rules, exclude: exclude))
            } else if entry.isRegular {
                if !skipped.isEmpty && skipped.contains(where: { $0.0 == entry.device && $0.1 == entry.inode }) { continue }
                try body(.file(WalkedFile(path: path, relativePath: relative, absolutePath: Self.join(stack[top].absolute, name), stamp: entry, throughLink: throughLink)))
            } else {
                try body(.skipped(path: path, relativePath: relative, status: .unsupported, reason: "\(entry.specialKind ?? "not a regular file"), not a document; skipped"))
            }
        }
    }

    /// Reads the folder's ignore file (when asked) and makes its frame.
    private func enter(_ path: String, absolute: String, components: [String], folder: Int32, entries: [String], undecodable: Set<String>,
                       rules: inout IgnoreStack, exclude: IgnoreRules) -> Frame {
        var pushed = false
        if options.readIgnoreFiles, entries.contains(IgnoreRules.fileName), let text = Self.readIgnoreFile(path + "/" + IgnoreRules.fileName) {
            rules.layers.append(IgnoreRules(text: text, base: components))
            pushed = true
        }
        let listed = options.readIgnoreFiles ? entries.filter { $0 != IgnoreRules.fileName } : entries
        let filesMayBeIgnored = ([exclude] + rules.layers).contains { $0.patterns.contains { !$0.foldersOnly } }
        return Frame(components: components, relative: components.joined(separator: "/"), path: path, absolute: absolute,
                     filesMayBeIgnored: filesMayBeIgnored, folder: folder, entries: listed, undecodable: undecodable, pushedRules: pushed)
    }

    /// The text of an ignore file: only a regular file (never a FIFO or device), at most 1 MiB.
    static func readIgnoreFile(_ path: String) -> String? {
        guard let stamp = FileStamp.of(path, follow: false), stamp.isRegular, stamp.size <= 1 << 20,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The device and inode of `path`, for ``WalkOptions/skipFiles``; nil when it does not exist.
    public static func identity(of path: String) -> [UInt64]? {
        FileStamp.of(path, follow: true).map { [$0.device, $0.inode] }
    }

    /// At most this many folders are kept open at once (one per level of the walk); deeper
    /// folders' entries are examined by path, so a hostile tree thousands of levels deep cannot
    /// exhaust the process's file descriptors.
    public static let openFolderLimit = 64

    /// The folder, opened for `fstatat` of its entries (-1 when the limit is reached or it cannot
    /// be kept open), its entry names sorted by their UTF-8 bytes, and those that are not valid
    /// UTF-8 (listed with U+FFFD in place of the bad bytes); nil (errno set) when it cannot be opened.
    static func listing(_ path: String) -> (folder: Int32, names: [String], undecodable: Set<String>)? {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard let dir = fdopendir(fd) else {
            let saved = errno
            close(fd)
            errno = saved
            return nil
        }
        defer { closedir(dir) }
        var names: [String] = []
        var undecodable: Set<String> = []
        while let entry = readdir(dir) {
            let (name, valid) = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { pointer -> (String, Bool) in
                    if let name = String(validatingCString: pointer) { return (name, true) }
                    return (String(cString: pointer), false)
                }
            }
            guard name != "." && name != ".." else { continue }
            names.append(name)
            if !valid { undecodable.insert(name) }
        }
        let kept = fcntl(fd, F_DUPFD_CLOEXEC, 0)
        return (kept, UTF8Order.sorted(names), undecodable)
    }

    /// `root` without trailing slashes (except `/` itself).
    static func normalise(_ root: String) -> String {
        var root = root
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        return root.isEmpty ? "." : root
    }

    static func join(_ root: String, _ relative: String) -> String {
        if root == "." { return relative }
        return concatenate(root, slash: root.utf8.last != UInt8(ascii: "/"), relative)
    }

    /// `a`, a `/` when asked, then `b`, made in one allocation (appending cost several hundred
    /// instructions a time, three times for every file walked).
    static func concatenate(_ a: String, slash: Bool, _ b: String) -> String {
        String(unsafeUninitializedCapacity: a.utf8.count + (slash ? 1 : 0) + b.utf8.count) { buffer in
            var end = buffer.initialize(from: a.utf8).1
            if slash {
                buffer[end] = UInt8(ascii: "/")
                end += 1
            }
            return end + UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(from: b.utf8).1
        }
    }
}
