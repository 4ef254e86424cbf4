import DisclosureKit
import Foundation
import Testing

/// Every combination of the declaration's optional facts, rendered: each given fact appears,
/// no missing fact leaves punctuation behind, and the policy is named by its human name.
@Suite struct StatementWordingMatrixTests {
    enum PolicyCase: String, CaseIterable {
        case absent, idOnly, idAndVersion, namedWithVersion, namedWithoutVersion, namedOtherPolicy
    }

    struct Case: CustomStringConvertible {
        var declarant: String
        var organisation: String?
        var date: String
        var policy: PolicyCase
        var extent: Extent
        var note: String?
        var description: String { "declarant=\(declarant.isEmpty ? "-" : declarant) org=\(organisation ?? "nil") date=\(date.isEmpty ? "-" : date) policy=\(policy.rawValue) extent=\(extent.rawValue) note=\(note ?? "nil")" }
    }

    static let cases: [Case] = {
        var out: [Case] = []
        for declarant in ["Jane Smith", "", "  "] {
            for organisation in ["Example University", nil, ""] as [String?] {
                for date in ["2026-12-04", ""] {
                    for policy in PolicyCase.allCases {
                        for extent in [Extent.partial, .none] {
                            for note in [nil, "Figures checked by hand"] as [String?] {
                                out.append(Case(declarant: declarant, organisation: organisation, date: date, policy: policy, extent: extent, note: note))
                            }
                        }
                    }
                }
            }
        }
        return out
    }()

    static func render(_ c: Case) -> String {
        var d = Disclosure(tools: c.extent == .none ? [] : [Tool(name: "Microsoft 365 Copilot")], purposes: c.extent == .none ? [] : [.drafting],
                           extent: c.extent, review: Review(level: c.extent == .none ? .none : .edited), declarant: c.declarant,
                           organisation: c.organisation, date: c.date, note: c.note)
        let named = StatementPolicy(id: "example-university-genai", name: "Example University Generative AI Policy")
        switch c.policy {
        case .absent: break
        case .idOnly: d.policy = PolicyReference(id: "example-university-genai")
        case .idAndVersion, .namedWithVersion, .namedOtherPolicy: d.policy = PolicyReference(id: "example-university-genai", version: "3")
        case .namedWithoutVersion: d.policy = PolicyReference(id: "example-university-genai")
        }
        let renderer: StatementRenderer
        switch c.policy {
        case .namedWithVersion, .namedWithoutVersion: renderer = StatementRenderer(policy: named)
        case .namedOtherPolicy: renderer = StatementRenderer(policy: StatementPolicy(id: "another-policy", name: "Another Policy"))
        default: renderer = StatementRenderer()
        }
        return renderer.render(d)
    }

    @Test func matrixHasEveryCombination() {
        // 3 declarants × 3 organisations × 2 dates × 6 policy cases × 2 extents × 2 notes.
        #expect(Self.cases.count == 432)
    }

    @Test(arguments: cases)
    func noStrayPunctuation(_ c: Case) {
        let text = Self.render(c)
        for bad in [" ,", ",,", ", .", ",.", " .", "..", "  ", "()", "( ", " )", ", on", ", under", "by on", "by under", "by .", "Declared."] {
            #expect(!text.contains(bad), "\(c): \"\(bad)\" in: \(text)")
        }
        #expect(text.hasSuffix("."), "\(c): \(text)")
        #expect(text.filter { $0 == "(" }.count == text.filter { $0 == ")" }.count, "\(c): \(text)")
    }

