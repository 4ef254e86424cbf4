import DisclosureKit
import Testing

@Suite struct SignatureRequiredTests {
    let rule = SignatureRequired()
    let signature = DisclosureSignature(algorithm: "ed25519", keyID: "ab", value: "c2ln")

    func signatureCheck(_ state: SignatureState) -> CheckResult {
        CheckResult(id: CheckID.signature, status: state == .signedTrusted ? .pass : .fail, message: "", state: state.rawValue)
    }

    @Test func readsTheSignatureCheckState() throws {
        let policy = try PolicyFixtures.schoolPolicy
        let d = PolicyFixtures.pupilDisclosure
        let cite = PolicyFixtures.cite("signature")
        let expected: [SignatureState: (CheckStatus, String)] = [
            .signedTrusted: (.pass, "signed with a trusted key, as the policy requires"),
            .signedUntrusted: (.fail, "the policy requires a signature from a trusted key (\(cite)); this one is valid, but its key is not among the trusted keys"),
            .signatureInvalid: (.fail, "the policy requires a valid signature (\(cite)); this one does not match the disclosure or cannot be checked"),
            .unsigned: (.fail, "the policy requires every disclosure to be signed (\(cite)), and this one is not"),
        ]
        for (state, (status, message)) in expected {
            let r = rule.check(d, context: PolicyFixtures.context(policy, earlier: [signatureCheck(state)]))
            #expect(r == [CheckResult(id: "policy.signature-required", status: status, message: message)], "\(state)")
        }
    }

    @Test func withoutTheSignatureCheckItSaysTrustWasNotChecked() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        d.signature = signature
        let r = rule.check(d, context: PolicyFixtures.context(policy))
        #expect(r.first?.status == .warn)
        #expect(r.first?.message == "the disclosure is signed, but the signature was not checked against trusted keys (give --trust)")
        d.signature = nil
        #expect(rule.check(d, context: PolicyFixtures.context(policy)).first?.status == .fail)
    }

    @Test func atStampTimeAnUnsignedDisclosureIsRefused() throws {
        let policy = try PolicyFixtures.schoolPolicy
        var d = PolicyFixtures.pupilDisclosure
        #expect(rule.check(d, context: PolicyFixtures.context(policy, stage: .stamp)).first?.message ==
            "the policy requires every disclosure to be signed (\(PolicyFixtures.cite("signature"))); give a signing key with --sign-key")
        d.signature = signature
        #expect(rule.check(d, context: PolicyFixtures.context(policy, stage: .stamp)).first?.status == .pass)
        let optional = try PolicyFixtures.load("[policy]\nid = \"p\"\n")
        #expect(rule.check(nil, context: PolicyFixtures.context(optional)).first?.status == .notApplicable)
        #expect(rule.check(d, context: PolicyFixtures.context(optional)).first?.message == "the policy does not require a signature")
    }
}
