@testable import DisclosureKit
import Foundation
import Testing

/// `--record-breach` in the library: refused by default with the way out named; recorded,
/// signed and reported by verify and policy check when asked for.
@Suite struct RecordBreachTests {
    func markdown() throws -> (String, String) {
        let folder = try Samples.temporaryFolder()
        let file = folder + "/essay.md"
        try Data("# Essay\n\nMy own words.\n".utf8).write(to: URL(fileURLWithPath: file))
        return (folder, file)
    }

    func chatGPT(_ policy: Policy, options: inout StampOptions, recordBreach: Bool) throws -> Disclosure {
        var d = PolicyFixtures.pupilDisclosure
        d.tools = [Tool(name: "ChatGPT")]
        try StampPolicy(policy: policy, recordBreach: recordBreach).configure(&d, options: &options, task: "y10-history-essay", role: "pupils")
        return d
    }

    @Test func refusalSaysHowToRecordTheTruthAnyway() throws {
        let (folder, file) = try markdown()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var policy = try PolicyFixtures.schoolPolicy
        policy.signature.required = false
        var options = StampOptions()
        let d = try chatGPT(policy, options: &options, recordBreach: false)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(throws: DisclosureError.policyViolation(path: file, rule: "policy.tool-authorised", detail:
            "\"ChatGPT\" is not on the policy's list of authorised tools (Gemini for Education, Microsoft 365 Copilot); policy.unlisted_tools = \"fail\", \(PolicyFixtures.cite("unlisted")). Nothing was written. " + StampPolicy.breachHint)) {
            try Stamper().stamp(path: file, disclosure: d, options: options)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    @Test func recordedBreachIsSignedAndReportedByVerifyAndPolicyCheck() throws {
        let (folder, file) = try markdown()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let policy = try PolicyFixtures.schoolPolicy
        let key = PrivateSigningKey.generate(.ed25519)
        var options = StampOptions()
        options.signer = try KeySigner(key: key)
        let d = try chatGPT(policy, options: &options, recordBreach: true)
        let result = try Stamper().stamp(path: file, disclosure: d, options: options)
        #expect(result.disclosure.policyOutcome == PolicyOutcome(policy: "oak-trust-ai", version: "2026.1", rules: ["tool-authorised"]))
        #expect(result.policyFailures.map(\.id) == ["policy.tool-authorised"])
        #expect(result.disclosure.signature != nil)

        let report = try Verifier().verify(path: file)
        let recorded = report.checks.first { $0.id == PolicyOutcome.checkID }
        #expect(recorded?.status == .fail)
        #expect(recorded?.message.contains("oak-trust-ai version 2026.1 (rules not met: tool-authorised)") == true)
        // The outcome is covered by the signature: changing it breaks the signature.
        let verifier = SignatureVerifier(trust: TrustStore(keys: [.init(key: key.publicKey, source: "test")]))
        #expect(verifier.verify(report.disclosure!).state == .signedTrusted)
        var tampered = report.disclosure!
        tampered.policyOutcome = nil
        #expect(verifier.verify(tampered).state == .signatureInvalid)

        let checked = try PolicyChecker(policy: policy).check(path: file)
        #expect(checked.results.map(\.id).contains(PolicyOutcome.checkID))
        #expect(checked.results.first { $0.id == "policy.tool-authorised" }?.status == .fail)
        #expect(!checked.passed)
    }

    @Test func reviewWithoutTheReviewerThePolicyRequiresIsReportedByTheRule() throws {
        let (folder, file) = try markdown()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = PolicyFixtures.school.text.replacingOccurrences(
            of: #"fields = ["tools", "purposes", "extent", "review", "declarant", "date", "role"]"#,
            with: #"fields = ["tools", "purposes", "extent", "review", "reviewer", "declarant", "date", "role"]"#)
        var policy = try PolicyFixtures.load(text)
        policy.signature.required = false
        var options = StampOptions()
        var d = PolicyFixtures.pupilDisclosure
        #expect(d.review.level == .edited && d.review.reviewer == nil)
        try StampPolicy(policy: policy).configure(&d, options: &options, task: "y10-history-essay", role: "pupils")
        #expect {
            try Stamper().stamp(path: file, disclosure: d, options: options)
        } throws: { error in
            guard case DisclosureError.policyViolation(_, let rule, let detail)? = error as? DisclosureError else { return false }
            return rule == "policy.required-fields" && detail.contains("reviewer (--reviewer)")
        }
        d.review.reviewer = "Ms Patel"
        #expect(try Stamper().stamp(path: file, disclosure: d, options: options).policyFailures.isEmpty)
    }

    @Test func outcomeIsLeftOutOfTheJSONWhenNil() throws {
        let json = try Samples.disclosure.canonicalJSONString()
        #expect(!json.contains("policyOutcome"))
        var d = Samples.disclosure
        d.policyOutcome = PolicyOutcome(policy: "p", version: "3", rules: ["tool-authorised"])
        #expect(try d.canonicalJSONString().contains(#""policyOutcome":{"policy":"p","result":"not-met","rules":["tool-authorised"],"version":"3"}"#))
        #expect(try Disclosure.decode(json: d.canonicalJSON(), path: "x") == d)
    }
}
