import Foundation

/// SARIF 2.1.0, for code-scanning dashboards. One run; one rule per signal (rule id = the
/// signal id) and one per failed verify check (rule id `check/<check-id>`).
///
/// Levels: findings are evidence, not defects, so a `strong` finding is `warning` and a
/// `moderate` or `weak` one is `note`; a failed check is `error`, because it is a verified
/// fact about the disclosure label in the file (it no longer matches the document). Every
/// finding's message ends with ``AuditReport/standingNote``, which is also the driver's
/// `fullDescription` and `run.properties.note`.
///
/// Locations: `artifactLocation.uri` is the record's path as a percent-encoded relative
/// reference against `uriBaseId` `ROOT` (given in `originalUriBaseIds` when the report has one
/// absolute root). For a single-file format the region carries `startLine`, `startColumn` and
/// `byteOffset` where known. For a package part (DOCX `word/document.xml`) the part is a logical
/// location of kind `resource`, and the paragraph and part-relative byte offset go in the
/// result's `properties` (`part`, `paragraph`, `partByteOffset`), never in the file's region.
/// Every file is an artifact with its `status`, `format` and declarations in `properties`;
/// unreadable files are `error` notifications of the invocation.
public struct SARIFReportWriter: AuditReportWriter {
    /// The `uriBaseId` artifact locations are relative to.
    public static let rootBaseID = "ROOT"

    /// Creates the writer.
    public init() {}

    /// The SARIF log as pretty-printed JSON with sorted keys.
    /// - Throws: an encoding error (not expected for these types).
    public func render(_ report: AuditReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(SARIF.Log(runs: [run(report)]))
        data.append(0x0A)
        return data
    }

    func run(_ report: AuditReport) -> SARIF.Run {
        let rules = SARIFRules(report)
        var artifacts: [SARIF.Artifact] = []
        var results: [SARIF.Result] = []
        var notifications: [SARIF.Notification] = []
        for (index, record) in report.records.enumerated() {
            let artifact = artifactLocation(record.path, index: index)
            artifacts.append(SARIF.Artifact(
                location: artifactLocation(record.path, index: nil), length: record.size,
                hashes: record.sha256.map { ["sha-256": $0] }, properties: artifactProperties(record)))
            for finding in record.findings {
                results.append(result(finding, record: record, artifact: artifact, rules: rules))
            }
            for check in record.reportFailedChecks {
                let id = SARIFRules.checkRuleID(check.id)
                results.append(SARIF.Result(
                    ruleId: id, ruleIndex: rules.index[id] ?? 0, level: "error",
                    message: .init(text: "The disclosure in this file failed the \(check.id) check: \(check.message)"),
                    locations: [location(check.location ?? Location(), artifact: artifact)],
                    partialFingerprints: SARIFReportWriter.fingerprint([record.path, id]),
                    properties: ["status": .string(record.status.rawValue)]))
            }
            if record.status == .unreadable {
                notifications.append(SARIF.Notification(
                    level: "error",
                    message: .init(text: "\(record.path) could not be read: \(record.error ?? "no reason given")"),
                    locations: [location(Location(), artifact: artifact)]))
            }
        }
        for failure in report.rootFailures {
            notifications.append(SARIF.Notification(level: "error", message: .init(text: failure.reason), locations: nil))
        }
        let tool = ReportText.toolNameAndVersion(report.tool)
        var counts: [String: JSONValue] = [:]
        for (status, count) in report.counts { counts[status.rawValue] = .int(count) }
        var baseIDs: [String: SARIF.ArtifactLocation]?
        if report.roots.count == 1, let root = report.roots.first, root.hasPrefix("/") {
            let slashed = root.hasSuffix("/") ? root : root + "/"
            baseIDs = [SARIFReportWriter.rootBaseID: .init(uri: "file://" + SARIF.uriReference(slashed))]
        }
        return SARIF.Run(
            tool: .init(driver: .init(
                name: tool.name, version: tool.version,
                fullDescription: .init(text: "Audits documents for AI-use disclosures, declarations made another way, and signals of AI assistance. " + AuditReport.standingNote),
                rules: rules.rules)),
            invocations: [.init(executionSuccessful: true, toolExecutionNotifications: notifications.isEmpty ? nil : notifications)],
            originalUriBaseIds: baseIDs, artifacts: artifacts, results: results,
            properties: ["note": .string(AuditReport.standingNote), "generatedAt": .string(report.generatedAt),
                         "roots": .array(report.roots.map(JSONValue.string)), "counts": .object(counts),
                         "excludedFiles": .int(report.excludedFiles), "excludedFolders": .int(report.excludedFolders),
                         "notFound": .array(report.rootFailures.map { .string($0.path) })])
    }

