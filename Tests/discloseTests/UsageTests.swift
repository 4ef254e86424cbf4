import Foundation
import Testing

@Suite struct UsageTests {
    @Test func helpListsExitCodes() throws {
        let r = try CLI.run(["--help"])
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("3  a file could not be read or is not a supported document"))
        #expect(r.stdout.contains("4  a write failed (the original file is untouched)"))
    }

    /// Help, usage lines in errors and the completion script name the tool once, at every level
    /// of subcommand.
    @Test func helpUsageAndCompletionScriptsAreAsBefore() throws {
        for arguments in [["help", "audit"], ["audit", "--help"], ["serve", "users", "add", "-h"], ["report", "merge", "--help"]] {
            let r = try CLI.run(arguments)
            #expect(r.exitCode == 0, "\(arguments)")
            #expect(r.stdout.contains("USAGE: disclose \(arguments.filter { !$0.hasPrefix("-") && $0 != "help" }.joined(separator: " "))"), "\(arguments): \(r.stdout)")
            #expect(!r.stdout.contains("disclose disclose"), "\(arguments)")
        }
        for arguments in [["stamp"], ["audit", "--jobs", "many", "."], ["verify", "--no-such-option", "a.md"]] {
            let r = try CLI.run(arguments)
            #expect(r.exitCode == 2, "\(arguments)")
            #expect(r.stderr.contains("Usage: disclose \(arguments[0])"), "\(arguments): \(r.stderr)")
            #expect(!r.stderr.contains("disclose disclose"), "\(arguments)")
        }
        let script = try CLI.run(["--generate-completion-script", "bash"])
        #expect(script.exitCode == 0)
        #expect(script.stdout.contains("complete -o filenames -F _disclose disclose") || script.stdout.contains("_disclose"))
        #expect(script.stdout.contains("audit") && script.stdout.contains("stamp"))
    }

    @Test func unknownExtentIsUsageErrorNamingTheChoices() throws {
        let r = try CLI.run(["stamp", "x.docx", "--tool", "T", "--purpose", "drafting", "--extent", "lots", "--review", "none", "--declarant", "me"])
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("unknown extent \"lots\". Use one of none, minor-edits, partial, substantial, wholly-generated."))
        #expect(r.stderr.contains("disclose stamp"))
    }

    @Test func missingDeclarantSaysWhichFlag() throws {
        let r = try CLI.run(["stamp", "x.docx", "--extent", "none"])
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("--declarant: say who makes the declaration (a name or a role)."))
    }

    @Test func aiUseNeedsToolAndPurpose() throws {
        let r = try CLI.run(["stamp", "x.docx", "--extent", "partial", "--review", "reviewed", "--declarant", "me"])
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("--tool: name the AI tool used (or declare extent none if no AI was used)."))
    }

    @Test func outputWithSeveralFilesIsRefused() throws {
        let r = try CLI.run(["unstamp", "a.docx", "b.docx", "--output", "c.docx"])
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("--output takes exactly one input file; you gave 2."))
    }

    @Test func missingFileIsExitThree() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try CLI.run(["verify", "nope.docx"], in: folder)
        #expect(r.exitCode == 3)
        #expect(r.stderr == "disclose: error: nope.docx: no such file, or it cannot be opened. Check the path and that you have permission to read it.\n")
    }

    @Test func unsupportedFileIsExitThreeAndUntouched() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("plain text".utf8).write(to: URL(fileURLWithPath: folder + "/notes.rtf"))
        let r = try CLI.run(["stamp", "notes.rtf", "--extent", "none", "--declarant", "me"], in: folder)
        #expect(r.exitCode == 3)
        #expect(r.stderr.contains("notes.rtf: not a document Disclose reads (extension .rtf)"))
        #expect(try String(contentsOfFile: folder + "/notes.rtf", encoding: .utf8) == "plain text")
    }

    @Test func fromFileWithBadJSONIsUsageError() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("{\"extent\": \"partial\"".utf8).write(to: URL(fileURLWithPath: folder + "/d.json"))
        let r = try CLI.run(["stamp", "x.md", "--from", "d.json"], in: folder)
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("d.json: not valid JSON: the facts file must hold one JSON object (see docs/format.md)"))
    }
}
