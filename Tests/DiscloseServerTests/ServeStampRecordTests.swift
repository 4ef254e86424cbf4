@testable import DiscloseServer
@testable import DisclosureKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Stamps recorded in the AI-use register, signed with the server's key, over a real socket,
/// and refused when the app is busy.
@Suite struct ServeStampRecordTests {
    static let facts = #"{"tools":[{"name":"Microsoft 365 Copilot"}],"purposes":["drafting"],"extent":"partial","review":"edited","declarant":"J. Smith"}"#

    static func configuration(_ change: (inout ServeConfiguration) throws -> Void) throws -> ServeConfiguration {
        var configuration = ServeConfiguration()
        configuration.temporaryRoot = try Serve.temporaryFolder()
        try change(&configuration)
        return configuration
    }

    static func stampForm() throws -> Multipart {
        var form = Multipart()
        form.file("file", "Board report.docx", try Serve.docx(Serve.essay))
        form.field("facts", facts)
        return form
    }

    @Test func everyStampGoesIntoTheRegisterUnderTheNameGivenAndPreviewsDoNot() async throws {
        let folder = try Serve.temporaryFolder()
        let configuration = try Self.configuration { $0.registerPath = folder + "/register.sqlite" }
        let app = try ServeApp(configuration: configuration)
        try await Serve.application(app).test(.router) { client in
            let form = try Self.stampForm()
            let response = try await client.execute(uri: "/api/v1/stamp", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(response.status == .ok)
            let csrf = try await Serve.csrf(client)
            var preview = Multipart()
            preview.field("csrf", csrf)
            for (k, v) in [("tool-other", "ChatGPT"), ("purpose", "drafting"), ("extent", "partial"), ("review", "edited"), ("declarant", "A. Preview"), ("action", "preview")] { preview.field(k, v) }
            #expect(try await client.execute(uri: "/stamp", method: .post, headers: Serve.headers(preview, csrf: csrf), body: preview.body).status == .ok)
        }
        let records = try AIUseRegister(path: folder + "/register.sqlite", create: false).records()
        #expect(records.count == 1)
        #expect(records.first?.path == "Board report.docx")
        #expect(records.first?.declarant == "J. Smith")
        #expect(records.first?.tools == ["Microsoft 365 Copilot"])
        #expect(Serve.leftovers(configuration.temporaryRoot).isEmpty)
    }

    @Test func stampsAreSignedWithTheServersKeyWhenOneIsGiven() async throws {
        let folder = try Serve.temporaryFolder()
        let written = try KeyFile.write(PrivateSigningKey.generate(.ed25519), name: "server", folder: folder)
        let configuration = try Self.configuration { $0.signKeyPath = written.privateKey }
        let app = try ServeApp(configuration: configuration)
        try await Serve.application(app).test(.router) { client in
            let form = try Self.stampForm()
            let response = try await client.execute(uri: "/api/v1/stamp", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(response.status == .ok)
            try Data(buffer: response.body).write(to: URL(fileURLWithPath: folder + "/signed.docx"))
        }
        let check = try TrustSettings(trust: [written.publicKey]).makeCheck().check
        let report = try Verifier(additionalChecks: [check]).verify(path: folder + "/signed.docx")
        #expect(report.passed)
        #expect(report.disclosure?.signature != nil)
        #expect(report.checks.first { $0.id == CheckID.signature }?.state == SignatureState.signedTrusted.rawValue)
    }

    @Test func aStampOverARealSocketComesBackWhole() async throws {
        let configuration = try Self.configuration { _ in }
        let app = try ServeApp(configuration: configuration)
        let application = Application(router: app.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { client in
            let form = try Self.stampForm()
            let response = try await client.execute(uri: "/api/v1/stamp", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(response.status == .ok)
            let bytes = Data(buffer: response.body)
            #expect(response.headers[ServeApp.sha256Header] == Digests.sha256Hex(bytes))
            #expect(bytes.prefix(2) == Data("PK".utf8))
        }
        #expect(Serve.leftovers(configuration.temporaryRoot).isEmpty)
    }

    /// Opens a raw connection and sends the start of an upload, then leaves it hanging.
    static func stalledUpload(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        #expect(connected == 0)
        var form = Multipart()
        form.file("file", "stalled.md", Data(repeating: 65, count: 200_000))
        let head = "POST /api/v1/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: \(form.contentType)\r\nContent-Length: \(form.data.count + 100)\r\n\r\n"
        let bytes = Array(head.utf8) + Array(form.data.prefix(100_000))
        let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        #expect(sent > 0)
        return fd
    }

    @Test func aClientStalledMidUploadBlocksNobodyAndLeavesNothingWhenItGoes() async throws {
        let configuration = try Self.configuration { $0.limits.maxConcurrentRequests = 2 }
        let app = try ServeApp(configuration: configuration)
        let application = Application(router: app.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { client in
            let port = try #require(client.port)
            let stalled = try Self.stalledUpload(port: port)
            try await Task.sleep(for: .milliseconds(300))
            // The stalled upload has a folder of its own while it hangs; others go ahead meanwhile.
            let form = try Self.stampForm()
            let response = try await client.execute(uri: "/api/v1/stamp", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(response.status == .ok)
            #expect(Serve.leftovers(configuration.temporaryRoot).count >= 1)
            close(stalled)
            var left = Serve.leftovers(configuration.temporaryRoot)
            for _ in 0..<50 where !left.isEmpty {
                try await Task.sleep(for: .milliseconds(100))
                left = Serve.leftovers(configuration.temporaryRoot)
            }
            #expect(left.isEmpty, "\(left)")
        }
    }

    @Test func aRequestOverItsTimeIsAnswered408AndLeavesNothing() async throws {
        let configuration = try Self.configuration { $0.limits.maxRequestSeconds = 0.5 }
        let app = try ServeApp(configuration: configuration)
        let application = Application(router: app.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { client in
            let port = try #require(client.port)
            let stalled = try Self.stalledUpload(port: port)
            defer { close(stalled) }
            // The client never sends the rest, so only the server's own 0.5 s limit can answer;
            // the receive timeout only keeps a broken server from hanging the test. (No bound on
            // the elapsed time: on a loaded machine the answer has come after 3.5 s.)
            var timeout = timeval(tv_sec: 20, tv_usec: 0)
            setsockopt(stalled, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(stalled, &buffer, buffer.count, 0)
            let answer = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer)")
            #expect(answer.contains("\"code\" : \"timeout\""))
            var left = Serve.leftovers(configuration.temporaryRoot)
            for _ in 0..<30 where !left.isEmpty {
                try await Task.sleep(for: .milliseconds(100))
                left = Serve.leftovers(configuration.temporaryRoot)
            }
            #expect(left.isEmpty, "\(left)")
        }
    }

    @Test func uploadsOverTheConcurrencyLimitAreAnswered429() async throws {
        let configuration = try Self.configuration { $0.limits.maxConcurrentRequests = 0; $0.limits.maxQueuedRequests = 0 }
        let app = try ServeApp(configuration: configuration)
        try await Serve.application(app).test(.router) { client in
            let form = try Self.stampForm()
            let response = try await client.execute(uri: "/api/v1/stamp", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(response.status == .tooManyRequests)
            #expect((try Serve.json(response.body) as? [String: [String: String]])?["error"]?["code"] == "busy")
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test func uploadsBeyondThoseHandledAtOnceWaitTheirTurnAndAllSucceed() async throws {
        let configuration = try Self.configuration { $0.limits.maxConcurrentRequests = 1; $0.limits.maxQueuedRequests = 16 }
        let app = try ServeApp(configuration: configuration)
        let application = Application(router: app.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        let form = try Self.stampForm()
                        return try await client.execute(uri: "/api/v1/stamp", method: .post, headers: Serve.headers(form), body: form.body).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: .ok, count: 6))
        }
        #expect(Serve.leftovers(configuration.temporaryRoot).isEmpty)
    }
}

/// Verify takes a class's zip as a folder: one answer per document inside.
@Suite struct ServeVerifyArchiveTests {
    @Test func aZipIsVerifiedDocumentByDocumentAndHostileEntriesAreRefusedInWords() async throws {
        let (app, root) = try Serve.app()
        let stampedFolder = try Serve.temporaryFolder()
        try Data("# Essay\n\nMy words.\n".utf8).write(to: URL(fileURLWithPath: stampedFolder + "/e.md"))
        var draft = DisclosureDraft()
        draft.extent = "none"
        draft.declarant = "Ella Wood"
        _ = try Stamper().stamp(path: stampedFolder + "/e.md", draft: draft)
        let stamped = try Data(contentsOf: URL(fileURLWithPath: stampedFolder + "/e.md"))
        let zip = try ZipRebuilder.write(entries: [
            ("Ella Wood/essay.md", stamped, false),
            ("Ben Khan/essay.docx", try Serve.docx(Serve.essay), false),
            ("../escape.md", Data("# x\n".utf8), false),
            ("__MACOSX/._essay.md", Data("junk".utf8), false),
        ])
        try await Serve.application(app).test(.router) { client in
            var form = Multipart()
            form.file("file", "class.zip", zip)
            let response = try await client.execute(uri: "/api/v1/verify", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(response.status == .ok)
            let reports = try JSONDecoder().decode([VerificationJSON].self, from: Data(buffer: response.body))
            #expect(reports.map(\.path) == ["class.zip/../escape.md", "class.zip/Ben Khan/essay.docx", "class.zip/Ella Wood/essay.md"])
            #expect(reports[0].error?.contains("climbs out of the archive") == true)
            #expect(reports[1].passed == false && reports[1].format == "docx")
            #expect(reports[2].passed == true)
            #expect(reports[2].disclosure?.declarant == "Ella Wood")
        }
        #expect(Serve.leftovers(root).isEmpty)
    }
}

/// The signature settings of `.disclose.toml` reach the web app's checks as they reach the command line's.
@Suite struct ServeSignatureSettingsTests {
    @Test func requireSignatureInTheConfigFailsAnUnsignedFileOnVerify() async throws {
        var configuration = ServeConfiguration()
        configuration.temporaryRoot = try Serve.temporaryFolder()
        configuration.config = DiscloseConfig(requireSignature: true)
        let app = try ServeApp(configuration: configuration)
        let folder = try Serve.temporaryFolder()
        try Data("# Essay\n\nMy words.\n".utf8).write(to: URL(fileURLWithPath: folder + "/e.md"))
        var draft = DisclosureDraft()
        draft.extent = "none"
        draft.declarant = "A"
        _ = try Stamper().stamp(path: folder + "/e.md", draft: draft)
        try await Serve.application(app).test(.router) { client in
            var form = Multipart()
            form.file("file", "e.md", try Data(contentsOf: URL(fileURLWithPath: folder + "/e.md")))
            let response = try await client.execute(uri: "/api/v1/verify", method: .post, headers: Serve.headers(form), body: form.body)
            let reports = try JSONDecoder().decode([VerificationJSON].self, from: Data(buffer: response.body))
            let signature = try #require(reports.first?.checks.first { $0.id == CheckID.signature })
            #expect(signature.status == .fail)
            #expect(signature.state == SignatureState.unsigned.rawValue)
        }
    }
}
