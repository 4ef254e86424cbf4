import ArgumentParser
import DisclosureKit
import Foundation

extension PolicyTemplate: ExpressibleByArgument {}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    func run() throws {
        let folder = FileManager.default.currentDirectoryPath
        do {
            try ProjectInitialiser.write(template: policyTemplate, in: folder, force: force)
        } catch let error as PolicyError {
            throw PolicyOptions.fail(error)
        }
        Output.line("wrote \(ProjectInitialiser.policyFileName) (the \(policyTemplate.rawValue) template) and \(DiscloseConfig.fileName)")
        Output.line("next: edit \(ProjectInitialiser.policyFileName) to match your policy (see docs/policy.md), then run `disclose policy check FILE`")
    }
}
