import DisclosureKit
import Foundation
import Hummingbird

/// What a request asked for that DisclosureKit refused, in the words the library chose.
enum ServiceError: Error, Equatable {
    /// A fact is missing or wrong; `field` is the ``DisclosureDraft/Field`` name (or `task`, `role`, `file`, `facts`).
    case field(String, String)
    /// The organisation policy does not allow the declaration (`rule` as `policy.tool-authorised`).
    case policy(rule: String, message: String)
    /// The document cannot be used (unreadable, unsupported, over a read limit).
    case document(String)

    var message: String {
        switch self {
        case .field(_, let m), .policy(_, let m), .document(let m): return m
        }
    }

    /// 422 for a policy refusal (the request was well-formed), 400 for the rest.
    var status: HTTPResponse.Status {
        if case .policy = self { return .unprocessableContent }
        return .badRequest
    }
}

/// The choices on the stamp form beside the facts themselves.
struct StampChoices: Sendable {
    var task: String?
    var role: String?
    var recordBreach = false
    /// Work out the statement and the policy's answer, but make no file (and record nothing).
    var preview = false
}

/// What stamping made: the library's result, and the stamped bytes (nil for a preview).
struct StampOutcome: Sendable {
    var result: StampResult
    var data: Data?
    var name: String
}

/// The web app's one way into DisclosureKit: verify, check (audit) and stamp uploaded files.
/// Every rule, message and limit is the library's; this type only points it at the request's
/// temporary folder and turns the folder's paths back into the names the person gave.
struct DiscloseService: Sendable {
    var policy: Policy?
    var signatureCheck: SignatureCheck
    var trust: TrustSettings
    var register: AIUseRegister?
    var signer: KeySigner?
    var limits: UploadLimits
    var defaultOrganisation: String?

    init(configuration: ServeConfiguration) throws {
        policy = try configuration.policyPath.map { try PolicyLoader().load(path: $0) }
        trust = TrustSettings(trust: configuration.trust).adding(config: configuration.config, policy: policy)
        signatureCheck = try trust.makeCheck().check
        register = try configuration.registerPath.map { try AIUseRegister(path: $0, create: true) }
        signer = try configuration.signKeyPath.map { path in try KeySigner(key: try KeyFile.loadPrivateKey(at: path), keyPath: path) }
        limits = configuration.limits
        defaultOrganisation = configuration.defaultOrganisation
    }

    var loader: DocumentLoader { DocumentLoader(limits: limits.read) }

    // MARK: Verify

    /// The same JSON as `disclose verify --format json`, one object per file; a plain `.zip`
    /// gives one object per document inside (``Verifier/verifyArchive(path:)``).
    func verify(_ files: [UploadedFile], folder: RequestFolder, task: String? = nil) throws -> [VerificationJSON] {
        try checkTask(task)
        var checks: [any VerificationCheck] = [signatureCheck]
        if let policy { checks.append(PolicyCheck(policy: policy, expectedTask: task)) }
        let verifier = Verifier(loader: loader, additionalChecks: checks)
        let reports = files.flatMap { file -> [VerificationJSON] in
            do {
                if file.name.lowercased().hasSuffix(".zip"), let entries = try verifier.verifyArchive(path: file.path) { return entries }
                return [VerificationJSON(try verifier.verify(path: file.path))]
            } catch let error as DisclosureError {
                return [VerificationJSON(path: file.path, error: error)]
            } catch {
                return [VerificationJSON(path: file.path, error: .invalidInput("\(file.path): \(error.localizedDescription)"))]
            }
        }
        return try Paths.display(reports, folder: folder)
    }

    // MARK: Check

    /// The audit of the files (a `.zip` audited as a folder), with paths as the person named them.
    func check(_ files: [UploadedFile], folder: RequestFolder, task: String? = nil) throws -> AuditReport {
        try checkTask(task)
        var options = AuditOptions(jobs: 2, toolVersion: ServeVersion.string, limits: limits.read)
        options.apply(policy: policy, trust: trust, signatureCheck: signatureCheck, task: task)
        let auditor = Auditor(options: options, cache: nil)
        let report = auditor.audit(files.map(\.path)).report
        return try Paths.display(report, folder: folder)
    }

    // MARK: Stamp

