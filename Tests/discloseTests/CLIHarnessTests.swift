import Foundation
import Testing

/// The process runner itself: both pipes are drained together.
@Suite struct CLIHarnessTests {
    // No `.timeLimit` trait: on a busy two-core run its clock also counts time the test spends
    // waiting for a thread (CI once failed it at 60 s that way, with every test reading 171 s).
    // A runner that blocked would instead be stopped by ProcessRunner's own watchdog, and the
    // exit code would then be 137, not 7.
    @Test func aChildWritingMegabytesToStandardErrorCompletes() throws {
        // 3 MB to standard error before anything on standard output: a runner that reads
        // standard output to the end first would wait for ever once the stderr pipe is full.
        let r = try CLI.run(executable: URL(fileURLWithPath: "/bin/sh"),
                            ["-c", "head -c 3000000 /dev/zero | tr '\\0' e >&2; echo done; exit 7"])
        #expect(r.exitCode == 7)
        #expect(r.stdout == "done\n")
        #expect(r.stderr.utf8.count == 3_000_000)
        #expect(r.stderr.utf8.allSatisfy { $0 == UInt8(ascii: "e") })
    }
}
