import ArgumentParser
import DisclosureKit

struct DiscloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disclose",
        abstract: "Label AI-assisted documents and check those labels.",
        subcommands: [])
}
