@testable import DisclosureKit
import Foundation
import Testing

/// The cache's lookup reads rows through SQLite's column functions; every field must come back
/// exactly as stored, and a path that is absent, or only a prefix of one stored, must miss.
@Suite struct AuditCacheLookupTests {
    @Test func everyFieldComesBackAsStored() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let cache = AuditCache(path: folder.path("audit.sqlite"))
        let line = Data("{\"path\":\"/r/é \u{0}x\",\"status\":\"undisclosed\"}".utf8) + Data([0xFF, 0x00, 0x0A])
        let stored = [
            AuditCache.Entry(path: "/r/café/Ωmega.docx", stamp: FileStamp(size: 1 << 40, mtimeNanoseconds: -1_234_567_890_123, ctimeNanoseconds: Int64.max),
                             sha256: String(repeating: "ab", count: 32), fingerprint: "fp-1", status: "undisclosed", recordPath: "café/Ωmega.docx", line: line),
            AuditCache.Entry(path: "/r/b.md", stamp: FileStamp(size: 0, mtimeNanoseconds: 0, ctimeNanoseconds: 1),
                             sha256: nil, fingerprint: "", status: "disclosed-verified", recordPath: "/r/b.md", line: Data()),
            // Fingerprints alternate within one lookup, and a record path may or may not be the key.
            AuditCache.Entry(path: "/r/c.md", stamp: FileStamp(size: 2, mtimeNanoseconds: 3, ctimeNanoseconds: 4),
                             sha256: nil, fingerprint: "fp-1", status: "undisclosed", recordPath: "c.md", line: Data("{}".utf8)),
            AuditCache.Entry(path: "/r/d.md", stamp: FileStamp(size: 2, mtimeNanoseconds: 3, ctimeNanoseconds: 4),
                             sha256: nil, fingerprint: "fp-10", status: "undisclosed", recordPath: "/r/d.md", line: Data("{}".utf8)),
        ]
        for entry in stored { cache.store(entry) }
        cache.flush()
        let found = cache.lookup(paths: ["/r/café/Ωmega.docx", "/r/b.md", "/r/c.md", "/r/b", "/r/d.md", "/r/b.md ", "/nowhere", ""])
        #expect(found.keys.sorted() == ["/r/b.md", "/r/c.md", "/r/café/Ωmega.docx", "/r/d.md"])
        for entry in stored {
            let got = try #require(found[entry.path])
            #expect(got.stamp == entry.stamp)
            #expect(got.sha256 == entry.sha256)
            #expect(got.fingerprint == entry.fingerprint)
            #expect(got.status == entry.status)
            #expect(got.recordPath == entry.recordPath)
            #expect(got.line == entry.line)
        }
        #expect(cache.notes.isEmpty)
        // A second lookup on the same prepared statement finds the same rows.
        #expect(cache.lookup(paths: ["/r/b.md"])["/r/b.md"]?.line == Data())
    }

    /// A batch is read as one band of the key order and joined with the sorted paths. When the
    /// band holds far more rows than were asked for ("/r/a-many/..." sorts between "/r/a" and
    /// "/r/a/..."), the rest are looked up one by one; either way every asked-for row is found,
    /// a path asked twice is found once, and no other row comes back.
    @Test func bandReadsAndFallsBackToSingleLookUps() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let cache = AuditCache(path: folder.path("audit.sqlite"))
        func entry(_ path: String) -> AuditCache.Entry {
            AuditCache.Entry(path: path, stamp: FileStamp(size: Int64(path.utf8.count), mtimeNanoseconds: 1, ctimeNanoseconds: 2),
                             sha256: nil, fingerprint: "fp", status: "undisclosed", recordPath: path, line: Data(path.utf8))
        }
        let asked = ["/r/a/1.md", "/r/a/2.md", "/r/a/3.md", "/r/a", "/r/a/9.md"]
        let siblings = (0..<500).map { "/r/a-many/\($0).md" }
        for path in asked.dropLast() + siblings + ["/r/0.md", "/r/b.md"] { cache.store(entry(path)) }
        cache.flush()
        // The walk's order, not the byte order; a path asked twice; one with no row.
        let found = cache.lookup(paths: ["/r/a/3.md", "/r/a/1.md", "/r/a/2.md", "/r/a/1.md", "/r/a", "/r/a/9.md"], fingerprint: "fp")
        #expect(found.keys.sorted() == ["/r/a", "/r/a/1.md", "/r/a/2.md", "/r/a/3.md"])
        for (path, got) in found {
            #expect(got.line == Data(path.utf8))
            #expect(got.recordPath == path)
            #expect(got.fingerprint == "fp")
        }
        // A narrow band: no fallback needed, and the neighbours outside it stay out.
        let narrow = cache.lookup(paths: ["/r/a-many/10.md", "/r/a-many/100.md", "/r/a-many/11.md"])
        #expect(narrow.keys.sorted() == ["/r/a-many/10.md", "/r/a-many/100.md", "/r/a-many/11.md"])
        // In order: one answer per path asked, a path asked twice answered twice, nil where there is no row.
        let walkOrder = ["/r/a/3.md", "/r/a/1.md", "/r/a/2.md", "/r/a/1.md", "/r/a", "/r/a/9.md", "/r/b.md"]
        for fingerprint in [nil, "fp"] {
            let inOrder = cache.lookupInOrder(paths: walkOrder, fingerprint: fingerprint)
            #expect(inOrder.map { $0?.recordPath } == ["/r/a/3.md", "/r/a/1.md", "/r/a/2.md", "/r/a/1.md", "/r/a", nil, "/r/b.md"])
            #expect(inOrder.map { $0.map { String(decoding: $0.line, as: UTF8.self) } } == inOrder.map { $0?.recordPath })
        }
        #expect(cache.lookupInOrder(paths: []).isEmpty)
        #expect(cache.notes.isEmpty)
    }

    /// Pages are read through a mapping of the file (no `pread` per page), up to the set size,
    /// and a cache reopened later is mapped again (the setting is not stored in the file).
    @Test func theDatabaseIsReadThroughAMapping() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let path = folder.path("audit.sqlite")
        #expect(AuditCache(path: path).mappedSize == AuditCache.mappedBytes)
        #expect(AuditCache(path: path).mappedSize == 256 << 20)
    }
}

extension AuditCache {
    /// The in-order look-up as a dictionary keyed by path, for tests that ask about a set of paths.
    func lookup(paths: [String], fingerprint: String? = nil) -> [String: Entry] {
        var found: [String: Entry] = [:]
        for (path, entry) in zip(paths, lookupInOrder(paths: paths, fingerprint: fingerprint)) {
            if let entry { found[path] = entry }
        }
        return found
    }
}
