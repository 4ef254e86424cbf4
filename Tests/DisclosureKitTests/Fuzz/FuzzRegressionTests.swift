import DiscloseTestSupport
import DiscloseFuzzTargets
import DisclosureKit
import Foundation
import Testing

/// Replays, through the same code the fuzzer drives, every input that once crashed a
/// target (Fixtures/fuzz-regressions/TARGET/) and every generated fixture, so that a fixed
/// crash stays fixed and each target is known to accept the valid fixtures.
@Suite struct FuzzRegressionTests {
    static let fixtures = TestRepository.fixtures

    static func files(in folder: String) -> [URL] {
        let url = fixtures.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { url.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyKeptCrashingInputIsNowRefusedOrAccepted(target: FuzzTarget) throws {
        for file in Self.files(in: "fuzz-regressions/\(target.rawValue)") {
            // A crash here would stop the test process: reaching the end is the assertion,
            // and the count below proves the inputs were replayed.
            _ = target.run(try Data(contentsOf: file))
        }
        #expect(Self.files(in: "fuzz-regressions/\(target.rawValue)").allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
    }

    @Test func formatTargetsAcceptEveryValidFixture() throws {
        let valid: [(FuzzTarget, String, Set<String>)] = [
            (FuzzTarget(rawValue: "docx")!, "docx", []),
            (FuzzTarget(rawValue: "markdown")!, "markdown", ["invalid-utf8.md"]),
            (FuzzTarget(rawValue: "html")!, "html", ["invalid-shift_jis.html"]),
        ]
        for (target, folder, invalid) in valid {
            let files = Self.files(in: folder)
            #expect(!files.isEmpty)
            for file in files {
                let accepted = target.run(try Data(contentsOf: file))
                #expect(accepted == !invalid.contains(file.lastPathComponent), "\(target.rawValue): \(file.lastPathComponent)")
            }
        }
    }

    @Test func everyRegisteredFormatHasAFuzzTargetAndNoOtherNameIsOne() {
        let ids = FormatRegistry.standard.handlers.map(\.id.rawValue)
        #expect(FuzzTarget.allCases.map(\.rawValue) == ids + ["disclosure"])
        for id in ids { #expect(FuzzTarget(rawValue: id) != nil) }
        #expect(FuzzTarget(rawValue: "pdf-that-is-not-registered") == nil)
    }

    @Test func disclosureTargetAcceptsAValidDisclosureAndRefusesGarbage() throws {
        let json = Data(#"{"extent":"none","declarant":"Pupil","date":"2026-11-25"}"#.utf8)
        #expect(FuzzTarget.disclosure.run(json))
        #expect(!FuzzTarget.disclosure.run(Data("{\"extent\": 3}".utf8)))
        #expect(!FuzzTarget.disclosure.run(Data([0xFF, 0xFE, 0x00])))
    }
}
