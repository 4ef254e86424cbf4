@testable import DisclosureKit
import Foundation

enum TextFixtures {
    static let root = DOCXFixtures.root.appendingPathComponent("Fixtures")

    static func names(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []).sorted()
    }

    static func copy(_ folder: String, _ name: String) throws -> (dir: String, path: String, original: Data) {
        let dir = try Samples.temporaryFolder()
        let path = dir + "/" + name
        try FileManager.default.copyItem(atPath: root.appendingPathComponent(folder).appendingPathComponent(name).path, toPath: path)
        return (dir, path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// The full cycle every text format must pass: stamp, verify, restamp (same bytes), unstamp (original bytes).
    static func roundTrip(_ path: String, original: Data, options: StampOptions = StampOptions(), disclosure: Disclosure = Samples.disclosure) throws -> (stamped: Data, report: VerificationReport) {
        _ = try Stamper().stamp(path: path, disclosure: disclosure, options: options)
        let stamped = try read(path)
        let report = try Verifier().verify(path: path)
        let again = try Stamper().stamp(path: path, disclosure: disclosure, options: options)
        precondition(again.replacedExisting)
        let restamped = try read(path)
        _ = try Stamper().unstamp(path: path)
        let restored = try read(path)
        if restamped != stamped { throw Mismatch(what: "restamping changed the bytes") }
        if restored != original { throw Mismatch(what: "unstamping did not give back the original bytes") }
        return (stamped, report)
    }

    struct Mismatch: Error, CustomStringConvertible { var what: String; var description: String { what } }
}