    func result(_ finding: Finding, record: AuditRecord, artifact: SARIF.ArtifactLocation, rules: SARIFRules) -> SARIF.Result {
        let title = finding.signalTitle
        var text = title == finding.signal.rawValue ? "" : title + ": "
        text += finding.reportExplanation
        if !text.isEmpty, !text.hasSuffix(".") { text += "." }
        text += " Found “\(finding.excerpt)” at \(finding.location.reportDescription). " + AuditReport.standingNote
        var properties: [String: JSONValue] = ["status": .string(record.status.rawValue),
                                               "strength": .string(finding.strength.rawValue),
                                               "excerpt": .string(finding.excerpt)]
        if let part = finding.location.part {
            properties["part"] = .string(part)
            if let offset = finding.location.byteOffset { properties["partByteOffset"] = .int(offset) }
        }
        if let paragraph = finding.location.paragraph { properties["paragraph"] = .int(paragraph) }
        properties["where"] = .string(finding.location.plainWords)
        return SARIF.Result(
            ruleId: finding.signal.rawValue, ruleIndex: rules.index[finding.signal.rawValue] ?? 0,
            level: finding.strength == .strong ? "warning" : "note",
            message: .init(text: QuickTrim.whitespaces(text)),
            locations: [location(finding.location, artifact: artifact)],
            partialFingerprints: SARIFReportWriter.fingerprint([record.path, finding.signal.rawValue, finding.location.reportDescription, finding.excerpt]),
            properties: properties)
    }

    /// The key of the one partial fingerprint each result carries.
    public static let fingerprintKey = "discloseResult/v1"

    /// A stable fingerprint, so dashboards recognise the same result across runs: SHA-256 (hex)
    /// of the path, rule id, location and excerpt joined by NUL.
    static func fingerprint(_ parts: [String]) -> [String: String] {
        [fingerprintKey: Digests.sha256Hex(Data(parts.joined(separator: "\u{0}").utf8))]
    }

    func artifactLocation(_ path: String, index: Int?) -> SARIF.ArtifactLocation {
        if path.hasPrefix("/") {
            return .init(uri: "file://" + SARIF.uriReference(path), uriBaseId: nil, index: index)
        }
        return .init(uri: SARIF.uriReference(path), uriBaseId: SARIFReportWriter.rootBaseID, index: index)
    }

    func location(_ place: Location, artifact: SARIF.ArtifactLocation) -> SARIF.Location {
        if let part = place.part {
            let qualified = place.paragraph.map { "\(part)/paragraph[\($0)]" } ?? part
            return .init(physicalLocation: .init(artifactLocation: artifact, region: nil),
                         logicalLocations: [.init(name: part, fullyQualifiedName: qualified, kind: "resource")])
        }
        let line = place.line.flatMap { $0 >= 1 ? $0 : nil }
        let column = line == nil ? nil : place.column.flatMap { $0 >= 1 ? $0 : nil }
        let offset = place.byteOffset.flatMap { $0 >= 0 ? $0 : nil }
        let region = (line == nil && offset == nil) ? nil : SARIF.Region(startLine: line, startColumn: column, byteOffset: offset)
        return .init(physicalLocation: .init(artifactLocation: artifact, region: region), logicalLocations: nil)
    }

    func artifactProperties(_ record: AuditRecord) -> [String: JSONValue] {
        var p: [String: JSONValue] = ["status": .string(record.status.rawValue)]
        if let format = record.format { p["format"] = .string(format.rawValue) }
        if !record.declarations.isEmpty {
            p["declarations"] = .array(record.declarations.map {
                .object(["kind": .string($0.kind.rawValue), "quote": .string($0.quote),
                         "location": .string($0.location.reportDescription), "explanation": .string($0.explanation)])
            })
        }
        if let error = record.error { p["error"] = .string(error) }
        return p
    }
}
