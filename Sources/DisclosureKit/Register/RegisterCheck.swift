import Foundation

/// What `disclose register check FOLDER` found: stamped files the register does not know, and
/// register entries whose file has changed or gone since it was stamped.
public struct RegisterCheckReport: Sendable, Equatable {
    /// A file that carries a stamp of ours but has no register entry (by path or by its bytes).
    public struct Unregistered: Sendable, Equatable {
        /// The file.
        public var path: String
    }

    /// A register entry whose file is no longer as it was stamped.
    public struct Changed: Sendable, Equatable {
        /// The latest entry for the file.
        public var record: RegisterRecord
        /// The file's SHA-256 now; nil when the file is gone.
        public var currentSHA256: String?
    }

    /// Stamped files not in the register, in walk order.
    public var unregistered: [Unregistered] = []
    /// Entries whose file changed (or is gone) since it was stamped, oldest entry first.
    public var changed: [Changed] = []
    /// Files that could not be read, with the reason.
    public var unreadable: [(path: String, reason: String)] = []
    /// How many files were looked at.
    public var filesChecked = 0

    /// True when every stamped file is registered and unchanged.
    public var isClean: Bool { unregistered.isEmpty && changed.isEmpty }

    public static func == (a: RegisterCheckReport, b: RegisterCheckReport) -> Bool {
        a.unregistered == b.unregistered && a.changed == b.changed && a.filesChecked == b.filesChecked
            && a.unreadable.map(\.path) == b.unreadable.map(\.path)
    }
}

extension AIUseRegister {
    /// Compares the documents in `folder` with the register.
    ///
    /// A file with a stamp of ours is registered when an entry has its path or its exact bytes
    /// (SHA-256; a file moved after stamping still counts). The latest entry for each path in
    /// the folder is changed when the file's bytes differ from those stamped, or gone.
    /// - Parameters:
    ///   - folder: the folder (or one file) to check, walked as `audit` walks.
    ///   - loader: reads documents.
    /// - Throws: ``RegisterError`` when the register cannot be read.
    public func check(folder: String, loader: DocumentLoader = DocumentLoader()) throws -> RegisterCheckReport {
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        let entries = try records(RegisterQuery(pathPrefix: root))
        let everything = try records()
        let knownHashes = Set(everything.map(\.sha256))
        var latest: [String: RegisterRecord] = [:]
        for entry in entries { latest[entry.path] = entry }

        var report = RegisterCheckReport()
        var seen: [String: String] = [:]
        FileWalker().walk([root]) { event in
            guard case .file(let file) = event else { return }
            let path = file.absolutePath
            guard let data = try? loader.readBytes(at: path), let handler = try? loader.handler(for: path, data: data) else { return }
            report.filesChecked += 1
            let digest = Digests.sha256Hex(data)
            seen[path] = digest
            do {
                let document = try handler.open(DocumentInput(data: data, path: path, limits: loader.limits))
                let stamp = try document.findStamp()
                if !stamp.isEmpty && latest[path] == nil && !knownHashes.contains(digest) {
                    report.unregistered.append(.init(path: path))
                }
            } catch {
                report.unreadable.append((path, String(describing: error)))
            }
        }
        for entry in entries.reversed() where latest[entry.path]?.id == entry.id {
            let now = seen[entry.path] ?? (try? loader.readBytes(at: entry.path)).map { Digests.sha256Hex($0) }
            if now != entry.sha256 {
                report.changed.append(.init(record: entry, currentSHA256: now))
            }
        }
        report.changed.sort { ($0.record.id ?? 0) < ($1.record.id ?? 0) }
        return report
    }
}
