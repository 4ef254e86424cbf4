@testable import DiscloseServer
@testable import DisclosureKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Every security rule of issue 16, at the HTTP level.
@Suite struct ServeSecurityTests {
    static func usersFile(_ folder: String) throws -> String {
        var users = UsersFile()
        try users.add(name: "j.smith", role: .staff, password: "correct horse battery", cost: 4)
        try users.add(name: "t.jones", role: .teacher, password: "another long one", cost: 4)
        let path = folder + "/users.txt"
        try users.write(to: path)
        return path
    }

    @Test func listeningBeyondLoopbackWithoutUsersIsRefused() throws {
        var configuration = ServeConfiguration()
        configuration.host = "0.0.0.0"
        #expect(throws: ServeError.needsUsers(host: "0.0.0.0")) { try ServeApp(configuration: configuration) }
        #expect(ServeError.needsUsers(host: "0.0.0.0").description.hasPrefix("refusing to listen on 0.0.0.0 without --users"))
        configuration.usersPath = try Self.usersFile(try Serve.temporaryFolder())
        #expect(throws: Never.self) { try ServeApp(configuration: configuration) }
        #expect(ServeConfiguration.isLoopback("127.0.0.1") && ServeConfiguration.isLoopback("::1") && !ServeConfiguration.isLoopback("192.168.1.4"))
    }

    @Test func theUsersFileIsWrittenPrivateAndRefusedWhenOthersCanReadIt() throws {
        let path = try Self.usersFile(try Serve.temporaryFolder())
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let loaded = try UsersFile.load(path: path)
        #expect(loaded.users.map(\.name) == ["j.smith", "t.jones"])
        #expect(loaded.authenticate(name: "j.smith", password: "correct horse battery")?.role == .staff)
        #expect(loaded.authenticate(name: "j.smith", password: "wrong") == nil)
        #expect(!String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self).contains("correct horse"))
        chmod(path, 0o644)
        #expect(throws: ServeError.usersFileOpen(path: path, mode: "644")) { try UsersFile.load(path: path) }
    }

