import DisclosureKit
import Testing

@Suite struct BannedPurposesTests {
    let rule = BannedPurposes()

    @Test func aBannedPurposeFailsWithThePolicysOwnMessage() throws {
        let policy = try RealPolicy.policy
        var d = RealPolicy.staff
        d.purposes = [.drafting, .deepfake]
        #expect(rule.check(d, context: RealPolicy.context(policy)) == [CheckResult(
            id: "policy.banned-purpose", status: .fail,
            message: "\"deepfake\": the trust never uses AI to read emotions or make likenesses of real people (section 6) (\(RealPolicy.cite("banned")))")])
    }

    @Test func noApprovalLiftsABan() throws {
        let policy = try PolicyFixtures.load("""
            [policy]
            id = "p"
            [[approvals]]
            id = "A"
            approver = "Head"
            purposes = ["emotion-recognition"]
            [[banned]]
            purposes = ["emotion-recognition", "other:Voice Cloning"]
            message = "never"
            """)
        var d = RealPolicy.staff
        d.purposes = [.emotionRecognition]
        d.approval = "A"
        #expect(rule.check(d, context: RealPolicy.context(policy)).first?.status == .fail)
        d.purposes = [.other("voice cloning")]
        #expect(rule.check(d, context: RealPolicy.context(policy)).first?.message == "\"other:voice cloning\": never (disclose-policy.toml:7)")
        d.purposes = [.drafting]
        #expect(rule.check(d, context: RealPolicy.context(policy)).first?.status == .pass)
    }

    @Test func writtenPurposesAreCheckedToo() throws {
        let policy = try RealPolicy.policy
        let written = RealPolicy.written(.used, tools: [("Snapchat My AI", "Snapchat My AI")], purposes: [("make a fake video of my teacher", .deepfake)])
        #expect(rule.check(nil, context: RealPolicy.context(policy, declarations: [written])).first?.status == .fail)
        #expect(rule.check(nil, context: RealPolicy.context(policy)).first?.status == .notApplicable)
    }

    @Test func bannedNeedsPurposesAndAMessage() {
        let noMessage = Marked("""
            [policy]
            id = "p"
            [[banned]]⟨head⟩
            purposes = ["deepfake"]
            """)
        #expect(PolicyFixtures.error(noMessage.text) == "disclose-policy.toml:\(noMessage["head"]): key \"banned.message\" is missing; give the policy's own words for why, e.g. message = \"The trust never uses AI to read pupils' emotions (section 4.2)\"")
        let unknown = Marked("""
            [policy]
            id = "p"
            [[banned]]
            purposes = ["deepfake"]
            message = "no"
            reason = "x"⟨bad⟩
            """)
        #expect(PolicyFixtures.error(unknown.text) == "disclose-policy.toml:\(unknown["bad"]): unknown key \"banned.reason\"; the keys allowed here are purposes, message. Check the spelling against docs/policy.md.")
    }
}
