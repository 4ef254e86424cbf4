import Foundation
import Testing

/// The keys real AI policies need (per-role purposes, data classes, DPIA, approvals, banned
/// purposes, contact, accuracy-and-bias review) through the built binary, on every format.
@Suite struct PolicyKeysEndToEndTests {
    static let samples = ["sample/annual-report.docx", "sample/newsletter.md", "sample/open-day.html"]

    static let policyText = """
        [policy]
        id = "oak-trust-ai"
        version = "2026.2"
        roles = ["staff", "pupils"]
        unlisted_tools = "fail"
        contact = "ai-questions@oak.sch.uk"

        [declaration]
        review_levels = ["accuracy-and-bias-checked"]

        [[tools]]
        name = "Oak MIS Assistant"
        users = ["staff", "pupils"]
        purposes = ["drafting", "lesson-planning", "research", "summarising", "idea-generation", "coding"]
        role_purposes = { pupils = ["drafting", "research", "summarising", "idea-generation"] }
        data_classes = ["public", "internal", "personal"]
        dpia = "DPIA-2025-014"
        approver = "Data Protection Officer"

        [[approvals]]
        id = "EX-2026-003"
        tools = ["ChatGPT"]
        purposes = ["coding"]
        people = ["Sam Patel"]
        approver = "Headteacher"
        expires = "2026-07-31"

        [[banned]]
        purposes = ["emotion-recognition", "deepfake"]
        message = "the trust never uses AI to read emotions or make likenesses of real people (section 6)"
        """

    /// The line of the first line of the policy containing `needle`.
    static func line(_ needle: String) -> Int {
        (policyText.components(separatedBy: "\n").firstIndex { $0.contains(needle) } ?? -2) + 1
    }

    static let staff = ["--tool", "Oak MIS Assistant", "--purpose", "coding", "--extent", "partial", "--review", "accuracy-and-bias-checked",
                        "--reviewer", "J. Smith", "--declarant", "Sam Patel", "--date", "2026-03-02", "--role", "staff", "--data", "internal"]

    func setUp(_ fixture: String) throws -> (folder: String, file: String, policy: String, env: [String: String]) {
        let folder = try CLI.temporaryFolder()
        let file = try CLI.copyFixture(fixture, to: folder)
        let policy = folder + "/disclose-policy.toml"
        try PolicyKeysEndToEndTests.policyText.write(toFile: policy, atomically: true, encoding: .utf8)
        return (folder, file, policy, ["XDG_CONFIG_HOME": folder + "/no-config", "HOME": folder])
    }

    /// Replaces `flag`'s value in the staff facts.
    func staff(_ changes: [String: String]) -> [String] {
        var out = PolicyKeysEndToEndTests.staff
        for (flag, value) in changes {
            if let i = out.firstIndex(of: flag) { out[i + 1] = value } else { out += [flag, value] }
        }
        return out
    }

    @Test(arguments: samples)
    func staffStampRecordsDPIADataAndContactAndVerifies(fixture: String) throws {
        let s = try setUp(fixture)
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        let stamp = try CLI.run(["stamp", s.file, "--policy", s.policy] + PolicyKeysEndToEndTests.staff, environment: s.env)
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        #expect(stamp.stdout.contains("Human review: reviewed and checked for accuracy and bias by J. Smith."))
        #expect(stamp.stdout.contains("under policy oak-trust-ai, version 2026.2. Questions or complaints about AI use: ai-questions@oak.sch.uk.\n"), "\(stamp.stdout)")

        let show = try CLI.run(["show", "--format", "json", s.file])
        let shown = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [[String: Any]]
        let disclosure = try #require(shown?.first?["disclosure"] as? [String: Any])
        #expect((disclosure["tools"] as? [[String: String]])?.first == ["name": "Oak MIS Assistant", "dpia": "DPIA-2025-014"])
        #expect(disclosure["dataClasses"] as? [String] == ["internal"])
        let text = try CLI.run(["show", s.file])
        let folded = text.stdout.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
        #expect(folded.contains(" data classes: internal\n DPIA: Oak MIS Assistant: DPIA-2025-014\n"), "\(text.stdout)")

        let verify = try CLI.run(["verify", s.file, "--policy", s.policy], environment: s.env)
        #expect(verify.exitCode == 0, "\(verify.stdout)")
        for passed in ["policy.role-purposes", "policy.data-classes", "policy.review-level", "policy.dpia-recorded", "policy.contact-stated", "policy.banned-purpose"] {
            #expect(verify.stdout.contains("pass           \(passed)"), "\(passed): \(verify.stdout)")
        }
    }

