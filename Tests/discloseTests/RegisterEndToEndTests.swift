import DiscloseTestSupport
@testable import DisclosureKit
import Foundation
import Testing

/// `disclose register` and the records `stamp` appends, through the built binary.
@Suite struct RegisterEndToEndTests {
    func isolated(_ folder: String) -> [String: String] { ["XDG_CONFIG_HOME": folder + "/no-config", "HOME": folder] }

    func folderWithRegister() throws -> String {
        let folder = try CLI.temporaryFolder()
        try "[register]\npath = \"records/register.sqlite\"\n".write(toFile: folder + "/.disclose.toml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func everyStampIsRecordedListedExportedAndChecked() throws {
        let folder = try folderWithRegister()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let env = isolated(folder)
        for fixture in ["sample/annual-report.docx", "sample/newsletter.md", "sample/open-day.html"] {
            _ = try CLI.copyFixture(fixture, to: folder)
        }
        let stamp = try CLI.run(["stamp", "annual-report.docx", "newsletter.md"] + CLI.sampleFacts, in: folder, environment: env)
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        let other = try CLI.run(["stamp", "open-day.html", "--tool", "ChatGPT", "--purpose", "proofreading", "--extent", "minor-edits",
                                 "--review", "reviewed", "--declarant", "Sam Lee", "--date", "2026-11-26"], in: folder, environment: env)
        #expect(other.exitCode == 0, "\(other.stderr)")
        #expect(try CLI.run(["stamp", "newsletter.md", "--dry-run"] + CLI.sampleFacts, in: folder, environment: env).exitCode == 0)

        let list = try CLI.run(["register", "list"], in: folder, environment: env)
        #expect(list.exitCode == 0, "\(list.stderr)")
        #expect(list.stdout.hasSuffix("3 records\n"), "a dry run adds nothing")
        #expect(list.stdout.contains("  Microsoft 365 Copilot · drafting, summarising · extent partial · review edited\n"))
        let byTool = try CLI.run(["register", "list", "--tool", "chatgpt"], in: folder, environment: env)
        #expect(byTool.stdout.contains("Sam Lee  \(URL(fileURLWithPath: folder).resolvingSymlinksInPath().path)/open-day.html") || byTool.stdout.contains("Sam Lee  \(folder)/open-day.html"))
        #expect(byTool.stdout.hasSuffix("1 record\n"))
        #expect(try CLI.run(["register", "list", "--declarant", "jane smith"], in: folder, environment: env).stdout.hasSuffix("2 records\n"))
        #expect(try CLI.run(["register", "list", "--since", "2099-01-01"], in: folder, environment: env).stdout == "0 records\n")

        let csv = try CLI.run(["register", "export", "--format", "csv"], in: folder, environment: env)
        let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 4)
        #expect(rows[0].hasPrefix("id,time,declarant,organisation,path,file_name,sha256,"))
        let digest = try #require(rows[2].components(separatedBy: ",").dropFirst(6).first)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/newsletter.md"))
        #expect(digest == CLITestDigest.sha256(bytes))
        let jsonl = try CLI.run(["register", "export", "--format", "jsonl"], in: folder, environment: env)
        let first = try JSONSerialization.jsonObject(with: Data(jsonl.stdout.components(separatedBy: "\n")[0].utf8)) as? [String: Any]
        #expect(first?["fileName"] as? String == "annual-report.docx")
        #expect(first?["outcome"] as? String == "no-policy")
        let xlsx = try CLI.run(["register", "export", "--format", "xlsx", "--output", "register.xlsx"], in: folder, environment: env)
        #expect(xlsx.exitCode == 0, "\(xlsx.stderr)")
        #expect(xlsx.stderr.contains("wrote 3 records to register.xlsx"))
        let workbook = try ZipReader(data: try Data(contentsOf: URL(fileURLWithPath: folder + "/register.xlsx")))
        let sheet = try #require(workbook.entries.first { $0.name == "xl/worksheets/sheet1.xml" })
        let xml = String(decoding: try workbook.read(sheet, limit: 1 << 24), as: UTF8.self)
        #expect(xml.contains("<t>Sam Lee</t>"))
        #expect(xml.contains("<t>\(digest)</t>"), "the workbook holds the same digest as the CSV")
        #expect(xml.contains("<autoFilter ref=\"A1:W4\"/>"), "23 columns, a header and 3 records")
        try FileManager.default.removeItem(atPath: folder + "/register.xlsx")
        let unknown = try CLI.run(["register", "export", "--format", "ods"], in: folder, environment: env)
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.contains("--format: unknown format \"ods\". Use one of csv, jsonl, xlsx."))

