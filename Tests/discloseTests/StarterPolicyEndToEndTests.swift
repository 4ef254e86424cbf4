import Foundation
import Testing

/// The starter policies used as a new user would: `disclose init`, stamp a report, stamp a
/// pupil's or student's work, verify, audit; every command succeeds and prints no warning.
@Suite struct StarterPolicyEndToEndTests {
    struct Journey: CustomStringConvertible, Sendable {
        var template: String
        var withKey: Bool
        /// The staff member's report, and the facts for it.
        var report: (fixture: String, facts: [String])
        /// The second document (a pupil's or student's essay, or a "no AI" article), and its facts.
        var essay: (fixture: String, facts: [String])
        /// Words the report's statement must contain.
        var reportStatement: [String]
        var description: String { template + (withKey ? " --with-key" : "") }
    }

    static let journeys: [Journey] = [
        Journey(template: "school", withKey: false,
                report: ("sample/annual-report.docx", ["--tool", "Microsoft 365 Copilot", "--purpose", "drafting", "--extent", "partial",
                                                       "--review", "edited", "--declarant", "Head of English", "--role", "staff"]),
                essay: ("sample/pupil-essay.md", ["--tool", "Gemini", "--purpose", "research", "--extent", "minor-edits", "--review", "edited",
                                                  "--declarant", "Pupil 7Y-12", "--role", "pupils", "--task", "y10-history-essay"]),
                reportStatement: ["Declared by Head of English (Oak Learning Trust) on 4 December 2026 under the Oak Learning Trust Generative AI Policy, version 2026.1."]),
        Journey(template: "school", withKey: true,
                report: ("sample/open-day.html", ["--tool", "Aila", "--purpose", "lesson-planning", "--extent", "partial",
                                                  "--review", "edited", "--declarant", "Head of English", "--role", "staff"]),
                essay: ("sample/pupil-essay.md", ["--extent", "none", "--declarant", "Pupil 7Y-12", "--role", "pupils", "--task", "y11-english-nea"]),
                reportStatement: ["under the Oak Learning Trust Generative AI Policy, version 2026.1."]),
        Journey(template: "university", withKey: false,
                report: ("sample/annual-report.docx", ["--tool", "Microsoft 365 Copilot", "--purpose", "drafting,summarising", "--extent", "partial",
                                                       "--review", "edited", "--declarant", "Jane Smith", "--role", "staff", "--task", "report"]),
                essay: ("sample/pupil-essay.md", ["--tool", "Copilot", "--purpose", "research", "--extent", "minor-edits", "--review", "edited",
                                                  "--declarant", "Student 2041-17", "--role", "students", "--task", "hist2041-essay"]),
                reportStatement: ["Statement of AI use: Microsoft 365 Copilot helped with drafting and summarising (part of the content); the work was reviewed and edited. Declared by Jane Smith (Example University) on 4 December 2026 under the Example University Generative AI Policy, version 3."]),
        Journey(template: "university", withKey: true,
                report: ("sample/newsletter.md", ["--tool", "Microsoft 365 Copilot", "--purpose", "drafting", "--extent", "partial",
                                                  "--review", "edited", "--declarant", "Communications Office"]),
                essay: ("sample/pupil-essay.md", ["--extent", "none", "--declarant", "Student 2041-17", "--role", "students", "--task", "hist2041-essay"]),
                reportStatement: ["Declared by Communications Office (Example University) on 4 December 2026 under the Example University Generative AI Policy, version 3."]),
        Journey(template: "publisher", withKey: false,
                report: ("sample/open-day.html", ["--tool", "Newsroom Assistant", "--purpose", "drafting", "--extent", "substantial",
                                                  "--review", "none", "--declarant", "Newsdesk"]),
                essay: ("sample/newsletter.md", ["--extent", "none", "--declarant", "Reporter"]),
                reportStatement: ["Declared by Newsdesk (Example News Ltd) on 4 December 2026 under the Example News AI Transparency Policy, version 2026-08."]),
        Journey(template: "publisher", withKey: true,
                report: ("sample/open-day.html", ["--tool", "Newsroom Assistant", "--purpose", "drafting", "--extent", "substantial",
                                                  "--review", "edited", "--reviewer", "Duty Editor", "--declarant", "Newsdesk"]),
                essay: ("sample/newsletter.md", ["--tool", "DeepL", "--purpose", "translation", "--extent", "partial", "--review", "edited",
                                                 "--reviewer", "Duty Editor", "--declarant", "Reporter"]),
                reportStatement: ["reviewed and edited by Duty Editor"]),
    ]

    /// An environment with no user config file.
    func isolated(_ folder: String) -> [String: String] { ["XDG_CONFIG_HOME": folder + "/no-config", "HOME": folder] }

