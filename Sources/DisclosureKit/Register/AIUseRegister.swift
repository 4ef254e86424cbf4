import Foundation
import GRDB

/// The AI-use register: a central record of every stamp, in one SQLite file.
///
/// Each ``append(_:)`` is one `BEGIN IMMEDIATE` transaction, so stamps from several processes
/// at once queue for the write lock (waiting up to ``busyTimeout``) and no record is lost. The
/// register is never silently replaced: a file that is not a register, or is damaged, is
/// reported (``RegisterError/damaged(path:reason:)``) and left as it is. The journal is
/// SQLite's rollback journal, not WAL, because WAL needs shared memory that network file
/// systems do not give (see `docs/policy.md`, "AI-use register").
///
/// ```swift
/// let register = try AIUseRegister(path: "/srv/disclose/register.sqlite")
/// let result = try Stamper().stamp(path: "report.docx", disclosure: disclosure)
/// try register.append(RegisterRecord(result: result))
/// let recent = try register.records(RegisterQuery(since: "2026-12-01"))
/// ```
public final class AIUseRegister: Sendable {
    /// The layout version, kept in `PRAGMA user_version`.
    public static let schemaVersion = 1
    /// Marks the file as a Disclose register (`PRAGMA application_id`, "DSRG").
    static let applicationID: Int32 = 0x4453_5247
    /// How long a write waits for other writers, in seconds.
    public static let busyTimeout: TimeInterval = 60

    /// The register file, absolute.
    public let path: String
    private let queue: DatabaseQueue

