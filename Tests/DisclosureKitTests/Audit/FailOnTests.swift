import DisclosureKit
import Testing

@Suite struct FailOnTests {
    func report(_ statuses: [AuditStatus]) -> AuditReport {
        AuditReport(generatedAt: "2026-12-01T00:00:00Z", roots: ["."],
                    records: statuses.enumerated().map { AuditRecord(path: "f\($0.offset)", format: nil, status: $0.element) })
    }

    @Test func defaultFailsOnlyOnDisclosuresWithProblems() {
        #expect(FailOn.default.statuses == [.disclosedWithProblems])
        #expect(report([.undisclosed, .disclosedWithProblems]).matches(failOn: .default))
        #expect(!report([.undisclosed, .undisclosedWithSignals, .unreadable]).matches(failOn: .default))
    }

    @Test func noneNeverMatches() throws {
        #expect(try FailOn(parsing: "none") == .none)
        #expect(!report(AuditStatus.allCases).matches(failOn: .none))
    }

    @Test func parsesCommaSeparatedStatuses() throws {
        let gate = try FailOn(parsing: "unreadable, undisclosed-with-signals")
        #expect(gate.statuses == [.unreadable, .undisclosedWithSignals])
        #expect(gate.description == "undisclosed-with-signals,unreadable")
        #expect(report([.unreadable]).matches(failOn: gate))
        #expect(gate.matches([.unreadable: 1]))
        #expect(!gate.matches([.unreadable: 0, .undisclosed: 3]))
    }

    @Test func declaredOtherStillMeansEveryDeclaredStatus() throws {
        let gate = try FailOn(parsing: "declared-other,unreadable")
        #expect(gate.statuses == [.declaredNoAI, .declaredAIUse, .declaredUnclear, .unreadable])
        #expect(gate.description == "declared-no-ai,declared-ai-use,declared-unclear,unreadable")
        #expect(report([.declaredNoAI]).matches(failOn: gate))
        #expect(!report([.undisclosed]).matches(failOn: gate))
    }

    @Test func unknownStatusNamesTheValidOnes() {
        #expect(throws: DisclosureError.invalidInput("--fail-on: unknown status \"broken\"; use none or a comma-separated list of: disclosed-verified, disclosed-with-problems, declared-no-ai, declared-ai-use, declared-unclear, undisclosed-with-signals, undisclosed, unsupported, unreadable (declared-other means all three declared-* statuses).")) {
            try FailOn(parsing: "broken")
        }
    }
}
