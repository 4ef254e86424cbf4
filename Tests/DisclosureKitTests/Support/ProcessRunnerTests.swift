import DiscloseTestSupport
import Foundation
import Testing

/// The one process runner every test uses: both pipes read at once (a child filling standard
/// error while the test reads standard output must not block), and a time limit.
@Suite struct ProcessRunnerTests {
    @Test func aChildFillingBothPipesDoesNotBlock() throws {
        // 2 MB on standard error before anything on standard output: a reader of one pipe at a time would hang.
        let script = "import sys; sys.stderr.write('e' * 2_000_000); sys.stderr.flush(); sys.stdout.write('o' * 2_000_000)"
        let run = try ProcessRunner.run(tool: "python3", ["-c", script], timeout: 60)
        #expect(!run.timedOut)
        #expect(run.exitCode == 0)
        #expect(run.stdout.count == 2_000_000)
        #expect(run.stderr.count == 2_000_000)
    }

    @Test func inputReachesTheChildAndTheExitCodeComesBack() throws {
        let run = try ProcessRunner.run(tool: "python3", ["-c", "import sys; d = sys.stdin.read(); print(d.upper()); sys.exit(3)"], input: Data("abc".utf8))
        #expect(run.stdout == "ABC\n")
        #expect(run.exitCode == 3)
    }

    @Test func aChildPastItsTimeLimitIsStoppedAndSaidSo() throws {
        let run = try ProcessRunner.run(tool: "sleep", ["30"], timeout: 1)
        #expect(run.timedOut)
        #expect(run.exitCode == 128 + 9, "ended by SIGKILL")
    }

    @Test func theRepositoryIsFound() {
        #expect(FileManager.default.fileExists(atPath: TestRepository.root.appendingPathComponent("Package.swift").path))
        #expect(FileManager.default.fileExists(atPath: TestRepository.fixtures.appendingPathComponent("sample").path))
    }
}
