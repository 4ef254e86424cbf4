import Foundation
import HTTPTypes
import Hummingbird

/// Runs before every route: finds the session or the visitor's CSRF token, refuses a POST
/// from another origin, asks for sign-in when a users file is in use, and adds the security
/// headers to every response (strict CSP, nosniff, no referrer, no framing, no caching).
struct SecurityMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let app: ServeApp

    static let sessionCookie = "disclose_session", csrfCookie = "disclose_csrf"
    /// The methods each route takes, for 405 answers.
    static let allowed: [String: String] = [
        "/": "GET", "/check": "GET, POST", "/check/download": "POST", "/verify": "GET, POST", "/stamp": "GET, POST",
        "/policy": "GET", "/login": "GET, POST", "/logout": "POST", "/healthz": "GET", "/assets/app.css": "GET",
        "/assets/app.js": "GET", "/api/v1/policy": "GET", "/api/v1/verify": "POST", "/api/v1/check": "POST", "/api/v1/stamp": "POST",
    ]
    static let publicPaths: Set<String> = ["/login", "/healthz", "/assets/app.css", "/assets/app.js"]

    func handle(_ request: Request, context: ServeContext, next: (Request, ServeContext) async throws -> Response) async throws -> Response {
        var context = context
        let path = request.uri.path
        // Behind a trusted proxy every connection is the proxy's: the client is the address the
        // proxy added last to X-Forwarded-For (used for the sign-in limit).
        if app.configuration.trustedProxy, let forwarded = request.headers[Self.forwardedFor],
           let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            context.remoteAddress = last
        }
        let api = path.hasPrefix("/api/")
        if let id = request.cookies[Self.sessionCookie]?.value, let session = await app.sessions.find(id) {
            context.session = session
            context.csrfToken = session.csrf
        } else if let token = request.cookies[Self.csrfCookie]?.value, token.count == 64, token.allSatisfy(\.isHexDigit) {
            context.csrfToken = token
        } else {
            context.csrfToken = Token.make()
            context.setsCSRFCookie = true
        }

        var response: Response
        if request.method == .post, let from = crossSite(request, api: api) {
            let message = "this request came from another site (\(from)), so it was refused; use the app's own pages."
            response = api ? Reply.jsonError(.forbidden, code: .foreignOrigin, message: message) : app.errorPage(.forbidden, "Refused", message, context: context)
        } else if app.users != nil, context.session == nil, !Self.publicPaths.contains(path), !(await signsInWithBasic(api, request, &context)) {
            if api {
                response = Reply.jsonError(.unauthorized, code: .signIn, message: "sign in first: send a user name and password (HTTP Basic), or a session cookie with X-CSRF-Token.")
                response.headers[.wwwAuthenticate] = "Basic realm=\"Disclose\", charset=\"UTF-8\""
            } else if request.method == .get {
                let target = request.uri.path == "/" ? "/" : request.uri.path
                response = Reply.redirect("/login?next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_"))) ?? "/"))
            } else {
                response = app.errorPage(.unauthorized, "Please sign in", "your session has ended; sign in and send the form again.", context: context)
            }
        } else {
            do {
                response = try await next(request, context)
            } catch let error as HTTPError where error.status == .notFound && Self.allowed[path] != nil {
                // A known path asked with a method it does not take.
                let allow = Self.allowed[path]!
                response = api || path == "/healthz"
                    ? Reply.jsonError(.methodNotAllowed, code: .http, message: "\(path) takes \(allow); not \(request.method).")
                    : app.errorPage(.methodNotAllowed, "Not here", "this page takes \(allow); not \(request.method).", context: context)
                response.headers[.allow] = allow
            } catch let error as HTTPError {
                response = api ? Reply.jsonError(error.status, code: .http, message: error.body ?? error.status.reasonPhrase)
                    : app.errorPage(error.status, error.status.reasonPhrase, error.body ?? "that page does not exist.", context: context)
            } catch {
                response = api ? Reply.jsonError(.internalServerError, code: .server, message: "something went wrong on the server; nothing was kept.")
                    : app.errorPage(.internalServerError, "Something went wrong", "the server could not finish; nothing was kept. Try again.", context: context)
            }
        }
        let secure = app.isSecure(request)
        if context.setsCSRFCookie {
            response.headers.append(HTTPField(name: .setCookie, value: "\(Self.csrfCookie)=\(context.csrfToken); Path=/; HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"))
        }
        response.headers[Self.csp] = "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
        response.headers[Self.nosniff] = "nosniff"
        response.headers[Self.referrer] = "no-referrer"
        response.headers[Self.frameOptions] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// What names the request as coming from another site, or nil when nothing does.
    /// `Sec-Fetch-Site` must be `same-origin` (or `none`) when sent; `Origin` must be the app's
    /// own. Browsers send `Origin: null` for a form posted from a page with
    /// `Referrer-Policy: no-referrer` (as every page here is), so a page's form with
    /// `Origin: null` is accepted when `Sec-Fetch-Site` says `same-origin`, and its CSRF token
    /// is checked as always; the API refuses `Origin: null`.
    func crossSite(_ request: Request, api: Bool) -> String? {
        let site = request.headers[Self.fetchSite]?.lowercased()
        if let site, site != "same-origin" && site != "none" { return "Sec-Fetch-Site: \(site)" }
        guard let origin = request.headers[Self.origin] else { return nil }
        if origin == "null" { return !api && site == "same-origin" ? nil : "Origin: null" }
        return app.sameOrigin(origin, request) ? nil : origin
    }

    func signsInWithBasic(_ api: Bool, _ request: Request, _ context: inout ServeContext) async -> Bool {
        guard api else { return false }
        return await app.basicAuth(request, context: &context)
    }

    static let origin = HTTPField.Name("Origin")!
    static let fetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let csp = HTTPField.Name("Content-Security-Policy")!
    static let nosniff = HTTPField.Name("X-Content-Type-Options")!
    static let referrer = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    static let forwardedHost = HTTPField.Name("X-Forwarded-Host")!
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
}
