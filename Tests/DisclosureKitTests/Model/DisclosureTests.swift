import DisclosureKit
import Foundation
import Testing

@Suite struct DisclosureModelTests {
    @Test func encodesCanonicalJSONWithSortedKeysAndSchema() throws {
        let json = try Samples.disclosure.canonicalJSONString()
        #expect(json.hasPrefix("{\"date\":\"2026-11-25\",\"declarant\":\"Jane Smith\",\"extent\":\"partial\""))
        #expect(json.contains("\"schema\":\"disclose/1\""))
        #expect(json.contains("\"purposes\":[\"drafting\",\"summarising\"]"))
        #expect(!json.contains(", ") && !json.contains(": "), "canonical JSON has no insignificant white space")
    }

    @Test func roundTripsThroughJSON() throws {
        var d = Samples.disclosure
        d.purposes.append(.other("writing alt text"))
        d.tools[0].version = "2.1"
        let back = try Disclosure.decode(json: try d.canonicalJSON(), path: "x")
        #expect(back == d)
    }

    @Test(arguments: [
        ("drafting", Purpose.drafting), ("idea-generation", .ideaGeneration), ("lesson-planning", .lessonPlanning),
        ("image-generation", .imageGeneration), ("data-analysis", .dataAnalysis), ("other: alt text", .other("alt text")),
    ])
    func parsesPurposes(raw: String, expected: Purpose) {
        #expect(Purpose(rawValue: raw) == expected)
    }

    @Test func rejectsUnknownPurposeAndEmptyOther() {
        #expect(Purpose(rawValue: "cheating") == nil)
        #expect(Purpose(rawValue: "other:") == nil)
    }

    @Test func decodingErrorsNameTheField() {
        let bad = Data(#"{"extent":"partial","date":"2026-11-25"}"#.utf8)
        #expect(throws: DisclosureError.invalidDisclosure(path: "f.json", reason: "the field \"declarant\" is missing")) {
            try Disclosure.decode(json: bad, path: "f.json")
        }
        let badPurpose = Data(#"{"extent":"partial","date":"2026-11-25","declarant":"x","purposes":["nope"]}"#.utf8)
        do {
            _ = try Disclosure.decode(json: badPurpose, path: "f.json")
            Issue.record("expected an error")
        } catch let DisclosureError.invalidDisclosure(_, reason) {
            #expect(reason.contains("unknown purpose \"nope\""))
        } catch {
            Issue.record("wrong error \(error)")
        }
    }

    @Test(arguments: [
        (Extent.none, "digitalCreation"), (.minorEdits, "algorithmicallyEnhanced"), (.partial, "compositeWithTrainedAlgorithmicMedia"),
        (.substantial, "compositeWithTrainedAlgorithmicMedia"), (.whollyGenerated, "trainedAlgorithmicMedia"),
    ])
    func mapsExtentToIPTC(extent: Extent, term: String) {
        #expect(extent.iptcDigitalSourceType == "http://cv.iptc.org/newscodes/digitalsourcetype/" + term)
    }

    @Test func reportsProblems() {
        var d = Samples.disclosure
        #expect(d.problems.isEmpty)
        d.tools = []
        d.date = "25/11/2026"
        #expect(d.problems == [
            "at least one tool is needed when AI was used (extent partial)",
            "the date \"25/11/2026\" is not ISO 8601 (use YYYY-MM-DD)",
        ])
        #expect(Samples.noAI.problems.isEmpty, "no AI used is a complete declaration without tools")
    }

    @Test func acceptsTimestampsAndRejectsImpossibleDates() {
        var d = Samples.disclosure
        d.date = "2026-11-25T10:15:00Z"
        #expect(d.problems.isEmpty)
        d.date = "2026-02-30"
        #expect(!d.problems.isEmpty)
    }

    @Test func keyFactsAreStableAndComplete() {
        let facts = Samples.disclosure.keyFacts
        #expect(facts.map(\.key) == ["tools", "purposes", "extent", "review", "declarant", "date"])
        #expect(facts.map(\.value) == ["Microsoft 365 Copilot", "drafting, summarising", "partial", "edited by Head of Communications", "Jane Smith", "2026-11-25"])
    }

    @Test func errorsCarryExitCodesAndAdvice() {
        #expect(DisclosureError.encrypted(path: "a.docx", reason: "r", hint: "h").exitCode == 3)
        #expect(DisclosureError.writeFailed(path: "a.docx", reason: "disk full").exitCode == 4)
        #expect(DisclosureError.invalidInput("x").exitCode == 2)
        #expect(DisclosureError.policyViolation(path: "a", rule: "r", detail: "d").exitCode == 1)
        let text = DisclosureError.writeFailed(path: "a.docx", reason: "disk full").description
        #expect(text == "a.docx: could not write the result (disk full). The original file is untouched; check free space and permissions, then try again.")
        let signed = DisclosureError.signedDocument(path: "a.docx", parts: ["_xmlsignatures/sig1.xml", "_xmlsignatures/sig2.xml"])
        #expect(signed.exitCode == 3)
        #expect(signed.path == "a.docx")
        #expect(signed.description == "a.docx: the document is digitally signed (_xmlsignatures/sig1.xml, _xmlsignatures/sig2.xml), and stamping changes it, so its own signature would no longer verify. Nothing was written. Stamp it first and then ask the signer to sign it again, or, if a broken signature is acceptable, stamp it with --allow-invalidating-signature.")
    }
}

@Suite struct DisclosureDateTests {
    @Test(arguments: [("2026-11-25", true), ("2024-02-29", true), ("2023-02-29", false), ("2026-02-30", false),
                      ("2026-13-01", false), ("2026-00-10", false), ("2026-1-05", false), ("20x6-01-05", false),
                      ("2026-11-25T10:00:00Z", true), ("2026-11-25T10:00:00.250Z", true), ("yesterday", false)])
    func datesAreCheckedAsISO8601(date: String, valid: Bool) {
        var d = Samples.disclosure
        d.date = date
        #expect(d.problems.contains { $0.contains("is not ISO 8601") } == !valid, "\(date)")
    }
}
