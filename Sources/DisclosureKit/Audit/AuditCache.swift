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
    /// How much of the database file SQLite may map into memory (``open(_:)``).
    static let mappedBytes = 256 << 20

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
        let status: String
        var recordPath: String
        var line: Data
        /// `status` read: nil for a status this version does not know (the file is audited again).
        let known: AuditStatus?

        init(path: String, stamp: FileStamp, sha256: String?, fingerprint: String, result: AuditResult) {
            self.init(path: path, stamp: stamp, sha256: sha256, fingerprint: fingerprint, status: result.status.rawValue, known: result.status,
                      recordPath: result.path, line: result.jsonLine)
        }

        init(path: String, stamp: FileStamp, sha256: String?, fingerprint: String, status: String, recordPath: String, line: Data) {
            self.init(path: path, stamp: stamp, sha256: sha256, fingerprint: fingerprint, status: status, known: AuditStatus(rawValue: status),
                      recordPath: recordPath, line: line)
        }

        fileprivate init(path: String, stamp: FileStamp, sha256: String?, fingerprint: String, status: String, known: AuditStatus?,
                         recordPath: String, line: Data) {
            self.known = known
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
            guard let status = known else { return nil }
            if path == recordPath { return AuditResult(path: path, status: status, jsonLine: line) }
            if let spliced = JSONLineWriter.replacingTopLevelPath(in: line, from: recordPath, to: path) {
                return AuditResult(path: path, status: status, jsonLine: spliced)
            }
            guard var record = try? QuickJSON.decode(AuditRecord.self, from: line) else { return nil }
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

    /// How much of the database file SQLite maps (`PRAGMA mmap_size`); nil when the cache is bypassed.
    var mappedSize: Int? {
        guard let queue = currentQueue else { return nil }
        return try? queue.inDatabase { try Int.fetchOne($0, sql: "PRAGMA mmap_size") }
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
            // Pages are read from a mapping of the file, not copied in one `pread` each: a warm
            // audit of 5,000 files made 1,385 such calls, a fifth of its time in the kernel.
            // SQLite maps at most this much, and reads the rest as before.
            try db.execute(sql: "PRAGMA mmap_size = \(mappedBytes)")
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
    /// one transaction, in the order of `paths` (nil where there is none; a path given twice is
    /// answered twice), so the auditor's batches need no dictionary.
    ///
    /// The walk hands over paths a folder at a time, so a batch is a narrow band of the table's
    /// key order (SQLite compares text by its UTF-8 bytes, as ``UTF8Order`` does): the band is read
    /// with one range query and joined with the sorted paths, at a fraction of the cost of one
    /// look-up per path (each a fresh search of the index, and a reset of the statement). When
    /// the band holds many rows the batch does not ask for (a sibling folder whose name sorts
    /// between two of the batch's), the rest are looked up one by one.
    ///
    /// The rows are read through SQLite's own column functions on GRDB's prepared statement:
    /// GRDB's generic row decoding cost about 30,000 instructions a row, most of a warm audit's
    /// own work; this costs a few hundred. A row's fingerprint equal to `fingerprint`, and a
    /// record path equal to its key (the usual case), share those strings instead of copying.
    func lookupInOrder(paths: [String], fingerprint: String? = nil) -> [Entry?] {
        var found = [Entry?](repeating: nil, count: paths.count)
        guard let queue = currentQueue, !paths.isEmpty else { return found }
        let order = UTF8Order.sortedIndices(paths)
        do {
            return try queue.inDatabase { db -> [Entry?] in
                try db.inTransaction(.deferred) {
                    let band = try db.cachedStatement(sql: "SELECT path, size, mtime_ns, ctime_ns, sha256, fingerprint, status, record_path, record FROM results WHERE path >= ?1 AND path <= ?2 ORDER BY path")
                    let next = try Self.joinBand(band.sqliteStatement, paths: paths, order: order, fingerprint: fingerprint, into: &found, db: db)
                    if next < order.count {
                        let single = try db.cachedStatement(sql: "SELECT path, size, mtime_ns, ctime_ns, sha256, fingerprint, status, record_path, record FROM results WHERE path = ?1")
                        for index in order[next...] where found[index] == nil {
                            let path = paths[index]
                            try Self.step(single.sqliteStatement, from: path, to: path, db: db) { handle in
                                found[index] = Self.entry(path: path, row: handle, fingerprint: fingerprint)
                                return false
                            }
                        }
                    }
                    return .commit
                }
                return found
            }
        } catch {
            disable(error)
            return [Entry?](repeating: nil, count: paths.count)
        }
    }

    /// Reads the rows from the first to the last of `paths` (taken in `order`, their UTF-8 byte
    /// order) and keeps those whose key is one of them. Returns the position in `order` of the
    /// first path not settled (its row neither found nor passed) when the band held more than a
    /// few rows for each path asked for; `order.count` when the band was read to its end (the
    /// paths left have no row).
    private static func joinBand(_ handle: OpaquePointer, paths: [String], order: [Int], fingerprint: String?, into found: inout [Entry?], db: Database) throws -> Int {
        var next = 0
        var rows = 0
        var crowded = false
        let budget = 4 * order.count + 64
        try step(handle, from: paths[order[0]], to: paths[order[order.count - 1]], db: db) { handle in
            guard let key = sqlite3_column_text(handle, 0) else { return true }
            let row = UnsafeBufferPointer(start: key, count: Int(sqlite3_column_bytes(handle, 0)))
            // Paths before this row's key have no row; the paths equal to it (a path given twice) share it.
            while next < order.count, compare(paths[order[next]], row) < 0 { next += 1 }
            while next < order.count, compare(paths[order[next]], row) == 0 {
                found[order[next]] = entry(path: paths[order[next]], row: handle, fingerprint: fingerprint)
                next += 1
            }
            rows += 1
            if next < order.count && rows >= budget { crowded = true }
            return next < order.count && !crowded
        }
        return crowded ? next : order.count
    }

    /// Binds `from` and `to` to the statement's two parameters, steps through its rows while
    /// `row` returns true, and resets it. The paths' bytes outlive the steps (SQLITE_STATIC).
    private static func step(_ handle: OpaquePointer, from: String, to: String, db: Database, row: (OpaquePointer) throws -> Bool) throws {
        var low = from, high = to
        let code = try low.withUTF8 { lowBytes in
            try high.withUTF8 { highBytes -> CInt in
                sqlite3_reset(handle)
                defer { sqlite3_reset(handle); sqlite3_clear_bindings(handle) }
                guard bind(handle, 1, lowBytes) == SQLITE_OK,
                      sqlite3_bind_parameter_count(handle) < 2 || bind(handle, 2, highBytes) == SQLITE_OK else { return SQLITE_ERROR }
                var code = sqlite3_step(handle)
                while code == SQLITE_ROW {
                    guard try row(handle) else { return SQLITE_DONE }
                    code = sqlite3_step(handle)
                }
                return code
            }
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    /// Binds text, and returns SQLite's result code. Without `copying` (SQLITE_STATIC) the caller
    /// keeps the bytes alive until the statement is reset; with it (SQLITE_TRANSIENT) SQLite takes
    /// a copy. Empty text has no bytes to point at, and SQLite reads a null pointer as NULL, not
    /// as "": it is bound as a copied empty string instead.
    private static func bind(_ handle: OpaquePointer, _ index: CInt, _ bytes: UnsafeBufferPointer<UInt8>, copying: Bool = false) -> CInt {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(handle, index, "", 0, transient) }
        return sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), CInt(bytes.count), copying ? transient : nil)
    }

    /// The order of `path`'s UTF-8 bytes against a row's key (memcmp, then length: SQLite's BINARY collation).
    @inline(__always)
    private static func compare(_ path: String, _ key: UnsafeBufferPointer<UInt8>) -> Int {
        var path = path
        return path.withUTF8 { bytes in
            let common = min(bytes.count, key.count)
            if common > 0, let a = bytes.baseAddress, let b = key.baseAddress {
                let order = memcmp(a, b, common)
                if order != 0 { return Int(order) }
            }
            return bytes.count - key.count
        }
    }

    /// The entry in the current row of a lookup statement (columns: path, size, mtime, ctime,
    /// sha256, fingerprint, status, record path, record); nil when a NOT NULL column is null.
    private static func entry(path: String, row handle: OpaquePointer, fingerprint expected: String?) -> Entry? {
        func text(_ column: CInt, sameAs known: String? = nil) -> String? {
            guard let bytes = sqlite3_column_text(handle, column) else { return nil }
            let buffer = UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column)))
            if let known, compare(known, buffer) == 0 { return known }
            return String(decoding: buffer, as: UTF8.self)
        }
        guard let fingerprint = text(5, sameAs: expected), let (status, known) = status(column: 6), let recordPath = text(7, sameAs: path) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, 8))
        let line = count == 0 ? Data() : Data(bytes: sqlite3_column_blob(handle, 8), count: count)
        let stamp = FileStamp(size: sqlite3_column_int64(handle, 1), mtimeNanoseconds: sqlite3_column_int64(handle, 2),
                              ctimeNanoseconds: sqlite3_column_int64(handle, 3))
        return Entry(path: path, stamp: stamp, sha256: text(4), fingerprint: fingerprint, status: status, known: known, recordPath: recordPath, line: line)

        /// The status column: one of the statuses this version writes is recognised by its bytes
        /// and shares the status's own string (no copy, no string switch for every row).
        func status(column: CInt) -> (String, AuditStatus?)? {
            guard let bytes = sqlite3_column_text(handle, column) else { return nil }
            let buffer = UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column)))
            for (raw, status) in statusBytes where raw.count == buffer.count && raw.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes, raw.count) == 0 }) {
                return (status.rawValue, status)
            }
            let text = String(decoding: buffer, as: UTF8.self)
            return (text, AuditStatus(rawValue: text))
        }
    }

    /// Every status's UTF-8 bytes, for ``entry(path:row:fingerprint:)``.
    private static let statusBytes: [([UInt8], AuditStatus)] = AuditStatus.allCases.map { (Array($0.rawValue.utf8), $0) }

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
                for entry in batch { try Self.insert(entry, with: statement.sqliteStatement, db: db) }
                return .commit
            }
        } catch {
            disable(error)
        }
    }

    /// Binds `entry` to the insert statement's nine parameters with SQLite's own functions and
    /// steps it once. GRDB's `execute(arguments:)` cost about 28,000 instructions a row (boxing
    /// each value as a `DatabaseValue`), several times SQLite's own insert.
    private static func insert(_ entry: Entry, with handle: OpaquePointer, db: Database) throws {
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle); sqlite3_clear_bindings(handle) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        // The strings' bytes are gone before the step, so SQLite copies them.
        func text(_ index: CInt, _ value: String) -> CInt {
            var value = value
            return value.withUTF8 { bind(handle, index, $0, copying: true) }
        }
        let record: CInt = entry.line.isEmpty
            ? sqlite3_bind_zeroblob(handle, 9, 0)  // an empty record is an empty blob, not NULL
            : entry.line.withUnsafeBytes { sqlite3_bind_blob(handle, 9, $0.baseAddress, CInt($0.count), transient) }
        let codes = [text(1, entry.path), sqlite3_bind_int64(handle, 2, entry.stamp.size), sqlite3_bind_int64(handle, 3, entry.stamp.mtimeNanoseconds),
                     sqlite3_bind_int64(handle, 4, entry.stamp.ctimeNanoseconds), entry.sha256.map { text(5, $0) } ?? sqlite3_bind_null(handle, 5),
                     text(6, entry.fingerprint), text(7, entry.status), text(8, entry.recordPath), record]
        var code = codes.first { $0 != SQLITE_OK } ?? SQLITE_OK
        if code == SQLITE_OK { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
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
