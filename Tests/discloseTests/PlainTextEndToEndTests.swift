import Foundation
import Testing

/// Plain text files through the `disclose` binary: stamp, verify, unstamp, and audit.
@Suite struct PlainTextEndToEndTests {
    @Test(arguments: [("lf", "Team notes\n\nWe met on Monday.\n"), ("crlf-no-final-newline", "Team notes\r\n\r\nWe met on Monday.")])
    func stampVerifyUnstampGivesBackTheBytes(name: String, content: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let original = Data(content.utf8)
        try original.write(to: URL(fileURLWithPath: folder + "/notes.txt"))

        let stamp = try CLI.run(["stamp", "notes.txt"] + CLI.sampleFacts, in: folder)
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        let stamped = try String(contentsOfFile: folder + "/notes.txt", encoding: .utf8)
        #expect(stamped.hasPrefix(content))
        #expect(stamped.contains("AI use disclosure: This document was made with help from Microsoft 365 Copilot"))
        #expect(stamped.contains("-----BEGIN AI DISCLOSURE-----"))
        #expect(stamped.hasSuffix(content.hasSuffix("\n") ? "-----END AI DISCLOSURE-----\n" : "-----END AI DISCLOSURE-----"))

        let verify = try CLI.run(["verify", "notes.txt"], in: folder)
        #expect(verify.exitCode == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("content-binding             text unchanged since stamping"))
        #expect(verify.stdout.hasSuffix(": verified\n"))

        let show = try CLI.run(["show", "--format", "json", "notes.txt"], in: folder)
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [[String: Any]])
        let disclosure = shown.first?["disclosure"] as? [String: Any]
        #expect(disclosure?["extent"] as? String == "partial")
        #expect(disclosure?["declarant"] as? String == "Jane Smith")

        let again = try CLI.run(["stamp", "notes.txt"] + CLI.sampleFacts, in: folder)
        #expect(again.stdout.contains("already stamped with these facts; unchanged"))
        #expect(try String(contentsOfFile: folder + "/notes.txt", encoding: .utf8) == stamped)

        try stamped.replacingOccurrences(of: "Monday", with: "Tuesday").write(toFile: folder + "/edited.txt", atomically: true, encoding: .utf8)
        let tampered = try CLI.run(["verify", "edited.txt"], in: folder)
        #expect(tampered.exitCode == 1)
        #expect(tampered.stdout.contains("content-binding"))

        let unstamp = try CLI.run(["unstamp", "notes.txt"], in: folder)
        #expect(unstamp.exitCode == 0, "\(unstamp.stderr)")
        #expect(unstamp.stdout.contains("removed the statement and metadata"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/notes.txt")) == original)
    }

    @Test func auditReadsSignalsAndDeclarationsInText() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "As an AI language model, I cannot attend the meeting, but here is a summary of the agenda.\n"
            .write(toFile: folder + "/residue.txt", atomically: true, encoding: .utf8)
        try "Essay on rivers\n\nRivers shape the land around them.\n\nI used ChatGPT to check my spelling.\n"
            .write(toFile: folder + "/declared.txt", atomically: true, encoding: .utf8)
        try "Minutes\r\n\r\nThe board met.".write(toFile: folder + "/stamped.txt", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["stamp", "stamped.txt"] + CLI.sampleFacts, in: folder).exitCode == 0)
        let r = try CLI.run(["audit", ".", "--no-cache", "--format", "jsonl", "--fail-on", "none"], in: folder)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let records = try r.stdout.split(separator: "\n").compactMap { line -> [String: Any]? in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return object["path"] == nil ? nil : object
        }
        let byPath = Dictionary(uniqueKeysWithValues: records.map { ($0["path"] as? String ?? "", $0) })
        #expect(byPath["residue.txt"]?["status"] as? String == "undisclosed-with-signals")
        #expect(byPath["residue.txt"]?["format"] as? String == "txt")
        #expect(byPath["declared.txt"]?["status"] as? String == "declared-ai-use")
        #expect(byPath["declared.txt"]?["format"] as? String == "txt")
        #expect(byPath["stamped.txt"]?["status"] as? String == "disclosed-verified")
        #expect((byPath["stamped.txt"]?["findings"] as? [Any])?.isEmpty == true, "our block is not read as a signal")
        let declarations = try #require(byPath["declared.txt"]?["declarations"] as? [[String: Any]])
        #expect(declarations.count == 1)
        #expect("\(declarations)".contains("ChatGPT"))
    }
}
