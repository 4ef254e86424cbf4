@testable import DiscloseServer
@testable import DisclosureKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Every page and API endpoint, with real values checked.
@Suite struct ServeEndpointTests {
    static let facts = #"{"tools":[{"name":"Microsoft 365 Copilot"}],"purposes":["drafting"],"extent":"partial","review":"edited","declarant":"J. Smith"}"#

    /// Pages escape as the HTML report does: markup as references, and a right-to-left
    /// override (which can make `essay\u{202E}fdp.exe` read as `essayexe.pdf`) made visible.
    @Test func pagesEscapeAsTheReportDoes() {
        #expect(HTML.escape("essay\u{202E}fdp.exe <b>\"&'") == "essay\\u{202e}fdp.exe &lt;b&gt;&quot;&amp;&#39;")
        #expect(HTML.escape("tab\tline\n") == "tab\tline\n")
    }

    @Test func healthzAnswersOK() async throws {
        let (app, _) = try Serve.app()
        try await Serve.application(app).test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            let json = try #require(try Serve.json(response.body) as? [String: String])
            #expect(json["status"] == "ok")
        }
    }

    @Test func theCheckAPIGivesOneRegisterRowPerFileOfAClassZip() async throws {
        let (app, root) = try Serve.app()
        try await Serve.application(app).test(.router) { client in
            var form = Multipart()
            form.file("file", "class.zip", try Serve.classZip(), type: "application/zip")
            let response = try await client.execute(uri: "/api/v1/check", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(response.status == .ok)
            let json = try #require(try Serve.json(response.body) as? [String: Any])
            #expect(json["note"] as? String == AuditReport.standingNote)
            let rows = try #require(json["rows"] as? [[String: String]])
            #expect(rows.map { $0["file"]! } == ["class.zip/Amelia_Khan_History_Essay.docx", "class.zip/Ella Wood/essay.md",
                                                 "class.zip/Khan Ben - History essay.docx", "class.zip/essay final.docx"])
            let byFile = Dictionary(uniqueKeysWithValues: rows.map { ($0["file"]!, $0) })
            #expect(byFile["class.zip/Amelia_Khan_History_Essay.docx"]?["person"] == "Amelia Khan")
            #expect(byFile["class.zip/Amelia_Khan_History_Essay.docx"]?["tools"] == "ChatGPT")
            #expect(byFile["class.zip/essay final.docx"]?["person"] == "Dan Lee")
            #expect(byFile["class.zip/Khan Ben - History essay.docx"]?["status"] == "undisclosed")
            #expect(!rows.contains { $0.values.contains { $0.contains(root) || $0.contains("disclose-serve-") } })
        }
        #expect(Serve.leftovers(root).isEmpty)
    }

    @Test func theCheckPageShowsTheRegisterAndItsDownloadsWork() async throws {
        let (app, root) = try Serve.app()
        try await Serve.application(app).test(.router) { client in
            let csrf = try await Serve.csrf(client)
            var form = Multipart()
            form.field("csrf", csrf)
            form.file("file", "class.zip", try Serve.classZip())
            let response = try await client.execute(uri: "/check", method: .post, headers: Serve.headers(form, csrf: csrf), body: form.body)
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            #expect(page.contains("4 files checked"))
            #expect(page.contains("<td>Amelia Khan</td>"))
            #expect(page.contains("Evidence, not verdicts"))
            #expect(page.contains(HTML.escape(AuditReport.standingNote)))
            // The download forms carry the report; post one back as the browser would.
            let start = try #require(page.range(of: "name=\"report\" value=\""))
            let end = try #require(page[start.upperBound...].range(of: "\""))
            let escaped = String(page[start.upperBound..<end.lowerBound])
            let report = escaped.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            for (format, prefix, type) in [("xlsx", "PK", "spreadsheetml"), ("csv", "\u{FEFF}file,person", "text/csv"), ("sarif", "{", "sarif"), ("html", "<!", "text/html")] {
                let body = "csrf=\(csrf)&format=\(format)&report=" + report.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "disclose_csrf=\(csrf)"]
                headers[.init("Origin")!] = "http://localhost"
                let download = try await client.execute(uri: "/check/download", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(download.status == .ok, "\(format)")
                #expect(download.headers[.contentType]?.contains(type) == true, "\(format)")
                #expect(String(decoding: Data(buffer: download.body).prefix(prefix.utf8.count), as: UTF8.self) == prefix, "\(format)")
                #expect(download.headers[.contentDisposition]?.hasPrefix("attachment; filename=") == true)
            }
        }
        #expect(Serve.leftovers(root).isEmpty)
    }

    @Test func aDOCXStampedThroughTheAPIVerifiesWithTheLibrary() async throws {
        let (app, root) = try Serve.app()
        try await Serve.application(app).test(.router) { client in
            var form = Multipart()
            form.file("file", "report.docx", try Serve.docx(Serve.essay))
            form.field("facts", Self.facts)
            let response = try await client.execute(uri: "/api/v1/stamp", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"report.docx\"; filename*=UTF-8''report.docx")
            let stamped = Data(buffer: response.body)
            #expect(response.headers[ServeApp.sha256Header] == Digests.sha256Hex(stamped))
            let folder = try Serve.temporaryFolder()
            try stamped.write(to: URL(fileURLWithPath: folder + "/report.docx"))
            let report = try Verifier().verify(path: folder + "/report.docx")
            #expect(report.passed)
            #expect(report.disclosure?.tools.map(\.name) == ["Microsoft 365 Copilot"])
            #expect(report.disclosure?.declarant == "J. Smith")
            #expect(report.disclosure?.statement?.contains("Microsoft 365 Copilot") == true)
        }
        #expect(Serve.leftovers(root).isEmpty)
    }

    @Test func theStampAPINamesTheFieldToFix() async throws {
        let (app, _) = try Serve.app()
        try await Serve.application(app).test(.router) { client in
            var form = Multipart()
            form.file("file", "essay.md", Data("# Essay\n\nWords.\n".utf8))
            form.field("facts", #"{"tools":[{"name":"ChatGPT"}],"purposes":["drafting"],"declarant":"A"}"#)
            let response = try await client.execute(uri: "/api/v1/stamp", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(response.status == .badRequest)
            let error = try #require((try Serve.json(response.body) as? [String: [String: String]])?["error"])
            #expect(error["field"] == "extent")
            #expect(error["message"]?.hasPrefix("say how much of the work AI did") == true)
        }
    }

    @Test func aPolicyRefusalNamesTheRuleAndRecordBreachStampsHonestly() async throws {
        let (app, _) = try Serve.app(policy: true)
        try await Serve.application(app).test(.router) { client in
            let facts = #"{"tools":[{"name":"ChatGPT"}],"purposes":["drafting"],"extent":"partial","review":"edited","declarant":"J. Smith"}"#
            var form = Multipart()
            form.file("file", "essay.md", Data("# Essay\n\nWords.\n".utf8))
            form.field("facts", facts)
            form.field("role", "staff")
            let refused = try await client.execute(uri: "/api/v1/stamp", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(refused.status == .unprocessableContent)
            let error = try #require((try Serve.json(refused.body) as? [String: [String: String]])?["error"])
            #expect(error["code"] == "policy")
            #expect(error["rule"] == "policy.tool-authorised")
            #expect(error["message"]?.contains("Nothing was written") == true)
            #expect(error["message"]?.contains("--record-breach") == false, "no command-line flag in a web answer")

            var honest = Multipart()
            honest.file("file", "essay.md", Data("# Essay\n\nWords.\n".utf8))
            honest.field("facts", facts)
            honest.field("record-breach", "true")
            let stamped = try await client.execute(uri: "/api/v1/stamp", method: .post, headers: Serve.headers(honest), body: honest.body)
            #expect(stamped.status == .ok)
            let text = String(buffer: stamped.body)
            #expect(text.contains("tool-authorised"))
        }
    }

    @Test func theStampPagePreviewsTheExactStatementAndShowsRefusalsInWords() async throws {
        let (app, root) = try Serve.app(policy: true)
        try await Serve.application(app).test(.router) { client in
            let csrf = try await Serve.csrf(client)
            let blank = try await client.execute(uri: "/stamp", method: .get)
            let formPage = String(buffer: blank.body)
            #expect(formPage.contains("value=\"Microsoft 365 Copilot\""))
            #expect(formPage.contains("value=\"y10-history-essay\""))
            #expect(formPage.contains("Record it truthfully anyway"))

            var preview = Multipart()
            preview.field("csrf", csrf)
            for (k, v) in [("tool", "Microsoft 365 Copilot"), ("purpose", "drafting"), ("extent", "partial"), ("review", "edited"), ("declarant", "J. Smith"), ("role", "staff"), ("action", "preview")] { preview.field(k, v) }
            let shown = try await client.execute(uri: "/stamp", method: .post, headers: Serve.headers(preview, csrf: csrf), body: preview.body)
            #expect(shown.status == .ok)
            let page = String(buffer: shown.body)
            #expect(page.contains("The statement the document will carry"))
            #expect(page.contains("Microsoft 365 Copilot"))
            #expect(page.contains("value=\"J. Smith\""))

            var refused = Multipart()
            refused.field("csrf", csrf)
            for (k, v) in [("tool-other", "ChatGPT"), ("purpose", "drafting"), ("extent", "partial"), ("review", "edited"), ("declarant", "J. Smith"), ("role", "staff"), ("action", "stamp")] { refused.field(k, v) }
            refused.file("file", "report.docx", try Serve.docx(Serve.essay))
            let answer = try await client.execute(uri: "/stamp", method: .post, headers: Serve.headers(refused, csrf: csrf), body: refused.body)
            #expect(answer.status == .unprocessableContent)
            let words = String(buffer: answer.body)
            #expect(words.contains("The policy does not allow this declaration"))
            #expect(words.contains("<code>policy.tool-authorised</code>"))

            var missing = Multipart()
            missing.field("csrf", csrf)
            for (k, v) in [("tool-other", "ChatGPT"), ("extent", "partial"), ("action", "preview")] { missing.field(k, v) }
            let fix = try await client.execute(uri: "/stamp", method: .post, headers: Serve.headers(missing, csrf: csrf), body: missing.body)
            #expect(fix.status == .badRequest)
            #expect(String(buffer: fix.body).contains("<p class=\"field-error\" id=\"purpose-error\">say what the tool was used for.</p>") || String(buffer: fix.body).contains("id=\"review-error\""))
        }
        #expect(Serve.leftovers(root).isEmpty)
    }

    @Test func theStampFormOffersTheToolsThePolicyAuthorisesForTheRole() async throws {
        let (app, _) = try Serve.app(policy: true)
        try await Serve.application(app).test(.router) { client in
            let csrf = try await Serve.csrf(client)
            var preview = Multipart()
            preview.field("csrf", csrf)
            for (k, v) in [("tool", "Gemini for Education"), ("purpose", "research"), ("extent", "minor-edits"), ("review", "edited"), ("declarant", "A pupil"), ("role", "pupils"), ("action", "preview")] { preview.field(k, v) }
            let page = String(buffer: try await client.execute(uri: "/stamp", method: .post, headers: Serve.headers(preview, csrf: csrf), body: preview.body).body)
            #expect(page.contains("The tools the policy authorises for pupils."))
            #expect(page.contains("value=\"Gemini for Education\" checked"))
            #expect(!page.contains("value=\"Microsoft 365 Copilot\""))
            #expect(page.contains("<option selected>pupils</option>"))
        }
    }

    @Test func theVerifyPageAndAPISayEachCheckAndWhatToDoNext() async throws {
        let (app, _) = try Serve.app()
        try await Serve.application(app).test(.router) { client in
            var form = Multipart()
            form.file("file", "essay.md", Data("# Essay\n\nMy words.\n".utf8))
            let api = try await client.execute(uri: "/api/v1/verify", method: .post, headers: Serve.headers(form), body: form.body)
            #expect(api.status == .ok)
            let reports = try JSONDecoder().decode([VerificationJSON].self, from: Data(buffer: api.body))
            #expect(reports.count == 1)
            #expect(reports[0].path == "essay.md")
            #expect(reports[0].passed == false)
            #expect(reports[0].checks.first { $0.id == CheckID.statementPresent }?.status == .fail)

            let csrf = try await Serve.csrf(client)
            var page = Multipart()
            page.field("csrf", csrf)
            page.file("file", "essay.md", Data("# Essay\n\nMy words.\n".utf8))
            let shown = try await client.execute(uri: "/verify", method: .post, headers: Serve.headers(page, csrf: csrf), body: page.body)
            let html = String(buffer: shown.body)
            #expect(shown.status == .ok)
            #expect(html.contains("<h2>essay.md</h2>"))
            #expect(html.contains("What to do next:"))
            #expect(html.contains(HTML.escape(CheckResult(id: CheckID.statementPresent, status: .fail, message: "").nextStep!)))
        }
    }

    @Test func thePolicyPageAndAPIShowThePolicyInForce() async throws {
        let (app, _) = try Serve.app(policy: true)
        try await Serve.application(app).test(.router) { client in
            let api = try await client.execute(uri: "/api/v1/policy", method: .get)
            let policy = try JSONDecoder().decode(PolicyJSON.self, from: Data(buffer: api.body))
            #expect(policy.id == "oak-trust-ai")
            #expect(policy.tools.map(\.name) == ["Gemini for Education", "Microsoft 365 Copilot", "Aila"])
            #expect(policy.unlistedTools == "fail")
            #expect(policy.tasks.first { $0.id == "y12-epq" }?.level == 3)
            let page = String(buffer: try await client.execute(uri: "/policy", method: .get).body)
            #expect(page.contains("Oak Learning Trust Generative AI Policy"))
            #expect(page.contains("<td>Aila (also Oak National Academy Aila)</td>"))
            #expect(page.contains("A tool that is not on the list is refused."))
        }
    }
}

/// docs/api.yaml describes what the app serves.
@Suite struct ServeAPIDocumentTests {
    static var spec: String { (try? String(contentsOf: Serve.packageRoot.appendingPathComponent("docs/api.yaml"), encoding: .utf8)) ?? "" }

    @Test func theOpenAPIDocumentNamesEveryEndpointAndErrorCode() async throws {
        let spec = Self.spec
        #expect(spec.hasPrefix("openapi: 3.1.0"))
        for path in ["/healthz", "/api/v1/policy", "/api/v1/verify", "/api/v1/check", "/api/v1/stamp"] {
            #expect(spec.contains("\n  \(path):\n"), "\(path)")
        }
        let line = try #require(spec.split(separator: "\n").first { $0.contains("code: {type: string, enum: [") })
        let listed = Set(line.split(separator: "[")[1].split(separator: "]")[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(listed == Set(APIErrorCode.allCases.map(\.rawValue)))
        // Every path the spec lists answers (not 404) on the app.
        let (app, _) = try Serve.app()
        try await Serve.application(app).test(.router) { client in
            #expect(try await client.execute(uri: "/api/v1/policy", method: .get).status == .ok)
            for path in ["/api/v1/verify", "/api/v1/check", "/api/v1/stamp"] {
                var empty = Multipart()
                empty.field("note", "no file")
                let response = try await client.execute(uri: path, method: .post, headers: Serve.headers(empty), body: empty.body)
                #expect(response.status == .badRequest, "\(path)")
                #expect((try Serve.json(response.body) as? [String: [String: String]])?["error"]?["code"] == "field", "\(path)")
            }
        }
    }
}
