import Foundation

/// One file's result as the audit hands it over: its path, status and JSON line, and the
/// record itself. A result taken from the cache carries only its stored JSON line, and the
/// record is decoded only when asked for, so a warm JSON Lines audit never decodes records.
public struct AuditResult: Sendable {
    /// The path, as in the record.
    public let path: String
    /// The file's status.
    public let status: AuditStatus
    /// The record as one JSON line (no trailing newline), as ``AuditRecord/jsonLine()`` writes it.
    public let jsonLine: Data
    /// The record, behind a reference: a record is large, and results are handed from thread to
    /// thread and copied several times each, which cost more than a warm audit's own work.
    private let stored: StoredRecord?

    private final class StoredRecord: Sendable {
        let record: AuditRecord
        init(_ record: AuditRecord) { self.record = record }
    }

    /// A result for a record just made.
    public init(_ record: AuditRecord) {
        path = record.path
        status = record.status
        jsonLine = (try? record.jsonLine()) ?? Data()
        stored = StoredRecord(record)
    }

    /// A result with its record already decoded from `jsonLine`.
    init(record: AuditRecord, jsonLine: Data) {
        path = record.path
        status = record.status
        self.jsonLine = jsonLine
        stored = StoredRecord(record)
    }

    /// A result from a stored JSON line.
    init(path: String, status: AuditStatus, jsonLine: Data) {
        self.path = path
        self.status = status
        self.jsonLine = jsonLine
        self.stored = nil
    }

    /// The record (decoded from the JSON line when the result came from the cache).
    /// - Throws: `DecodingError` when a stored line cannot be decoded.
    public func record() throws -> AuditRecord {
        if let stored { return stored.record }
        return try QuickJSON.decode(AuditRecord.self, from: jsonLine)
    }
}

/// Lower-case hexadecimal, without `String(format:)` (which costs a Foundation call per byte).
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
