import DisclosureKit
import Foundation
import Testing

/// The policy through `Stamper` (refusal, nothing written) and `Verifier` (one check per rule).
@Suite struct PolicyCheckTests {
    struct FakeSignatureCheck: VerificationCheck {
        var state: SignatureState
        func run(_ context: VerificationContext) -> [CheckResult] {
            [CheckResult(id: CheckID.signature, status: .pass, message: "fake", state: state.rawValue)]
        }
    }

    func markdown() throws -> (folder: String, file: String) {
        let folder = try Samples.temporaryFolder()
        let file = folder + "/essay.md"
        try "# The causes of the First World War\n\nAn essay in three parts.\n".write(toFile: file, atomically: true, encoding: .utf8)
        return (folder, file)
    }

    @Test func stampRefusalNamesRuleAndLineAndWritesNothing() throws {
        let (folder, file) = try markdown()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let policy = try PolicyFixtures.load(PolicyFixtures.school.text)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        var d = policy.prepare(PolicyFixtures.pupilDisclosure, task: "y10-history-essay", role: "pupils")
        d.tools = [Tool(name: "ChatGPT")]
        let approval = PolicyApproval(policy: policy)
        let options = StampOptions(approvals: [approval.approve])
        #expect(throws: DisclosureError.policyViolation(path: file, rule: "policy.tool-authorised", detail:
            "\"ChatGPT\" is not on the policy's list of authorised tools (Gemini for Education, Microsoft 365 Copilot); policy.unlisted_tools = \"fail\", \(PolicyFixtures.cite("unlisted")). Also not met: policy.signature-required. Nothing was written.")) {
            try Stamper().stamp(path: file, disclosure: d, options: options)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    @Test func stampedUnderThePolicyRecordsTaskAndRoleAndVerifies() throws {
        let (folder, file) = try markdown()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var policy = try PolicyFixtures.load(PolicyFixtures.school.text)
        policy.signature.required = false
        let d = policy.prepare(Disclosure(tools: [Tool(name: "Gemini")], purposes: [.research], extent: .minorEdits,
                                          review: Review(level: .edited), declarant: "Pupil 7Y-12", date: "2026-11-25"),
                               task: "y10-history-essay", role: "pupils")
        let approval = PolicyApproval(policy: policy)
        let result = try Stamper().stamp(path: file, disclosure: d, options: StampOptions(approvals: [approval.approve]))
        #expect(result.disclosure.policy == PolicyReference(id: "oak-trust-ai", version: "2026.1", task: "y10-history-essay", role: "pupils"))
        #expect(approval.warnings.isEmpty)

        let report = try Verifier(additionalChecks: [PolicyCheck(policy: policy)]).verify(path: file)
        let policyChecks = report.checks.filter { $0.id.hasPrefix("policy.") }
        #expect(policyChecks.map(\.id) == PolicyCheck.rules.map { $0.checkID })
        #expect(policyChecks.filter { $0.status == .fail }.isEmpty, "\(policyChecks)")
        #expect(report.passed)
    }

    @Test func signatureRuleReadsTheEarlierSignatureCheck() throws {
        let (folder, file) = try markdown()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let policy = try PolicyFixtures.load(PolicyFixtures.school.text)
        let d = policy.prepare(PolicyFixtures.pupilDisclosure)
        _ = try Stamper().stamp(path: file, disclosure: d)
        for (state, status) in [(SignatureState.signedTrusted, CheckStatus.pass), (.signedUntrusted, .fail)] {
            let checker = PolicyChecker(policy: policy, earlierChecks: [FakeSignatureCheck(state: state)])
            let report = try checker.check(path: file)
            #expect(report.results.first { $0.id == "policy.signature-required" }?.status == status)
        }
        let unchecked = try PolicyChecker(policy: policy).check(path: file)
        #expect(unchecked.results.first { $0.id == "policy.signature-required" }?.message ==
            "the policy requires every disclosure to be signed (\(PolicyFixtures.cite("signature"))), and this one is not")
        #expect(!unchecked.passed)
    }

    @Test func unstampedFileFailsOnlyWhenADeclarationIsRequired() throws {
        let (folder, file) = try markdown()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let policy = try PolicyFixtures.load(PolicyFixtures.school.text)
        let free = try PolicyChecker(policy: policy).check(path: file)
        #expect(free.passed)
        let essay = try PolicyChecker(policy: policy, expectedTask: "y10-history-essay").check(path: file)
        #expect(!essay.passed)
        #expect(essay.results.filter { $0.status == .fail }.map(\.id) == ["policy.declaration-required"])
    }

    @Test func referenceWithoutTaskAndRoleEncodesAsBefore() throws {
        var d = Samples.disclosure
        d.policy = PolicyReference(id: "p", version: "1")
        #expect(try d.canonicalJSONString().contains(#""policy":{"id":"p","version":"1"}"#))
        d.policy = PolicyReference(id: "p", task: "t", role: "pupils")
        let json = try d.canonicalJSONString()
        #expect(json.contains(#""policy":{"id":"p","role":"pupils","task":"t"}"#))
        #expect(try Disclosure.decode(json: Data(json.utf8), path: "x").policy == d.policy)
    }
}
