import DisclosureKit
import Foundation

/// A policy using the keys real UK AI policies need (per-role purposes, data classes, DPIA,
/// approvals, banned purposes, contact, review levels); markers name the lines rules cite.
enum RealPolicy {
    static let marked = Marked("""
        [policy]
        id = "oak-trust-ai"
        version = "2026.2"
        roles = ["staff", "pupils"]
        unlisted_tools = "fail"⟨unlisted⟩
        contact = "ai-questions@oak.sch.uk"⟨contact⟩

        [declaration]
        fields = ["tools", "purposes", "extent", "declarant", "date"]
        review_levels = ["accuracy-and-bias-checked"]⟨review⟩

        [[tools]]⟨mis⟩
        name = "Oak MIS Assistant"
        aliases = ["MIS AI"]
        users = ["staff", "pupils"]
        purposes = ["drafting", "lesson-planning", "research", "summarising", "idea-generation", "coding"]
        role_purposes = { pupils = ["drafting", "research", "summarising", "idea-generation"] }⟨rolep⟩
        data_classes = ["public", "internal", "personal"]
        dpia = "DPIA-2025-014"
        approver = "Data Protection Officer"

        [[tools]]⟨gemini⟩
        name = "Gemini for Education"
        aliases = ["Gemini"]
        purposes = ["research", "idea-generation", "proofreading"]
        data_classes = ["public"]

        [[tasks]]⟨essay⟩
        id = "y10-history-essay"
        level = 2
        declaration_required = true

        [[tasks]]⟨exam⟩
        id = "y11-exam"
        level = 1

        [[approvals]]⟨ex⟩
        id = "EX-2026-003"
        tools = ["ChatGPT"]
        purposes = ["coding"]
        people = ["Sam Patel"]
        approver = "Headteacher"
        expires = "2026-07-31"
        note = "Computing club starter code"

        [[approvals]]⟨ex2⟩
        id = "EX-2026-004"
        purposes = ["coding"]
        tasks = ["y10-history-essay"]
        approver = "Head of History"

        [[banned]]⟨banned⟩
        purposes = ["emotion-recognition", "deepfake"]
        message = "the trust never uses AI to read emotions or make likenesses of real people (section 6)"
        """)

    static var policy: Policy { get throws { try PolicyFixtures.load(marked.text) } }

    /// "disclose-policy.toml:N" for the line marked `name`.
    static func cite(_ name: String) -> String { "disclose-policy.toml:\(marked[name])" }

    /// A staff declaration within the policy.
    static var staff: Disclosure {
        Disclosure(
            tools: [Tool(name: "Oak MIS Assistant", dpia: "DPIA-2025-014")], purposes: [.coding], extent: .partial,
            review: Review(level: .accuracyAndBiasChecked, reviewer: "J. Smith"), declarant: "Sam Patel", date: "2026-03-02",
            policy: PolicyReference(id: "oak-trust-ai", version: "2026.2", role: "staff"),
            statement: "AI use disclosure: … Questions or complaints about AI use: ai-questions@oak.sch.uk.",
            dataClasses: [.internal])
    }

    /// A written declaration with hand-built facts.
    static func written(_ aiUse: DeclarationFacts.AIUse, tools: [(String, String?)] = [], purposes: [(String, Purpose?)] = [],
                        confidence: DeclarationFacts.Confidence = .clear, words: String = "AI declaration: I used ChatGPT to check my spelling") -> Declaration {
        Declaration(kind: "written-statement", location: Location(part: "body", paragraph: 12), quote: words,
                    explanation: "a declaration written in the document",
                    facts: DeclarationFacts(aiUse: aiUse, tools: tools.map { .init(asWritten: $0.0, canonical: $0.1) },
                                            purposes: purposes.map { .init(asWritten: $0.0, purpose: $0.1) },
                                            confidence: confidence, words: words))
    }

    static func context(_ policy: Policy, task: String? = nil, declarations: [Declaration] = [], stage: PolicyStage = .verify,
                        metadataFound: Bool = false) -> PolicyContext {
        PolicyContext(policy: policy, path: "essay.docx", stage: stage, expectedTask: task, statementFound: false,
                      metadataFound: metadataFound, declarations: declarations)
    }
}
