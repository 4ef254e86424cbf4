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

    /// Runs `body` with a new folder holding copies of `fixtures` and the copies' paths; the folder
    /// is removed after.
    static func withCopies<T>(of fixtures: [String], _ body: (_ folder: String, _ copies: [String]) throws -> T) throws -> T {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try body(folder, try fixtures.map { try CLI.copyFixture($0, to: folder) })
    }

    /// Audits `folder` (no cache, never failing on findings), listing the libraries loaded.
    static func audit(_ folder: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (result: CLIResult, libraries: [String]) {
        let audit = try loaded(["audit", folder, "--format", "jsonl", "--no-cache", "--fail-on", "none"])
        #expect(audit.result.exitCode == 0, "\(audit.result.stderr.suffix(2000))", sourceLocation: sourceLocation)
        return audit
    }

    /// Verifies a copy of the unstamped `fixture`, which fails its checks (exit 1) once it has been
    /// read, listing the libraries loaded.
    static func verifyUnstamped(_ fixture: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (result: CLIResult, libraries: [String]) {
        let verify = try withCopies(of: [fixture]) { _, copies in try loaded(["verify", copies[0]]) }
        #expect(verify.result.exitCode == 1, "an unstamped document fails its checks: \(verify.result.stdout)", sourceLocation: sourceLocation)
        return verify
    }

    /// True when the loader's words say one of `names` was opened by `dlopen`, not at start-up.
    static func openedByDlopen(_ result: CLIResult, anyOf names: [String]) -> Bool {
        names.contains { result.stderr.contains("file=\($0) [0];  dynamically loaded by") }
    }

    /// A command that reads no document opens none of the libraries loaded on demand.
    @Test func theVersionLoadsNoLibraryOpenedOnDemand() throws {
        let (result, libraries) = try Self.loaded(["--version"])
        #expect(result.exitCode == 0, "\(result.stderr.suffix(2000))")
        #expect(libraries.contains { $0.hasPrefix("libgumbo") }, "the loader's list was read: \(libraries)")
        #expect(!libraries.contains { name in ["libzip", "libxml2", "libqpdf"].contains { name.hasPrefix($0) } }, "\(libraries)")
    }

    @Test func aMarkdownAuditNeverLoadsLibqpdf() throws {
        let (_, libraries) = try Self.withCopies(of: ["markdown/no-front-matter.md"]) { folder, _ in try Self.audit(folder) }
        #expect(libraries.contains { $0.hasPrefix("libcmark-gfm") }, "the loader's list was read: \(libraries)")
        #expect(!libraries.contains { $0.hasPrefix("libqpdf") || $0.hasPrefix("libgnutls") }, "\(libraries)")
    }

    /// Neither an audit nor a stamp of Markdown and HTML loads libzip, libxml2 or what they bring.
    @Test func markdownAndHTMLNeverLoadLibzipOrLibxml2() throws {
        let unwanted = ["libzip", "libxml2", "libicuuc", "libicudata", "libcrypto", "libbz2", "liblzma"]
        try Self.withCopies(of: ["markdown/no-front-matter.md", "html/article.html"]) { folder, copies in
            let (_, auditLibraries) = try Self.audit(folder)
            #expect(auditLibraries.contains { $0.hasPrefix("libgumbo") }, "the loader's list was read: \(auditLibraries)")
            #expect(!auditLibraries.contains { name in unwanted.contains { name.hasPrefix($0) } }, "\(auditLibraries)")
            let (stamp, stampLibraries) = try Self.loaded(["stamp", copies[1]] + CLI.sampleFacts)
            #expect(stamp.exitCode == 0, "\(stamp.stderr.suffix(2000))")
            #expect(!stampLibraries.contains { name in unwanted.contains { name.hasPrefix($0) } }, "\(stampLibraries)")
        }
    }

    @Test func readingADOCXLoadsLibzipAndLibxml2() throws {
        let (result, libraries) = try Self.verifyUnstamped("docx/plain.docx")
        #expect(result.stdout.contains("plain.docx: fail"), "the document was read: \(result.stdout)")
        #expect(Self.openedByDlopen(result, anyOf: ["libzip.so.4", "libzip.so"]), "libzip opened by dlopen, not at start-up: \(libraries)")
        #expect(Self.openedByDlopen(result, anyOf: ["libxml2.so.2", "libxml2.so"]), "libxml2 opened by dlopen, not at start-up: \(libraries)")
    }

    @Test func readingAPDFLoadsLibqpdf() throws {
        let (result, libraries) = try Self.verifyUnstamped("pdf/plain.pdf")
        #expect(result.stdout.contains("plain.pdf: fail           statement-present"), "qpdf read the file: \(result.stdout)")
        #expect(libraries.contains { $0.hasPrefix("libqpdf") }, "\(libraries)")
        #expect(Self.openedByDlopen(result, anyOf: ["libqpdf.so.29", "libqpdf.so"]), "opened by dlopen, not at start-up")
    }
    #endif
}
