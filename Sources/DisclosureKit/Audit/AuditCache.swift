import Foundation
import GRDB
import GRDBSQLite

/// Earlier audit results, in SQLite, so that re-auditing a share where little changed is near-free.
///
/// A result is reused without reading the file when the path, size, modification time and
/// status-change time (nanoseconds) all match and it was made by the same tool version and
/// settings (``AuditOptions/cacheFingerprint``). When only the time stamps differ, the file is
/// read and its SHA-256 compared: the same digest reuses the result without parsing. The
/// change time is part of the key because no ordinary tool can set it back, so a file edited
/// and given its old modification time is still audited again.
///
/// The cache is never fatal: a damaged file is rebuilt and a locked one bypassed, each with a
/// note (``notes``). Writes are batched in transactions. This is the only file that uses GRDB (and SQLite through it).
public final class AuditCache: Sendable {
    /// Bumped when the table layout or the record encoding changes.
    public static let schemaVersion = 3
    /// How many results are written per transaction.
    static let batchSize = 500

    /// The database file.
    public let path: String
    /// What the workers share, behind a lock: the database (nil once bypassed), queued results, notes.
    private struct State {
        var queue: DatabaseQueue?
        var pending: [Entry] = []
        var notes: [String] = []
    }
    private let state: Locked<State>

    /// One cached result.
    struct Entry {
        var path: String
        var stamp: FileStamp
        var sha256: String?
        var fingerprint: String
        var status: String
        var recordPath: String
        var line: Data

        init(path: String, stamp: FileStamp, sha256: String?, fingerprint: String, result: AuditResult) {
            self.init(path: path, stamp: stamp, sha256: sha256, fingerprint: fingerprint, status: result.status.rawValue,
                      recordPath: result.path, line: result.jsonLine)
        }

        init(path: String, stamp: FileStamp, sha256: String?, fingerprint: String, status: String, recordPath: String, line: Data) {
            self.path = path
            self.stamp = stamp
            self.sha256 = sha256
            self.fingerprint = fingerprint
            self.status = status
            self.recordPath = recordPath
            self.line = line
        }

        func matches(_ other: FileStamp) -> Bool {
            stamp.size == other.size && stamp.mtimeNanoseconds == other.mtimeNanoseconds && stamp.ctimeNanoseconds == other.ctimeNanoseconds
        }

        /// The stored result under `path`: the stored line as it is when the path is the same
        /// (the usual case: the same root given the same way), else the line with its `path`
        /// value spliced (``JSONLineWriter/replacingTopLevelPath(in:from:to:)``), else decoded
        /// and re-encoded.
        func result(path: String) -> AuditResult? {
            guard let status = AuditStatus(rawValue: status) else { return nil }
            if path == recordPath { return AuditResult(path: path, status: status, jsonLine: line) }
            if let spliced = JSONLineWriter.replacingTopLevelPath(in: line, from: recordPath, to: path) {
                return AuditResult(path: path, status: status, jsonLine: spliced)
            }
            guard var record = try? JSONDecoder().decode(AuditRecord.self, from: line) else { return nil }
            record.path = path
            return AuditResult(record)
        }
    }

