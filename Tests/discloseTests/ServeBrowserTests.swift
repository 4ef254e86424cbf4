@testable import DisclosureKit
import Foundation
import Testing

/// The web app in a real browser: headless Chromium driven by Selenium (Tests/browser/serve_browser.py).
enum BrowserClients {
    static let available: Bool = RealClients.chromium != nil && RealClients.path(of: "chromedriver") != nil
        && (try? RealClients.output("python3", ["-c", "import selenium"]).1) == 0
}

@Suite(.enabled(if: BrowserClients.available, "Chromium, chromedriver (Debian chromium-driver) or Selenium (PyPI selenium) is missing; install them with Scripts/install-clients to run the browser tests"))
struct ServeBrowserTests {
    @Test func aTeacherChecksAClassAndAStaffMemberStampsInTheBrowser() throws {
        let folder = try CLI.temporaryFolder()
        // 30 submissions, as a Moodle download: a folder per pupil.
        var entries: [(String, Data, Bool)] = []
        for i in 1...30 {
            let words = Submissions.essay + (i % 3 == 0 ? ["I used ChatGPT to check my spelling."] : [])
            entries.append(("Pupil \(i)/essay.docx", try Submissions.docx(words), false))
        }
        try ZipRebuilder.write(entries: entries).write(to: URL(fileURLWithPath: folder + "/class.zip"))
        try Submissions.docx(Submissions.essay).write(to: URL(fileURLWithPath: folder + "/Board report.docx"))
        let added = try ServeEndToEndTests.run(["serve", "users", "add", "j.smith", "--role", "staff", "--users", "users.txt"], stdin: "a long passphrase\n", in: folder)
        #expect(added.exitCode == 0)

        let port = Int.random(in: 20_000...40_000)
        let server = Process()
        server.executableURL = CLI.binary
        server.arguments = ["serve", "--port", String(port), "--users", "users.txt", "--policy", CLI.packageRoot.appendingPathComponent("examples/policies/school-trust.toml").path]
        server.currentDirectoryURL = URL(fileURLWithPath: folder)
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGTERM); server.waitUntilExit() } }
        for _ in 0..<100 where ServeEndToEndTests.get("http://127.0.0.1:\(port)/healthz") == nil { Thread.sleep(forTimeInterval: 0.1) }

        let artefacts = ProcessInfo.processInfo.environment["DISCLOSE_ARTEFACTS"] ?? folder + "/artefacts"
        let script = CLI.packageRoot.appendingPathComponent("Tests/browser/serve_browser.py").path
        let (said, code) = try RealClients.output("python3", [script, "http://127.0.0.1:\(port)", "j.smith", "a long passphrase",
                                                               folder + "/class.zip", folder + "/Board report.docx", artefacts], timeout: 300)
        #expect(code == 0, "\(said)")

        let csv = try String(contentsOfFile: artefacts + "/downloads/class-register.csv", encoding: .utf8)
        let rows = csv.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("class.zip/") }
        #expect(rows.count == 30)
        let stamped = artefacts + "/downloads/Board report.docx"
        let report = try Verifier().verify(path: stamped)
        #expect(report.passed)
        #expect(report.disclosure?.tools.map(\.name) == ["Microsoft 365 Copilot"])
        #expect(report.disclosure?.declarant == "j.smith")
        let verified = try CLI.run(["verify", stamped, "--policy", CLI.packageRoot.appendingPathComponent("examples/policies/school-trust.toml").path])
        #expect(verified.exitCode == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.hasSuffix("Board report.docx: verified\n"))
        for name in ["register", "refusal", "stamp-preview", "policy"] {
            for width in [1280, 390] { #expect(FileManager.default.fileExists(atPath: artefacts + "/\(name)-\(width).png")) }
        }
    }
}
