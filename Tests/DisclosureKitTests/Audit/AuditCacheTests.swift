import DisclosureKit
import Foundation
import Testing

@Suite struct AuditCacheTests {
    func setTimes(_ path: String, seconds: Int) {
        var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, 0)
    }

    @Test func secondRunReadsNoBytes() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.stamped("docs/a.md")
        try folder.write("docs/b.md", "# PLANT-MODERATE\n")
        try folder.write("notes.txt", "x")
        let cachePath = folder.path("cache/audit.sqlite")
        let first = Auditor.forTests(cache: AuditCache(path: cachePath)).audit([folder.path("docs"), folder.path("notes.txt")], generatedAt: "t")
        #expect(first.summary.statistics.filesRead == 3)
        #expect(first.summary.statistics.cacheHits == 0)
        let second = Auditor.forTests(cache: AuditCache(path: cachePath)).audit([folder.path("docs"), folder.path("notes.txt")], generatedAt: "t")
        #expect(second.summary.statistics.filesRead == 0)
        #expect(second.summary.statistics.bytesRead == 0)
        #expect(second.summary.statistics.cacheHits == 3)
        #expect(second.report == first.report)
        #expect(second.summary.notes.isEmpty)
    }

    @Test func theSameFileHitsHoweverTheRootIsSpelt() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("docs/a.md", "# Plain\n")
        let cachePath = folder.path("audit.sqlite")
        _ = Auditor.forTests(cache: AuditCache(path: cachePath)).audit([folder.path("docs")])
        let (report, summary) = Auditor.forTests(cache: AuditCache(path: cachePath)).audit([folder.root + "/./docs/"])
        #expect(summary.statistics.cacheHits == 1)
        #expect(report.records.map(\.path) == [folder.root + "/./docs/a.md"])
    }

    @Test func editedFileIsAuditedAgain() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let path = try folder.write("a.md", "# Plain\n")
        let cachePath = folder.path("audit.sqlite")
        #expect(Auditor.forTests(cache: AuditCache(path: cachePath)).statuses([folder.path("a.md")], root: folder.root)["a.md"] == .undisclosed)
        try folder.write("a.md", "# Now PLANT-MODERATE\n")
        let (report, summary) = Auditor.forTests(cache: AuditCache(path: cachePath)).audit([path])
        #expect(summary.statistics.cacheHits == 0)
        #expect(summary.statistics.filesRead == 1)
        #expect(report.records.first?.status == .undisclosedWithSignals)
    }

    @Test func editWithTheOldModificationTimeIsCaughtByChangeTime() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let path = try folder.write("a.md", "# Plain one\n")
        setTimes(path, seconds: 1_700_000_000)
        let cachePath = folder.path("audit.sqlite")
        _ = Auditor.forTests(cache: AuditCache(path: cachePath)).audit([path])
        Thread.sleep(forTimeInterval: 0.02)
        try folder.write("a.md", "# PLANT-STRONG\n")
        setTimes(path, seconds: 1_700_000_000)
        let (report, summary) = Auditor.forTests(cache: AuditCache(path: cachePath)).audit([path])
        #expect(summary.statistics.cacheHits == 0)
        #expect(report.records.first?.status == .undisclosedWithSignals)
    }

    @Test func touchedFileIsReadButNotParsedAgain() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let path = try folder.write("a.md", "# Plain\n")
        let cachePath = folder.path("audit.sqlite")
        _ = Auditor.forTests(cache: AuditCache(path: cachePath)).audit([path])
        setTimes(path, seconds: 1_600_000_000)
        let (report, summary) = Auditor.forTests(cache: AuditCache(path: cachePath)).audit([path])
        #expect(summary.statistics.filesRead == 1)
        #expect(summary.statistics.digestHits == 1)
        #expect(report.records.first?.status == .undisclosed)
        let third = Auditor.forTests(cache: AuditCache(path: cachePath)).audit([path]).summary
        #expect(third.statistics.cacheHits == 1)
    }

    @Test func otherSettingsDoNotReuseResults() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let path = try folder.write("a.md", "# PLANT-WEAK\n")
        let cachePath = folder.path("audit.sqlite")
        _ = Auditor.forTests(cache: AuditCache(path: cachePath)).audit([path])
        let weak = Auditor.forTests(AuditOptions(minStrength: .weak), cache: AuditCache(path: cachePath)).audit([path])
        #expect(weak.summary.statistics.cacheHits == 0)
        #expect(weak.report.records.first?.status == .undisclosedWithSignals)
        let policy = Auditor.forTests(AuditOptions(minStrength: .weak, settingsFingerprint: "policy-sha256:abc"), cache: AuditCache(path: cachePath)).audit([path])
        #expect(policy.summary.statistics.cacheHits == 0)
    }

    @Test func corruptCacheIsRebuiltWithANote() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let path = try folder.write("a.md", "# Plain\n")
        let cachePath = try folder.write("audit.sqlite", Data(repeating: 0x5A, count: 8192))
        let cache = AuditCache(path: cachePath)
        #expect(cache.isAvailable)
        let (report, summary) = Auditor.forTests(cache: cache).audit([path])
        #expect(report.records.first?.status == .undisclosed)
        #expect(summary.notes.count == 1)
        #expect(summary.notes.first?.hasPrefix("the audit cache at \(cachePath) could not be used (") == true)
        #expect(summary.notes.first?.hasSuffix("so it was rebuilt; this audit reads every file.") == true)
        let again = Auditor.forTests(cache: AuditCache(path: cachePath)).audit([path]).summary
        #expect(again.statistics.cacheHits == 1)
        #expect(again.notes.isEmpty)
    }

    @Test func unusableCacheLocationIsBypassedWithANote() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let path = try folder.write("a.md", "# Plain\n")
        try folder.write("blocker", "a file where the cache folder should be")
        let cache = AuditCache(path: folder.path("blocker/audit.sqlite"))
        #expect(!cache.isAvailable)
        let (report, summary) = Auditor.forTests(cache: cache).audit([path])
        #expect(report.records.first?.status == .undisclosed)
        #expect(summary.notes.first?.contains("could not be used or rebuilt") == true)
    }

    @Test func defaultPathFollowsXDG() {
        #expect(AuditCache.defaultPath(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"]) == "/x/cache/disclose/audit.sqlite")
        #expect(AuditCache.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.cache/disclose/audit.sqlite")
        #expect(AuditCache.defaultPath(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"]) == "/home/u/.cache/disclose/audit.sqlite")
    }
}
