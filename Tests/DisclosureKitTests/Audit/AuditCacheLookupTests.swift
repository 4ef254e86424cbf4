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
}
