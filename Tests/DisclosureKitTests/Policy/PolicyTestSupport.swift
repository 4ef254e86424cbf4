import DisclosureKit
import Foundation

/// Policy text with position markers: `⟨name⟩` anywhere on a line records that line
/// under `name` and is removed, so tests can say "the error is on the line marked ⟨dup⟩".
struct Marked {
    let text: String
    let lines: [String: Int]

    init(_ source: String) {
        var out: [String] = []
        var found: [String: Int] = [:]
        for (i, line) in source.components(separatedBy: "\n").enumerated() {
            var line = line
            while let open = line.range(of: "⟨"), let close = line.range(of: "⟩", range: open.upperBound..<line.endIndex) {
                found[String(line[open.upperBound..<close.lowerBound])] = i + 1
                line.removeSubrange(open.lowerBound..<close.upperBound)
            }
            out.append(line)
        }
        text = out.joined(separator: "\n")
        lines = found
    }

    /// The line marked `name`.
    subscript(name: String) -> Int { lines[name] ?? -1 }
}

enum PolicyFixtures {
    static let path = "disclose-policy.toml"

    /// Loads policy text as if from `disclose-policy.toml`.
    static func load(_ text: String, path: String = path) throws -> Policy {
        try PolicyLoader().load(data: Data(text.utf8), path: path)
    }

    /// The error loading `text` gives, as its message; nil when it loads.
    static func error(_ text: String) -> String? {
        do { _ = try load(text); return nil } catch { return "\(error)" }
    }

    /// A small school policy used by the rule tests; markers name the lines rules cite.
    static let school = Marked("""
        [policy]
        id = "oak-trust-ai"
        version = "2026.1"
        roles = ["staff", "pupils"]⟨roles⟩
        unlisted_tools = "fail"⟨unlisted⟩

        [declaration]
        required = false⟨required⟩
        fields = ["tools", "purposes", "extent", "review", "declarant", "date", "role"]⟨fields⟩

        [[tools]]⟨gemini⟩
        name = "Gemini for Education"
        aliases = ["Gemini"]
        purposes = ["research", "idea-generation", "feedback"]
        users = ["staff", "pupils"]

        [[tools]]⟨copilot⟩
        name = "Microsoft 365 Copilot"
        purposes = ["drafting", "summarising", "lesson-planning"]
        users = ["staff"]

        [[tasks]]⟨essay⟩
        id = "y10-history-essay"
        level = 2
        roles = ["pupils"]
        declaration_required = true

        [[tasks]]⟨epq⟩
        id = "y12-epq"
        level = 3

        [[tasks]]⟨exam⟩
        id = "y11-exam"
        level = 1

        [statement]
        required_from = "partial"⟨from⟩
        exempt_review_levels = ["fact-checked"]⟨exempt⟩

        [signature]
        required = true⟨signature⟩
        """)

    static var schoolPolicy: Policy { get throws { try load(school.text) } }

    /// A pupil's declaration for the history essay, within the policy.
    static var pupilDisclosure: Disclosure {
        Disclosure(
            tools: [Tool(name: "Gemini")], purposes: [.research, .ideaGeneration], extent: .minorEdits,
            review: Review(level: .edited), declarant: "Pupil 7Y-12", date: "2026-11-25",
            policy: PolicyReference(id: "oak-trust-ai", version: "2026.1", task: "y10-history-essay", role: "pupils"))
    }

    static func context(_ policy: Policy, stage: PolicyStage = .verify, task: String? = nil, statementFound: Bool = true,
                        metadataFound: Bool = true, earlier: [CheckResult] = []) -> PolicyContext {
        PolicyContext(policy: policy, path: "essay.md", stage: stage, expectedTask: task, statementFound: statementFound,
                      metadataFound: metadataFound, earlier: earlier)
    }

    /// "disclose-policy.toml:N" for the line marked `name` in ``school``.
    static func cite(_ name: String) -> String { "disclose-policy.toml:\(school[name])" }
}