    @Test func aFormWithoutItsCSRFTokenIsRefused() async throws {
        let (app, root) = try Serve.app()
        try await Serve.application(app).test(.router) { client in
            var form = Multipart()
            form.file("file", "essay.md", Data("# Essay\n".utf8))
            let response = try await client.execute(uri: "/verify", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(response.status == .forbidden)
            #expect(String(buffer: response.body).contains("missing its security token"))
            var wrong = Multipart()
            wrong.field("csrf", String(repeating: "a", count: 64))
            wrong.file("file", "essay.md", Data("# Essay\n".utf8))
            let forged = try await client.execute(uri: "/verify", method: .post, headers: Serve.headers(wrong, csrf: String(repeating: "b", count: 64)), body: wrong.body)
            #expect(forged.status == .forbidden)
        }
        #expect(Serve.leftovers(root).isEmpty)
    }

    @Test func aPostFromAnotherOriginIsRefused() async throws {
        let (app, _) = try Serve.app()
        try await Serve.application(app).test(.router) { client in
            var form = Multipart()
            form.file("file", "essay.md", Data("# Essay\n".utf8))
            var extra: HTTPFields = [:]
            extra[.init("Origin")!] = "http://evil.example"
            let response = try await client.execute(uri: "/api/v1/verify", method: .post, headers: Serve.headers(form, extra: extra), body: form.body)
            #expect(response.status == .forbidden)
            let error = try #require((try Serve.json(response.body) as? [String: [String: String]])?["error"])
            #expect(error["code"] == "foreign-origin")
        }
        try await Serve.application(app).test(.router) { client in
            let csrf = try await Serve.csrf(client)
            func post(_ uri: String, _ headers: [(String, String)], token: Bool) async throws -> HTTPResponse.Status {
                var form = Multipart()
                if token { form.field("csrf", csrf) }
                form.file("file", "essay.md", Data("# Essay\n".utf8))
                var extra: HTTPFields = [:]
                for (name, value) in headers { extra[HTTPField.Name(name)!] = value }
                return try await client.execute(uri: uri, method: .post, headers: Serve.headers(form, csrf: csrf, extra: extra), body: form.body).status
            }
            // A page's form under Referrer-Policy: no-referrer: Chrome sends Origin: null and Sec-Fetch-Site: same-origin.
            #expect(try await post("/verify", [("Origin", "null"), ("Sec-Fetch-Site", "same-origin")], token: true) == .ok)
            #expect(try await post("/verify", [("Origin", "null"), ("Sec-Fetch-Site", "same-origin")], token: false) == .forbidden)
            #expect(try await post("/verify", [("Origin", "null")], token: true) == .forbidden)
            #expect(try await post("/verify", [("Sec-Fetch-Site", "cross-site")], token: true) == .forbidden)
            #expect(try await post("/api/v1/verify", [("Origin", "null"), ("Sec-Fetch-Site", "same-origin")], token: false) == .forbidden)
            #expect(try await post("/api/v1/verify", [("Sec-Fetch-Site", "same-site")], token: false) == .forbidden)
            #expect(try await post("/api/v1/verify", [("Origin", "http://localhost")], token: false) == .ok)
        }
        #expect(ServeApp.origin("http://localhost") == "http://localhost:80")
        #expect(ServeApp.origin("https://disclose.school.example") == "https://disclose.school.example:443")
    }

    @Test func anOversizeUploadIsAnswered413() async throws {
        let (app, root) = try Serve.app(limits: { $0.maxFileBytes = 1_000; $0.maxTotalBytes = 100_000 })
        try await Serve.application(app).test(.router) { client in
            var form = Multipart()
            form.file("file", "big.md", Data(repeating: UInt8(ascii: "a"), count: 5_000))
            let response = try await client.execute(uri: "/api/v1/verify", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(response.status == .contentTooLarge)
            let error = try #require((try Serve.json(response.body) as? [String: [String: String]])?["error"])
            #expect(error["code"] == "too-large")
            #expect(error["message"] == "big.md is larger than the 1000 bytes this app takes for one file.")

            var total = Multipart()
            total.file("file", "huge.md", Data(repeating: UInt8(ascii: "a"), count: 200_000))
            let whole = try await client.execute(uri: "/api/v1/check", method: .post, headers: Serve.headers(total), body: total.body)
            #expect(whole.status == .contentTooLarge)

            let csrf = try await Serve.csrf(client)
            var page = Multipart()
            page.field("csrf", csrf)
            page.file("file", "big.md", Data(repeating: UInt8(ascii: "a"), count: 5_000))
            let shown = try await client.execute(uri: "/check", method: .post, headers: Serve.headers(page, csrf: csrf), body: page.body)
            #expect(shown.status == .contentTooLarge)
            #expect(String(buffer: shown.body).contains("big.md is larger than the 1000 bytes"))
        }
        #expect(Serve.leftovers(root).isEmpty)
    }

    @Test func tooManyFilesAndBrokenUploadsAreRefusedClearly() async throws {
        let (app, root) = try Serve.app(limits: { $0.maxFiles = 2 })
        try await Serve.application(app).test(.router) { client in
            var form = Multipart()
            for i in 0..<3 { form.file("file", "\(i).md", Data("# \(i)\n".utf8)) }
            let response = try await client.execute(uri: "/api/v1/check", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(response.status == .contentTooLarge)
            #expect((try Serve.json(response.body) as? [String: [String: String]])?["error"]?["code"] == "too-many-files")
            let broken = try await client.execute(uri: "/api/v1/check", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "hello"))
            #expect(broken.status == .badRequest)
        }
        #expect(Serve.leftovers(root).isEmpty)
    }

    @Test func aPathTraversalFileNameIsHarmless() async throws {
        let (app, root) = try Serve.app()
        let outside = (root as NSString).deletingLastPathComponent + "/x.md"
        try? FileManager.default.removeItem(atPath: outside)
        try await Serve.application(app).test(.router) { client in
            var form = Multipart()
            form.file("file", "../../x.md", Data("# Essay\n\nMy words.\n".utf8))
            let response = try await client.execute(uri: "/api/v1/verify", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(response.status == .ok)
            let reports = try JSONDecoder().decode([VerificationJSON].self, from: Data(buffer: response.body))
            #expect(reports.map(\.path) == ["x.md"])
        }
        #expect(!FileManager.default.fileExists(atPath: outside))
        #expect(FileName.safe("../../x.md") == "x.md")
        #expect(FileName.safe("C:\\Users\\a\\..\\b.docx") == "b.docx")
        #expect(FileName.safe("..") == "upload")
        #expect(FileName.safe("a\u{0}b\r\n.md") == "a_b__.md")
        #expect(Serve.leftovers(root).isEmpty)
    }

    @Test func theTemporaryFolderIsEmptyAfterAThousandRequestsOfEveryKind() async throws {
        let (app, root) = try Serve.app(policy: true, limits: { $0.maxFileBytes = 50_000 })
        try await Serve.application(app).test(.router) { client in
            // 1,002 requests: stamps that work and that fail, uploads over the limit, bodies cut off.
            for round in 0..<334 {
                var form = Multipart()
                form.file("file", "essay-\(round).docx", try Serve.docx(Serve.essay))
                form.field("facts", round % 2 == 0 ? #"{"tools":[{"name":"ChatGPT"}],"purposes":["drafting"],"extent":"partial","review":"edited","declarant":"A"}"# : "not json")
                _ = try await client.execute(uri: "/api/v1/stamp", method: .post, headers: Serve.headers(form), body: form.body)
                var big = Multipart()
                big.file("file", "big.md", Data(repeating: 65, count: 60_000))
                _ = try await client.execute(uri: "/api/v1/check", method: .post, headers: Serve.headers(big), body: big.body)
                // A body cut off mid-part, as when a client disconnects.
                var cut = Multipart()
                cut.file("file", "cut.md", Data(repeating: 66, count: 10_000))
                _ = try await client.execute(uri: "/api/v1/verify", method: .post, headers: Serve.headers(cut), body: ByteBuffer(bytes: cut.data.prefix(5_000)))
                if round % 50 == 0 { #expect(Serve.leftovers(root).isEmpty, "round \(round)") }
            }
        }
        #expect(Serve.leftovers(root).isEmpty)
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let (app, _) = try Serve.app()
        try await Serve.application(app).test(.router) { client in
            for uri in ["/check", "/healthz", "/api/v1/policy", "/nowhere"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.headers[.init("Content-Security-Policy")!]?.hasPrefix("default-src 'self'") == true, "\(uri)")
                #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer", "\(uri)")
            }
            let missing = try await client.execute(uri: "/nowhere", method: .get)
            #expect(missing.status == .notFound)
            let wrongMethod = try await client.execute(uri: "/api/v1/stamp", method: .get)
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "POST")
        }
    }

    @Test func withUsersEveryPageNeedsSignInAndSignInIsRateLimited() async throws {
        let folder = try Serve.temporaryFolder()
        let (app, _) = try Serve.app(users: try Self.usersFile(folder), host: "0.0.0.0")
        try await Serve.application(app).test(.router) { client in
            let page = try await client.execute(uri: "/check", method: .get)
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login?next=/check")
            let api = try await client.execute(uri: "/api/v1/policy", method: .get)
            #expect(api.status == .unauthorized)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)

            let login = try await client.execute(uri: "/login", method: .get)
            let cookie = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("disclose_csrf=") })
            let csrf = String(cookie.dropFirst("disclose_csrf=".count).prefix(64))
            func signIn(_ user: String, _ password: String) async throws -> TestResponse {
                try await client.execute(uri: "/login", method: .post,
                                         headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "disclose_csrf=\(csrf)"],
                                         body: ByteBuffer(string: "csrf=\(csrf)&user=\(user)&password=\(password)&next=%2Fstamp"))
            }
            for _ in 0..<5 { #expect(try await signIn("j.smith", "wrong").status == .unauthorized) }
            let limited = try await signIn("j.smith", "correct+horse+battery")
            #expect(limited.status == .tooManyRequests)
            #expect(String(buffer: limited.body).contains("too many tries"))

            // The same address is limited too, so the other account waits as well.
            #expect(try await signIn("t.jones", "another+long+one").status == .tooManyRequests)

            let basic = "Basic " + Data("t.jones:another long one".utf8).base64EncodedString()
            #expect(try await client.execute(uri: "/api/v1/policy", method: .get, headers: [.authorization: basic]).status == .unauthorized)
        }
    }

    @Test func behindATrustedProxyCookiesAreSecureAndTheProxysOriginCounts() async throws {
        let proxied: [(String, String)] = [("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "disclose.school.example"),
                                           ("Origin", "https://disclose.school.example"), ("X-Forwarded-For", "10.1.2.3")]
        for trusted in [true, false] {
            var configuration = ServeConfiguration()
            configuration.temporaryRoot = try Serve.temporaryFolder()
            configuration.trustedProxy = trusted
            let app = try ServeApp(configuration: configuration)
            try await Serve.application(app).test(.router) { client in
                var extra: HTTPFields = [:]
                for (name, value) in proxied { extra[HTTPField.Name(name)!] = value }
                let page = try await client.execute(uri: "/check", method: .get, headers: extra)
                let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("disclose_csrf=") })
                #expect(cookie.hasSuffix("; Secure") == trusted)
                var form = Multipart()
                form.file("file", "essay.md", Data("# Essay\n".utf8))
                let response = try await client.execute(uri: "/api/v1/verify", method: .post, headers: Serve.headers(form, extra: extra), body: form.body)
                #expect(response.status == (trusted ? .ok : .forbidden))
            }
        }
    }

