import ArgumentParser
import DisclosureKit
import Foundation

extension PolicyTemplate: ExpressibleByArgument {
    // Listed with a closure, as ReportFormat's are (Verify.swift).
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter AI policy and a config file in the current folder.",
        discussion: """
            Writes disclose-policy.toml (a commented starter policy) and .disclose.toml (which \
            names it), so that stamp, verify and policy check use the policy without --policy in \
            this folder and every folder below it. Existing files are never replaced without --force.
            """)

    @Option(help: "Which starter policy: school, university or publisher (the EU AI Act's Article 50 labelling duty).")
    var policyTemplate: PolicyTemplate = .school

    @Flag(help: "Replace disclose-policy.toml and .disclose.toml if they exist.")
    var force = false

    // MARK: Signing key (templates branch)

    @Flag(help: "Also make a signing key in keys/ (keys/disclose-signing.key.pem, private, and .pub.pem) and list its public key in the policy's trust.")
    var withKey = false

    @Option(help: "The --with-key algorithm: ed25519 or p256.")
    var algorithm: SigningAlgorithm = .ed25519

    func run() throws {
        let folder = FileManager.default.currentDirectoryPath
        let written: (files: [String], key: KeyFile.Written?)
        do {
            written = try ProjectInitialiser.write(template: policyTemplate, in: folder, force: force, signingKey: withKey ? algorithm : nil)
        } catch let error as PolicyError {
            throw PolicyOptions.fail(error)
        }
        Output.line("wrote \(ProjectInitialiser.policyFileName) (the \(policyTemplate.rawValue) template) and \(DiscloseConfig.fileName)")
        if let key = written.key {
            let relative = { (path: String) in PolicyOptions.display(path) }
            Output.line("made a signing key: \(relative(key.privateKey)) (private, mode 0600: keep it to yourself) and \(relative(key.publicKey)) (listed in the policy's trust)")
            Output.line("sign with: disclose stamp FILE --sign-key \(relative(key.privateKey)) …")
        }
        Output.line("next: edit \(ProjectInitialiser.policyFileName) to match your policy (see docs/policy.md), then run `disclose policy check FILE`")
    }
}
