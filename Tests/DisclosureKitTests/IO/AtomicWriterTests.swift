import DisclosureKit
import Foundation
import Testing

@Suite struct AtomicWriterTests {
    @Test func replacesContentAndKeepsPermissions() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/a.md"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try AtomicWriter.write(Data("new".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["a.md"], "no temporary file is left behind")
    }

    @Test func failureLeavesOriginalAndNoTemporary() throws {
        let folder = try Samples.temporaryFolder()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
            try? FileManager.default.removeItem(atPath: folder)
        }
        let path = folder + "/a.md"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        guard getuid() != 0 else { return } // root ignores folder permissions; covered by the missing-folder case below
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        #expect(throws: DisclosureError.self) { try AtomicWriter.write(Data("new".utf8), to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    }

    @Test func missingFolderIsAWriteError() {
        do {
            try AtomicWriter.write(Data("x".utf8), to: "/nonexistent-disclose-folder/a.md")
            Issue.record("expected a write error")
        } catch let error as DisclosureError {
            #expect(error.exitCode == 4)
            #expect(error.description.hasPrefix("/nonexistent-disclose-folder/a.md: could not write the result (cannot create a temporary file in /nonexistent-disclose-folder: No such file or directory)"))
        } catch {
            Issue.record("wrong error \(error)")
        }
    }
}
