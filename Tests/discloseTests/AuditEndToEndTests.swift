import Foundation
import Testing

/// `disclose audit` end to end: exit codes, JSON Lines output, shards, cache notes.
@Suite struct AuditEndToEndTests {
    /// A folder with a verified, an edited-after-stamping, a plain and an unsupported file.
    func share() throws -> String {
        let folder = try CLI.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/docs", withIntermediateDirectories: true)
        try "# Report\n\nFirst paragraph.\n".write(toFile: folder + "/docs/verified.md", atomically: true, encoding: .utf8)
        try "# Notes\n\nSome notes.\n".write(toFile: folder + "/docs/edited.md", atomically: true, encoding: .utf8)
        try "# Plain\n\nNothing stamped.\n".write(toFile: folder + "/plain.md", atomically: true, encoding: .utf8)
        try "text".write(toFile: folder + "/notes.rtf", atomically: true, encoding: .utf8)
        let stamp = try CLI.run(["stamp", "docs/verified.md", "docs/edited.md"] + CLI.sampleFacts, in: folder)
        #expect(stamp.exitCode == 0)
        let edited = try String(contentsOfFile: folder + "/docs/edited.md", encoding: .utf8)
        try edited.replacingOccurrences(of: "Some notes.", with: "Some changed notes.").write(toFile: folder + "/docs/edited.md", atomically: true, encoding: .utf8)
        return folder
    }