    @Test(arguments: journeys)
    func newUserJourneyPrintsNoWarnings(journey: Journey) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let env = isolated(folder)
        let initialise = try CLI.run(["init", "--policy-template", journey.template] + (journey.withKey ? ["--with-key"] : []), in: folder, environment: env)
        #expect(initialise.exitCode == 0, "\(initialise.stderr)")
        #expect(initialise.stderr == "")
        let policy = try String(contentsOfFile: folder + "/disclose-policy.toml", encoding: .utf8)
        if journey.withKey {
            #expect(policy.contains("\ntrust = [\"keys/disclose-signing.pub.pem\"]\n"))
            #expect(FileManager.default.fileExists(atPath: folder + "/keys/disclose-signing.pub.pem"))
            let mode = try FileManager.default.attributesOfItem(atPath: folder + "/keys/disclose-signing.key.pem")[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let folderMode = try FileManager.default.attributesOfItem(atPath: folder + "/keys")[.posixPermissions] as? Int
            #expect(folderMode == 0o700)
        } else {
            #expect(policy.contains("\ntrust = []\n"))
        }

        let signing = journey.withKey ? ["--sign-key", "keys/disclose-signing.key.pem"] : []
        let date = ["--date", "2026-12-04"]
        let report = try CLI.copyFixture(journey.report.fixture, to: folder)
        let reportName = URL(fileURLWithPath: report).lastPathComponent
        try FileManager.default.createDirectory(atPath: folder + "/pupils", withIntermediateDirectories: true)
        let essay = try CLI.copyFixture(journey.essay.fixture, to: folder + "/pupils")
        _ = essay

        let stampReport = try CLI.run(["stamp", reportName] + journey.report.facts + date + signing, in: folder, environment: env)
        #expect(stampReport.exitCode == 0, "\(journey): \(stampReport.stderr)")
        #expect(stampReport.stderr == "", "\(journey): no warnings")
        for words in journey.reportStatement { #expect(stampReport.stdout.contains(words), "\(journey): \(stampReport.stdout)") }

        let essayName = "pupils/" + URL(fileURLWithPath: journey.essay.fixture).lastPathComponent
        let stampEssay = try CLI.run(["stamp", essayName] + journey.essay.facts + date + signing, in: folder, environment: env)
        #expect(stampEssay.exitCode == 0, "\(journey): \(stampEssay.stderr)")
        #expect(stampEssay.stderr == "", "\(journey): no warnings")

        let verify = try CLI.run(["verify", "--verbose", reportName, essayName], in: folder, environment: env)
        #expect(verify.exitCode == 0, "\(journey): \(verify.stdout)")
        #expect(verify.stderr == "", "\(journey): \(verify.stderr)")
        #expect(verify.stdout.contains("\(essayName): verified\n"), "\(journey): \(verify.stdout)")
        #expect(verify.stdout.contains("\(reportName): verified\n"), "\(journey): \(verify.stdout)")
        #expect(!verify.stdout.contains(" warn "), "\(journey): \(verify.stdout)")
        if journey.withKey { #expect(verify.stdout.contains("signature"), "\(journey)") }

        let audit = try CLI.run(["audit", ".", "--no-cache"], in: folder, environment: env)
        #expect(audit.exitCode == 0, "\(journey): \(audit.stdout)")
        #expect(audit.stderr == "", "\(journey): \(audit.stderr)")
        #expect(audit.stdout.contains("  disclosed-verified            2\n"), "\(journey): \(audit.stdout)")
    }

    @Test func publisherPlacesTheStatementAtTheStartUnlessToldOtherwise() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let env = isolated(folder)
        #expect(try CLI.run(["init", "--policy-template", "publisher"], in: folder, environment: env).exitCode == 0)
        let file = try CLI.copyFixture("sample/newsletter.md", to: folder)
        let facts = ["--tool", "Newsroom Assistant", "--purpose", "drafting", "--extent", "wholly-generated", "--review", "none", "--declarant", "Newsdesk"]
        #expect(try CLI.run(["stamp", file] + facts, in: folder, environment: env).exitCode == 0)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let statement = try #require(text.range(of: "\n> AI use disclosure:"), "the visible statement, not the copy in the front matter")
        let welcome = try #require(text.range(of: "Welcome to the November issue."))
        #expect(statement.lowerBound < welcome.lowerBound, "the policy's placement = \"start\" is used")
        #expect(try CLI.run(["stamp", file, "--placement", "end"] + facts, in: folder, environment: env).exitCode == 0)
        let moved = try String(contentsOfFile: file, encoding: .utf8)
        #expect(try #require(moved.range(of: "\n> AI use disclosure:")).lowerBound > (try #require(moved.range(of: "Welcome to the November issue."))).lowerBound,
                "--placement wins over the policy")
    }

    @Test func initWithKeyNeverReplacesAKey() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let env = isolated(folder)
        #expect(try CLI.run(["init", "--with-key"], in: folder, environment: env).exitCode == 0)
        let key = try Data(contentsOf: URL(fileURLWithPath: folder + "/keys/disclose-signing.key.pem"))
        let again = try CLI.run(["init", "--with-key", "--force"], in: folder, environment: env)
        #expect(again.exitCode != 0)
        #expect(again.stderr.contains("disclose-signing.key.pem"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/keys/disclose-signing.key.pem")) == key)
    }
}
