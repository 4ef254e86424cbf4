@testable import DisclosureKit
import Foundation

enum ODFFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/odf")

    /// Fixtures of one folder (`odt`, `odp`), by name.
    static func all(_ folder: String) -> [String] {
        let dir = root.appendingPathComponent("Fixtures/" + folder).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix("." + folder) }.sorted().map { folder + "/" + $0 }
    }

    /// Fixtures a plain stamp must round-trip (the refused ones left out).
    static var stampable: [String] {
        (all("odt") + all("odp")).filter { !$0.contains("encrypted") && !$0.contains("signed") }
    }

    /// Copies `Fixtures/<relative>` into a fresh temporary folder.
    static func copy(_ relative: String) throws -> (folder: String, path: String) {
        let dir = try Samples.temporaryFolder()
        let path = dir + "/" + (relative as NSString).lastPathComponent
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("Fixtures/" + relative).path, toPath: path)
        return (dir, path)
    }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// Every entry's uncompressed bytes.
    static func parts(_ path: String) throws -> [String: Data] {
        let zip = try ZipReader(data: try bytes(path))
        var out: [String: Data] = [:]
        for e in zip.entries { out[e.name] = try zip.read(e, limit: 1 << 30) }
        return out
    }

    static func part(_ path: String, _ name: String) throws -> String {
        String(decoding: try parts(path)[name] ?? Data(), as: UTF8.self)
    }

    /// Rewrites one part of a package (to simulate an editor or an attacker), copying the rest raw.
    static func rewrite(_ path: String, part: String, _ change: (String) -> String) throws {
        let zip = try ZipReader(data: try bytes(path))
        let items: [ZipRebuilder.Item] = try zip.entries.map { e in
            e.name == part ? .data(name: e.name, bytes: Data(change(String(decoding: try zip.read(e, limit: 1 << 30), as: UTF8.self)).utf8), like: e) : .copy(e)
        }
        try ZipRebuilder.build(from: zip, items: items).write(to: URL(fileURLWithPath: path))
    }

    /// A package from parts, `mimetype` first and stored, for hostile-input tests.
    static func package(_ path: String, mimetype: String = "application/vnd.oasis.opendocument.text", parts: [(String, Data)]) throws {
        let zip = try ZipReader(data: try bytes(root.appendingPathComponent("Fixtures/odt/no-meta.odt").path))
        let mime = zip.entries.first { $0.name == "mimetype" }!
        var items: [ZipRebuilder.Item] = [.data(name: "mimetype", bytes: Data(mimetype.utf8), like: mime)]
        let like = zip.entries.first { $0.name == "content.xml" }
        items += parts.map { .data(name: $0.0, bytes: $0.1, like: like) }
        try ZipRebuilder.build(from: zip, items: items).write(to: URL(fileURLWithPath: path))
    }
}
