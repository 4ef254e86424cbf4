import DiscloseTestSupport
import DisclosureKit
import Foundation
import Testing

/// Real PDFs from ../shared/corpus/pdf (optional: skipped when the folder is absent; never copied
/// into the repository). Every file that SOURCES.tsv notes as neither encrypted nor damaged is
/// stamped, verified, stamped again unchanged and unstamped to its exact original bytes; the
/// original is the stamped file's prefix and qpdf finds no error in it. Encrypted and damaged files
/// are refused with exit code 3 and nothing written. Works on copies in a temporary folder.
@Suite struct PDFCorpusTests {
    static let corpus = TestRepository.corpus.appendingPathComponent("pdf")
    static var present: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    struct Source { var sha256: String; var notes: String }

    /// SOURCES.tsv rows for pdf/, by file name.
    static func sources() throws -> [String: Source] {
        let text = try String(contentsOf: TestRepository.corpus.appendingPathComponent("SOURCES.tsv"), encoding: .utf8)
        var out: [String: Source] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 7, f[0].hasPrefix("pdf/") else { continue }
            out[String(f[0].dropFirst(4))] = Source(sha256: f[5], notes: f[6])
        }
        return out
    }

    /// `qpdf --check`: nil when qpdf is not installed, else its exit status and output (the path as FILE).
    static func qpdfCheck(_ path: String) throws -> (status: Int32, output: String)? {
        guard ProcessRunner.path(of: "qpdf") != nil else { return nil }
        let r = try ProcessRunner.run(tool: "qpdf", ["--check", path], timeout: 120)
        return (r.exitCode, (r.stdout + r.stderr).replacingOccurrences(of: path, with: "FILE"))
    }

    static func lines(_ output: String, _ prefix: String) -> Set<String> {
        Set(output.split(separator: "\n").filter { $0.hasPrefix(prefix) }.map(String.init))
    }

    /// Files on which a check is known to fail, and why (each a problem to fix in the library).
    static let knownProblems: [String: String] = [:]

    @Test(.enabled(if: present, "../shared/corpus/pdf is absent, so the PDF corpus test is skipped"))
    func everyReadablePDFStampsVerifiesAndUnstamps() throws {
        let sources = try Self.sources()
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0.lowercased().hasSuffix(".pdf") }.sorted()
        let dir = try TestRepository.temporaryFolder(prefix: "disclose-pdf-corpus-")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        if ProcessRunner.path(of: "qpdf") == nil { print("PDF corpus: qpdf is not installed, so the stamped files were not checked with qpdf --check") }
        var passed: [String] = [], signed: [String] = [], encrypted: [String] = [], damaged: [String] = [], warned: [String: [String]] = [:]
        for name in files {
            let source = try #require(sources[name], "\(name) is not in SOURCES.tsv")
            let copy = dir + "/" + name
            try FileManager.default.copyItem(atPath: Self.corpus.appendingPathComponent(name).path, toPath: copy)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: copy)
            let original = try Data(contentsOf: URL(fileURLWithPath: copy))
            #expect(Digests.sha256Hex(original) == source.sha256, "\(name): the corpus file is the one SOURCES.tsv lists")

            let isEncrypted = source.notes.contains("encrypted:")
            let isDamaged = source.notes.contains("DAMAGED")
            if isEncrypted || isDamaged {
                do {
                    _ = try Stamper().stamp(path: copy, disclosure: Samples.disclosure)
                    Issue.record("\(name): stamped, but SOURCES.tsv notes it as \(isEncrypted ? "encrypted" : "damaged")")
                } catch let error as DisclosureError {
                    #expect(error.exitCode == 3, "\(name): \(error)")
                    #expect(error.description.hasPrefix(copy + ": "), "\(name): the message names the file: \(error)")
                    if isEncrypted {
                        #expect(error.description.contains("encrypted"), "\(name): \(error)")
                        encrypted.append(name)
                    } else {
                        damaged.append(name)
                    }
                    print("PDF corpus: \(name): refused: \(error)")
                }
                #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == original, "\(name): nothing written")
                continue
            }

            var options = StampOptions()
            do {
                _ = try Stamper().stamp(path: copy, disclosure: Samples.disclosure, options: options)
            } catch DisclosureError.signedDocument {
                #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == original, "\(name): nothing written on refusal")
                options.allowInvalidatingSignature = true
                let result = try Stamper().stamp(path: copy, disclosure: Samples.disclosure, options: options)
                #expect(!result.invalidatedSignatures.isEmpty, "\(name): the signatures are named")
                signed.append(name)
            } catch {
                Issue.record("\(name): stamp failed: \(error)")
                continue
            }
            let stamped = try Data(contentsOf: URL(fileURLWithPath: copy))
            #expect(stamped.count > original.count && stamped.prefix(original.count) == original, "\(name): the original bytes are the stamped file's prefix")

            let report = try Verifier().verify(path: copy)
            let failures = report.checks.filter { $0.status == .fail }
            if let known = Self.knownProblems[name] {
                withKnownIssue("\(name): \(known)") {
                    #expect(failures.isEmpty, "\(name): \(failures.map { "\($0.id): \($0.message)" })")
                }
                print("PDF corpus: \(name): known problem: \(known); verify: \(failures.map { "\($0.id): \($0.message)" })")
            } else {
                #expect(failures.isEmpty, "\(name): \(failures.map { "\($0.id): \($0.message)" })")
            }
            let warnings = report.checks.filter { $0.status == .warn }
            if !warnings.isEmpty { warned[name] = warnings.map { "\($0.id): \($0.message)" } }

            if let after = try Self.qpdfCheck(copy), let before = try Self.qpdfCheck(Self.corpus.appendingPathComponent(name).path) {
                #expect(after.status != 2 && !after.output.contains("ERROR"), "\(name): qpdf --check after stamping: \(after.output)")
                #expect(!after.output.contains("file is damaged") && !after.output.contains("reconstruct"), "\(name): \(after.output)")
                let new = Self.lines(after.output, "WARNING").subtracting(Self.lines(before.output, "WARNING"))
                if !new.isEmpty { print("PDF corpus: \(name): qpdf warnings new after stamping: \(new.sorted())") }
            }

            let restamp = try Stamper().stamp(path: copy, disclosure: Samples.disclosure, options: options)
            #expect(restamp.unchanged, "\(name): stamping again with the same facts changes nothing")
            _ = try Stamper().unstamp(path: copy)
            let unstamped = try Data(contentsOf: URL(fileURLWithPath: copy))
            #expect(unstamped == original, "\(name): unstamping gives the original bytes back (\(unstamped.count) bytes, original \(original.count))")
            if (failures.isEmpty || Self.knownProblems[name] != nil) && unstamped == original && stamped.prefix(original.count) == original {
                passed.append(name)
            }
        }
        for (name, list) in warned.sorted(by: { $0.key < $1.key }) { print("PDF corpus: \(name): verify warns: \(list)") }
        print("PDF corpus: \(passed.count) of \(files.count) PDFs stamped, verified, restamped unchanged and unstamped to the original bytes "
              + "(\(signed.count) signed, stamped with allowInvalidatingSignature; \(warned.count) with warnings from verify; "
              + "\(Self.knownProblems.count) with a known problem); "
              + "\(encrypted.count) encrypted and \(damaged.count) damaged refused with exit code 3")
        let expectedRefusals = files.filter { sources[$0].map { $0.notes.contains("encrypted:") || $0.notes.contains("DAMAGED") } ?? false }.count
        #expect(encrypted.count + damaged.count == expectedRefusals)
        #expect(passed.count == files.count - expectedRefusals, "every readable PDF passed")
    }
}
