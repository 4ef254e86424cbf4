import DiscloseTestSupport
import Foundation
import Testing

/// Every generated fixture of every format through the built binary: stamp, verify, unstamp,
/// with the documented exit codes; and every hostile DOCX refused with exit code 3, untouched.
@Suite struct FormatFixturesEndToEndTests {
    static func names(_ folder: String, except: Set<String>) -> [String] {
        let dir = CLI.packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(folder).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted().filter { !except.contains($0) }.map { folder + "/" + $0 }
    }

    static let fixtures = names("docx", except: ["hidden-statement.docx"])
        + names("markdown", except: ["invalid-utf8.md"])
        + names("html", except: ["invalid-shift_jis.html", "hidden-statement.html"])

    @Test(arguments: fixtures)
    func stampVerifyUnstamp(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture(fixture, to: folder)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        let stamp = try CLI.run(["stamp", file] + CLI.sampleFacts)
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        let verify = try CLI.run(["verify", file])
        #expect(verify.exitCode == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.hasSuffix(": verified\n") || verify.stdout.contains(": verified with "), "\(verify.stdout)")
        #expect(!verify.stdout.contains(" fail "), "\(verify.stdout)")
        let unstamp = try CLI.run(["unstamp", file])
        #expect(unstamp.exitCode == 0, "\(unstamp.stderr)")
        if !fixture.hasSuffix(".docx") {
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original, "unstamp gives back the original bytes")
        }
    }

    @Test(arguments: ["docx/hidden-statement.docx", "html/hidden-statement.html"])
    func hiddenStatementFailsVerifyWithExitOne(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture(fixture, to: folder)
        let verify = try CLI.run(["verify", file])
        #expect(verify.exitCode == 1)
        #expect(verify.stdout.contains("fail           statement-visible           readers may not see the statement: "), "\(verify.stdout)")
    }

    @Test(arguments: ["markdown/invalid-utf8.md", "html/invalid-shift_jis.html"])
    func invalidEncodingIsExitThreeAndUntouched(fixture: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture(fixture, to: folder)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        let stamp = try CLI.run(["stamp", file] + CLI.sampleFacts)
        #expect(stamp.exitCode == 3)
        #expect(stamp.stderr.contains("\(file): the text is not valid "), "\(stamp.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original)
    }

    static let hostile: String? = {
        let dir = NSTemporaryDirectory() + "disclose-e2e-hostile-" + UUID().uuidString
        guard let run = try? ProcessRunner.run(tool: "python3", [CLI.packageRoot.appendingPathComponent("Scripts/fixtures/make_hostile_docx.py").path, dir]) else { return nil }
        return run.exitCode == 0 ? dir : nil
    }()

    static let hostileNames = ["encrypted.docx", "old-word-97.docx", "truncated.docx", "not-a-zip.docx", "empty.docx",
                               "no-content-types.docx", "zip-bomb.docx", "too-many-entries.docx", "billion-laughs.docx",
                               "external-entity.docx", "deep-nesting.docx", "malformed-xml.docx", "strict-ooxml.docx",
                               "duplicate-names.docx", "missing-main-part.docx"]

    @Test(.enabled(if: hostile != nil, "python3 is needed to generate the hostile files"), arguments: hostileNames)
    func hostileDOCXIsExitThreeAndUntouched(name: String) throws {
        let file = Self.hostile! + "/" + name
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        for arguments in [["stamp", file] + CLI.sampleFacts, ["verify", file], ["show", file]] {
            let r = try CLI.run(arguments)
            #expect(r.exitCode == 3, "\(arguments[0]) \(name): \(r.stderr)")
            #expect(r.stderr.contains("\(file): "), "the error names the file: \(r.stderr)")
            #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before, "the file is unchanged")
    }
}
