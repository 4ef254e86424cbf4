import DisclosureKit
import Foundation
import HTTPTypes
import Hummingbird

/// The pages people use: Check, Verify, Stamp, Policy and sign-in.
extension ServeApp {
    func page(_ title: String, _ current: String, _ body: String, context: ServeContext, status: HTTPResponse.Status = .ok) -> Response {
        Reply.html(HTML.page(title: title, current: current, viewer: viewer(context), body: body), status: status)
    }

    func csrfRefused(_ context: ServeContext) -> Response {
        errorPage(.forbidden, "Please send the form again", "the form was missing its security token (it may have been open too long, or sent from elsewhere). Go back, reload the page and send it again.", context: context)
    }

    func addPages(to router: Router<ServeContext>) {
        router.get("/") { _, _ in Reply.redirect("/check") }

        router.get("/check") { _, context in
            page("Check a class's work", "/check", CheckPage.form(viewer: viewer(context), policy: service.policy), context: context)
        }
        router.post("/check") { request, context in
            await withUpload(request, { upload, folder in
                guard Token.equal(upload.field("csrf") ?? "", context.csrfToken) else { return csrfRefused(context) }
                guard !upload.files.isEmpty else {
                    return page("Check a class's work", "/check", CheckPage.form(viewer: viewer(context), policy: service.policy, error: "choose at least one file, or a .zip of the class's work."), context: context, status: .badRequest)
                }
                let task = upload.value("task")
                do {
                    let report = try await Blocking.run { [service] in try service.check(upload.files, folder: folder, task: task) }
                    return page("The class register", "/check", try CheckPage.results(report, viewer: viewer(context)), context: context)
                } catch let error as ServiceError {
                    return page("Check a class's work", "/check", CheckPage.form(viewer: viewer(context), policy: service.policy, error: error.message), context: context, status: .badRequest)
                }
            }, failure: { error in
                page("Check a class's work", "/check", CheckPage.form(viewer: viewer(context), policy: service.policy, error: error.message), context: context, status: error.status)
            })
        }
        router.post("/check/download") { request, context in
            let form = try await URLForm.read(request, limit: 64 << 20)
            guard Token.equal(form["csrf"]?.first ?? "", context.csrfToken) else { return csrfRefused(context) }
            guard let json = form["report"]?.first, let report = try? JSONDecoder().decode(AuditReport.self, from: Data(json.utf8)),
                  let (data, type, name) = try CheckPage.download(report, format: form["format"]?.first ?? "") else {
                return errorPage(.badRequest, "The download could not be made", "the register was not sent whole; check the files again.", context: context)
            }
            return Reply.download(data, type: type, name: name)
        }

        router.get("/verify") { _, context in
            page("Verify a file", "/verify", VerifyPage.form(viewer: viewer(context)), context: context)
        }
        router.post("/verify") { request, context in
            await withUpload(request, { upload, folder in
                guard Token.equal(upload.field("csrf") ?? "", context.csrfToken) else { return csrfRefused(context) }
                guard !upload.files.isEmpty else {
                    return page("Verify a file", "/verify", VerifyPage.form(viewer: viewer(context), error: "choose a file to verify."), context: context, status: .badRequest)
                }
                let reports = try await Blocking.run { [service] in try service.verify(upload.files, folder: folder) }
                return page("Verification", "/verify", VerifyPage.results(reports), context: context)
            }, failure: { error in
                page("Verify a file", "/verify", VerifyPage.form(viewer: viewer(context), error: error.message), context: context, status: error.status)
            })
        }

        router.get("/stamp") { _, context in
            page("Stamp a document", "/stamp", StampPage.page(viewer: viewer(context), policy: service.policy, role: policyRole(context), state: .init()), context: context)
        }
        router.post("/stamp") { request, context in
            let role = policyRole(context)
            return await withUpload(request, { upload, folder in
                guard Token.equal(upload.field("csrf") ?? "", context.csrfToken) else { return csrfRefused(context) }
                let form = StampForm(upload)
                let draft = form.draft(defaultDeclarant: context.session?.user, defaultOrganisation: service.defaultOrganisation)
                let choices = form.choices(role: role)
                let file = upload.files.first { $0.field == "file" }
                do {
                    let outcome = try await Blocking.run { [service] in try service.stamp(file, draft: draft, choices: choices, folder: folder) }
                    if let data = outcome.data {
                        return Reply.download(data, type: "application/octet-stream", name: outcome.name)
                    }
                    return page("Stamp a document", "/stamp", StampPage.page(viewer: viewer(context), policy: service.policy, role: role, state: .init(form: form, preview: outcome.result)), context: context)
                } catch let error as ServiceError {
                    return page("Stamp a document", "/stamp", StampPage.page(viewer: viewer(context), policy: service.policy, role: role, state: .init(form: form, error: error)), context: context, status: error.status)
                }
            }, failure: { error in
                page("Stamp a document", "/stamp", HTML.problem("The document could not be stamped", error.message) + StampPage.page(viewer: viewer(context), policy: service.policy, role: role, state: .init()), context: context, status: error.status)
            })
        }

        router.get("/policy") { _, context in
            page("The policy in force", "/policy", PolicyPage.body(service.policy), context: context)
        }

        router.get("/login") { request, context in
            let next = request.uri.queryParameters.get("next") ?? "/"
            return page("Sign in", "", LoginPage.body(viewer: viewer(context), next: next), context: context)
        }
        router.post("/login") { request, context in
            let form = try await URLForm.read(request, limit: 64 << 10)
            guard Token.equal(form["csrf"]?.first ?? "", context.csrfToken) else { return csrfRefused(context) }
            let name = form["user"]?.first ?? "", password = form["password"]?.first ?? ""
            var next = form["next"]?.first ?? "/"
            if !next.hasPrefix("/") || next.hasPrefix("//") || next.contains("\\") { next = "/" }
            guard let users else { return Reply.redirect(next) }
            if let wait = await limiter.wait(user: name, address: context.remoteAddress) {
                var response = page("Sign in", "", LoginPage.body(viewer: viewer(context), error: "too many tries that did not work; wait \(max(1, wait / 60)) minute\(wait >= 120 ? "s" : "") and try again.", next: next), context: context, status: .tooManyRequests)
                response.headers[.retryAfter] = String(wait)
                return response
            }
            let user = try await Blocking.run { users.authenticate(name: name, password: password) }
            guard let user else {
                await limiter.fail(user: name, address: context.remoteAddress)
                return page("Sign in", "", LoginPage.body(viewer: viewer(context), error: "the user name or password is not right.", next: next), context: context, status: .unauthorized)
            }
            await limiter.succeed(user: name)
            let session = await sessions.start(user: user.name, role: user.role)
            var response = Reply.redirect(next)
            let secure = isSecure(request) ? "; Secure" : ""
            response.headers.append(HTTPField(name: .setCookie, value: "\(SecurityMiddleware.sessionCookie)=\(session.id); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(Int(configuration.sessionLifetime))\(secure)"))
            return response
        }
        router.post("/logout") { request, context in
            let form = try await URLForm.read(request, limit: 64 << 10)
            guard Token.equal(form["csrf"]?.first ?? "", context.csrfToken) else { return csrfRefused(context) }
            if let session = context.session { await sessions.end(session.id) }
            var response = Reply.redirect(users == nil ? "/" : "/login")
            response.headers.append(HTTPField(name: .setCookie, value: "\(SecurityMiddleware.sessionCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"))
            return response
        }
    }
}
