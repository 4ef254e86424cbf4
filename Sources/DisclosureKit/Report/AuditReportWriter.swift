import Foundation

/// Renders a finished audit as one report format. Every writer renders the same records
/// and carries ``AuditReport/standingNote``.
public protocol AuditReportWriter {
    /// The whole report as bytes.
    func render(_ report: AuditReport) throws -> Data
}
