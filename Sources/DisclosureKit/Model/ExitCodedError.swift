import Foundation

/// An error DisclosureKit throws that says what went wrong in words (``description``: the file,
/// the problem, what to do next) and carries one of the documented process exit codes, so a
/// front end maps every library error the same way without listing error types:
///
/// ```swift
/// do { try stamper.stamp(path, disclosure: d) }
/// catch let error as any ExitCodedError { print(error.description); exit(error.exitCode) }
/// ```
///
/// Every public error type of the library adopts it: ``DisclosureError``, ``ProvenanceError``,
/// ``PolicyError``, ``RegisterError``, ``DraftError`` and ``ReportMergeError``.
public protocol ExitCodedError: Error, CustomStringConvertible, Sendable {
    /// The documented exit code (README, "Exit codes").
    var exitCode: Int32 { get }
}

extension DisclosureError: ExitCodedError {}
extension ProvenanceError: ExitCodedError {}
extension PolicyError: ExitCodedError {}
extension RegisterError: ExitCodedError {}
extension DraftError: ExitCodedError {}
extension ReportMergeError: ExitCodedError {}
