import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Kills `disclose stamp` with SIGKILL at every pause point of a write, and runs two stamps
/// of one file at once: the original is always intact or completely stamped, and leftovers
/// are cleaned up (and named) by the next run.
@Suite struct FaultTests {
    static let points = ["after-read", "after-create", "mid-write", "after-write", "after-fsync", "before-rename", "after-rename"]

    static func digest(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Starts `disclose` in the background with a pause at `point`.
    static func start(_ arguments: [String], pause point: String, milliseconds: Int = 3_000) throws -> Process {
        try launch(arguments, pause: point, milliseconds: milliseconds, errors: nil)
    }

    /// ``start(_:pause:milliseconds:)`` with standard error kept, to read what the run said.
    static func startWatched(_ arguments: [String], pause point: String, milliseconds: Int) throws -> (Process, Pipe) {
        let err = Pipe()
        return (try launch(arguments, pause: point, milliseconds: milliseconds, errors: err), err)
    }

    private static func launch(_ arguments: [String], pause point: String, milliseconds: Int, errors: Pipe?) throws -> Process {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["DISCLOSE_TEST_PAUSE"] = "\(point):\(milliseconds)"
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        if let errors { process.standardError = errors } else { process.standardError = FileHandle.nullDevice }
        try process.run()
        return process
    }

    /// True once another process holds the exclusive lock on `path` (at most 30 s).
    static func waitUntilLocked(_ path: String) -> Bool {
        for _ in 0..<1_500 {
            let fd = open(path, O_RDONLY)
            if fd >= 0 {
                let free = flock(fd, LOCK_EX | LOCK_NB) == 0
                if free { flock(fd, LOCK_UN) }
                close(fd)
                if !free { return true }
            }
            usleep(20_000)
        }
        return false
    }

    static func leftovers(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".disclose-tmp-") }.sorted()
    }

    @Test(arguments: points)
    func killedMidWriteLeavesOriginalOrCompleteStamp(point: String) throws {
        for fixture in ["docx/plain.docx", "markdown/yaml-front-matter.md", "html/main.html"] {
            let folder = try CLI.temporaryFolder()
            let file = try CLI.copyFixture(fixture, to: folder)
            let before = try Self.digest(file)
            let process = try Self.start(["stamp", file] + CLI.sampleFacts, pause: point)
            // The pause is 3 s; kill well inside it, once the process has reached the point.
            usleep(1_200_000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "\(fixture) at \(point): the process was killed")

            let after = try Self.digest(file)
            if point == "after-rename" {
                #expect(after != before, "\(fixture): killed after the rename, the file is completely stamped")
                let verify = try CLI.run(["verify", file])
                #expect(verify.exitCode == 0, "\(fixture) at \(point): \(verify.stdout)")
            } else {
                #expect(after == before, "\(fixture) at \(point): the original is intact")
            }
            let left = try Self.leftovers(in: folder)
            let expectLeftover = ["after-create", "mid-write", "after-write", "after-fsync", "before-rename"].contains(point)
            #expect(left.count == (expectLeftover ? 1 : 0), "\(fixture) at \(point): leftovers \(left)")

            // The next run removes the leftover, says so, and stamps.
            let next = try CLI.run(["stamp", file] + CLI.sampleFacts)
            #expect(next.exitCode == 0, "\(next.stderr)")
            if expectLeftover {
                #expect(next.stderr.contains("removed \(folder)/\(left[0]), a temporary file left by an earlier run"), "\(next.stderr)")
            }
            #expect(try Self.leftovers(in: folder).isEmpty)
            #expect(try CLI.run(["verify", file]).exitCode == 0)
        }
    }

    @Test func twoStampsAtOnceOneWinsOneFailsClearly() throws {
        let folder = try CLI.temporaryFolder()
        let file = try CLI.copyFixture("docx/tables.docx", to: folder)
        let first = try Self.start(["stamp", file] + CLI.sampleFacts, pause: "after-read", milliseconds: 2_000)
        #expect(Self.waitUntilLocked(file), "the first stamp never took the file")
        let second = try CLI.run(["stamp", file] + CLI.sampleFacts)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.exitCode == 4)
        #expect(second.stderr.contains("\(file): could not write the result (another disclose process is changing this file right now"), "\(second.stderr)")
        let verify = try CLI.run(["verify", file])
        #expect(verify.exitCode == 0)
        #expect(verify.stdout.contains("single-stamp                one stamp"), "\(verify.stdout)")
    }

    @Test func fileChangedWhileReadIsNotWritten() throws {
        let folder = try CLI.temporaryFolder()
        let file = try CLI.copyFixture("markdown/no-front-matter.md", to: folder)
        let (process, err) = try Self.startWatched(["stamp", file] + CLI.sampleFacts, pause: "before-change-check", milliseconds: 3000)
        // The run has taken the file (its lock, and the snapshot taken with it), however slowly
        // it started on a busy machine; any change from here on must be noticed.
        #expect(Self.waitUntilLocked(file), "the stamp never took the file")
        let edited = Data("# Edited meanwhile\n\nSomeone saved the file during the stamp.\n".utf8)
        try edited.write(to: URL(fileURLWithPath: file))
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        #expect(message.contains("\(file): the file changed while Disclose was working on it. Nothing was written."), "\(message)")
        #expect(try Self.digest(file) == edited, "the other program's save is kept")
        #expect(try Self.leftovers(in: folder).isEmpty)
    }

    /// A large Markdown file is mapped, and its kept bytes are read while the result is written:
    /// an edit made in place at that moment (same size, same inode; only the modification time
    /// tells) is noticed before the result replaces the file, so the result never mixes the two
    /// versions, the edit is kept, and no temporary file is left behind. Unstamp likewise.
    @Test(arguments: ["stamp", "unstamp"])
    func fileEditedInPlaceWhileWrittenIsNotReplaced(command: String) throws {
        let folder = try CLI.temporaryFolder()
        let file = folder + "/large.md"
        var text = "# Notes\n\n"
        while text.utf8.count < 2 << 20 { text += "A paragraph of the notes, long enough to need mapping when repeated.\n\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        if command == "unstamp" {
            #expect(try CLI.run(["stamp", file] + CLI.sampleFacts).exitCode == 0)
        }
        let before = try Self.digest(file)
        let arguments = command == "stamp" ? ["stamp", file] + CLI.sampleFacts : ["unstamp", file]
        let (process, err) = try Self.startWatched(arguments, pause: "after-write", milliseconds: 3000)
        // Past the first check: the temporary file exists (its writing takes milliseconds; the
        // pause after it, three seconds).
        var waited = 0
        while try Self.leftovers(in: folder).isEmpty, waited < 30_000 {
            usleep(20_000); waited += 20
        }
        #expect(waited < 30_000, "the temporary file never appeared")
        usleep(400_000)
        // Overwrite the first bytes where they are, as an editor saving in place would.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: file))
        try handle.write(contentsOf: Data("# EDITED".utf8))
        try handle.close()
        var edited = before
        edited.replaceSubrange(0..<8, with: Data("# EDITED".utf8))
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 3, "\(message)")
        #expect(message.contains("\(file): the file changed while Disclose was working on it. Nothing was written."), "\(message)")
        #expect(try Self.digest(file) == edited, "the in-place edit is kept, and nothing else changed")
        #expect(try Self.leftovers(in: folder).isEmpty)
    }
}
