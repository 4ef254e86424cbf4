import ArgumentParser
import DisclosureKit

struct DiscloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disclose",
        abstract: "Label AI-assisted documents and check those labels.",
        discussion: """
            Disclose puts a visible AI-use statement and machine-readable provenance into \
            documents (\(FormatRegistry.standard.extensionList) files), and checks them later.

            EXIT CODES
              0  everything succeeded and every check passed
              1  a check failed, or a policy refused the disclosure
              2  usage error: a wrong option or value
              3  a file could not be read or is not a supported document
              4  a write failed (the original file is untouched)
              6  the AI-use register is damaged, not a register, locked too long or
                 newer than this version; it is left as it is (see docs/policy.md)
            When several files end differently, the highest code is returned.
            disclose audit exits 1 when a file has a --fail-on status and 3 when a path \
            given could not be read at all (see disclose audit --help).
            """,
        version: DiscloseVersion.string,
        subcommands: [Stamp.self, Show.self, Verify.self, Unstamp.self, Audit.self, Report.self, PolicyCommand.self, Keys.self, Init.self, RegisterCommand.self, Serve.self])
}

enum DiscloseVersion {
    static let string = "0.1.0"
}