    /// Stamps `file` (or, for a preview without a file, a placeholder) with the draft's facts under the policy.
    /// - Throws: ``ServiceError``.
    func stamp(_ file: UploadedFile?, draft: DisclosureDraft, choices: StampChoices, folder: RequestFolder) throws -> StampOutcome {
        try checkTask(choices.task)
        if choices.recordBreach && policy == nil {
            throw ServiceError.field("record-breach", "record-breach records the rules of a policy the declaration does not meet, and this app runs without a policy.")
        }
        if let role = choices.role, let policy, !policy.roles.isEmpty, !policy.roles.contains(role) {
            throw ServiceError.field("role", "the role \"\(role)\" is not in the policy; it lists \(policy.roles.joined(separator: ", ")).")
        }
        if let language = draft.language {
            do { try StatementLanguage.check(language, source: "language") } catch let error as DisclosureError {
                throw ServiceError.field(DisclosureDraft.Field.language, error.description)
            }
        }
        let input: String, name: String
        if let file {
            input = file.path
            name = file.name
        } else {
            guard choices.preview else { throw ServiceError.field("file", "choose the document to stamp.") }
            input = try folder.slot(9_999) + "/preview.md"
            name = "preview.md"
            try Data("# Preview\n\nThe document's text.\n".utf8).write(to: URL(fileURLWithPath: input))
        }
        let output = try folder.slot(10_000) + "/" + name
        var options = StampOptions(placement: .end, outputPath: output, dryRun: choices.preview)
        options.signer = signer
        let stampPolicy = policy.map { StampPolicy(policy: $0, recordBreach: choices.recordBreach) }
        let (task, role, languageGiven) = (choices.task, choices.role, draft.language != nil)
        var result: StampResult
        do {
            result = try Stamper(loader: loader).stamp(path: input, draft: draft, options: options) { disclosure, options in
                try stampPolicy?.configure(&disclosure, options: &options, task: task, role: role, languageGiven: languageGiven)
            }
        } catch let error as DraftError {
            throw ServiceError.field(error.field ?? "facts", try Paths.display(error.message, folder: folder))
        } catch DisclosureError.policyViolation(_, let rule, let detail) {
            // The policy's own file name, not where it lies on the server.
            // The command line's hint (--record-breach) is the form's own checkbox here, which the page offers in its words.
            let words = detail.replacingOccurrences(of: " " + StampPolicy.breachHint, with: "")
            let shown = policy.map { words.replacingOccurrences(of: $0.source, with: ($0.source as NSString).lastPathComponent) } ?? words
            throw ServiceError.policy(rule: rule, message: try Paths.display(shown, folder: folder))
        } catch let error as DisclosureError {
            throw ServiceError.document(try Paths.display(error.description, folder: folder))
        }
        result.path = name
        result.outputPath = name
        guard !choices.preview else { return StampOutcome(result: result, data: nil, name: name) }
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        if let register {
            // The stamped file goes to the person's browser, never to a folder here: the
            // register names it as it was uploaded.
            var record = RegisterRecord(result: result)
            record.path = name
            do { try register.append(record) } catch let error as RegisterError {
                throw ServiceError.document("the stamp could not be recorded in the AI-use register, so the stamped file was not handed out (every stamp is recorded): \(error.description)")
            }
        }
        return StampOutcome(result: result, data: data, name: name)
    }

    private func checkTask(_ task: String?) throws {
        guard let task else { return }
        guard let policy else { throw ServiceError.field("task", "a task names a task in a policy, and this app runs without a policy.") }
        if let problem = policy.taskProblem(task) { throw ServiceError.field("task", problem) }
    }
}

/// The version the app reports.
public enum ServeVersion {
    private static let value = Locked("unknown")

    /// Set by the command line to its own version before the app starts; read by every request.
    public static var string: String {
        get { value.current }
        set { value.withLock { $0 = newValue } }
    }
}

/// Turning the request folder's paths (`/tmp/disclose-serve-…/3/essay.docx`) back into the
/// names the person gave (`essay.docx`) in everything the library said.
enum Paths {
    static func display<T: Codable>(_ value: T, folder: RequestFolder) throws -> T {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        return try JSONDecoder().decode(T.self, from: Data(display(text, folder: folder).utf8))
    }

    static func display(_ text: String, folder: RequestFolder) throws -> String {
        let pattern = NSRegularExpression.escapedPattern(for: folder.path) + "/[0-9]+/"
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
    }
}
