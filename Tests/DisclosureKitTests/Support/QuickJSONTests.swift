import DiscloseTestSupport
@testable import DisclosureKit
import Foundation
import Testing

/// QuickJSON must give exactly what JSONDecoder gives: the same value, or (by stepping aside to
/// it) the same error.
@Suite struct QuickJSONTests {
    /// Every record the audit writes for the bundled fixtures (every status, disclosures with
    /// checks, declarations with facts, findings, notes) is read back quickly, equal to the
    /// record and to what JSONDecoder reads.
    @Test func everyFixtureRecordIsReadQuicklyAndAsJSONDecoderReadsIt() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.stamped("verified.md")
        let (report, _) = Auditor(options: AuditOptions(jobs: 2)).audit([TestRepository.fixtures.path, folder.root])
        #expect(report.records.count > 100)
        let statuses = Set(report.records.map(\.status))
        #expect(statuses == Set(AuditStatus.allCases), "\(statuses)")
        #expect(report.records.contains { !$0.checks.isEmpty && $0.disclosure != nil })
        #expect(report.records.contains { $0.declarations.contains { $0.facts != nil } })
        #expect(report.records.contains { !$0.findings.isEmpty })
        #expect(report.records.contains { !$0.notes.isEmpty })
        // A signed disclosure too.
        let signed = try SignatureVerifierTests.signed(PrivateSigningKey.generate(.ed25519))
        #expect(QuickJSON.quickly(Disclosure.self, from: try JSONEncoder().encode(signed)) == signed)
        for record in report.records {
            let line = try record.jsonLine()
            let quick = QuickJSON.quickly(AuditRecord.self, from: line)
            #expect(quick == record, "\(record.path)")
            #expect(quick == (try JSONDecoder().decode(AuditRecord.self, from: line)), "\(record.path)")
            if let disclosure = record.disclosure {
                let json = try JSONEncoder().encode(disclosure)
                #expect(QuickJSON.quickly(Disclosure.self, from: json) == disclosure, "\(record.path)")
            }
        }
    }

    /// Escapes, surrogate pairs, numbers and nesting are read as JSONDecoder reads them.
    @Test func escapesNumbersAndNestingAgree() throws {
        struct Sample: Codable, Equatable {
            var text: String
            var number: Int
            var big: Int64?
            var fraction: Double?
            var flag: Bool
            var list: [[String?]]
            var map: [String: Int]?
            var inner: Inner?
            struct Inner: Codable, Equatable { var name: String; var values: [Int] }
        }
        let texts = [
            #"{"text":"a\"b\\c\/d\b\f\n\r\t","number":-12,"flag":true,"list":[]}"#,
            #"{"text":"\u00e9\u20AC\ud83d\ude00 caf\u00E9","number":0,"big":9223372036854775807,"fraction":0.1,"flag":false,"list":[["x",null],[]]}"#,
            #" { "list" : [ [ "é😀" ] ] , "flag" : false , "number" : 7 , "text" : "" , "map" : { "a" : 1 , "b" : -2 } , "inner" : { "name" : "n" , "values" : [ 1 , 2 ] } } "#,
            #"{"text":"x","number":1,"fraction":-2.5e-3,"flag":true,"list":[[]],"unknown":{"deep":[1,{"a":null}]},"inner":null}"#,
        ]
        for text in texts {
            let data = Data(text.utf8)
            let expected = try JSONDecoder().decode(Sample.self, from: data)
            #expect(QuickJSON.quickly(Sample.self, from: data) == expected, "\(text)")
        }
    }

    /// Input JSONDecoder reads in its own way, or refuses, is left to it: the quick reader
    /// gives nothing, and QuickJSON.decode gives JSONDecoder's value or the same kind of error.
    @Test func whatItStepsAsideForIsDecodedByJSONDecoder() throws {
        struct Sample: Codable, Equatable { var text: String?; var number: Int?; var list: [Int]? }
        let refused = [
            "", " ", "{", #"{"text":"a",}"#, #"{"number":01}"#, #"{"number":1.0}"#, #"{"number":1e2}"#, #"{"number":-0}"#,
            #"{"number":99999999999999999999}"#, #"{"text":"a\u0001"}"#.replacingOccurrences(of: "\\u0001", with: "\u{01}"),
            #"{"text":"\ud800"}"#, #"{"text":"\udc00x"}"#, #"{"text":"a\x"}"#, #"{"text":"a"} x"#, #"{"text":"a","text":"b"}"#,
            #"{"te\u0078t":"a"}"#, "{\"te\u{212A}t\":\"a\"}", "\u{FEFF}{}", #"// c"# + "\n{}", "[1,]", #"{"list":[1 2]}"#, "nul", "tru",
            String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
        ]
        for text in refused {
            let data = Data(text.utf8)
            #expect(QuickJSON.quickly(Sample.self, from: data) == nil, "\(text)")
            let viaFoundation = Result { try JSONDecoder().decode(Sample.self, from: data) }
            let viaQuick = Result { try QuickJSON.decode(Sample.self, from: data) }
            switch (viaFoundation, viaQuick) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(text)")
            case (.failure(let a), .failure(let b)): #expect(String(describing: a) == String(describing: b), "\(text)")
            default: Issue.record("JSONDecoder and QuickJSON disagree on \(text)")
            }
        }
        // JSONDecoder finds keys by String equality, which is canonical equivalence: "K" (the
        // Kelvin sign, U+212A) is the key "K". Keys that are not ASCII are left to it.
        struct Kelvin: Codable, Equatable { var oK: String? }
        let kelvin = Data("{\"o\u{212A}\":\"x\"}".utf8)
        #expect(QuickJSON.quickly(Kelvin.self, from: kelvin) == nil)
        #expect(try QuickJSON.decode(Kelvin.self, from: kelvin) == JSONDecoder().decode(Kelvin.self, from: kelvin))
        // Invalid UTF-8 is left to JSONDecoder too.
        #expect(QuickJSON.quickly(Sample.self, from: Data([0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D])) == nil)
    }

    /// Records with bytes changed, removed or repeated at random decode (or fail) as JSONDecoder
    /// decodes them.
    @Test func damagedRecordsDecodeAsJSONDecoderDecodesThem() throws {
        var record = AuditRecord(path: "team/report \"final\".md", format: "markdown", status: .disclosedWithProblems, size: 1234,
                                 sha256: String(repeating: "ab", count: 32), disclosure: Samples.disclosure,
                                 checks: [CheckResult(id: "statement-present", status: .pass, message: "The statement is there.",
                                                      location: Location(line: 3), state: nil)],
                                 declarations: [Declaration(kind: "written-statement", location: Location(paragraph: 2), quote: "I used ChatGPT",
                                                            explanation: "A written declaration.", facts: DeclarationFacts(aiUse: .used, confidence: .clear, words: "I used ChatGPT"))],
                                 findings: [Finding(signal: "residue.assistant-opener", strength: .moderate, location: Location(line: 9),
                                                    excerpt: "Certainly! Here is", explanation: "An opener.")],
                                 error: nil, author: "Ana")
        record.notes = ["decoded as UTF-8"]
        let line = [UInt8](try record.jsonLine())
        #expect(QuickJSON.quickly(AuditRecord.self, from: Data(line)) == record)
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#"{}[]",:0123456789-.eEtrufalsn\ "#.utf8) + [0x00, 0x0A, 0xC3, 0xA9, 0xFF]
        var quick = 0
        for _ in 0..<3_000 {
            var bytes = line
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[at] = alphabet.randomElement(using: &generator)!
                case 1: bytes.remove(at: at)
                default: bytes.insert(bytes[at], at: at)
                }
            }
            let data = Data(bytes)
            let expected = try? JSONDecoder().decode(AuditRecord.self, from: data)
            let fast = QuickJSON.quickly(AuditRecord.self, from: data)
            if let fast {
                quick += 1
                #expect(fast == expected, "\(String(decoding: bytes, as: UTF8.self))")
            }
            #expect((try? QuickJSON.decode(AuditRecord.self, from: data)) == expected)
        }
        #expect(quick > 100, "some damaged records are still JSON the quick reader reads")
    }
}
