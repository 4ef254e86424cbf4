import Foundation
import Testing

/// PowerPoint decks through the `disclose` binary: stamp, show, verify, a changed word caught,
/// unstamp, and an audit of a folder holding a deck.
@Suite struct PPTXEndToEndTests {
    /// Replaces `old` with `new` in one part of a package, copying the rest (python3's zipfile).
    static func rewrite(_ path: String, part: String, _ old: String, _ new: String) throws {
        let script = """
        import sys, zipfile, shutil
        path, part, old, new = sys.argv[1:5]
        src = zipfile.ZipFile(path)
        items = [(i, src.read(i.filename)) for i in src.infolist()]
        src.close()
        with zipfile.ZipFile(path + ".tmp", "w") as out:
            for info, data in items:
                if info.filename == part:
                    data = data.decode("utf-8").replace(old, new).encode("utf-8")
                out.writestr(info, data)
        shutil.move(path + ".tmp", path)
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, path, part, old, new]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw RealClients.Failure(message: "python3 could not rewrite \(part)") }
    }

    @Test func stampShowVerifyTamperUnstamp() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let deck = try CLI.copyFixture("pptx/plain.pptx", to: folder)

        let stamp = try CLI.run(["stamp", "plain.pptx"] + CLI.sampleFacts, in: folder)
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")

        let verify = try CLI.run(["verify", "plain.pptx"], in: folder)
        #expect(verify.exitCode == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("statement found at ppt/slides/slide4.xml"), "\(verify.stdout)")
        #expect(verify.stdout.contains("metadata found at docProps/custom.xml"))
        #expect(verify.stdout.contains("content-binding             text unchanged since stamping"))
        #expect(verify.stdout.hasSuffix(": verified\n"))

        let show = try CLI.run(["show", "--format", "json", "plain.pptx"], in: folder)
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [[String: Any]])
        let disclosure = shown.first?["disclosure"] as? [String: Any]
        #expect(disclosure?["declarant"] as? String == "Jane Smith")
        #expect((disclosure?["content"] as? [String: Any])?["format"] as? String == "pptx")

        let again = try CLI.run(["stamp", "plain.pptx"] + CLI.sampleFacts, in: folder)
        #expect(again.stdout.contains("already stamped with these facts; unchanged"), "\(again.stdout)")

        try FileManager.default.copyItem(atPath: deck, toPath: folder + "/edited.pptx")
        try Self.rewrite(folder + "/edited.pptx", part: "ppt/slides/slide2.xml", "half hour", "full hour")
        let tampered = try CLI.run(["verify", "edited.pptx"], in: folder)
        #expect(tampered.exitCode == 1, "\(tampered.stdout)")
        #expect(tampered.stdout.contains("content-binding"))

        let unstamp = try CLI.run(["unstamp", "plain.pptx"], in: folder)
        #expect(unstamp.exitCode == 0, "\(unstamp.stderr)")
        #expect(unstamp.stdout.contains("removed the statement and metadata"))
        let after = try CLI.run(["verify", "plain.pptx"], in: folder)
        #expect(after.exitCode != 0)
    }

    @Test func auditOfAFolderWithADeck() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try CLI.copyFixture("pptx/plain.pptx", to: folder)
        try FileManager.default.copyItem(atPath: folder + "/plain.pptx", toPath: folder + "/stamped.pptx")
        #expect(try CLI.run(["stamp", "stamped.pptx"] + CLI.sampleFacts, in: folder).exitCode == 0)
        let r = try CLI.run(["audit", ".", "--no-cache", "--format", "jsonl", "--fail-on", "none"], in: folder)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let records = r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["path"] != nil }
        let byPath = Dictionary(records.map { ($0["path"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byPath["stamped.pptx"]?["status"] as? String == "disclosed-verified", "\(records)")
        #expect(byPath["stamped.pptx"]?["format"] as? String == "pptx")
        #expect(byPath["plain.pptx"]?["format"] as? String == "pptx")
        #expect(byPath["plain.pptx"]?["status"] as? String != "unsupported", "\(byPath["plain.pptx"] ?? [:])")
    }

    @Test func aDamagedDeckIsAClearErrorNamingTheFile() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let deck = try CLI.copyFixture("pptx/plain.pptx", to: folder)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: deck))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: folder + "/half.pptx"))
        let r = try CLI.run(["stamp", "half.pptx"] + CLI.sampleFacts, in: folder)
        #expect(r.exitCode == 3)
        #expect(r.stderr.contains("half.pptx: "), "\(r.stderr)")
        #expect(r.stderr.contains("PowerPoint or LibreOffice Impress"), "\(r.stderr)")
    }
}
