@testable import DisclosureKit
import Foundation
import Testing

/// The draft's own JSON writer (``DraftJSON``) must read back exactly as `JSONSerialization`'s
/// output would, and must decline anything but strings, arrays and objects.
@Suite struct DraftJSONTests {
    static let awkward = [
        "plain", "", "quote \" and backslash \\ and slash /", "tab\tnewline\ncarriage\r",
        "\u{0}\u{1}\u{1F}\u{7F}", "Zoë’s “notes” — ÅÄÖ", "emoji 🧑🏽‍🏫 and CJK 漢字", "\\u0041 stays literal",
    ]

    @Test func roundTripsAsJSONSerializationDoes() throws {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let pick = { Self.awkward[Int.random(in: 0..<Self.awkward.count, using: &rng)] }
            let object: [String: Any] = [
                "tools": [["name": pick(), "version": pick()], ["name": pick()]],
                "purposes": [pick(), pick()],
                "review": ["level": pick(), "note": pick()],
                pick() + "\(round)": pick(),
                "empty": [String](),
                "nested": ["a": ["b": [pick()]]],
            ]
            let ours = try #require(DraftJSON.data(object))
            let read = try JSONSerialization.jsonObject(with: ours) as? NSDictionary
            let reference = try JSONSerialization.jsonObject(with: JSONSerialization.data(withJSONObject: object)) as? NSDictionary
            #expect(read != nil)
            #expect(read == reference, "round \(round): \(String(decoding: ours, as: UTF8.self))")
        }
    }

    @Test func declinesAnythingButText() {
        #expect(DraftJSON.data(["count": 3]) == nil)
        #expect(DraftJSON.data(["flag": true]) == nil)
        #expect(DraftJSON.data(["list": ["a", 1.5] as [Any]]) == nil)
        #expect(DraftJSON.data(["none": NSNull()]) == nil)
        #expect(DraftJSON.data(["deep": ["x": ["y": NSNumber(value: 2)]]]) == nil)
        #expect(DraftJSON.data(["fine": ["a", "b"]]) != nil)
    }

    @Test func controlCharactersAreEscaped() throws {
        let data = try #require(DraftJSON.data(["k": "a\u{1}b\"c\\"]))
        #expect(String(decoding: data, as: UTF8.self) == #"{"k":"a\u0001b\"c\\"}"#)
    }

    /// The same disclosure from flags as before the writer (a facts file with numbers still works).
    @Test func draftsBuildTheSameDisclosure() throws {
        var d = DisclosureDraft()
        d.tools = ["Chat \"GPT\"\\"]
        d.toolVersion = "4o\tmini"
        d.purposes = ["drafting,proofreading"]
        d.extent = "partial"
        d.review = "edited"
        d.reviewNote = "Zoë checked\nevery line"
        d.declarant = "Jane “JS” Smith"
        d.date = "2026-11-25"
        d.dataClasses = ["public"]
        let built = try d.build(today: "2026-12-04")
        #expect(built.tools.first?.name == "Chat \"GPT\"\\")
        #expect(built.tools.first?.version == "4o\tmini")
        #expect(built.review.note == "Zoë checked\nevery line")
        #expect(built.declarant == "Jane “JS” Smith")
        var fromFile = DisclosureDraft()
        try fromFile.earlier(json: Data(#"{"tools":[{"name":"X"}],"purposes":["drafting"],"extent":"partial","review":{"level":"edited"},"declarant":"A","date":"2026-11-25","schemaHint":3}"#.utf8), path: "facts.json")
        #expect(try fromFile.build(today: "2026-12-04").tools.first?.name == "X")
    }
}
