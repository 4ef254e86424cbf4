import Foundation
import Testing

/// Tools people really use, found on PATH.
enum RealClients {
    static func path(of tool: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for dir in paths {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static var hasPandoc: Bool { path(of: "pandoc") != nil }

    /// Runs a tool and returns its standard output.
    static func output(_ tool: String, _ arguments: [String]) throws -> (String, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path(of: tool) ?? tool)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }

    /// Paragraphs of a document as pandoc reads them (plain text, no wrapping).
    static func pandocParagraphs(_ file: String) throws -> [String] {
        let (text, status) = try output("pandoc", ["--wrap=none", "-t", "plain", file])
        guard status == 0 else { return ["pandoc failed with status \(status)"] }
        return text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}

/// Opens stamped documents in pandoc (when installed): the statement is there and every
/// other paragraph reads as before.
@Suite(.enabled(if: RealClients.hasPandoc, "pandoc is not installed; install it with Scripts/install-clients to run these tests"))
struct PandocReadsStampedDocumentsTests {
    @Test(arguments: ["sample/annual-report.docx", "sample/newsletter.md", "sample/open-day.html"])
    func statementAppearsAndRestIsUnchanged(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture(fixture, to: folder)
        let before = try RealClients.pandocParagraphs(file)
        let stamp = try CLI.run(["stamp", file] + CLI.sampleFacts)
        try #require(stamp.exitCode == 0, "stamp failed: \(stamp.stderr)")
        let after = try RealClients.pandocParagraphs(file)
        let statement = after.filter { $0.contains("AI use disclosure:") }
        #expect(statement.count == 1, "pandoc shows the statement once")
        #expect(statement.first?.contains("Microsoft 365 Copilot") == true)
        #expect(after.filter { !$0.contains("AI use disclosure:") } == before, "every other paragraph reads as before")
    }
}