    /// The default location: `$XDG_CACHE_HOME/disclose/audit.sqlite`, else `~/.cache/disclose/audit.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return xdg + "/disclose/audit.sqlite"
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.cache/disclose/audit.sqlite"
    }

    /// Opens (or creates) the cache at `path`. Never throws: when the cache cannot be used it
    /// is rebuilt or bypassed, and ``notes`` says so.
    public init(path: String) {
        let path = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        self.path = path
        var queue: DatabaseQueue?
        var storedNotes: [String] = []
        do {
            queue = try Self.open(path)
        } catch let error where Self.isBusy(error) {
            storedNotes.append("the audit cache at \(path) is in use by another audit, so this audit runs without it (\(Self.describe(error))).")
        } catch {
            let reason = Self.describe(error)
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            do {
                queue = try Self.open(path)
                storedNotes.append("the audit cache at \(path) could not be used (\(reason)), so it was rebuilt; this audit reads every file.")
            } catch {
                storedNotes.append("the audit cache at \(path) could not be used or rebuilt (\(Self.describe(error))), so this audit runs without it.")
            }
        }
        state = Locked(State(queue: queue, notes: storedNotes))
    }

    /// Notes for the person running the audit: the cache was rebuilt, bypassed or failed.
    public var notes: [String] {
        state.withLock { $0.notes }
    }

    /// True when the cache is in use (not bypassed).
    public var isAvailable: Bool {
        state.withLock { $0.queue != nil }
    }

    private static func open(_ path: String) throws -> DatabaseQueue {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(2)
        configuration.label = "disclose.audit-cache"
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.inDatabase { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if version != schemaVersion {
                try db.execute(sql: "DROP TABLE IF EXISTS results")
                try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
            }
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS results (
                  path TEXT PRIMARY KEY NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
                  ctime_ns INTEGER NOT NULL, sha256 TEXT, fingerprint TEXT NOT NULL, status TEXT NOT NULL,
                  record_path TEXT NOT NULL, record BLOB NOT NULL)
                """)
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM results WHERE rowid = 1")
        }
        return queue
    }

    /// The cached results for absolute paths (whatever their stamps and fingerprints), read in
    /// one transaction.
    ///
    /// The rows are read through SQLite's own column functions on GRDB's prepared statement:
    /// GRDB's generic row decoding cost about 30,000 instructions a row, most of a warm audit's
    /// own work; this costs a few hundred.
    func lookup(paths: [String]) -> [String: Entry] {
        guard let queue = currentQueue, !paths.isEmpty else { return [:] }
        do {
            return try queue.inDatabase { db -> [String: Entry] in
                var found: [String: Entry] = [:]
                found.reserveCapacity(paths.count)
                try db.inTransaction(.deferred) {
                    let statement = try db.cachedStatement(sql: "SELECT size, mtime_ns, ctime_ns, sha256, fingerprint, status, record_path, record FROM results WHERE path = ?")
                    let handle = statement.sqliteStatement
                    for path in paths {
                        var utf8 = path
                        let code = utf8.withUTF8 { bytes -> CInt in
                            sqlite3_reset(handle)
                            // The bytes outlive the step: SQLITE_STATIC (nil) is safe, and nothing is copied.
                            let text = UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self)
                            guard sqlite3_bind_text(handle, 1, text, CInt(bytes.count), nil) == SQLITE_OK else { return SQLITE_ERROR }
                            let code = sqlite3_step(handle)
                            if code == SQLITE_ROW { found[path] = Self.entry(path: path, row: handle) }
                            return code
                        }
                        sqlite3_reset(handle)
                        sqlite3_clear_bindings(handle)
                        guard code == SQLITE_ROW || code == SQLITE_DONE else {
                            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                        }
                    }
                    return .commit
                }
                return found
            }
        } catch {
            disable(error)
            return [:]
        }
    }

    /// The entry in the current row of the lookup statement; nil when a NOT NULL column is null.
    private static func entry(path: String, row handle: OpaquePointer) -> Entry? {
        func text(_ column: CInt) -> String? {
            guard let bytes = sqlite3_column_text(handle, column) else { return nil }
            let count = Int(sqlite3_column_bytes(handle, column))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
        guard let fingerprint = text(4), let status = text(5), let recordPath = text(6) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, 7))
        let line = count == 0 ? Data() : Data(bytes: sqlite3_column_blob(handle, 7), count: count)
        let stamp = FileStamp(size: sqlite3_column_int64(handle, 0), mtimeNanoseconds: sqlite3_column_int64(handle, 1),
                              ctimeNanoseconds: sqlite3_column_int64(handle, 2))
        return Entry(path: path, stamp: stamp, sha256: text(3), fingerprint: fingerprint, status: status, recordPath: recordPath, line: line)
    }

    /// Queues a result; it is written with the next batch.
    func store(_ entry: Entry) {
        let full = state.withLock { s in
            s.pending.append(entry)
            return s.pending.count >= Self.batchSize
        }
        if full { flush() }
    }

    /// Writes every queued result in one transaction.
    public func flush() {
        let (batch, queue) = state.withLock { s in
            defer { s.pending.removeAll() }
            return (s.pending, s.queue)
        }
        guard let queue, !batch.isEmpty else { return }
        do {
            try queue.inTransaction { db in
                let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO results (path, size, mtime_ns, ctime_ns, sha256, fingerprint, status, record_path, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                for entry in batch {
                    try statement.execute(arguments: [entry.path, entry.stamp.size, entry.stamp.mtimeNanoseconds, entry.stamp.ctimeNanoseconds,
                                                      entry.sha256, entry.fingerprint, entry.status, entry.recordPath, entry.line])
                }
                return .commit
            }
        } catch {
            disable(error)
        }
    }

    private var currentQueue: DatabaseQueue? {
        state.withLock { $0.queue }
    }

    /// Stops using the cache for the rest of the run, with a note.
    private func disable(_ error: Error) {
        state.withLock { s in
            guard s.queue != nil else { return }
            s.queue = nil
            s.pending.removeAll()
            s.notes.append("the audit cache at \(path) stopped working (\(Self.describe(error))), so the rest of this audit runs without it; delete the file if this happens again.")
        }
    }

    private static func isBusy(_ error: Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    private static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        return error.localizedDescription
    }
}