    @Test func aGoodSignInGivesAStrictHttpOnlySessionCookie() async throws {
        let folder = try Serve.temporaryFolder()
        let (app, _) = try Serve.app(users: try Self.usersFile(folder), host: "0.0.0.0")
        try await Serve.application(app).test(.router) { client in
            let login = try await client.execute(uri: "/login", method: .get)
            let cookie = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("disclose_csrf=") })
            let csrf = String(cookie.dropFirst("disclose_csrf=".count).prefix(64))
            let response = try await client.execute(uri: "/login", method: .post,
                                                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "disclose_csrf=\(csrf)"],
                                                    body: ByteBuffer(string: "csrf=\(csrf)&user=j.smith&password=correct+horse+battery&next=%2Fstamp"))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/stamp")
            let session = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("disclose_session=") })
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Strict") && !session.contains("Secure"))
            let id = String(session.dropFirst("disclose_session=".count).prefix(64))
            let stamp = try await client.execute(uri: "/stamp", method: .get, headers: [.cookie: "disclose_session=\(id)"])
            #expect(stamp.status == .ok)
            let stampPage = String(buffer: stamp.body)
            #expect(stampPage.contains("Signed in as j.smith (staff)"))
            #expect(stampPage.contains("placeholder=\"j.smith\""))

            // The API with the session cookie needs the CSRF token; with HTTP Basic it does not.
            var form = Multipart()
            form.file("file", "essay.md", Data("# Essay\n".utf8))
            let noToken = try await client.execute(uri: "/api/v1/verify", method: .post, headers: [.contentType: form.contentType, .cookie: "disclose_session=\(id)"], body: form.body)
            #expect(noToken.status == .forbidden)
            let basic = "Basic " + Data("t.jones:another long one".utf8).base64EncodedString()
            let viaBasic = try await client.execute(uri: "/api/v1/verify", method: .post, headers: [.contentType: form.contentType, .authorization: basic], body: form.body)
            #expect(viaBasic.status == .ok)
        }
    }
}

