import ArgumentParser
import DisclosureKit
import Foundation

struct Stamp: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a visible AI-use statement and machine-readable provenance to documents.",
        discussion: """
            Stamping again replaces the earlier stamp; it never adds a second. Everything \
            outside the statement and metadata stays byte-for-byte as it was, and the file is \
            replaced atomically: if anything fails, the original is untouched.

            Example:
              disclose stamp report.docx --tool "Microsoft 365 Copilot" --purpose drafting \\
                --extent partial --review edited --reviewer "Head of Comms" --declarant "J. Smith"
            """)

    @Argument(help: "The documents to stamp (.docx, .md, .html).")
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

    @OptionGroup(title: "Signing")
    var signing: SigningOptions

    @OptionGroup(title: "Policy")
    var policy: StampPolicyOptions

    // MARK: Statement style (templates branch)

    @Flag(help: "HTML only: leave the statement without its default style (a rule and padding), for pages that style aside.ai-disclosure themselves.")
    var noStyle = false

    func validate() throws {
        let config = try? DiscloseConfig.discover()
        _ = try facts.makeDisclosure(defaultDeclarant: config?.declarant, defaultOrganisation: config?.organisation)
        if output != nil && files.count != 1 {
            throw ValidationError("--output takes exactly one input file; you gave \(files.count).")
        }
    }

    func run() throws {
        let config = try PolicyOptions.config()
        var disclosure = try facts.makeDisclosure(defaultDeclarant: config.declarant, defaultOrganisation: config.organisation)
        var options = StampOptions(placement: placement ?? .end, metadataStyle: metadata, outputPath: output, dryRun: dryRun)
        options.styleStatement = !noStyle
        let approval = try policy.apply(to: &disclosure, options: &options, languageGiven: facts.language != nil, placementGiven: placement != nil)
        if let template {
            guard let text = try? String(contentsOfFile: template, encoding: .utf8) else {
                throw DisclosureError.invalidInput("\(template): the template file cannot be read as UTF-8 text. Check the path.")
            }
            options.renderer = try StatementRenderer(template: text, source: template, policy: options.renderer.policy)
        }
        // The statement's language, checked once before any file (templates branch).
        try options.renderer.checkLanguage(of: disclosure, source: facts.language != nil ? "--language" : approval?.policy.source ?? "--language")
        options.signer = try signing.makeSigner()
        let stamper = Stamper()
        var tracker = ExitTracker()
        for file in files {
            do {
                let result = try stamper.stamp(path: file, disclosure: disclosure, options: options)
                for leftover in result.removedLeftovers {
                    Output.note("removed \(leftover), a temporary file left by an earlier run that was interrupted")
                }
                Output.line(Stamp.describe(result))
                if let s = result.disclosure.signature { Output.line("  signed: \(s.algorithm), key \(s.keyID)") }
            } catch {
                tracker.record(error, path: file)
            }
        }
        StampPolicyOptions.report(approval)
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

extension Placement: ExpressibleByArgument {}
extension MetadataStyle: ExpressibleByArgument {}
