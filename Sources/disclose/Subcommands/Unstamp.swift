import ArgumentParser
import DisclosureKit
import Foundation

struct Unstamp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unstamp",
        abstract: "Remove Disclose's statement and metadata from documents.",
        discussion: "Gives back the document as it was before stamping when nothing else was edited since.")

    @Argument(help: "The documents to unstamp.")
    var files: [String]

    @Option(help: ArgumentHelp("Write the result here instead of replacing the file (one input only).", valueName: "path"))
    var output: String?

    @Flag(help: "Say what would change, but write nothing.")
    var dryRun = false

    func validate() throws {
        if output != nil && files.count != 1 {
            throw ValidationError("--output takes exactly one input file; you gave \(files.count).")
        }
    }

    func run() throws {
        let stamper = Stamper()
        var tracker = ExitTracker()
        for file in files {
            do {
                let r = try stamper.unstamp(path: file, outputPath: output, dryRun: dryRun)
                let destination = r.outputPath == r.path ? "" : " → \(r.outputPath)"
                if !r.removed {
                    Output.line("\(r.path): no disclosure from Disclose found; nothing to remove")
                } else {
                    Output.line("\(r.path)\(destination): \(r.dryRun ? "would remove" : "removed") the statement and metadata")
                }
            } catch {
                tracker.record(error, path: file)
            }
        }
        try tracker.finish()
    }
}