    @Test(arguments: samples)
    func refusalsNameTheRuleAndLineAndWriteNothing(fixture: String) throws {
        let s = try setUp(fixture)
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: s.file))
        let cases: [([String: String], String)] = [
            (["--role": "pupils"], "(rule policy.role-purposes): the declaration was made as pupils, and Oak MIS Assistant is authorised for pupils for drafting, research, summarising, idea-generation only, not \"coding\" (\(s.policy):\(PolicyKeysEndToEndTests.line("[[tools]]")))"),
            (["--data": "special-category"], "(rule policy.data-classes): Oak MIS Assistant is approved for public, internal, personal only, and the declaration records special category data"),
            (["--purpose": "deepfake"], "(rule policy.banned-purpose): \"deepfake\": the trust never uses AI to read emotions or make likenesses of real people (section 6) (\(s.policy):\(PolicyKeysEndToEndTests.line("[[banned]]")))"),
            (["--review": "edited"], "(rule policy.review-level): the policy asks for a review of \"accuracy-and-bias-checked\" after AI use"),
        ]
        for (change, message) in cases {
            let r = try CLI.run(["stamp", s.file, "--policy", s.policy] + staff(change), environment: s.env)
            #expect(r.exitCode == 1, "\(change)")
            #expect(r.stderr.contains(message), "\(change): \(r.stderr)")
            #expect(r.stderr.contains("Nothing was written."))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: s.file)) == before)
    }

    @Test(arguments: samples)
    func anApprovalCoversAnUnlistedToolUntilItExpires(fixture: String) throws {
        let s = try setUp(fixture)
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        let expired = try CLI.run(["stamp", s.file, "--policy", s.policy] + staff(["--tool": "ChatGPT", "--approval": "EX-2026-003", "--date": "2026-09-01"]),
                                  environment: s.env)
        #expect(expired.exitCode == 1)
        #expect(expired.stderr.contains("(rule policy.tool-authorised): \"ChatGPT\" is not on the policy's list of authorised tools"))
        #expect(expired.stderr.contains("Also not met: policy.data-classes, policy.approval."))

        let stamp = try CLI.run(["stamp", s.file, "--policy", s.policy] + staff(["--tool": "ChatGPT", "--approval": "EX-2026-003", "--data": "public"]),
                                environment: s.env)
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        let check = try CLI.run(["policy", "check", s.file, "--policy", s.policy], environment: s.env)
        #expect(check.exitCode == 0, "\(check.stdout)")
        let citation = "EX-2026-003 (approved by Headteacher until 31 July 2026, \(s.policy):\(PolicyKeysEndToEndTests.line("[[approvals]]")))"
        #expect(check.stdout.contains(row("policy.tool-authorised", "\"ChatGPT\" is not on the policy's list, but the approval \(citation) covers it")), "\(check.stdout)")
        #expect(check.stdout.contains(row("policy.approval", "the approval \(citation) applies to this declaration")))
        let show = try CLI.run(["show", s.file])
        #expect(show.stdout.replacingOccurrences(of: " +", with: " ", options: .regularExpression).contains(" approval: EX-2026-003\n"), "\(show.stdout)")
    }

    /// A `policy check` line's id column and message (ids are padded to the longest, policy.declaration-required).
    func row(_ id: String, _ message: String) -> String {
        id.padding(toLength: "policy.declaration-required".count + 2, withPad: " ", startingAt: 0) + message + "\n"
    }

    @Test func policyShowListsToolsApprovalsBansAndContact() throws {
        let s = try setUp("sample/newsletter.md")
        defer { try? FileManager.default.removeItem(atPath: s.folder) }
        let r = try CLI.run(["policy", "show", "--policy", s.policy], environment: s.env)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let p = s.policy
        #expect(r.stdout == """
            oak-trust-ai version 2026.2
              file:          \(p)
              contact:       ai-questions@oak.sch.uk
              roles:         staff, pupils
              unlisted tools: refused
              declarations:  required only where a task says so; fields tools, purposes, extent, review, declarant, date
              review:        reviewed and checked for accuracy and bias after AI use

            Tools (1):
              Oak MIS Assistant  [\(p):\(PolicyKeysEndToEndTests.line("[[tools]]"))]
                purposes:    drafting, lesson-planning, research, summarising, idea-generation, coding
                for pupils:  drafting, research, summarising, idea-generation
                users:       staff, pupils
                data:        public, internal, personal
                DPIA:        DPIA-2025-014, approved by Data Protection Officer

            Approved exceptions (1):
              EX-2026-003, approved by Headteacher, until 31 July 2026  [\(p):\(PolicyKeysEndToEndTests.line("[[approvals]]"))]
                tools:       ChatGPT
                purposes:    coding
                people:      Sam Patel

            Never allowed:
              emotion-recognition, deepfake: the trust never uses AI to read emotions or make likenesses of real people (section 6)  [\(p):\(PolicyKeysEndToEndTests.line("[[banned]]"))]

            """)
        let none = try CLI.run(["policy", "show"], in: s.folder, environment: s.env)
        #expect(none.exitCode == 2)
        #expect(none.stderr.contains("no policy is in force here"))
    }
}
