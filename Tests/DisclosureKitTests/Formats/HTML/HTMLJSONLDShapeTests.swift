@testable import DisclosureKit
import Foundation
import Testing

/// ``HTMLMarkup/disclosureJSON(fromJSONLD:)`` answers a block in the shape we write with the bytes
/// of its `disclose` value (``JSONLDShape``) instead of a `JSONSerialization` round trip. These
/// tests require both answers to decode alike (same disclosure, or the same error) on the blocks
/// we write and on blocks edited by hand, and the shape to refuse what it cannot vouch for.
@Suite struct HTMLJSONLDShapeTests {
    /// The decoded disclosure, or the error's description.
    static func decoded(_ json: Data?) -> String {
        guard let json else { return "nil" }
        do { return String(describing: try Disclosure.decode(json: json, path: "p.html")) } catch { return "error: \(error)" }
    }

    /// The two answers agree: the shape's bytes (when it accepts) and the round trip's read as the same JSON value and decode alike.
    static func expectAgreement(_ block: String, accepted: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        let fast = JSONLDShape.disclosure(in: block)
        let slow = HTMLMarkup.disclosureJSONByRoundTrip(fromJSONLD: block)
        #expect((fast != nil) == accepted, "\(block)", sourceLocation: sourceLocation)
        #expect(decoded(HTMLMarkup.disclosureJSON(fromJSONLD: block)) == decoded(slow), "\(block)", sourceLocation: sourceLocation)
        if let fast {
            let a = try? JSONSerialization.jsonObject(with: fast) as? NSDictionary
            let b = slow.flatMap { try? JSONSerialization.jsonObject(with: $0) as? NSDictionary }
            #expect(a != nil && a == b, "\(block)", sourceLocation: sourceLocation)
        }
    }

    static func request(_ d: Disclosure) throws -> StampRequest {
        StampRequest(disclosure: d, statement: StatementRenderer().render(d), json: try d.canonicalJSONString(), facts: d.keyFacts, placement: .end)
    }

    @Test func theBlocksWeWriteTakeTheShortPath() throws {
        var odd = Samples.disclosure
        odd.statement = "Made with <AI> & \"care\" — café 😀 \\ / \u{1}"
        odd.declarant = "Zoë O'Brien"
        for d in [Samples.disclosure, Samples.noAI, odd] {
            let r = try Self.request(d)
            Self.expectAgreement(HTMLMarkup.jsonLD(r, asciiOnly: false), accepted: true)
            // Legacy encodings write non-ASCII as \u escapes; an emoji's surrogate pair takes the general path.
            Self.expectAgreement(HTMLMarkup.jsonLD(r, asciiOnly: true), accepted: !(d.statement ?? "").contains("😀"))
        }
    }

    @Test func stampedPagesFindTheSameDisclosure() throws {
        let page = "<!DOCTYPE html><html><head><title>x</title></head><body><main><p>Some words.</p></main></body></html>"
        let handler = HTMLHandler()
        let r = try Self.request(Samples.disclosure)
        let stamped = try handler.open(DocumentInput(data: Data(page.utf8), path: "p.html")).stamped(r)
        let found = try handler.open(DocumentInput(data: stamped, path: "p.html")).findStamp()
        #expect(try Disclosure.decode(json: try #require(found.metadata?.json), path: "p.html") == Samples.disclosure)
    }

    @Test func handEditedBlocksAgreeOrTakeTheGeneralPath() throws {
        let head = #"{"@context":"https://schema.org","@type":"CreativeWork","digitalSourceType":"http://x/y","disclose":"#
        let inner = try Samples.disclosure.canonicalJSONString()
        // Accepted: the subset's own forms.
        for json in [#"{}"#, #"{"a":[],"b":{},"c":[1,-2,0,true,false,null,"\u00e9\n\/"]}"#, inner] {
            Self.expectAgreement(head + json + "}", accepted: true)
        }
        // Refused: anything the round trip might read or write differently.
        let refused = [
            head + inner + "} ", " " + head + inner + "}", head + inner, head + inner + "}}",
            head + #"{"a":1.5}"# + "}", head + #"{"a":1e3}"# + "}", head + #"{"a":-0}"# + "}", head + #"{"a":01}"# + "}",
            head + #"{"a":1234567890123456}"# + "}", head + #"{"a":1,"a":2}"# + "}", head + #"{"\u0061":1}"# + "}",
            head + #"{"é":1}"# + "}", head + #"{"a":"\ud83d\ude00"}"# + "}", head + #"{"a":"\u0000"}"# + "}",
            head + #"{"a": 1}"# + "}", head + #"{"a":tru}"# + "}", head + #"{"a":"x}"# + "}", head + "\"text\"}", head + "[1]}",
            head + "{\"a\":\"\u{1}\"}}", head + #"{"a":1,}"# + "}", head + #"{"a":[1,]}"# + "}", head + #"{"a":"\x"}"# + "}",
            head.replacingOccurrences(of: "http://x/y", with: #"http://x\/y"#) + inner + "}",
            head.replacingOccurrences(of: "\"disclose\":", with: "\"disclosed\":") + inner + "}",
            #"{"@context":"https://schema.org","@type":"CreativeWork","disclose":"# + inner + "}",
            String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
            head + "{\"a\":" + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}}",
            "", "{", head,
        ]
        for block in refused { Self.expectAgreement(block, accepted: false) }
    }
}
