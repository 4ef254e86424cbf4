import DiscloseTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The hostile corpus made by Scripts/make-hostile: every case ends within bounded time and
/// memory, with the documented exit code and a message that names the file and the problem;
/// no input changes and nothing is written outside the destination.
@Suite struct HostileCorpusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var what: String
        var expectation: String
        var testDescription: String { name }
    }

    /// Set DISCLOSE_HOSTILE_LARGE=1 to add the 100 MB line and 50 MB attribute cases.
    static let large = ProcessInfo.processInfo.environment["DISCLOSE_HOSTILE_LARGE"] == "1"

    static let folder: String? = {
        let dir = NSTemporaryDirectory() + "disclose-hostile-corpus-" + UUID().uuidString
        guard let run = try? ProcessRunner.run(tool: "python3", [CLI.packageRoot.appendingPathComponent("Scripts/hostile/make_hostile.py").path, dir] + (large ? ["--large"] : [])) else { return nil }
        return run.exitCode == 0 ? dir : nil
    }()

    static let cases: [Case] = {
        guard let folder, let text = try? String(contentsOfFile: folder + "/cases.tsv", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(name: f[0], what: f[1], expectation: f[2])
        }
    }()

    /// Bounds for every case: seconds and peak memory.
    static let secondsLimit = 30.0
    static let peakLimitKiB = 600 * 1024

    static func snapshot(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return out
    }

    @Test(.enabled(if: folder != nil, "python3 is needed to generate the hostile corpus"), arguments: cases)
    func boundedWithDocumentedOutcome(_ c: Case) throws {
        let work = try CLI.temporaryFolder()
        let input = work + "/in"
        let output = work + "/out"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let path = input + "/" + c.name
        try FileManager.default.copyItem(atPath: Self.folder! + "/" + c.name, toPath: path)
        let before = try Self.snapshot(input)

        let stamped = output + "/" + c.name
        let runs = [
            ("stamp", try BoundedRun.run(["stamp", path, "--output", stamped] + CLI.sampleFacts, limit: Self.secondsLimit)),
            ("show", try BoundedRun.run(["show", path], limit: Self.secondsLimit)),
            ("verify", try BoundedRun.run(["verify", path], limit: Self.secondsLimit)),
        ]
        for (command, run) in runs {
            #expect(!run.timedOut, "\(c.name): \(command) ended within \(Self.secondsLimit) s")
            #expect(run.exitCode <= 4, "\(c.name): \(command) exited \(run.exitCode) (a crash or signal?)")
            if let peak = run.peakKiB { #expect(peak < Self.peakLimitKiB, "\(c.name): \(command) peak memory \(peak) KiB") }
            #expect(!run.stderr.contains("Fatal error"), "\(c.name): \(command): \(run.stderr)")
        }
        let stamp = runs[0].1
        let slowest = runs.map(\.1.seconds).max() ?? 0
        let peak = runs.compactMap(\.1.peakKiB).max().map { "\($0 / 1024) MiB" } ?? "not measured"
        print("hostile: \(c.name): stamp exit \(stamp.exitCode); slowest command \(String(format: "%.2f", slowest)) s; peak memory \(peak)")
        if c.expectation.hasPrefix("refuse:") {
            let parts = c.expectation.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            let code = Int32(parts[1])!
            #expect(stamp.exitCode == code, "\(c.name): stamp exit \(stamp.exitCode): \(stamp.stderr)")
            #expect(stamp.stderr.contains("disclose: error: \(path): "), "\(c.name): the message names the file: \(stamp.stderr)")
            #expect(stamp.stderr.contains(parts[2]), "\(c.name): the message says \"\(parts[2])\": \(stamp.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty, "\(c.name): nothing written")
            #expect(runs[2].1.exitCode == code, "\(c.name): verify exit \(runs[2].1.exitCode)")
        } else if c.expectation == "bounded" && stamp.exitCode != 0 {
            // Refusing is sound here; the refusal names the file and writes nothing.
            #expect(stamp.stderr.contains("disclose: error: \(path): "), "\(c.name): the message names the file: \(stamp.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty, "\(c.name): nothing written")
        } else {
            #expect(stamp.exitCode == 0, "\(c.name): stamp exit \(stamp.exitCode): \(stamp.stderr)")
            let verify = try BoundedRun.run(["verify", stamped], limit: Self.secondsLimit)
            #expect(verify.exitCode == 0, "\(c.name): the stamped copy verifies: \(verify.stdout)\(verify.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: output) == [c.name], "\(c.name): only the destination is written")
        }
        #expect(try Self.snapshot(input) == before, "\(c.name): no input changed, nothing else written beside it")
    }

    @Test(.enabled(if: folder != nil, "python3 is needed to generate the hostile corpus"))
    func auditOfTheWholeCorpusClassifiesEveryFile() throws {
        let work = try CLI.temporaryFolder()
        let share = work + "/share"
        try FileManager.default.copyItem(atPath: Self.folder!, toPath: share)
        try FileManager.default.removeItem(atPath: share + "/cases.tsv")
        let before = try Self.snapshot(share)
        let run = try BoundedRun.run(["audit", share, "--no-cache", "--format", "jsonl", "--fail-on", "none"], limit: 120)
        #expect(!run.timedOut && run.exitCode == 0, "\(run.stderr)")
        if let peak = run.peakKiB { #expect(peak < Self.peakLimitKiB, "audit peak memory \(peak) KiB") }
        let records = run.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["path"] != nil }
        let byName = Dictionary(uniqueKeysWithValues: records.map { (URL(fileURLWithPath: $0["path"] as! String).lastPathComponent, $0) })
        #expect(byName.count == before.count, "every file has exactly one record")
        for c in Self.cases {
            let status = byName[c.name]?["status"] as? String
            if c.expectation.hasPrefix("refuse:") {
                #expect(status == "unreadable" || status == "unsupported", "\(c.name): \(status ?? "no record")")
                #expect((byName[c.name]?["error"] as? String)?.isEmpty == false, "\(c.name): the reason is given")
            } else if c.expectation == "bounded" {
                #expect(status != nil, "\(c.name): no record")
            } else {
                #expect(status != "unreadable" && status != nil, "\(c.name): \(status ?? "no record")")
            }
        }
        #expect(try Self.snapshot(share) == before, "the audit changed nothing")
        print("hostile: audit of \(records.count) files: exit \(run.exitCode) in \(String(format: "%.2f", run.seconds)) s; peak memory \(run.peakKiB.map { "\($0 / 1024) MiB" } ?? "not measured")")
    }

    // MARK: File-system cases, made here because they are special files or need privileges.

    @Test func symlinkLoopIsRefused() throws {
        let folder = try CLI.temporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder + "/a.md", withDestinationPath: folder + "/b.md")
        try FileManager.default.createSymbolicLink(atPath: folder + "/b.md", withDestinationPath: folder + "/a.md")
        let run = try BoundedRun.run(["stamp", folder + "/a.md"] + CLI.sampleFacts, limit: 10)
        #expect(run.exitCode == 3)
        #expect(run.stderr.contains("\(folder)/a.md: "), "\(run.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/a.md") == folder + "/b.md")
    }

    @Test func fifoIsRefusedWithoutHanging() throws {
        let folder = try CLI.temporaryFolder()
        let fifo = folder + "/pipe.md"
        #expect(mkfifo(fifo, 0o644) == 0)
        for command in [["stamp", fifo] + CLI.sampleFacts, ["verify", fifo], ["show", fifo]] {
            let run = try BoundedRun.run(command, limit: 10)
            #expect(!run.timedOut, "\(command[0]) did not hang on a FIFO")
            #expect(run.exitCode == 3)
            #expect(run.stderr.contains("\(fifo): Disclose cannot use this file: it is not a regular file"), "\(run.stderr)")
        }
    }

    @Test func readOnlyFileIsNotReplaced() throws {
        let folder = try CLI.temporaryFolder()
        let file = try CLI.copyFixture("markdown/no-front-matter.md", to: folder)
        chmod(file, 0o444)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let run = try BoundedRun.run(["stamp", file] + CLI.sampleFacts, limit: 10)
        #expect(run.exitCode == 4)
        #expect(run.stderr.contains("\(file): could not write the result (the file is read-only"), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        // A copy may still be written elsewhere.
        let copy = try BoundedRun.run(["stamp", file, "--output", folder + "/copy.md"] + CLI.sampleFacts, limit: 10)
        #expect(copy.exitCode == 0, "\(copy.stderr)")
    }

    static let canDropPrivileges = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    @Test(.enabled(if: getuid() != 0 || canDropPrivileges, "a read-only folder cannot be tested as root without setpriv"))
    func readOnlyFolderFailsCleanly() throws {
        let folder = try CLI.temporaryFolder()
        let file = try CLI.copyFixture("html/main.html", to: folder)
        chmod(file, 0o666)
        chmod(folder, 0o555)
        defer { chmod(folder, 0o755) }
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let prefix = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let run = try BoundedRun.run(["stamp", file] + CLI.sampleFacts, limit: 10, prefix: prefix)
        #expect(run.exitCode == 4, "\(run.stderr)")
        #expect(run.stderr.contains("\(file): could not write the result (cannot create a temporary file in \(folder)"), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    static let tmpfs: String? = {
        guard getuid() == 0 else { return nil }
        let dir = NSTemporaryDirectory() + "disclose-full-disk-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        guard let run = try? ProcessRunner.run(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=48k", "tmpfs", dir]) else { return nil }
        return run.exitCode == 0 ? dir : nil
    }()

    @Test(.enabled(if: tmpfs != nil, "a full disk needs a small tmpfs, which needs root and mount; skipped"))
    func fullDiskFailsCleanly() throws {
        let disk = Self.tmpfs!
        defer {
            _ = try? ProcessRunner.run(URL(fileURLWithPath: "/bin/umount"), [disk])
        }
        // Fill the disk with one file, then stamp a larger document in place on it.
        let source = CLI.packageRoot.appendingPathComponent("Fixtures/docx/image.docx").path
        let file = disk + "/image.docx"
        try FileManager.default.copyItem(atPath: source, toPath: file)
        let filler = disk + "/filler"
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        if let handle = FileHandle(forWritingAtPath: filler) {
            while (try? handle.write(contentsOf: Data(count: 4096))) != nil {}
            try? handle.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let run = try BoundedRun.run(["stamp", file] + CLI.sampleFacts, limit: 10)
        #expect(run.exitCode == 4, "\(run.stderr)")
        #expect(run.stderr.contains("\(file): could not write the result ("), "\(run.stderr)")
        #expect(run.stderr.contains("The original file is untouched"), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk).sorted() == ["filler", "image.docx"], "no temporary file left on the full disk")
    }
}
