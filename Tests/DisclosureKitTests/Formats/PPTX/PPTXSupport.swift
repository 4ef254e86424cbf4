@testable import DisclosureKit
import Foundation

enum PPTXFixtures {
    static let root = DOCXFixtures.root
    static let folder = root.appendingPathComponent("Fixtures/pptx")
    static let corpus = DOCXFixtures.corpus.appendingPathComponent("pptx")

    static var all: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Copies a fixture into a fresh temporary folder.
    static func copy(_ name: String) throws -> (folder: String, path: String) {
        let dir = try Samples.temporaryFolder()
        let path = dir + "/" + name
        try FileManager.default.copyItem(atPath: folder.appendingPathComponent(name).path, toPath: path)
        return (dir, path)
    }

    /// A part's text.
    static func part(_ path: String, _ name: String) throws -> String {
        String(decoding: try DOCXFixtures.parts(path)[name] ?? Data(), as: UTF8.self)
    }
}
