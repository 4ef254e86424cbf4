import DiscloseTestSupport
@testable import DisclosureKit
import Foundation

enum DOCXFixtures {
    static let root = TestRepository.root
    static let folder = TestRepository.fixtures.appendingPathComponent("docx")
    static let corpus = TestRepository.corpus

    static var all: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".docx") }.sorted()
    }

    /// Copies a fixture into a fresh temporary folder.
    static func copy(_ name: String) throws -> (folder: String, path: String) {
        let dir = try Samples.temporaryFolder()
        let path = dir + "/" + name
        try FileManager.default.copyItem(atPath: folder.appendingPathComponent(name).path, toPath: path)
        return (dir, path)
    }

    /// Every entry's uncompressed bytes.
    static func parts(_ path: String) throws -> [String: Data] {
        let zip = try ZipReader(data: try Data(contentsOf: URL(fileURLWithPath: path)))
        var out: [String: Data] = [:]
        for e in zip.entries { out[e.name] = try zip.read(e, limit: 1 << 30) }
        return out
    }

    /// Rewrites one part of a package (for tamper tests), copying the rest raw.
    static func rewrite(_ path: String, part: String, _ change: (String) -> String) throws {
        let zip = try ZipReader(data: try Data(contentsOf: URL(fileURLWithPath: path)))
        let items: [ZipRebuilder.Item] = try zip.entries.map { e in
            e.name == part ? .data(name: e.name, bytes: Data(change(String(decoding: try zip.read(e, limit: 1 << 30), as: UTF8.self)).utf8), like: e) : .copy(e)
        }
        try ZipRebuilder.build(from: zip, items: items).write(to: URL(fileURLWithPath: path))
    }
}
