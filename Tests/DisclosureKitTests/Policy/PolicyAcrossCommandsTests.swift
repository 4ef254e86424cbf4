import DisclosureKit
import Foundation
import Testing

/// The policy gives one answer in the audit and in verify: written declarations (here with
/// hand-built facts, planted by a stand-in scanner) are read, and undeclared files are held
/// against the task too.
@Suite struct PolicyAcrossCommandsTests {
    static let essay = "y10-history-essay"

    /// Planted declarations: `PLANT-GEMINI` (clear: Gemini for research), `PLANT-CHATGPT` (clear: ChatGPT for research).
    static let scan: EvidenceScan = { input in
        let text = String(decoding: input.raw, as: UTF8.self)
        var evidence = Evidence()
        for (marker, tool) in [("PLANT-GEMINI", "Gemini"), ("PLANT-CHATGPT", "ChatGPT")] where text.contains(marker) {
            evidence.declarations.append(RealPolicy.written(.used, tools: [(tool.lowercased(), tool)], purposes: [("find sources", .research)],
                                                            words: "AI declaration: I used \(tool) to find sources"))
        }
        return evidence
    }

    func statuses(_ policy: Policy, task: String?, in folder: AuditFolder) -> [String: [String: CheckStatus]] {
        var options = AuditOptions(jobs: 2)
        options.apply(policy: policy, trust: TrustSettings(), signatureCheck: SignatureCheck(reportUnsigned: false), task: task)
        let (report, _) = Auditor(options: options, scan: PolicyAcrossCommandsTests.scan).audit([folder.root])
        var out: [String: [String: CheckStatus]] = [:]
        for record in report.records {
            let name = (record.path as NSString).lastPathComponent
            out[name] = Dictionary(uniqueKeysWithValues: record.checks.map { ($0.id.rawValue, $0.status) })
        }
        return out
    }

    @Test func auditAppliesThePolicyToEveryFileAndReadsWrittenFacts() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        _ = try folder.write("silent.md", "# Essay\n\nAlliances and militarism.\n")
        _ = try folder.write("gemini.md", "# Essay\n\nAlliances.\n\nPLANT-GEMINI\n")
        _ = try folder.write("chatgpt.md", "# Essay\n\nAlliances.\n\nPLANT-CHATGPT\n")
        let policy = try RealPolicy.policy
        let checks = statuses(policy, task: PolicyAcrossCommandsTests.essay, in: folder)
        #expect(checks["silent.md"]?["policy.declaration-required"] == .fail)
        #expect(checks["silent.md"]?["statement-present"] == nil, "undeclared files get the policy's checks, not verify's")
        #expect(checks["gemini.md"]?["policy.declaration-required"] == .pass)
        #expect(checks["gemini.md"]?["policy.tool-authorised"] == .pass)
        #expect(checks["gemini.md"]?["policy.task-level"] == .pass)
        #expect(checks["chatgpt.md"]?["policy.tool-authorised"] == .fail)
        let withoutTask = statuses(policy, task: nil, in: folder)
        #expect(withoutTask["silent.md"]?["policy.declaration-required"] == .pass, "the policy requires declarations only for the task")
    }

    @Test func verifyTakesDeclarationsFromTheCallerOrScansForThem() throws {
        let policy = try RealPolicy.policy
        let text = "# Essay\n\nAlliances.\n\n## AI declaration\n\nNo AI tools were used in this work.\n"
        let data = Data(text.utf8)
        let loader = DocumentLoader()
        let document = try loader.handler(for: "essay.md", data: data).open(DocumentInput(data: data, path: "essay.md", limits: loader.limits))
        let verifier = Verifier(additionalChecks: [PolicyCheck(policy: policy, expectedTask: PolicyAcrossCommandsTests.essay)])
        func rule(_ report: VerificationReport) -> CheckResult? { report.checks.first { $0.id == "policy.declaration-required" } }

        let given = try verifier.verify(document: document, path: "essay.md", raw: data, declarations: [RealPolicy.written(.none, words: "No AI tools were used")])
        #expect(rule(given)?.status == .pass)
        #expect(rule(given)?.message == "the document carries a written declaration (\"No AI tools were used\")")
        let none = try verifier.verify(document: document, path: "essay.md", raw: data, declarations: [])
        #expect(rule(none)?.status == .fail)
        let scanned = try verifier.verify(document: document, path: "essay.md", raw: data)
        #expect(rule(scanned)?.status != .fail, "the scanner finds the written declaration")
        #expect(rule(scanned)?.message.hasPrefix("the document carries ") == true)
    }
}
