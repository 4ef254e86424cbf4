import DiscloseTestSupport
@testable import DisclosureKit
import Foundation
import Testing

/// Every public error type carries a documented exit code and names the file in its words, so a
/// front end maps them all through one protocol.
@Suite struct ExitCodedErrorTests {
    static let samples: [(any ExitCodedError, Int32)] = [
        (DisclosureError.fileNotFound(path: "essay.docx"), 3),
        (DisclosureError.invalidInput("--extent none with --tool"), 2),
        (DisclosureError.writeFailed(path: "essay.docx", reason: "disk full"), 4),
        (DisclosureError.policyViolation(path: "essay.docx", rule: "tool-authorised", detail: "not listed"), 1),
        (ProvenanceError.unreadable(path: "key.pem", reason: "no such file"), 3),
        (ProvenanceError.keyExists(path: "key.pem"), 2),
        (PolicyError.unreadable(path: "policy.toml"), 3),
        (PolicyError.missingKey(path: "policy.toml", line: 1, key: "policy.id", hint: "add one"), 2),
        (RegisterError.damaged(path: "register.sqlite", reason: "not a database"), 6),
        (RegisterError.unwritable(path: "register.sqlite", reason: "read-only"), 4),
        (DraftError.field("tool", "name the AI tool"), 2),
        (ReportMergeError.unreadableShard(file: "a.jsonl", reason: "gone"), 3),
    ]

    @Test func everyErrorTypeGivesItsDocumentedCode() {
        for (error, code) in Self.samples {
            #expect(error.exitCode == code, "\(type(of: error)): \(error.description)")
        }
    }

    @Test func theReadmeDocumentsEveryCodeTheLibraryGives() throws {
        let url = TestRepository.root.appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let table = try #require(readme.components(separatedBy: "## Exit codes").dropFirst().first?.components(separatedBy: "\n## ").first)
        let documented = Set(table.split(separator: "\n").compactMap { line -> Int32? in
            guard line.hasPrefix("| ") else { return nil }
            return Int32(line.dropFirst(2).prefix { $0.isNumber })
        })
        #expect(documented == [0, 1, 2, 3, 4, 6])
        #expect(Set(Self.samples.map { $0.0.exitCode }).isSubset(of: documented))
    }

    @Test func theWordsNameTheFile() {
        for (error, _) in Self.samples {
            let words = error.description
            let named = ["essay.docx", "key.pem", "policy.toml", "register.sqlite", "a.jsonl", "--tool", "--extent"].contains { words.contains($0) }
                || error is DraftError
            #expect(named, "\(words)")
        }
    }
}
