import DisclosureKit
import Testing

/// The rules over declarations written in a document, with hand-built facts (the reader's
/// recall is tested where the reader lives).
@Suite struct WrittenDeclarationPolicyTests {
    let essay = "y10-history-essay"
    let byEye = "could not be read from the pupil's words; check by eye"

    var spelling: Declaration {
        RealPolicy.written(.used, tools: [("gemini", "Gemini")], purposes: [("check my spelling", .proofreading)],
                           words: "AI declaration: I used gemini to check my spelling")
    }

    @Test func aClearWrittenDeclarationMeetsDeclarationRequired() throws {
        let policy = try RealPolicy.policy
        let r = DeclarationRequired().check(nil, context: RealPolicy.context(policy, task: essay, declarations: [spelling]))
        #expect(r == [CheckResult(id: "policy.declaration-required", status: .pass,
                                  message: "the document carries a written declaration (\"AI declaration: I used gemini to check my spelling\")")])
        let none = RealPolicy.written(.none, words: "I didnt use any AI for this essay.")
        #expect(DeclarationRequired().check(nil, context: RealPolicy.context(policy, task: essay, declarations: [none])).first?.status == .pass)
    }

    @Test func anUnclearOrUnreadDeclarationWarnsToCheckByEye() throws {
        let policy = try RealPolicy.policy
        let unclear = RealPolicy.written(.unclear, confidence: .partial, words: "AI: see above")
        let r = DeclarationRequired().check(nil, context: RealPolicy.context(policy, task: essay, declarations: [unclear]))
        #expect(r == [CheckResult(id: "policy.declaration-required", status: .warn,
                                  message: "the document carries a declaration (\"AI: see above\"), but whether AI was used \(byEye); the policy asks for a declaration for the task \"y10-history-essay\" (\(RealPolicy.cite("essay")))")])
        let unread = Declaration(kind: "w3c-meta", location: Location(part: "head"), quote: "ai-disclosure: ai-assisted", explanation: "a W3C label")
        #expect(DeclarationRequired().check(nil, context: RealPolicy.context(policy, task: essay, declarations: [unread])).first?.status == .warn)
    }

    @Test func noDeclarationAdvisesAskingTheAuthorNeverStamping() throws {
        let policy = try RealPolicy.policy
        let r = DeclarationRequired().check(nil, context: RealPolicy.context(policy, task: essay))
        #expect(r.first?.status == .fail)
        #expect(r.first?.message == "this file carries no AI-use declaration, and the policy asks for one for the task \"y10-history-essay\", even when no AI was used (\(RealPolicy.cite("essay"))); ask the author to add one (a declaration that no AI was used counts)")
        for rule in PolicyCheck.rules {
            for result in rule.init().check(nil, context: RealPolicy.context(policy, task: essay, metadataFound: true)) {
                #expect(!result.message.contains("disclose stamp"), "\(result.id): \(result.message)")
            }
        }
    }

    @Test func writtenToolsArecheckedAsRead() throws {
        let policy = try RealPolicy.policy
        let listed = ToolAuthorised().check(nil, context: RealPolicy.context(policy, declarations: [spelling]))
        #expect(listed == [CheckResult(id: "policy.tool-authorised", status: .pass,
                                       message: "every tool the written declaration names is authorised (Gemini for Education, \(RealPolicy.cite("gemini")))")])
        let chatGPT = RealPolicy.written(.used, tools: [("chat gpt", "ChatGPT")], purposes: [("plan my essay", .ideaGeneration)])
        let unlisted = ToolAuthorised().check(nil, context: RealPolicy.context(policy, declarations: [chatGPT]))
        #expect(unlisted.first?.status == .fail)
        #expect(unlisted.first?.message == "\"ChatGPT\" is not on the policy's list of authorised tools (Oak MIS Assistant, Gemini for Education); policy.unlisted_tools = \"fail\", \(RealPolicy.cite("unlisted"))")
        let unknown = RealPolicy.written(.used, tools: [("the school bot", nil)], confidence: .partial)
        #expect(ToolAuthorised().check(nil, context: RealPolicy.context(policy, declarations: [unknown])) == [CheckResult(
            id: "policy.tool-authorised", status: .warn, message: "\"the school bot\" \(byEye): not recognised as a tool the policy lists")])
        let noAI = RealPolicy.written(.none, words: "No AI was used")
        #expect(ToolAuthorised().check(nil, context: RealPolicy.context(policy, declarations: [noAI])).first?.status == .notApplicable)
    }

    @Test func writtenPurposesAreCheckedAsMapped() throws {
        let policy = try RealPolicy.policy
        #expect(PurposeAuthorised().check(nil, context: RealPolicy.context(policy, declarations: [spelling])).first?.status == .pass)
        let drafting = RealPolicy.written(.used, tools: [("Gemini", "Gemini")], purposes: [("write my introduction", .drafting)])
        #expect(PurposeAuthorised().check(nil, context: RealPolicy.context(policy, declarations: [drafting])).first == CheckResult(
            id: "policy.purpose-authorised", status: .fail,
            message: "\"drafting\" is not an authorised purpose for the declared tools: Gemini for Education is authorised for research, idea-generation, proofreading (\(RealPolicy.cite("gemini")))"))
        let words = RealPolicy.written(.used, tools: [("Gemini", "Gemini")], purposes: [("make it sound better", nil)], confidence: .partial)
        #expect(PurposeAuthorised().check(nil, context: RealPolicy.context(policy, declarations: [words])).first == CheckResult(
            id: "policy.purpose-authorised", status: .warn, message: "\"make it sound better\" \(byEye): not a purpose the policy names"))
    }

    @Test func writtenDeclarationsAgainstTheTask() throws {
        let policy = try RealPolicy.policy
        let pass = TaskLevel().check(nil, context: RealPolicy.context(policy, task: essay, declarations: [
            RealPolicy.written(.used, tools: [("Gemini", "Gemini")], purposes: [("plan my essay", .ideaGeneration)])]))
        #expect(pass.first?.status == .pass)
        #expect(pass.first?.message == "the written declaration's purposes are within what the task \"y10-history-essay\" (AIAS level 2 (AI Planning)) allows (\(RealPolicy.cite("essay"))); the extent of use is not stated in words")
        let exam = TaskLevel().check(nil, context: RealPolicy.context(policy, task: "y11-exam", declarations: [spelling]))
        #expect(exam.first?.status == .fail)
        #expect(exam.first?.message.hasPrefix("the task \"y11-exam\" (AIAS level 1 (No AI)) allows no AI use, and the written declaration says AI was used") == true)
        let partial = TaskLevel().check(nil, context: RealPolicy.context(policy, task: essay, declarations: [
            RealPolicy.written(.used, tools: [("Gemini", "Gemini")], purposes: [("help", nil)], confidence: .partial)]))
        #expect(partial.first?.status == .warn)
        #expect(partial.first?.message.contains(byEye) == true)
        #expect(TaskLevel().check(nil, context: RealPolicy.context(policy, declarations: [spelling])).first?.status == .notApplicable)
    }

    @Test func rulesAboutOurOwnFieldsSayTheyWereNotChecked() throws {
        let policy = try RealPolicy.policy
        let r = RequiredFields().check(nil, context: RealPolicy.context(policy, declarations: [spelling]))
        #expect(r == [CheckResult(id: "policy.required-fields", status: .notApplicable, message: "not something a written declaration records, so not checked")])
    }

    @Test func mergedFactsFromSeveralDeclarations() {
        let a = RealPolicy.written(.none, words: "I confirm this is my own work")
        let b = RealPolicy.written(.used, tools: [("Grammarly", "Grammarly")], purposes: [("fix my grammer", .proofreading)])
        let merged = WrittenFacts([a, b, b])
        #expect(merged?.aiUse == .used)
        #expect(merged?.tools.map(\.name) == ["Grammarly"])
        #expect(merged?.isClear == true)
        #expect(WrittenFacts([]) == nil)
    }
}
