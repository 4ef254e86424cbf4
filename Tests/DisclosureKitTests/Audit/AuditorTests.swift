import DisclosureKit
import Foundation
import Testing

@Suite struct AuditorTests {
    /// A folder with one file of every status.
    func everyStatus() throws -> AuditFolder {
        let folder = try AuditFolder()
        try folder.stamped("verified.md")
        let edited = try folder.stamped("problems.md")
        let text = try String(contentsOfFile: edited, encoding: .utf8)
        try folder.write("problems.md", text.replacingOccurrences(of: "First paragraph.", with: "First paragraph, edited."))
        try folder.write("declared.md", "# Essay\n\nPLANT-DECLARED\n")
        try folder.write("signals.md", "# Essay\n\nPLANT-MODERATE and PLANT-WEAK\n")
        try folder.write("weak-only.md", "# Essay\n\nPLANT-WEAK\n")
        try folder.write("plain.html", "<!DOCTYPE html><html><head><title>t</title></head><body><p>Hello.</p></body></html>")
        try folder.write("notes.rtf", "plain text")
        try folder.write("broken.docx", Data("PK\u{03}\u{04} not really a zip".utf8))
        return folder
    }

    @Test func everyFileGetsExactlyOneStatus() throws {
        let folder = try everyStatus()
        defer { folder.remove() }
        let statuses = Auditor.forTests().statuses([folder.root], root: folder.root)
        #expect(statuses == [
            "verified.md": .disclosedVerified, "problems.md": .disclosedWithProblems, "declared.md": .declaredAIUse,
            "signals.md": .undisclosedWithSignals, "weak-only.md": .undisclosed, "plain.html": .undisclosed,
            "notes.rtf": .unsupported, "broken.docx": .unreadable,
        ])
    }

    @Test func recordsCarryTheEvidenceAndReasons() throws {
        let folder = try everyStatus()
        defer { folder.remove() }
        let (report, summary) = Auditor.forTests().audit([folder.root])
        let byName = Dictionary(uniqueKeysWithValues: report.records.map { (($0.path as NSString).lastPathComponent, $0) })
        #expect(byName["problems.md"]?.failedChecks == ["content-binding"])
        #expect(byName["verified.md"]?.checks.count == 7)
        #expect(byName["verified.md"]?.disclosure?.declarant == "Jane Smith")
        #expect(byName["signals.md"]?.findings.map(\.signal) == ["test.moderate", "test.weak"])
        #expect(byName["weak-only.md"]?.findings.map(\.signal) == ["test.weak"])
        #expect(byName["weak-only.md"]?.checks == [])
        #expect(byName["declared.md"]?.declarations.map(\.kind) == ["written-statement"])
        #expect(byName["broken.docx"]?.error?.hasPrefix(folder.path("broken.docx") + ": ") == true)
        #expect(byName["notes.rtf"]?.error?.contains("extension .rtf") == true)
        #expect(byName["plain.html"]?.sha256?.count == 64)
        #expect(summary.counts[.undisclosed] == 2)
        #expect(summary.statistics.files == 8)
        #expect(report.records.map(\.path) == report.records.map(\.path).sorted())
    }

    @Test func weakSignalsCountWhenMinimumIsWeak() throws {
        let folder = try everyStatus()
        defer { folder.remove() }
        let statuses = Auditor.forTests(AuditOptions(minStrength: .weak)).statuses([folder.root], root: folder.root)
        #expect(statuses["weak-only.md"] == .undisclosedWithSignals)
        let strong = Auditor.forTests(AuditOptions(minStrength: .strong)).statuses([folder.root], root: folder.root)
        #expect(strong["signals.md"] == .undisclosed)
    }

    @Test func additionalChecksAreRunAndCanFail() throws {
        struct Refuse: VerificationCheck {
            func run(_ context: VerificationContext) -> [CheckResult] {
                [CheckResult(id: "policy.test", status: .fail, message: "refused for the test")]
            }
        }
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.stamped("a.md")
        let (report, _) = Auditor.forTests(AuditOptions(additionalChecks: [Refuse()])).audit([folder.root])
        #expect(report.records.first?.status == .disclosedWithProblems)
        #expect(report.records.first?.failedChecks == ["policy.test"])
    }

    @Test func fileDeletedMidRunIsUnreadableWithReason() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("a.md", "# A\n")
        let victim = try folder.write("b.md", "# B\n")
        let options = AuditOptions(hooks: AuditHooks(beforeRead: { path in
            if path == victim { try? FileManager.default.removeItem(atPath: path) }
        }))
        let (report, _) = Auditor.forTests(options).audit([folder.root])
        let record = report.records.first { $0.path == victim }
        #expect(record?.status == .unreadable)
        #expect(record?.error == "\(victim): the file vanished during the audit (it was moved or deleted after the folder was listed).")
        #expect(report.records.first { $0.path == folder.path("a.md") }?.status == .undisclosed)
    }

    @Test func fileChangedWhileBeingReadIsUnreadableWithReason() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let victim = try folder.write("b.md", "# B\n")
        let options = AuditOptions(hooks: AuditHooks(whileReading: { path in
            let handle = FileHandle(forWritingAtPath: path)
            handle?.seekToEndOfFile()
            handle?.write(Data("More text.\n".utf8))
            try? handle?.close()
        }))
        let (report, _) = Auditor.forTests(options).audit([folder.root])
        #expect(report.records.map(\.status) == [.unreadable])
        #expect(report.records.first?.error == "\(victim): the file changed while it was being read; audit it again once nothing is writing to it.")
    }

    @Test func fileReplacedByFifoMidRunIsSkipped() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        let victim = try folder.write("b.md", "# B\n")
        let options = AuditOptions(hooks: AuditHooks(beforeRead: { path in
            try? FileManager.default.removeItem(atPath: path)
            mkfifo(path, 0o600)
        }))
        let (report, _) = Auditor.forTests(options).audit([folder.root])
        #expect(report.records.map(\.status) == [.unsupported])
        #expect(report.records.first?.error == "\(victim): a named pipe (FIFO), not a document; skipped.")
    }

    @Test func resultsDoNotDependOnTheNumberOfJobs() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        for i in 0..<60 { try folder.write("d\(i % 5)/f\(i).md", i % 3 == 0 ? "# PLANT-MODERATE \(i)\n" : "# Plain \(i)\n") }
        let one = Auditor.forTests(AuditOptions(jobs: 1)).audit([folder.root], generatedAt: "t").report
        let four = Auditor.forTests(AuditOptions(jobs: 4)).audit([folder.root], generatedAt: "t").report
        #expect(one == four)
        #expect(one.records.count == 60)
        #expect(one.counts.first { $0.status == .undisclosedWithSignals }?.count == 20)
    }

    @Test func shardsOfAnAuditCombineToTheWholeAudit() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        for i in 0..<40 { try folder.write("d\(i % 4)/f\(i).md", "# Doc \(i)\n") }
        try folder.write("notes.txt", "x")
        let whole = Auditor.forTests().audit([folder.root], generatedAt: "t").report
        var merged: [AuditRecord] = []
        for k in 1...3 {
            let part = Auditor.forTests(AuditOptions(shard: try Shard(index: k, count: 3))).audit([folder.root], generatedAt: "t").report
            #expect(!part.records.isEmpty)
            merged += part.records
        }
        #expect(AuditReport(generatedAt: "t", roots: [folder.root], records: merged) == whole)
    }

    @Test func linkGivenAsARootIsFollowed() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("real.md", "# PLANT-MODERATE\n")
        try folder.symlink("alias.md", to: folder.path("real.md"))
        let (report, _) = Auditor.forTests().audit([folder.path("alias.md")])
        #expect(report.records.map(\.status) == [.undisclosedWithSignals])
        #expect(report.records.map(\.path) == [folder.path("alias.md")])
    }

    @Test func followedLinksInsideFoldersAreAudited() throws {
        let folder = try AuditFolder()
        defer { folder.remove() }
        try folder.write("real/a.md", "# A\n")
        try folder.symlink("alias.md", to: folder.path("real/a.md"))
        let statuses = Auditor.forTests(AuditOptions(walk: WalkOptions(followSymlinks: true))).statuses([folder.root], root: folder.root)
        #expect(statuses == ["alias.md": .undisclosed, "real/a.md": .undisclosed])
    }

    @Test func missingRootIsASummaryFailureNotARecord() throws {
        let (report, summary) = Auditor.forTests().audit(["/nonexistent/disclose-audit"])
        #expect(report.records.isEmpty)
        #expect(summary.rootFailures.map(\.path) == ["/nonexistent/disclose-audit"])
        #expect(summary.rootFailures.first?.reason.contains("No such file or directory") == true)
    }
}
