@testable import DisclosureKit
import Foundation
import Testing

/// The W3C `ai-disclosure` value: the final report's three values, from the extent and the review.
@Suite struct W3CDisclosureValueTests {
    static func disclosure(_ extent: Extent, _ review: ReviewLevel) -> Disclosure {
        Disclosure(tools: extent == .none ? [] : [Tool(name: "ChatGPT")], purposes: extent == .none ? [] : [.drafting], extent: extent,
                   review: Review(level: review), declarant: "A", date: "2026-12-04")
    }

    @Test(arguments: Extent.allCases, ReviewLevel.allCases)
    func valueFollowsExtentAndReview(extent: Extent, review: ReviewLevel) {
        let value = Self.disclosure(extent, review).w3cDisclosureValue
        #expect(Disclosure.w3cDisclosureValues.contains(value), "only the final report's values are written")
        if extent == .none {
            #expect(value == "human-only")
        } else if review == .none {
            #expect(value == "ai-autonomous", "ai-assisted claims a human review that did not happen")
        } else {
            #expect(value == "ai-assisted")
        }
    }

    @Test func mixedIsNeverWrittenButStillAgrees() {
        let d = Self.disclosure(.substantial, .edited)
        #expect(d.w3cDisclosureValue == "ai-assisted")
        #expect(d.legacyW3CDisclosureValue == "mixed")
        #expect(d.agreesWithW3CDisclosureValue("mixed"))
        #expect(d.agreesWithW3CDisclosureValue("ai-assisted"))
        #expect(!d.agreesWithW3CDisclosureValue("human-only"))
        #expect(!d.agreesWithW3CDisclosureValue("ai-autonomous"))
        let unreviewed = Self.disclosure(.partial, .none)
        #expect(unreviewed.w3cDisclosureValue == "ai-autonomous")
        #expect(unreviewed.agreesWithW3CDisclosureValue("ai-assisted"), "what earlier versions wrote for the same facts")
    }
}

/// Every recorded fact, for `show`: the known ones by name, and any other field generically.
@Suite struct RecordedFactsTests {
    @Test func knownFactsInOrder() {
        var d = Samples.disclosure
        d.note = "Checked"
        d.review.note = "cut two paragraphs"
        d.policy = PolicyReference(id: "p", version: "2", task: "report", role: "staff")
        let facts = d.recordedFacts.map { "\($0.label)=\($0.value)" }
        #expect(facts == ["tools=Microsoft 365 Copilot", "purposes=drafting, summarising", "extent=partial", "review=edited by Head of Communications",
                          "review note=cut two paragraphs", "declarant=Jane Smith", "organisation=Example University", "date=2026-11-25",
                          "note=Checked", "language=en-GB", "policy=p version 2", "task=report", "role=staff"])
    }

    @Test func fieldsThisVersionDoesNotNameAppearToo() throws {
        let json = #"{"schema":"disclose/1","tools":[{"name":"Gemini","dpiaReference":"DPIA-7"}],"purposes":["drafting"],"extent":"partial","review":{"level":"edited","accuracyChecked":true},"declarant":"A","date":"2026-12-04","dataClasses":["personal","internal"],"policy":{"id":"p","approval":"EX-12"},"statement":"s","signature":{"keyId":"k"}}"#
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let facts = Disclosure.otherFacts(in: object).map { "\($0.label)=\($0.value)" }
        // dataClasses is a named field now (shown as "data classes"); the others are unknown to this version.
        #expect(facts == ["policy approval=EX-12", "review accuracy checked=1", "tool 1 dpia reference=DPIA-7"] ||
                facts == ["policy approval=EX-12", "review accuracy checked=true", "tool 1 dpia reference=DPIA-7"],
                "\(facts)")
    }
}
