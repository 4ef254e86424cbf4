import Foundation
import X509

/// Revoked keys and certificates, read from a text file (`verify --revocations FILE`).
///
/// One entry per line: a key id (64 hex digits, as `disclose keys id` prints) or a
/// certificate serial number as `serial:<hex>` (colons allowed, as openssl prints them).
/// `#` starts a comment; blank lines are ignored. Hex is case-insensitive.
///
/// ```text
/// # laptop stolen 2026-11-30
/// 3f6c1a...e9 (64 hex digits)
/// serial:0a:1b:2c:3d
/// ```
public struct RevocationList: Sendable, Equatable {
    /// Where an entry was listed.
    public struct Entry: Sendable, Equatable {
        /// The file.
        public var path: String
        /// The 1-based line number.
        public var line: Int
    }

    /// Revoked key ids (lower-case hex).
    public private(set) var keyIDs: [String: Entry] = [:]
    /// Revoked certificate serials (lower-case hex, no leading zeros).
    public private(set) var serials: [String: Entry] = [:]

    /// An empty list.
    public init() {}

    /// Parses a list.
    /// - Throws: ``ProvenanceError/badRevocationEntry(path:line:text:)`` for a line that is not an entry.
    public init(text: String, path: String) throws {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let entry = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if entry.isEmpty { continue }
            let at = Entry(path: path, line: index + 1)
            if entry.lowercased().hasPrefix("serial:") {
                guard let hex = RevocationList.serialDigits(entry.dropFirst("serial:".count)) else {
                    throw ProvenanceError.badRevocationEntry(path: path, line: index + 1, text: entry)
                }
                serials[RevocationList.normalise(hex)] = at
            } else {
                guard entry.count == 64, entry.allSatisfy(\.isHexDigit) else {
                    throw ProvenanceError.badRevocationEntry(path: path, line: index + 1, text: entry)
                }
                keyIDs[entry.lowercased()] = at
            }
        }
    }

    /// Reads a list from a file.
    /// - Throws: ``ProvenanceError`` when the file cannot be read or a line is not an entry.
    public static func load(path: String) throws -> RevocationList {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProvenanceError.unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied or a folder" : "no such file")
        }
        guard data.count <= 16 << 20 else {
            throw ProvenanceError.unreadable(path: path, reason: "over 16 MB, too large for a revocation list")
        }
        return try RevocationList(text: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Where this key id is listed, if it is revoked.
    public func revocation(ofKey keyID: String) -> Entry? { keyIDs[keyID.lowercased()] }

    /// Where this certificate's serial is listed, if it is revoked.
    public func revocation(of certificate: Certificate) -> Entry? {
        serials[RevocationList.serialHex(certificate.serialNumber)]
    }

    /// A serial number as lower-case hex without leading zeros (`0` for zero).
    public static func serialHex(_ serial: Certificate.SerialNumber) -> String {
        normalise(Digests.hex(serial.bytes))
    }

    /// Hex digits of a serial written as `0a1b2c` or `0a:1b:2c` (groups of one or two digits).
    static func serialDigits(_ text: Substring) -> String? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let groups = text.contains(":") ? text.split(separator: ":", omittingEmptySubsequences: false).map(String.init) : [text]
        guard !text.isEmpty, text.count <= 120,
              groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isHexDigit) && (groups.count == 1 || $0.count <= 2) }) else { return nil }
        return groups.map { groups.count > 1 && $0.count == 1 ? "0" + $0 : $0 }.joined()
    }

    static func normalise(_ hex: String) -> String {
        let trimmed = hex.lowercased().drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }
}
