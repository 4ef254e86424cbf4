import DisclosureKit
import Foundation
import Testing

/// After a failure, `verify` says what to do next: every failing check has a next step, kind and
/// never accusing, and a missing declaration on someone else's document is for its author to add.
@Suite struct NextStepTests {
    static let failingIDs = [CheckID.statementPresent, CheckID.metadataPresent, CheckID.metadataValid, CheckID.agreement,
                             CheckID.contentBinding, CheckID.statementVisible, CheckID.structure, CheckID.signature,
                             "policy.tool-authorised", "policy.declaration-required", "policy.task-level", "policy.some-future-rule"]

    @Test(arguments: failingIDs)
    func everyFailureHasAKindNextStep(id: CheckID) throws {
        let state = id == CheckID.signature ? SignatureState.signatureInvalid.rawValue : nil
        let step = try #require(CheckResult(id: id, status: .fail, message: "m", state: state).nextStep)
        #expect(step.count > 40, "a real sentence")
        for word in ["cheat", "dishonest", "misconduct", " lied", " lying ", "fraud", "plagiar", "tamper", "you must", "guilty"] {
            #expect(!step.lowercased().contains(word), "\(id): \(step)")
        }
        #expect(!step.contains("on their behalf") && !step.contains("for them"), "never declare for someone else")
    }

    @Test func passesAndNotApplicableHaveNone() {
        #expect(CheckResult(id: CheckID.statementPresent, status: .pass, message: "").nextStep == nil)
        #expect(CheckResult(id: CheckID.contentBinding, status: .notApplicable, message: "").nextStep == nil)
    }

    @Test func aMissingDeclarationIsForTheAuthor() throws {
        let step = try #require(CheckResult(id: CheckID.statementPresent, status: .fail, message: "").nextStep)
        #expect(step.contains("if it is someone else's, ask its author to add one"))
        #expect(step.contains("not in itself a sign that AI was used"))
        let policy = try #require(CheckResult(id: "policy.declaration-required", status: .fail, message: "").nextStep)
        #expect(policy.contains("ask its author"))
    }

    @Test func signatureStatesGetTheirOwnAdvice() throws {
        func step(_ state: SignatureState, _ status: CheckStatus) -> String? {
            CheckResult(id: CheckID.signature, status: status, message: "", state: state.rawValue).nextStep
        }
        #expect(try #require(step(.signedUntrusted, .warn)).contains("--trust"))
        #expect(try #require(step(.unsigned, .fail)).contains("--sign-key"))
        #expect(try #require(step(.signatureInvalid, .fail)).contains("sign it again"))
        #expect(step(.signedTrusted, .pass) == nil)
    }

    @Test func aPolicyWarningIsNotCalledAFailure() throws {
        let warn = try #require(CheckResult(id: "policy.tool-authorised", status: .warn, message: "").nextStep)
        let fail = try #require(CheckResult(id: "policy.tool-authorised", status: .fail, message: "").nextStep)
        #expect(warn.hasPrefix("the policy notes this without refusing it"))
        #expect(fail.contains("does not meet the policy rule quoted above") && fail.contains("the author can stamp again with the corrected facts"))
    }

    @Test func aWarningAboutFormattingSaysNothingNeedsDoing() throws {
        let step = try #require(CheckResult(id: CheckID.contentBinding, status: .warn, message: "").nextStep)
        #expect(step.hasPrefix("only formatting or other parts changed; nothing needs doing"))
    }
}