    /// Opens the register at `path`, creating it (and its folder) when `create` and it does not exist.
    /// - Throws: ``RegisterError``: damaged or not a register, newer, or cannot be written.
    public init(path: String, create: Bool = true) throws {
        let path = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists {
            guard create else { throw RegisterError.unwritable(path: path, reason: "there is no register at this path yet; it is made by the first stamp") }
            let folder = (path as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw RegisterError.unwritable(path: path, reason: "its folder cannot be made: \(error.localizedDescription)")
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(AIUseRegister.busyTimeout)
        configuration.label = "disclose.register"
        configuration.journalMode = .default
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw Self.translate(error, path: path, opening: true)
        }
        try prepare()
    }

    /// Checks the file is a register of ours and makes the table when the file is new.
    private func prepare() throws {
        do {
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                    let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                    let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                    if application == 0 && version == 0 && tables == 0 {
                        try db.execute(sql: "PRAGMA application_id = \(AIUseRegister.applicationID)")
                        try db.execute(sql: "PRAGMA user_version = \(AIUseRegister.schemaVersion)")
                        try db.execute(sql: AIUseRegister.createTable)
                        return .commit
                    }
                    guard application == AIUseRegister.applicationID else {
                        throw RegisterError.damaged(path: path, reason: "it is an SQLite database, but not a Disclose register")
                    }
                    guard version <= AIUseRegister.schemaVersion else {
                        throw RegisterError.newerVersion(path: path, version: version)
                    }
                    guard try db.tableExists("records") else {
                        throw RegisterError.damaged(path: path, reason: "its table of records is missing")
                    }
                    return .commit
                }
            }
        } catch let error as RegisterError {
            throw error
        } catch {
            throw Self.translate(error, path: path, opening: true)
        }
    }

    static let createTable = """
        CREATE TABLE records (
          id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, declarant TEXT NOT NULL, organisation TEXT,
          path TEXT NOT NULL, file_name TEXT NOT NULL, sha256 TEXT NOT NULL, format TEXT NOT NULL,
          tools TEXT NOT NULL, purposes TEXT NOT NULL, extent TEXT NOT NULL, review TEXT NOT NULL, reviewer TEXT,
          date TEXT NOT NULL, data_classes TEXT, approval TEXT, policy_id TEXT, policy_version TEXT, task TEXT, role TEXT,
          outcome TEXT NOT NULL, rules_not_met TEXT NOT NULL, key_id TEXT);
        CREATE INDEX records_path ON records(path);
        CREATE INDEX records_sha256 ON records(sha256);
        """

    /// Appends `record` in its own transaction and returns it with its id.
    /// - Throws: ``RegisterError``; on error nothing was added.
    @discardableResult
    public func append(_ record: RegisterRecord) throws -> RegisterRecord {
        do {
            return try queue.writeWithoutTransaction { db in
                var stored = record
                try db.inTransaction(.immediate) {
                    try db.execute(sql: """
                        INSERT INTO records (time, declarant, organisation, path, file_name, sha256, format, tools, purposes, extent,
                          review, reviewer, date, data_classes, approval, policy_id, policy_version, task, role, outcome, rules_not_met, key_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [
                            record.time, record.declarant, record.organisation, record.path, record.fileName, record.sha256, record.format,
                            Self.json(record.tools), Self.json(record.purposes), record.extent, record.review, record.reviewer, record.date,
                            record.dataClasses.map(Self.json), record.approval, record.policyID, record.policyVersion, record.task,
                            record.role, record.outcome, Self.json(record.rulesNotMet), record.keyID,
                        ])
                    stored.id = db.lastInsertedRowID
                    return .commit
                }
                return stored
            }
        } catch {
            throw Self.translate(error, path: path, opening: false)
        }
    }

    /// The records that match `query`, oldest first.
    /// - Throws: ``RegisterError`` when the register cannot be read.
    public func records(_ query: RegisterQuery = RegisterQuery()) throws -> [RegisterRecord] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let since = query.since {
            conditions.append("time >= ?")
            arguments.append(since)
        }
        if let tool = query.tool {
            conditions.append("EXISTS (SELECT 1 FROM json_each(records.tools) WHERE lower(value) = lower(?) OR lower(value) LIKE lower(?) || ' %')")
            arguments += [tool, tool]
        }
        if let declarant = query.declarant {
            conditions.append("lower(declarant) = lower(?)")
            arguments.append(declarant)
        }
        if let path = query.pathPrefix {
            conditions.append("(path = ? OR substr(path, 1, ?) = ?)")
            let folder = path.hasSuffix("/") ? path : path + "/"
            arguments += [path, folder.count, folder]
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM records" + whereClause + " ORDER BY id", arguments: StatementArguments(arguments))
                    .map(Self.record)
            }
        } catch {
            throw Self.translate(error, path: path, opening: false)
        }
    }

    /// Runs SQLite's integrity check.
    /// - Returns: the problems found; empty when the file is sound.
    public func integrityProblems() throws -> [String] {
        do {
            let lines = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            return lines == ["ok"] ? [] : lines
        } catch {
            throw Self.translate(error, path: path, opening: false)
        }
    }

    private static func record(_ row: Row) -> RegisterRecord {
        RegisterRecord(
            id: row["id"], time: row["time"], declarant: row["declarant"], organisation: row["organisation"], path: row["path"],
            fileName: row["file_name"], sha256: row["sha256"], format: row["format"], tools: list(row["tools"]),
            purposes: list(row["purposes"]), extent: row["extent"], review: row["review"], reviewer: row["reviewer"],
            date: row["date"], dataClasses: (row["data_classes"] as String?).map { list($0) }, approval: row["approval"],
            policyID: row["policy_id"], policyVersion: row["policy_version"], task: row["task"], role: row["role"],
            outcome: row["outcome"], rulesNotMet: list(row["rules_not_met"]), keyID: row["key_id"])
    }

    private static func json(_ values: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }

    private static func list(_ text: String?) -> [String] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// A GRDB error as a register error: busy, damaged (not a database, corrupt), else unwritable.
    static func translate(_ error: Error, path: String, opening: Bool) -> RegisterError {
        if let error = error as? RegisterError { return error }
        guard let db = error as? DatabaseError else {
            return .unwritable(path: path, reason: error.localizedDescription)
        }
        let reason = db.message ?? "\(db.resultCode)"
        switch db.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_FORMAT, .SQLITE_SCHEMA, .SQLITE_ERROR: return .damaged(path: path, reason: reason)
        default: return .unwritable(path: path, reason: reason)
        }
    }
}

/// Which records ``AIUseRegister/records(_:)`` returns; nil fields match everything.
public struct RegisterQuery: Sendable, Equatable {
    /// Records made at or after this time (ISO 8601; a date `2026-12-01` means from its start, UTC).
    public var since: String?
    /// Records naming this tool (case-insensitive; `ChatGPT` also matches `ChatGPT 4o (…)`).
    public var tool: String?
    /// Records by this declarant (case-insensitive).
    public var declarant: String?
    /// Records of files at this path or inside this folder (absolute).
    public var pathPrefix: String?

    /// Creates a query.
    public init(since: String? = nil, tool: String? = nil, declarant: String? = nil, pathPrefix: String? = nil) {
        self.since = since
        self.tool = tool
        self.declarant = declarant
        self.pathPrefix = pathPrefix
    }
}