/// The streaming form-data parser, fed in awkward pieces.
@Suite struct ServeFormDataParserTests {
    static func parse(_ body: [UInt8], boundary: String, chunk: Int) throws -> [(headers: [String: String], body: [UInt8])] {
        let parser = FormDataParser(boundary: boundary)
        var parts: [(headers: [String: String], body: [UInt8])] = []
        var headers: [String: String] = [:], bytes: [UInt8] = []
        parser.onHeader = { headers[$0.lowercased()] = $1 }
        parser.onBody = { bytes.append(contentsOf: $0) }
        parser.onPartComplete = { parts.append((headers, bytes)); headers = [:]; bytes = [] }
        var index = 0
        while index < body.count {
            let piece = Array(body[index..<min(body.count, index + chunk)])
            try piece.withUnsafeBytes { try parser.execute($0) }
            index += chunk
        }
        try parser.finish()
        return parts
    }

    @Test(arguments: [1, 2, 3, 7, 64, 100_000])
    func partsComeOutWholeWhateverTheChunkSize(chunk: Int) throws {
        var form = Multipart()
        form.field("csrf", "abc")
        // Bytes that look like the start of a delimiter, inside the file.
        form.file("file", "a.bin", Data("x\r\n--not-the-boundary\r\n-\r\n--".utf8) + Data((0..<300).map { UInt8($0 % 256) }))
        form.field("empty", "")
        let parts = try Self.parse(Array(form.data + Data("--\(form.boundary)--\r\n".utf8)), boundary: form.boundary, chunk: chunk)
        #expect(parts.count == 3)
        #expect(parts[0].headers["content-disposition"] == "form-data; name=\"csrf\"")
        #expect(parts[0].body == Array("abc".utf8))
        #expect(parts[1].body == Array("x\r\n--not-the-boundary\r\n-\r\n--".utf8) + (0..<300).map { UInt8($0 % 256) })
        #expect(parts[1].headers["content-type"] == "application/octet-stream")
        #expect(parts[2].body.isEmpty)
    }

    @Test func aBodyCutOffBeforeTheLastDelimiterIsRefused() throws {
        var form = Multipart()
        form.file("file", "a.md", Data(repeating: 65, count: 1_000))
        #expect(throws: FormDataParser.Failure.self) { try Self.parse(Array(form.data.prefix(600)), boundary: form.boundary, chunk: 100) }
    }
}