    /// Every line of a JSON Lines report, header and summary lines included.
    func lines(_ jsonl: String) throws -> [[String: Any]] {
        try jsonl.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// The record lines (those with a `path`).
    func records(_ jsonl: String) throws -> [[String: Any]] {
        try lines(jsonl).filter { $0["path"] != nil }
    }

    @Test func defaultGateFailsOnDisclosureProblems() throws {
        let folder = try share()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try CLI.run(["audit", ".", "--no-cache"], in: folder)
        #expect(r.exitCode == 1)
        #expect(r.stdout.contains("docs/edited.md  disclosed-with-problems (markdown)\n"))
        #expect(r.stdout.contains("  failed check content-binding: text changed since stamping"))
        #expect(r.stdout.contains("  disclosed-verified            1\n"))
        #expect(r.stdout.contains("  unsupported                   1\n"))
        #expect(r.stdout.contains("  total                         4\n"))
        #expect(r.stdout.contains("Signals are evidence for a person to review, not proof of misconduct"))
        #expect(r.stderr.isEmpty)
    }

    @Test func failOnChoosesTheGate() throws {
        let folder = try share()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try CLI.run(["audit", ".", "--no-cache", "--fail-on", "none"], in: folder).exitCode == 0)
        #expect(try CLI.run(["audit", "docs/verified.md", "plain.md", "--no-cache"], in: folder).exitCode == 0)
        #expect(try CLI.run(["audit", "plain.md", "notes.rtf", "--no-cache", "--fail-on", "unsupported"], in: folder).exitCode == 1)
        #expect(try CLI.run(["audit", "plain.md", "--no-cache", "--fail-on", "unsupported,unreadable"], in: folder).exitCode == 0)
        let bad = try CLI.run(["audit", ".", "--fail-on", "broken"], in: folder)
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("--fail-on: unknown status \"broken\"; use none or a comma-separated list of:"))
    }

    @Test func unreadablePathGivenExitsThree() throws {
        let folder = try share()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try CLI.run(["audit", "plain.md", "missing-folder", "--no-cache", "--fail-on", "none"], in: folder)
        #expect(r.exitCode == 3)
        #expect(r.stderr.contains("disclose: error: missing-folder: No such file or directory. Check the path and that you have permission to read it."))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["audit", ".", "--shard", "3/2"]).exitCode == 2)
        #expect(try CLI.run(["audit", ".", "--jobs", "0"]).exitCode == 2)
        #expect(try CLI.run(["audit", ".", "--format", "pdf"]).exitCode == 2)
        #expect(try CLI.run(["audit", ".", "--min-strength", "huge"]).exitCode == 2)
    }

    @Test func jsonLinesOnStandardOutputParseLineByLine() throws {
        let folder = try share()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try CLI.run(["audit", ".", "--no-cache", "--format", "jsonl", "--fail-on", "none"], in: folder)
        #expect(r.exitCode == 0)
        let lines = try records(r.stdout)
        let statuses = Dictionary(uniqueKeysWithValues: lines.map { ($0["path"] as? String ?? "", $0["status"] as? String ?? "") })
        #expect(statuses == ["docs/verified.md": "disclosed-verified", "docs/edited.md": "disclosed-with-problems",
                             "plain.md": "undisclosed", "notes.rtf": "unsupported"])
        #expect(lines.allSatisfy { Set($0.keys) == ["path", "format", "status", "size", "sha256", "disclosure", "checks", "declarations", "findings", "error", "author", "notes"] })
        let all = try self.lines(r.stdout)
        #expect(all.first?["type"] as? String == "header")
        #expect(all.first?["format"] as? String == "disclose-audit-report")
        #expect(all.last?["type"] as? String == "summary")
    }

    @Test func jsonLinesFileIsSortedByPath() throws {
        let folder = try share()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try CLI.run(["audit", ".", "--format", "jsonl", "--output", "report.jsonl", "--fail-on", "none", "--cache", "audit.sqlite"], in: folder)
        #expect(r.exitCode == 0)
        #expect(r.stdout.isEmpty)
        let paths = try records(try String(contentsOfFile: folder + "/report.jsonl", encoding: .utf8)).map { $0["path"] as? String ?? "" }
        #expect(paths == ["docs/edited.md", "docs/verified.md", "notes.rtf", "plain.md"])
        let again = try CLI.run(["audit", ".", "--format", "jsonl", "--output", "report.jsonl", "--fail-on", "none", "--cache", "audit.sqlite"], in: folder)
        #expect(again.stderr.isEmpty)
        let warm = try lines(try String(contentsOfFile: folder + "/report.jsonl", encoding: .utf8))
        #expect(warm.first?["type"] as? String == "header")
        #expect(warm.last?["type"] as? String == "summary")
        #expect(warm.compactMap { $0["path"] as? String } == ["docs/edited.md", "docs/verified.md", "notes.rtf", "plain.md"])
    }

    @Test func shardsTogetherCoverEveryFileOnce() throws {
        let folder = try share()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for i in 0..<20 { try "# Doc \(i)\n".write(toFile: folder + "/extra-\(i).md", atomically: true, encoding: .utf8) }
        let whole = try records(try CLI.run(["audit", ".", "--no-cache", "--format", "jsonl", "--fail-on", "none"], in: folder).stdout)
        var seen: [String] = []
        for k in 1...3 {
            let part = try records(try CLI.run(["audit", ".", "--no-cache", "--format", "jsonl", "--fail-on", "none", "--shard", "\(k)/3"], in: folder).stdout)
            seen += part.map { $0["path"] as? String ?? "" }
        }
        #expect(seen.count == whole.count)
        #expect(Set(seen) == Set(whole.map { $0["path"] as? String ?? "" }))
    }

    @Test func symlinkIsListedNotFollowedByDefault() throws {
        let folder = try share()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.md", withDestinationPath: folder + "/plain.md")
        let plain = try records(try CLI.run(["audit", ".", "--no-cache", "--format", "jsonl", "--fail-on", "none"], in: folder).stdout)
        let link = plain.first { $0["path"] as? String == "link.md" }
        #expect(link?["status"] as? String == "unsupported")
        #expect(link?["error"] as? String == "link.md: a symbolic link, not followed (use --follow-symlinks to follow links).")
        let followed = try records(try CLI.run(["audit", ".", "--no-cache", "--format", "jsonl", "--fail-on", "none", "--follow-symlinks"], in: folder).stdout)
        #expect(followed.first { $0["path"] as? String == "link.md" }?["status"] as? String == "undisclosed")
    }

    @Test func cacheIsUsedAndADamagedOneIsRebuiltWithANote() throws {
        let folder = try share()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = folder + "/cache/audit.sqlite"
        try FileManager.default.createDirectory(atPath: folder + "/cache", withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: cache))
        let first = try CLI.run(["audit", "docs", "plain.md", "--cache", cache, "--format", "jsonl"], in: folder)
        #expect(first.exitCode == 1)
        #expect(first.stderr.contains("disclose: note: the audit cache at \(cache) could not be used ("))
        #expect(first.stderr.contains("so it was rebuilt; this audit reads every file."))
        let second = try CLI.run(["audit", "docs", "plain.md", "--cache", cache, "--format", "jsonl"], in: folder)
        #expect(second.exitCode == 1)
        #expect(second.stderr.isEmpty)
        let recordLines = { (text: String) in Set(text.split(separator: "\n").filter { $0.contains("\"path\":") }) }
        #expect(recordLines(second.stdout) == recordLines(first.stdout))
        #expect(recordLines(first.stdout).count == 3)
    }

    @Test func lockedCacheIsBypassedWithANote() throws {
        let folder = try share()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = folder + "/audit.sqlite"
        #expect(try CLI.run(["audit", "plain.md", "--cache", cache], in: folder).exitCode == 0)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN EXCLUSIVE")
            print("locked", flush=True)
            time.sleep(5)
            """, cache]
        let pipe = Pipe()
        holder.standardOutput = pipe
        try holder.run()
        defer { holder.terminate(); holder.waitUntilExit() }
        #expect(pipe.fileHandleForReading.availableData.starts(with: Data("locked".utf8)))
        let r = try CLI.run(["audit", "plain.md", "--cache", cache, "--format", "jsonl"], in: folder)
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("\"status\":\"undisclosed\""))
        #expect(r.stderr.contains("disclose: note: the audit cache at \(cache) is in use by another audit, so this audit runs without it"))
    }

    @Test func cacheFollowsXDGCacheHome() throws {
        let folder = try share()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try CLI.run(["audit", "plain.md"], in: folder, environment: ["XDG_CACHE_HOME": folder + "/xdg"])
        #expect(r.exitCode == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/xdg/disclose/audit.sqlite"))
    }

    @Test func helpDocumentsTheExitCodes() throws {
        let r = try CLI.run(["audit", "--help"])
        #expect(r.stdout.contains("1  some file has a --fail-on status (default: disclosed-with-problems)"))
        #expect(r.stdout.contains("3  a path given could not be read at all"))
    }
}
