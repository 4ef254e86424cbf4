import ArgumentParser
import DisclosureKit
import Foundation

struct Stamp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stamp",
        abstract: "Add a visible AI-use statement and machine-readable provenance to documents.",
        discussion: """
            Stamping again replaces the earlier stamp; it never adds a second. Everything \
            outside the statement and metadata stays byte-for-byte as it was, and the file is \
            replaced atomically: if anything fails, the original is untouched.

            Example:
              disclose stamp report.docx --tool "Microsoft 365 Copilot" --purpose drafting \\
                --extent partial --review edited --reviewer "Head of Comms" --declarant "J. Smith"
            """)

    @Argument(help: ArgumentHelp("The documents to stamp (\(FormatRegistry.standard.extensionList) files)."))
    var files: [String]

    @OptionGroup(title: "Disclosure facts")
    var facts: FactOptions

    @Option(help: "Where the statement goes: start or end.")
    var placement: Placement?

    @Option(help: "Markdown only: where metadata goes: native (front matter) or comment.")
    var metadata: MetadataStyle = .native

    @Option(help: ArgumentHelp("A file with a statement template using {{placeholders}}.", valueName: "file"))
    var template: String?

    @Option(help: ArgumentHelp("Write the result here instead of replacing the file (one input only).", valueName: "path"))
    var output: String?

    @Flag(help: "Say what would change, but write nothing.")
    var dryRun = false

    @Flag(help: "Re-stamp keeping the facts of the document's existing stamp, changing only those given.")
    var keep = false

    @Flag(help: "Stamp even when the policy does not allow the declaration, recording the rules it does not meet (verify, policy check and audit report them). For recording honestly what really happened.")
    var recordBreach = false

    @Flag(help: "Stamp a document that carries its own digital signature (a DOCX with _xmlsignatures), knowing that signature will no longer verify. Without it such a document is refused (exit 3).")
    var allowInvalidatingSignature = false

    @OptionGroup(title: "Signing")
    var signing: SigningOptions

    @OptionGroup(title: "Policy")
    var policy: StampPolicyOptions

    // MARK: Statement style (templates branch)

    @Flag(help: "HTML only: leave the statement without its default style (a rule and padding), for pages that style aside.ai-disclosure themselves.")
    var noStyle = false

    func validate() throws {
        if output != nil && files.count != 1 {
            throw ValidationError("--output takes exactly one input file; you gave \(files.count).")
        }
        // With --keep the facts depend on each file's earlier stamp; they are checked per file.
        guard FactOptions.checkFacts, !keep else { return }
        let config = try? DiscloseConfig.discover()
        _ = try facts.makeDisclosure(defaultDeclarant: config?.declarant, defaultOrganisation: config?.organisation)
    }

    func run() throws {
        let config = try PolicyOptions.config()
        let draft = try facts.draft(defaultDeclarant: config.declarant, defaultOrganisation: config.organisation)
        var options = StampOptions(placement: placement ?? .end, metadataStyle: metadata, outputPath: output, dryRun: dryRun)
        options.styleStatement = !noStyle
        options.allowInvalidatingSignature = allowInvalidatingSignature
        // A language given on the command line is checked once, before any file, naming the flag.
        if let language = facts.language { try StatementLanguage.check(language, source: "--language") }
        options.keepEarlierFacts = keep
        options.onDocumentNotes = { path, notes in
            for note in notes { Output.note("\(path): note: \(note)") }
        }
        let stampPolicy = try policy.stampPolicy(recordBreach: recordBreach)
        var templateRenderer: StatementRenderer?
        if let template {
            guard let text = try? String(contentsOfFile: template, encoding: .utf8) else {
                throw DisclosureError.invalidInput("\(template): the template file cannot be read as UTF-8 text. Check the path.")
            }
            templateRenderer = try StatementRenderer(template: text, source: template, policy: stampPolicy?.policy.statementPolicy)
            templateRenderer?.contact = stampPolicy?.policy.contact
        }
        options.signer = try signing.makeSigner()
        // The register is opened before anything is stamped: when it cannot be used, nothing is.
        let register = try RegisterOptions.open(config: config, dryRun: dryRun)
        let stamper = Stamper()
        var tracker = ExitTracker()
        let (task, role, languageGiven, placementGiven) = (policy.task, policy.role, facts.language != nil, placement != nil)
        for file in files {
            do {
                let result = try FactOptions.mapped {
                    try stamper.stamp(path: file, draft: draft, options: options) { disclosure, options in
                        try stampPolicy?.configure(&disclosure, options: &options, task: task, role: role,
                                                   languageGiven: languageGiven, placementGiven: placementGiven)
                        if let templateRenderer { options.renderer = templateRenderer }
                    }
                }
                for leftover in result.removedLeftovers {
                    Output.note("removed \(leftover), a temporary file left by an earlier run that was interrupted")
                }
                for warning in result.factWarnings { Output.note("\(file): warning: \(warning.description)") }
                if !result.invalidatedSignatures.isEmpty, !result.dryRun {
                    if result.signaturesKeepTheirRevision {
                        Output.note("\(file): warning: the document's signature (\(result.invalidatedSignatures.joined(separator: ", "))) still covers the revision it signed, but PDF readers will show the document was changed after signing; ask the signer to sign it again if that matters")
                    } else {
                        Output.note("\(file): warning: the document's own signature (\(result.invalidatedSignatures.joined(separator: ", "))) no longer verifies; ask the signer to sign it again")
                    }
                }
                Output.line(Stamp.describe(result))
                for change in result.changes where result.replacedExisting { Output.line("  changed \(change.description)") }
                if let s = result.disclosure.signature { Output.line("  signed: \(s.algorithm), key \(s.keyID)") }
                StampPolicyOptions.report(result)
                try register?.append(result)
            } catch let error as ValidationError {
                Output.error("\(file): \(error.message)")
                tracker.record(2)
            } catch let error as RegisterError {
                Output.error(error.description)
                Output.note("\(file): the stamp was written, but its record was not added to the register; stamp it again once the register can be used (the same facts leave the file unchanged)")
                tracker.record(error.exitCode)
            } catch {
                tracker.record(error, path: file)
            }
        }
        try tracker.finish()
    }

    static func describe(_ r: StampResult) -> String {
        let verb: String
        if r.dryRun {
            verb = r.unchanged ? "would leave unchanged (already stamped with these facts)" : (r.replacedExisting ? "would replace the existing stamp" : "would stamp")
        } else if r.unchanged {
            verb = "already stamped with these facts; unchanged"
        } else {
            verb = r.replacedExisting ? "restamped (earlier stamp replaced)" : "stamped"
        }
        let destination = r.outputPath == r.path ? "" : " → \(r.outputPath)"
        return "\(r.path)\(destination): \(verb)\n  \(r.disclosure.statement ?? "")"
    }
}

extension Placement: ExpressibleByArgument {
    // Listed with a closure, as ReportFormat's are (Verify.swift).
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
}

extension MetadataStyle: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
}
