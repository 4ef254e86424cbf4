import Foundation

/// The JSON form of a verification (`verify --format json`), and of an error for files
/// that could not be read.
public struct VerificationJSON: Codable, Equatable, Sendable {
    /// The file.
    public var path: String
    /// The format's identifier, or nil when the file could not be read.
    public var format: String?
    /// True when no check failed (false when the file could not be read).
    public var passed: Bool
    /// The disclosure found, when it decoded.
    public var disclosure: Disclosure?
    /// Where the statement is.
    public var statementLocation: Location?
    /// Where the metadata is.
    public var metadataLocation: Location?
    /// Every check.
    public var checks: [CheckResult]
    /// Non-fatal observations from reading the file.
    public var warnings: [String]
    /// Why the file could not be read, when it could not.
    public var error: String?

    /// The JSON form of a report.
    public init(_ report: VerificationReport) {
        path = report.path
        format = report.format.rawValue
        passed = report.passed
        disclosure = report.disclosure
        statementLocation = report.found.statement?.location
        metadataLocation = report.found.metadata?.location
        checks = report.checks
        warnings = report.warnings
        error = nil
    }

    /// The JSON form of a file that could not be read.
    public init(path: String, error: DisclosureError) {
        self.path = path
        format = nil
        passed = false
        disclosure = nil
        statementLocation = nil
        metadataLocation = nil
        checks = []
        warnings = []
        self.error = error.description
    }

    /// Encodes a list as pretty JSON with sorted keys.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
