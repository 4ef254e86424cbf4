import DisclosureKit
import Foundation
import Testing

@Suite struct AIUseRegisterTests {
    func stampedFile(_ folder: String, _ name: String, _ disclosure: Disclosure = Samples.disclosure) throws -> StampResult {
        let file = folder + "/" + name
        try Data("# \(name)\n\nText.\n".utf8).write(to: URL(fileURLWithPath: file))
        return try Stamper().stamp(path: file, disclosure: disclosure)
    }

    @Test func appendedRecordsComeBackWithEveryFieldAndFilter() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try AIUseRegister(path: folder + "/reg/register.sqlite")
        let a = try stampedFile(folder, "a.md")
        var other = Samples.noAI
        other.declarant = "Pupil 7Y-12"
        let b = try stampedFile(folder, "b.md", other)
        try register.append(RegisterRecord(result: a, time: Date(timeIntervalSince1970: 1_764_000_000)))
        try register.append(RegisterRecord(result: b, time: Date(timeIntervalSince1970: 1_764_900_000)))

        let all = try register.records()
        #expect(all.map(\.id) == [1, 2])
        let first = all[0]
        #expect(first.fileName == "a.md")
        #expect(first.path == folder + "/a.md")
        #expect(first.sha256 == Digests.sha256Hex(try Data(contentsOf: URL(fileURLWithPath: folder + "/a.md"))))
        #expect(first.tools == ["Microsoft 365 Copilot"])
        #expect(first.purposes == ["drafting", "summarising"])
        #expect(first.extent == "partial")
        #expect(first.review == "edited")
        #expect(first.reviewer == "Head of Communications")
        #expect(first.outcome == "no-policy")
        #expect(first.dataClasses == nil)
        #expect(first.time == "2025-11-24T16:00:00.000Z")

        #expect(try register.records(RegisterQuery(tool: "microsoft 365 copilot")).map(\.fileName) == ["a.md"])
        #expect(try register.records(RegisterQuery(declarant: "pupil 7y-12")).map(\.fileName) == ["b.md"])
        #expect(try register.records(RegisterQuery(since: "2025-12-01")).map(\.fileName) == ["b.md"])
    }

    @Test func exportsCSVAndJSONLines() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let register = try AIUseRegister(path: folder + "/register.sqlite")
        var d = Samples.disclosure
        d.declarant = "=HYPERLINK(\"x\")"
        try register.append(RegisterRecord(result: try stampedFile(folder, "a.md", d), time: Date(timeIntervalSince1970: 0)))
        let records = try register.records()
        let csv = String(decoding: try AIUseRegister.export(records, format: .csv), as: UTF8.self)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == RegisterRecord.columns.joined(separator: ","))
        #expect(lines[1].hasPrefix("1,1970-01-01T00:00:00.000Z,\"'=HYPERLINK(\"\"x\"\")\",Example University,"))
        let jsonl = try AIUseRegister.export(records, format: .jsonl)
        let decoded = try JSONDecoder().decode(RegisterRecord.self, from: jsonl.dropLast())
        #expect(decoded == records[0])
    }

    @Test func aFileThatIsNotARegisterIsReportedAndLeftAlone() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/register.sqlite"
        let garbage = Data("this is not a database, but somebody's notes".utf8) + Data(repeating: 7, count: 5000)
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try AIUseRegister(path: path)
        } throws: { error in
            guard case RegisterError.damaged(let p, _)? = error as? RegisterError else { return false }
            return p == path && (error as! RegisterError).exitCode == 6
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func anotherSQLiteDatabaseIsNotTakenOver() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/audit.sqlite"
        let cache = AuditCache(path: path)
        cache.flush()
        #expect(throws: RegisterError.damaged(path: path, reason: "it is an SQLite database, but not a Disclose register")) {
            _ = try AIUseRegister(path: path)
        }
    }

    @Test func checkFindsUnregisteredAndChangedFiles() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let docs = folder + "/docs"
        try FileManager.default.createDirectory(atPath: docs, withIntermediateDirectories: true)
        let register = try AIUseRegister(path: folder + "/register.sqlite")
        try register.append(RegisterRecord(result: try stampedFile(docs, "kept.md")))
        try register.append(RegisterRecord(result: try stampedFile(docs, "edited.md")))
        try register.append(RegisterRecord(result: try stampedFile(docs, "gone.md")))
        _ = try stampedFile(docs, "unregistered.md")
        try Data("# plain\n".utf8).write(to: URL(fileURLWithPath: docs + "/plain.md"))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: docs + "/edited.md"))
        handle.seekToEndOfFile()
        handle.write(Data("An added line.\n".utf8))
        try handle.close()
        try FileManager.default.removeItem(atPath: docs + "/gone.md")

        let report = try register.check(folder: docs)
        #expect(report.filesChecked == 4)
        #expect(report.unregistered.map(\.path) == [docs + "/unregistered.md"])
        #expect(report.changed.map(\.record.fileName) == ["edited.md", "gone.md"])
        #expect(report.changed.map { $0.currentSHA256 == nil } == [false, true])
    }
}
