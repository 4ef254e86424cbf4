import DisclosureKit
import Foundation
import HTTPTypes
import Hummingbird

/// The JSON API under `/api/v1` (docs/api.yaml). Same library calls as the pages; errors are
/// `{"error": {"code", "message", "field"?, "rule"?}}`.
extension ServeApp {
    /// A browser that signed in with the page's session cookie must also send `X-CSRF-Token`;
    /// HTTP Basic clients and, on loopback without users, local programs need not.
    func apiCSRFRefused(_ request: Request, _ context: ServeContext) -> Response? {
        guard let session = context.session, !session.id.isEmpty else { return nil }
        if Token.equal(request.headers[SecurityMiddleware.csrfHeader] ?? "", session.csrf) { return nil }
        return Reply.jsonError(.forbidden, code: .csrf, message: "a request with the session cookie must carry the page's CSRF token in X-CSRF-Token.")
    }

    static func uploadFailure(_ error: UploadError) -> Response {
        let code: APIErrorCode
        switch error {
        case .tooLarge: code = .tooLarge
        case .tooMany: code = .tooManyFiles
        case .malformed: code = .badUpload
        case .busy: code = .busy
        case .timedOut: code = .timeout
        case .server: code = .server
        }
        return Reply.jsonError(error.status, code: code, message: error.message)
    }

    static func serviceFailure(_ error: ServiceError) -> Response {
        switch error {
        case .field(let field, let message): return Reply.jsonError(error.status, code: .field, message: message, field: field)
        case .policy(let rule, let message): return Reply.jsonError(error.status, code: .policy, message: message, rule: rule)
        case .document(let message): return Reply.jsonError(error.status, code: .document, message: message)
        }
    }

    func addAPI(to router: Router<ServeContext>) {
        router.get("/api/v1/policy") { _, _ in
            guard let policy = service.policy else { return Reply.json(Data("null".utf8)) }
            return Reply.json(PolicyJSON(policy))
        }

        router.post("/api/v1/verify") { request, context in
            if let refused = apiCSRFRefused(request, context) { return refused }
            return await withUpload(request, { upload, folder in
                let files = upload.files.filter { $0.field == "file" }
                guard !files.isEmpty else { return Reply.jsonError(.badRequest, code: .field, message: "send at least one file in the field named file.", field: "file") }
                do {
                    let reports = try await Blocking.run { [service] in try service.verify(files, folder: folder, task: upload.value("task")) }
                    return Reply.json(Data(try VerificationJSON.encode(reports).utf8))
                } catch let error as ServiceError { return ServeApp.serviceFailure(error) }
            }, failure: ServeApp.uploadFailure)
        }

        router.post("/api/v1/check") { request, context in
            if let refused = apiCSRFRefused(request, context) { return refused }
            return await withUpload(request, { upload, folder in
                let files = upload.files.filter { $0.field == "file" }
                guard !files.isEmpty else { return Reply.jsonError(.badRequest, code: .field, message: "send at least one file (or a .zip) in the field named file.", field: "file") }
                do {
                    let report = try await Blocking.run { [service] in try service.check(files, folder: folder, task: upload.value("task")) }
                    let rows = ClassRegister(report).rows.map { Dictionary(uniqueKeysWithValues: zip(ClassRegister.columns, $0)) }
                    return Reply.json(CheckResponse(note: AuditReport.standingNote, columns: ClassRegister.columns, rows: rows))
                } catch let error as ServiceError { return ServeApp.serviceFailure(error) }
            }, failure: ServeApp.uploadFailure)
        }

        router.post("/api/v1/stamp") { request, context in
            if let refused = apiCSRFRefused(request, context) { return refused }
            let role = policyRole(context)
            return await withUpload(request, { upload, folder in
                guard let file = upload.files.first(where: { $0.field == "file" }) else {
                    return Reply.jsonError(.badRequest, code: .field, message: "send the document in the field named file.", field: "file")
                }
                var draft = DisclosureDraft()
                draft.defaultDeclarant = context.session?.user
                draft.defaultOrganisation = service.defaultOrganisation
                let factsText = try upload.files.first(where: { $0.field == "facts" }).map { try Data(contentsOf: URL(fileURLWithPath: $0.path)) }
                    ?? upload.field("facts").map { Data($0.utf8) }
                guard let factsText else {
                    return Reply.jsonError(.badRequest, code: .field, message: "send the facts as JSON in the field named facts (the fields of a facts file, docs/format.md).", field: "facts")
                }
                do { try draft.earlier(json: factsText, path: "facts") } catch let error as DraftError {
                    return Reply.jsonError(.badRequest, code: .field, message: error.description, field: "facts")
                }
                let form = StampForm(upload)
                var choices = form.choices(role: role)
                choices.preview = false
                choices.recordBreach = ["true", "yes", "1"].contains(form.one("record-breach")?.lowercased() ?? "")
                do {
                    let outcome = try await Blocking.run { [service, draft, choices] in try service.stamp(file, draft: draft, choices: choices, folder: folder) }
                    var response = Reply.download(outcome.data ?? Data(), type: "application/octet-stream", name: outcome.name)
                    response.headers[ServeApp.sha256Header] = outcome.result.sha256
                    return response
                } catch let error as ServiceError { return ServeApp.serviceFailure(error) }
            }, failure: ServeApp.uploadFailure)
        }
    }

    static let sha256Header = HTTPField.Name("X-Disclose-SHA256")!
}

/// The answer of `POST /api/v1/check`: the standing note and the class register's rows.
struct CheckResponse: Codable {
    var note: String
    var columns: [String]
    var rows: [[String: String]]
}
