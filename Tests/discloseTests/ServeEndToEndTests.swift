import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `disclose serve` as a person runs it: refusals at start, the users file, and a clean stop on SIGTERM.
@Suite struct ServeEndToEndTests {
    static func run(_ arguments: [String], stdin: String, in folder: String) throws -> CLIResult {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let input = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self), exitCode: process.terminationStatus)
    }

    @Test func serveRefusesANetworkAddressWithoutAUsersFile() throws {
        let folder = try CLI.temporaryFolder()
        let result = try CLI.run(["serve", "--host", "0.0.0.0"], in: folder)
        #expect(result.exitCode == 2)
        #expect(result.stderr == "disclose: error: refusing to listen on 0.0.0.0 without --users: anyone on the network could use the app. Make a users file with `disclose serve users add NAME --role staff --users FILE` and give --users FILE, or listen on 127.0.0.1 (the default).\n")
    }

    @Test func usersAddWritesAPrivateFileAndServeRefusesOneOthersCanRead() throws {
        let folder = try CLI.temporaryFolder()
        let added = try Self.run(["serve", "users", "add", "j.smith", "--role", "staff", "--users", "users.txt"], stdin: "a long passphrase\n", in: folder)
        #expect(added.exitCode == 0)
        #expect(added.stdout == "users.txt: j.smith (staff) can sign in; the file is mode 0600.\n")
        let path = folder + "/users.txt"
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("j.smith:staff:$2b$12$"))
        #expect(!text.contains("a long passphrase"))

        let short = try Self.run(["serve", "users", "add", "x", "--role", "teacher", "--users", "users.txt"], stdin: "short\n", in: folder)
        #expect(short.exitCode == 2)
        #expect(short.stderr == "disclose: error: the password has 5 characters; give at least 8.\n")

        chmod(path, 0o644)
        let open = try CLI.run(["serve", "--host", "0.0.0.0", "--users", "users.txt"], in: folder)
        #expect(open.exitCode == 2)
        #expect(open.stderr == "disclose: error: users.txt: the users file has mode 644, so other people on this computer can read the password hashes; run `chmod 600 users.txt` (as for private keys).\n")
    }

    @Test func serveAnswersOnLoopbackAndStopsCleanlyOnSIGTERM() throws {
        let folder = try CLI.temporaryFolder()
        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--port", String(port)]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var body: String?
        for _ in 0..<100 where body == nil {
            Thread.sleep(forTimeInterval: 0.1)
            body = Self.get("http://127.0.0.1:\(port)/healthz")
        }
        let answer = try #require(body)
        #expect(answer.contains("\"status\" : \"ok\""))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.hasPrefix("disclose: serving on http://127.0.0.1:\(port) (policy: none; sign-in: none, this computer only)."))
    }

    static func get(_ address: String) -> String? {
        let done = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var text: String? }
        let box = Box()
        URLSession.shared.dataTask(with: URL(string: address)!) { data, response, _ in
            if (response as? HTTPURLResponse)?.statusCode == 200, let data { box.text = String(decoding: data, as: UTF8.self) }
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 5)
        return box.text
    }
}
