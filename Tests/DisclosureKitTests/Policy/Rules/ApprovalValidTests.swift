import DisclosureKit
import Testing

@Suite struct ApprovalValidTests {
    let rule = ApprovalValid()

    /// Sam Patel's ChatGPT coding, which only the approval allows.
    var chatGPT: Disclosure {
        var d = RealPolicy.staff
        d.tools = [Tool(name: "ChatGPT")]
        d.approval = "EX-2026-003"
        return d
    }

    @Test func aValidApprovalAppliesAndTheToolRuleSaysWhich() throws {
        let policy = try RealPolicy.policy
        let citation = "EX-2026-003 (approved by Headteacher until 31 July 2026, \(RealPolicy.cite("ex")))"
        #expect(rule.check(chatGPT, context: RealPolicy.context(policy)) == [CheckResult(
            id: "policy.approval", status: .pass, message: "the approval \(citation) applies to this declaration")])
        #expect(ToolAuthorised().check(chatGPT, context: RealPolicy.context(policy)) == [CheckResult(
            id: "policy.tool-authorised", status: .pass,
            message: "\"ChatGPT\" is not on the policy's list, but the approval \(citation) covers it")])
    }

    @Test func anExpiredApprovalSaysSoAndTheToolIsRefused() throws {
        let policy = try RealPolicy.policy
        var d = chatGPT
        d.date = "2026-09-01"
        #expect(rule.check(d, context: RealPolicy.context(policy)) == [CheckResult(
            id: "policy.approval", status: .fail,
            message: "the approval \"EX-2026-003\" expired on 31 July 2026, before the declaration's date (1 September 2026) (\(RealPolicy.cite("ex")))")])
        #expect(ToolAuthorised().check(d, context: RealPolicy.context(policy)).first?.status == .fail)
        d.date = "2026-07-31"
        #expect(rule.check(d, context: RealPolicy.context(policy)).first?.status == .pass, "the expiry day itself is covered")
    }

    @Test func outOfScopeApprovalsSayWhy() throws {
        let policy = try RealPolicy.policy
        var other = chatGPT
        other.declarant = "Alex Jones"
        #expect(rule.check(other, context: RealPolicy.context(policy)).first?.message
                == "the approval \"EX-2026-003\" is for \"Sam Patel\", not \"Alex Jones\" (\(RealPolicy.cite("ex")))")
        #expect(ToolAuthorised().check(other, context: RealPolicy.context(policy)).first?.status == .fail)

        var tool = chatGPT
        tool.tools = [Tool(name: "Claude")]
        #expect(rule.check(tool, context: RealPolicy.context(policy)).first?.message
                == "the approval \"EX-2026-003\" covers \"ChatGPT\", and the declaration names \"Claude\" (\(RealPolicy.cite("ex")))")

        var task = RealPolicy.staff
        task.approval = "EX-2026-004"
        #expect(rule.check(task, context: RealPolicy.context(policy)).first?.message
                == "the approval \"EX-2026-004\" is for the task \"y10-history-essay\", and the declaration records no task (\(RealPolicy.cite("ex2")))")
        #expect(rule.check(task, context: RealPolicy.context(policy, task: "y11-exam")).first?.message
                == "the approval \"EX-2026-004\" is for the task \"y10-history-essay\", not \"y11-exam\" (\(RealPolicy.cite("ex2")))")
    }

    @Test func anUnknownApprovalFailsAndNoneCitedIsNotApplicable() throws {
        let policy = try RealPolicy.policy
        var d = chatGPT
        d.approval = "EX-9"
        #expect(rule.check(d, context: RealPolicy.context(policy)).first?.message
                == "the declaration cites the approval \"EX-9\", which the policy does not list (it lists EX-2026-003, EX-2026-004)")
        #expect(rule.check(RealPolicy.staff, context: RealPolicy.context(policy)).first?.status == .notApplicable)
    }

    @Test func approvalsCoverPurposesAndTaskLevels() throws {
        let policy = try RealPolicy.policy
        var d = RealPolicy.staff
        d.tools = [Tool(name: "Gemini")]
        d.extent = .minorEdits
        d.policy?.task = "y10-history-essay"
        #expect(PurposeAuthorised().check(d, context: RealPolicy.context(policy)).first?.status == .fail)
        #expect(TaskLevel().check(d, context: RealPolicy.context(policy)).first?.status == .fail)
        d.approval = "EX-2026-004"
        let purpose = PurposeAuthorised().check(d, context: RealPolicy.context(policy)).first
        #expect(purpose?.status == .pass)
        #expect(purpose?.message == "\"coding\" is not authorised for the declared tools, but the approval EX-2026-004 (approved by Head of History, \(RealPolicy.cite("ex2"))) covers it")
        let level = TaskLevel().check(d, context: RealPolicy.context(policy)).first
        #expect(level?.status == .pass)
        #expect(level?.message.hasSuffix("(\"coding\" under the approval EX-2026-004 (approved by Head of History, \(RealPolicy.cite("ex2"))))") == true)
    }

    @Test func approvalsLoadWithLineNumberedErrors() throws {
        let policy = try RealPolicy.policy
        #expect(policy.approvals.map(\.id) == ["EX-2026-003", "EX-2026-004"])
        #expect(policy.approvals[0].expires == "2026-07-31")
        #expect(policy.approvals[0].line == RealPolicy.marked["ex"])
        let date = Marked("""
            [policy]
            id = "p"
            [[approvals]]
            id = "A"
            approver = "Head"
            tools = ["ChatGPT"]
            expires = "31/07/2026"⟨bad⟩
            """)
        #expect(PolicyFixtures.error(date.text) == "disclose-policy.toml:\(date["bad"]): key \"approvals.expires\": \"31/07/2026\" is not a date; write the last day the approval covers as YYYY-MM-DD, e.g. \"2026-07-31\"")
        let noScope = Marked("""
            [policy]
            id = "p"
            [[approvals]]⟨head⟩
            id = "A"
            approver = "Head"
            """)
        #expect(PolicyFixtures.error(noScope.text) == "disclose-policy.toml:\(noScope["head"]): key \"approvals.tools\" is missing; say what the approval covers with at least one of tools, purposes, people or tasks")
        let noApprover = Marked("""
            [policy]
            id = "p"
            [[approvals]]⟨head⟩
            id = "A"
            tools = ["ChatGPT"]
            """)
        #expect(PolicyFixtures.error(noApprover.text) == "disclose-policy.toml:\(noApprover["head"]): key \"approvals.approver\" is missing; say who approved the exception, e.g. approver = \"Headteacher\"")
        let task = Marked("""
            [policy]
            id = "p"
            [[approvals]]
            id = "A"
            approver = "Head"
            tasks = ["essay"]⟨bad⟩
            """)
        #expect(PolicyFixtures.error(task.text) == "disclose-policy.toml:\(task["bad"]): key \"approvals.tasks\": the task \"essay\" is not in the policy's [[tasks]]")
    }
}