        #expect(try CLI.run(["register", "check", "."], in: folder, environment: env).exitCode == 0)
        try "changed\n".write(toFile: folder + "/newsletter.md", atomically: false, encoding: .utf8)
        let extra = try CLI.copyFixture("sample/pupil-essay.md", to: folder)
        #expect(try CLI.run(["stamp", extra, "--extent", "none", "--declarant", "Pupil", "--dry-run"], environment: env).exitCode == 0)
        try FileManager.default.removeItem(atPath: folder + "/.disclose.toml")
        #expect(try CLI.run(["stamp", extra, "--extent", "none", "--declarant", "Pupil"], environment: env).exitCode == 0)
        let check = try CLI.run(["register", "check", ".", "--register", "records/register.sqlite"], in: folder, environment: env)
        #expect(check.exitCode == 1)
        #expect(check.stdout.contains("/pupil-essay.md: stamped, but not in the register\n"))
        #expect(check.stdout.contains("/newsletter.md: has changed since it was stamped (register entry 2 of "))
        #expect(check.stdout.hasSuffix("4 files checked: 1 not in the register, 1 changed or gone\n"))
    }

    @Test func aDamagedRegisterIsReportedWithItsExitCodeAndKept() throws {
        let folder = try folderWithRegister()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/records", withIntermediateDirectories: true)
        let garbage = Data(repeating: 0x41, count: 4096)
        try garbage.write(to: URL(fileURLWithPath: folder + "/records/register.sqlite"))
        let file = try CLI.copyFixture("sample/newsletter.md", to: folder)
        let r = try CLI.run(["stamp", file, "--extent", "none", "--declarant", "me"], in: folder, environment: isolated(folder))
        #expect(r.exitCode == 6)
        #expect(r.stderr.contains("/records/register.sqlite: the AI-use register is damaged or is not a register ("))
        #expect(r.stderr.contains("It was left exactly as it is; restore it from a backup"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/records/register.sqlite")) == garbage)
        #expect(try CLI.run(["register", "list"], in: folder, environment: isolated(folder)).exitCode == 6)
    }

    /// 8 processes stamp 100 files each into one register at the same time: all 800 records are there.
    @Test func concurrentStampsFromEightProcessesLoseNoRecord() throws {
        let folder = try folderWithRegister()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var batches: [[String]] = []
        for p in 0..<8 {
            let sub = folder + "/p\(p)"
            try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
            var files: [String] = []
            for i in 0..<100 {
                let path = sub + "/doc\(i).md"
                try "# Note \(p)-\(i)\n\nSome text.\n".write(toFile: path, atomically: false, encoding: .utf8)
                files.append(path)
            }
            batches.append(files)
        }
        let env = isolated(folder)
        let results = try batches.map { files -> Process in
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["stamp"] + files + ["--extent", "none", "--declarant", "Writer", "--date", "2026-11-25"]
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            var environment = ProcessInfo.processInfo.environment
            for (k, v) in env { environment[k] = v }
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in results { process.waitUntilExit() }
        #expect(results.map(\.terminationStatus) == Array(repeating: 0, count: 8))
        let list = try CLI.run(["register", "list"], in: folder, environment: env)
        #expect(list.stdout.hasSuffix("800 records\n"), "\(list.stderr)")
        let jsonl = try CLI.run(["register", "export", "--format", "jsonl"], in: folder, environment: env)
        let paths = Set(jsonl.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["path"] as? String
        })
        #expect(paths.count == 800)
    }
}

enum CLITestDigest {
    static func sha256(_ data: Data) -> String {
        let out = (try? ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [], input: data).stdout) ?? ""
        return out.components(separatedBy: " ").first ?? ""
    }
}