    @Test(arguments: cases)
    func everyGivenFactAppearsAndNoMissingOne(_ c: Case) {
        let text = Self.render(c)
        let hasDeclarant = !c.declarant.trimmingCharacters(in: .whitespaces).isEmpty
        let hasOrganisation = !(c.organisation ?? "").isEmpty
        #expect(text.contains("Declared by Jane Smith") == hasDeclarant, "\(c): \(text)")
        #expect(text.contains("Example University") == (hasOrganisation || c.policy == .namedWithVersion || c.policy == .namedWithoutVersion), "\(c): \(text)")
        if hasDeclarant && hasOrganisation { #expect(text.contains("Declared by Jane Smith (Example University)"), "\(c): \(text)") }
        if !hasDeclarant && hasOrganisation { #expect(text.contains("Declared by Example University"), "\(c): \(text)") }
        #expect(text.contains(" on 4 December 2026") == !c.date.isEmpty, "\(c): \(text)")
        switch c.policy {
        case .absent: #expect(!text.contains("under"), "\(c): \(text)")
        case .idOnly: #expect(text.contains("under policy example-university-genai.") || text.contains("under policy example-university-genai "), "\(c): \(text)")
        case .idAndVersion, .namedOtherPolicy: #expect(text.contains("under policy example-university-genai, version 3."), "\(c): \(text)")
        case .namedWithVersion: #expect(text.contains("under the Example University Generative AI Policy, version 3."), "\(c): \(text)")
        case .namedWithoutVersion: #expect(text.contains("under the Example University Generative AI Policy.") && !text.contains("version"), "\(c): \(text)")
        }
        #expect(!text.contains("example-university-genai") || !(c.policy == .namedWithVersion || c.policy == .namedWithoutVersion), "\(c): the machine id is replaced by the name")
        #expect(text.contains("Note: Figures checked by hand.") == (c.note != nil), "\(c): \(text)")
        let nothingDeclared = !hasDeclarant && !hasOrganisation && c.date.isEmpty && c.policy == .absent
        #expect(text.contains("Declared") == !nothingDeclared, "\(c): \(text)")
    }

    @Test func theIssuesExampleReadsAsAsked() {
        var d = Samples.disclosure
        d.date = "2026-12-04"
        d.policy = PolicyReference(id: "example-university-genai", version: "3")
        let named = StatementRenderer(policy: StatementPolicy(id: "example-university-genai", name: "Example University Generative AI Policy"))
        #expect(named.render(d).hasSuffix("Declared by Jane Smith (Example University) on 4 December 2026 under the Example University Generative AI Policy, version 3."))
        d.organisation = nil
        #expect(named.render(d).hasSuffix("Declared by Jane Smith on 4 December 2026 under the Example University Generative AI Policy, version 3."))
    }

    @Test func aNameStartingWithTheIsNotDoubled() {
        var d = Samples.disclosure
        d.policy = PolicyReference(id: "p", version: "1")
        let text = StatementRenderer(policy: StatementPolicy(id: "p", name: "The Oak Trust AI Policy")).render(d)
        #expect(text.contains("under The Oak Trust AI Policy, version 1."))
    }

    @Test func templateNamesThePolicyAndANoAIDeclarationKeepsTheDefaultWording() throws {
        let r = try StatementRenderer(template: "AI: {{tools}}/{{purposes}}/{{extent}}/{{review}}/{{declarant}}/{{date}} under {{policy}}", policy: StatementPolicy(id: "p", name: "P Policy"))
        var d = Samples.disclosure
        d.policy = PolicyReference(id: "p", version: "2")
        #expect(r.render(d).hasSuffix("under the P Policy, version 2"))
        var none = Samples.noAI
        none.policy = d.policy
        #expect(r.render(none) == "AI use disclosure: No AI tools were used in making this document. Declared by Pupil 7Y-12 on 25 November 2026 under the P Policy, version 2.")
    }
}

/// Statements are tagged only with a language they are written in.
@Suite struct StatementLanguageTests {
    @Test(arguments: ["en", "en-GB", "en-US", "EN-gb", "en-IE"])
    func englishTagsAreAccepted(tag: String) throws {
        #expect(StatementLanguage.isSupported(tag))
        try StatementLanguage.check(tag)
    }

    @Test(arguments: ["cy", "cy-GB", "fr", "ga", "english", "", "en GB", "e"])
    func otherTagsAreRefused(tag: String) {
        #expect(!StatementLanguage.isSupported(tag))
        #expect(throws: DisclosureError.self) { try StatementLanguage.check(tag) }
    }

    @Test func theRefusalNamesTheTagTheSupportedOnesAndTheTemplateLimit() {
        #expect(throws: DisclosureError.invalidInput(
            "--language: the statement would be tagged \"cy\", but Disclose writes statements only in English, so the tag would be untrue (a screen reader would read the English words in the wrong language). Supported: English (en, en-GB, en-US, en-IE, en-AU, or any other en-… tag). Leave out the language to use en-GB. A custom --template may change the wording, but the facts it fills in (purposes, extent, review, date) are English phrases, so it cannot make a statement in another language either.")) {
            try StatementLanguage.check("cy")
        }
    }

    @Test func stampingRefusesWelshBeforeWritingAnything() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/page.md"
        try Data("# Title\n\nText.\n".utf8).write(to: URL(fileURLWithPath: path))
        var d = Samples.disclosure
        d.language = "cy"
        #expect(throws: DisclosureError.self) { try Stamper().stamp(path: path, disclosure: d) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# Title\n\nText.\n")
    }
}
