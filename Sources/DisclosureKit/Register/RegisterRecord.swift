import Foundation

/// One entry of the AI-use register: one stamp, as it was made.
///
/// Every field a policy asks a central record to hold: when, who, which file (its name and the
/// SHA-256 of the stamped bytes), the declared facts, the policy and what it said, and the
/// signing key. `dataClasses` and `approval` are nil when the disclosure does not record them.
public struct RegisterRecord: Codable, Equatable, Sendable {
    /// The row id, set by the register; nil before the record is appended.
    public var id: Int64?
    /// When the stamp was made, ISO 8601 UTC with milliseconds.
    public var time: String
    /// Who declared.
    public var declarant: String
    /// The declarant's organisation.
    public var organisation: String?
    /// The stamped file's absolute path (or, for an upload, the name it was uploaded under).
    public var path: String
    /// The file's name.
    public var fileName: String
    /// SHA-256 of the stamped bytes, hex.
    public var sha256: String
    /// The format's identifier (`docx`, `markdown`, `html`).
    public var format: String
    /// The tools, as ``Tool/displayName``.
    public var tools: [String]
    /// The purposes' identifiers.
    public var purposes: [String]
    /// The extent's identifier.
    public var extent: String
    /// The review level's identifier.
    public var review: String
    /// Who reviewed.
    public var reviewer: String?
    /// The declaration date as declared.
    public var date: String
    /// The kinds of data that went into the tool, when recorded.
    public var dataClasses: [String]?
    /// The approval (exception) the declaration cites, when any.
    public var approval: String?
    /// The policy's id, when stamped under one.
    public var policyID: String?
    /// The policy's version.
    public var policyVersion: String?
    /// The task the declaration was made for.
    public var task: String?
    /// The role of the declarant.
    public var role: String?
    /// `no-policy`, `met`, or `not-met` (stamped with `--record-breach`).
    public var outcome: String
    /// The policy rules not met (with outcome `not-met`).
    public var rulesNotMet: [String]
    /// The signing key's id, when signed.
    public var keyID: String?

    /// The outcome values.
    public enum Outcome {
        public static let noPolicy = "no-policy", met = "met", notMet = PolicyOutcome.notMet
    }

}

extension RegisterRecord {
    /// The record of a stamp just made.
    /// - Parameters:
    ///   - result: what ``Stamper`` returned.
    ///   - time: when; now unless given.
    public init(result: StampResult, time: Date = Date()) {
        let d = result.disclosure
        self.id = nil
        self.time = RegisterRecord.timestamp(time)
        self.declarant = d.declarant
        self.organisation = d.organisation
        let written = result.outputPath
        self.path = written.hasPrefix("/") ? written : URL(fileURLWithPath: written).standardizedFileURL.path
        self.fileName = (written as NSString).lastPathComponent
        self.sha256 = result.sha256
        self.format = result.format.rawValue
        self.tools = d.tools.map(\.displayName)
        self.purposes = d.purposes.map(\.rawValue)
        self.extent = d.extent.rawValue
        self.review = d.review.level.rawValue
        self.reviewer = d.review.reviewer
        self.date = d.date
        self.dataClasses = d.dataClasses?.map(\.rawValue)
        self.approval = d.approval
        self.policyID = d.policy?.id
        self.policyVersion = d.policy?.version
        self.task = d.policy?.task
        self.role = d.policy?.role
        if let outcome = d.policyOutcome {
            self.outcome = outcome.result
            self.rulesNotMet = outcome.rules
        } else {
            self.outcome = d.policy == nil ? Outcome.noPolicy : Outcome.met
            self.rulesNotMet = []
        }
        self.keyID = d.signature?.keyID
    }

}

extension RegisterRecord {
    /// `2026-12-04T03:50:12.345Z`.
    public static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    /// The columns, in the order exports write them.
    public static let columns = [
        "id", "time", "declarant", "organisation", "path", "file_name", "sha256", "format", "tools", "purposes", "extent",
        "review", "reviewer", "date", "data_classes", "approval", "policy_id", "policy_version", "task", "role", "outcome",
        "rules_not_met", "key_id",
    ]

    /// The values in ``columns`` order, lists joined with `; `, nil as empty.
    public var row: [String] {
        [id.map(String.init) ?? "", time, declarant, organisation ?? "", path, fileName, sha256, format,
         tools.joined(separator: "; "), purposes.joined(separator: "; "), extent, review, reviewer ?? "", date,
         dataClasses?.joined(separator: "; ") ?? "", approval ?? "", policyID ?? "", policyVersion ?? "", task ?? "",
         role ?? "", outcome, rulesNotMet.joined(separator: "; "), keyID ?? ""]
    }
}

extension AIUseRegister {
    /// Appends the record of a stamp (one call per stamped document, from the command line or the web app).
    /// - Throws: ``RegisterError``; on error nothing was added.
    @discardableResult
    public func append(_ result: StampResult) throws -> RegisterRecord {
        try append(RegisterRecord(result: result))
    }
}
