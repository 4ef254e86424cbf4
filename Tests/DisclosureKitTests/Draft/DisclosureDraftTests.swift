import DisclosureKit
import Foundation
import Testing

@Suite struct DisclosureDraftTests {
    var complete: DisclosureDraft {
        var d = DisclosureDraft()
        d.tools = ["ChatGPT"]
        d.purposes = ["drafting,proofreading"]
        d.extent = "partial"
        d.review = "edited"
        d.declarant = "Jane Smith"
        d.date = "2026-11-25"
        return d
    }

    func error(_ draft: DisclosureDraft) -> DraftError? {
        do { _ = try draft.build(today: "2026-12-04"); return nil } catch let e as DraftError { return e } catch { return nil }
    }

    @Test func builtDisclosureCarriesEveryFact() throws {
        var d = complete
        d.toolVersion = "4o"
        d.reviewer = "Head of Comms"
        d.organisation = "Example University"
        let built = try d.build(today: "2026-12-04")
        #expect(built.tools == [Tool(name: "ChatGPT", version: "4o")])
        #expect(built.purposes == [.drafting, .proofreading])
        #expect(built.extent == .partial)
        #expect(built.review == Review(level: .edited, reviewer: "Head of Comms"))
        #expect(built.organisation == "Example University")
        #expect(built.date == "2026-11-25")
        #expect(built.language == "en-GB")
    }

    @Test func missingFactsNameTheirField() {
        var d = complete
        d.tools = []
        #expect(error(d) == .field("tool", "name the AI tool used (or declare extent none if no AI was used)."))
        d = complete
        d.extent = nil
        #expect(error(d)?.field == "extent")
        d = complete
        d.review = nil
        #expect(error(d)?.field == "review")
        d = complete
        d.declarant = nil
        #expect(error(d) == .field("declarant", "say who makes the declaration (a name or a role)."))
        d.defaultDeclarant = "From config"
        #expect(error(d) == nil)
    }

    @Test func unknownValuesNameTheirField() {
        var d = complete
        d.purposes = ["drafting,dreaming"]
        #expect(error(d)?.field == "purpose")
        #expect(error(d)?.message.hasPrefix("unknown purpose \"dreaming\".") == true)
        d = complete
        d.review = "glanced"
        #expect(error(d) == .field("review", "unknown review \"glanced\". Use one of none, reviewed, edited, fact-checked, rewritten, accuracy-and-bias-checked."))
    }

    @Test func extentNoneWithToolOrPurposeIsRefused() {
        var d = complete
        d.extent = "none"
        d.purposes = []
        let e = error(d)
        #expect(e?.field == "tool")
        #expect(e?.message == "extent none declares that no AI was used, but the declaration names the tool \"ChatGPT\". Remove the tool and purpose, or say how much of the work AI did.")
        d.tools = []
        d.purposes = ["drafting"]
        #expect(error(d)?.field == "purpose")
        d.purposes = []
        #expect(error(d) == nil)
    }

    @Test func impossibleDaysAreNamedNotCalledBadFormat() {
        var d = complete
        d.date = "2026-11-31"
        #expect(error(d) == .field("date", "there is no 31 November (\"2026-11-31\"); check the day"))
        d.date = "2027-02-29"
        #expect(error(d)?.message == "there is no 29 February in 2027: 2027 is not a leap year")
        d.date = "2026-13-01"
        #expect(error(d)?.message == "\"2026-13-01\" has month 13; months run from 01 to 12 (YYYY-MM-DD)")
        d.date = "25/11/2026"
        #expect(error(d)?.message == "\"25/11/2026\" is not a date in the form YYYY-MM-DD (or an ISO 8601 timestamp)")
        d.date = "2028-02-29"
        #expect(error(d) == nil)
    }

    @Test func dateWarningsForFutureAndLongBeforeTheLastChange() {
        let now = DeclarationDate.day("2026-12-04")!
        #expect(DeclarationDate.warnings("2026-12-04", modified: now, now: now.addingTimeInterval(3600)).isEmpty)
        let future = DeclarationDate.warnings("2027-01-10", modified: nil, now: now)
        #expect(future.map(\.field) == ["date"])
        #expect(future.first?.message.hasPrefix("the date 2027-01-10 is in the future") == true)
        let old = DeclarationDate.warnings("2024-06-01", modified: now, now: now)
        #expect(old.first?.message == "the date 2024-06-01 is more than a year before the document was last changed (2026-12-04); it was recorded as given, so check it")
        #expect(DeclarationDate.warnings("2025-12-10", modified: now, now: now).isEmpty)
    }

    @Test func factsFileIsTheEarlierLayerAndFlagsFillOrOverride() throws {
        var d = DisclosureDraft()
        try d.earlier(json: Data(#"{"tools":[{"name":"Copilot","version":"2"}],"purposes":["research"],"extent":"partial","review":{"level":"reviewed"},"declarant":"A. Teacher"}"#.utf8), path: "facts.json")
        d.date = "2026-11-20"
        d.reviewer = "Head of Year"
        let built = try d.build(today: "2026-12-04")
        #expect(built.date == "2026-11-20")
        #expect(built.tools == [Tool(name: "Copilot", version: "2")])
        #expect(built.review == Review(level: .reviewed, reviewer: "Head of Year"))
        d.extent = "substantial"
        #expect(try d.build().extent == .substantial)
    }

    @Test func factsFileErrorsNameNestedFields() throws {
        var d = DisclosureDraft()
        try d.earlier(json: Data(#"{"extent":"none","declarant":"X","policy":{"version":"3"}}"#.utf8), path: "facts.json")
        #expect(error(d) == .file(path: "facts.json", field: "policy.id", message: "the field is missing"))
        try d.earlier(json: Data(#"{"extent":"partial","declarant":"X","purposes":["drafting"],"tools":[{"name":7}],"review":{"level":"none"}}"#.utf8), path: "facts.json")
        #expect(error(d) == .file(path: "facts.json", field: "tools[0].name", message: "wrong type: expected text"))
        #expect(throws: DraftError.file(path: "f.json", field: nil, message: "not valid JSON: the facts file must hold one JSON object (see docs/format.md)")) {
            try d.earlier(json: Data("[1]".utf8), path: "f.json")
        }
    }

    @Test func keepingAnEarlierDisclosureChangesOnlyWhatIsGiven() throws {
        var earlier = try complete.build()
        earlier.statement = "old statement"
        earlier.policyOutcome = PolicyOutcome(policy: "p", rules: ["tool-authorised"])
        var d = DisclosureDraft()
        d.earlier(earlier)
        d.extent = "substantial"
        let built = try d.build()
        #expect(built.extent == .substantial)
        #expect(built.tools == earlier.tools)
        #expect(built.declarant == "Jane Smith")
        #expect(built.statement == nil)
        #expect(built.policyOutcome == nil)
        #expect(FactChange.between(earlier, built) == [FactChange(field: "extent", before: "partial", after: "substantial")])
    }
}
