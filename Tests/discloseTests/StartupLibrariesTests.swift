import DiscloseTestSupport
import Foundation
import Testing

/// What the built binary loads at start-up. libqpdf (with GnuTLS, libjpeg and the libraries they
/// need) is opened only when a PDF is read; loading it at every start cost about a third of a
/// short command's time (docs/scale.md, "Start-up: libqpdf on demand"). libzip (with libcrypto,
/// libbz2, liblzma) and libxml2 (with ICU) are opened only when an archive or XML is read
/// ("Start-up: libzip and libxml2 on demand"). glibc's loader lists each library it opens when
/// LD_DEBUG=files is set.
@Suite struct StartupLibrariesTests {
    #if os(Linux)
    static func loaded(_ arguments: [String]) throws -> (result: CLIResult, libraries: [String]) {
        let result = try CLI.run(arguments, environment: ["LD_DEBUG": "files"])
        let libraries = result.stderr.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "file=") else { return nil }
            return String(line[range.upperBound...].prefix { $0 != " " && $0 != "\t" })
        }
        return (result, libraries)
    }

    @Test func aMarkdownAuditNeverLoadsLibqpdf() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try CLI.copyFixture("markdown/no-front-matter.md", to: folder)
        let (result, libraries) = try Self.loaded(["audit", folder, "--format", "jsonl", "--no-cache", "--fail-on", "none"])
        #expect(result.exitCode == 0, "\(result.stderr.suffix(2000))")
        #expect(libraries.contains { $0.hasPrefix("libcmark-gfm") }, "the loader's list was read: \(libraries)")
        #expect(!libraries.contains { $0.hasPrefix("libqpdf") || $0.hasPrefix("libgnutls") }, "\(libraries)")
    }

    /// Neither an audit nor a stamp of Markdown and HTML loads libzip, libxml2 or what they bring.
    @Test func markdownAndHTMLNeverLoadLibzipOrLibxml2() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try CLI.copyFixture("markdown/no-front-matter.md", to: folder)
        let page = try CLI.copyFixture("html/article.html", to: folder)
        let unwanted = ["libzip", "libxml2", "libicuuc", "libicudata", "libcrypto", "libbz2", "liblzma"]
        let (audit, auditLibraries) = try Self.loaded(["audit", folder, "--format", "jsonl", "--no-cache", "--fail-on", "none"])
        #expect(audit.exitCode == 0, "\(audit.stderr.suffix(2000))")
        #expect(auditLibraries.contains { $0.hasPrefix("libgumbo") }, "the loader's list was read: \(auditLibraries)")
        #expect(!auditLibraries.contains { name in unwanted.contains { name.hasPrefix($0) } }, "\(auditLibraries)")
        let (stamp, stampLibraries) = try Self.loaded(["stamp", page] + CLI.sampleFacts)
        #expect(stamp.exitCode == 0, "\(stamp.stderr.suffix(2000))")
        #expect(!stampLibraries.contains { name in unwanted.contains { name.hasPrefix($0) } }, "\(stampLibraries)")
    }

    @Test func readingADOCXLoadsLibzipAndLibxml2() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("docx/plain.docx", to: folder)
        let (result, libraries) = try Self.loaded(["verify", file])
        #expect(result.exitCode == 1, "an unstamped document fails its checks: \(result.stdout)")
        #expect(result.stdout.contains("plain.docx: fail"), "the document was read: \(result.stdout)")
        #expect(result.stderr.contains("file=libzip.so.4 [0];  dynamically loaded by") || result.stderr.contains("file=libzip.so [0];  dynamically loaded by"),
                "libzip opened by dlopen, not at start-up: \(libraries)")
        #expect(result.stderr.contains("file=libxml2.so.2 [0];  dynamically loaded by") || result.stderr.contains("file=libxml2.so [0];  dynamically loaded by"),
                "libxml2 opened by dlopen, not at start-up: \(libraries)")
    }

    @Test func readingAPDFLoadsLibqpdf() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("pdf/plain.pdf", to: folder)
        let (result, libraries) = try Self.loaded(["verify", file])
        #expect(result.exitCode == 1, "an unstamped PDF fails its checks: \(result.stdout)")
        #expect(result.stdout.contains("plain.pdf: fail           statement-present"), "qpdf read the file: \(result.stdout)")
        #expect(libraries.contains { $0.hasPrefix("libqpdf") }, "\(libraries)")
        #expect(result.stderr.contains("file=libqpdf.so.29 [0];  dynamically loaded by") || result.stderr.contains("file=libqpdf.so [0];  dynamically loaded by"),
                "opened by dlopen, not at start-up")
    }
    #endif
}
