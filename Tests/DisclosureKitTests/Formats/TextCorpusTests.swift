import DisclosureKit
import Foundation
import Testing

/// Markdown and HTML from ../shared/corpus (optional: skipped when the folder is absent).
@Suite struct TextCorpusTests {
    static func folder(_ name: String) -> URL { DOCXFixtures.corpus.appendingPathComponent(name) }
    static func present(_ name: String) -> Bool { FileManager.default.fileExists(atPath: folder(name).path) }

    /// Files that cannot carry a visible statement, refused with a clear error (documented in
    /// docs/markdown-html.md), with words the error must contain.
    static let expectedRefusals: [String: String] = [
        "tidy-tests__cases_testbase_case-1050673.html": "ends inside an unclosed <noframes>",  // browsers do not show <noframes>
        "tidy-tests__cases_testbase_case-427823.html": "the page is a frameset",             // browsers show its frames, not its body
    ]

    func run(_ name: String) throws -> (passed: Int, refused: Int, total: Int) {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder(name).path).sorted()
        let dir = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var passed = 0, refused = 0
        for file in files {
            let path = dir + "/" + file
            try FileManager.default.copyItem(atPath: Self.folder(name).appendingPathComponent(file).path, toPath: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            let original = try TextFixtures.read(path)
            do {
                let (_, report) = try TextFixtures.roundTrip(path, original: original)
                let failures = report.checks.filter { $0.status == .fail }
                #expect(failures.isEmpty, "\(file): \(failures)")
                if failures.isEmpty { passed += 1 }
            } catch let error as DisclosureError {
                #expect(Self.expectedRefusals[file].map { error.description.contains($0) } == true, "\(file): \(error)")
                #expect(try TextFixtures.read(path) == original, "\(file) unchanged after a refusal")
                refused += 1
            }
        }
        return (passed, refused, files.count)
    }

    @Test(.enabled(if: present("md"), "../shared/corpus/md is absent, so the Markdown corpus test is skipped"))
    func markdownCorpus() throws {
        let r = try run("md")
        print("Markdown corpus: \(r.passed) of \(r.total) stamped, verified and restored byte for byte; \(r.refused) refused with a clear error")
        #expect(r.passed + r.refused == r.total)
    }

    @Test(.enabled(if: present("html"), "../shared/corpus/html is absent, so the HTML corpus test is skipped"))
    func htmlCorpus() throws {
        let r = try run("html")
        print("HTML corpus: \(r.passed) of \(r.total) stamped, verified and restored byte for byte; \(r.refused) refused with a clear error")
        #expect(r.passed + r.refused == r.total)
    }
}
