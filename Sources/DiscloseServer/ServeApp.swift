import DisclosureKit
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The web app of `disclose serve`: pages for people and a JSON API under `/api/v1`, both
/// thin faces over DisclosureKit (``DiscloseService``). See `docs/serve.md` and `docs/api.yaml`.
///
/// ```swift
/// var configuration = ServeConfiguration()
/// configuration.policyPath = "policy.toml"
/// let app = try ServeApp(configuration: configuration)
/// try await app.application().runService()
/// ```
public struct ServeApp: Sendable {
    /// The settings.
    public let configuration: ServeConfiguration
    let service: DiscloseService
    let users: UsersFile?
    let sessions: SessionStore
    let limiter: LoginLimiter
    let gate: RequestGate

    /// Checks the settings and loads the policy, users file, register and signing key.
    /// - Throws: ``ServeError``, ``PolicyError``, ``RegisterError`` or a key error, each saying what to fix.
    public init(configuration: ServeConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
        users = try configuration.usersPath.map { try UsersFile.load(path: $0) }
        if let users, users.users.isEmpty, let path = configuration.usersPath {
            throw ServeError.usersFile(path: path, message: "the users file lists nobody; add someone with `disclose serve users add NAME --role staff --users \(path)`")
        }
        service = try DiscloseService(configuration: configuration)
        sessions = SessionStore(lifetime: configuration.sessionLifetime)
        limiter = LoginLimiter()
        gate = RequestGate(limit: configuration.limits.maxConcurrentRequests, maxWaiting: configuration.limits.maxQueuedRequests)
    }

    /// The router with every page, the API and the security middleware.
    public func router() -> Router<ServeContext> {
        let router = Router(context: ServeContext.self)
        router.add(middleware: SecurityMiddleware(app: self))
        addPages(to: router)
        addAPI(to: router)
        router.get("/healthz") { _, _ in Reply.json(["status": "ok", "version": ServeVersion.string]) }
        router.get("/assets/app.css") { _, _ in Reply.text(Assets.css, type: "text/css; charset=utf-8") }
        router.get("/assets/app.js") { _, _ in Reply.text(Assets.js, type: "text/javascript; charset=utf-8") }
        return router
    }

    /// The Hummingbird application listening on the configured address; SIGTERM and SIGINT
    /// finish the requests in flight, then stop it (``Application/runService(gracefulShutdownSignals:)``).
    public func application() -> some ApplicationProtocol {
        var logger = Logger(label: "disclose.serve")
        // Notice and above only: no request lines, and never document text.
        logger.logLevel = .notice
        // A connection that sends nothing for 30 s (a client stalled mid-upload) is closed, so
        // it cannot hold one of the upload places for long.
        return Application(router: router(), server: .http1(configuration: .init(idleTimeout: .seconds(30))),
                           configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil), logger: logger)
    }

    // MARK: Helpers shared by the routes

    func viewer(_ context: ServeContext) -> HTML.Viewer {
        HTML.Viewer(user: context.session?.user, role: context.session?.role.rawValue, csrf: context.csrfToken, signInRequired: users != nil)
    }

    func errorPage(_ status: HTTPResponse.Status, _ title: String, _ message: String, context: ServeContext) -> Response {
        Reply.html(HTML.page(title: title, current: "", viewer: viewer(context), body: HTML.problem(title, message) + "<p><a href=\"/\">Back to the start</a></p>"), status: status)
    }

    /// True when the request came over TLS: directly never (TLS is the proxy's job), or as a trusted proxy says.
    func isSecure(_ request: Request) -> Bool {
        configuration.trustedProxy && request.headers[SecurityMiddleware.forwardedProto]?.lowercased() == "https"
    }

    /// True when `origin` (`https://host:port`) is the app's own, as the Host header (or, behind
    /// a trusted proxy, `X-Forwarded-Host` and `X-Forwarded-Proto`) names it.
    func sameOrigin(_ origin: String, _ request: Request) -> Bool {
        let forwardedHost = configuration.trustedProxy ? request.headers[SecurityMiddleware.forwardedHost] : nil
        let scheme = configuration.trustedProxy ? (request.headers[SecurityMiddleware.forwardedProto]?.lowercased() ?? "http") : "http"
        guard let authority = forwardedHost ?? request.head.authority,
              let given = ServeApp.origin(origin), let expected = ServeApp.origin("\(scheme)://\(authority)") else { return false }
        return given == expected
    }

    /// `scheme://host:port` with the default port filled in, lower-cased; nil when not a URL.
    static func origin(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else { return nil }
        return "\(scheme)://\(host):\(url.port ?? (scheme == "https" ? 443 : 80))"
    }

    /// Signs in an API client with HTTP Basic; rate-limited like the sign-in page.
    func basicAuth(_ request: Request, context: inout ServeContext) async -> Bool {
        guard let users, let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
              let decoded = Data(base64Encoded: String(header.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
              let colon = decoded.firstIndex(of: ":") else { return false }
        let name = String(decoded[..<colon]), password = String(decoded[decoded.index(after: colon)...])
        if await limiter.wait(user: name, address: context.remoteAddress) != nil { return false }
        let user = try? await Blocking.run { users.authenticate(name: name, password: password) }
        guard let user else {
            await limiter.fail(user: name, address: context.remoteAddress)
            return false
        }
        await limiter.succeed(user: name)
        context.session = Session(id: "", user: user.name, role: user.role, csrf: "", expires: Date())
        return true
    }

    /// The policy role for the signed-in person: their app role when the policy lists it.
    func policyRole(_ context: ServeContext) -> String? {
        guard let role = context.session?.role.rawValue, let policy = service.policy, policy.roles.contains(role) else { return nil }
        return role
    }

    /// Runs `body` with the request's upload in a fresh temporary folder, removed when it returns
    /// or throws; waits its turn behind other uploads, and is refused at once (429) when too many wait.
    /// Gives up on the request after ``UploadLimits/maxRequestSeconds`` (408): its folder is
    /// removed and the answer sent, and the library's work, which cannot be stopped half-way,
    /// finishes unseen.
    func withUpload(_ request: Request, _ body: @escaping @Sendable (Upload, RequestFolder) async throws -> Response,
                    failure: @escaping @Sendable (UploadError) -> Response) async -> Response {
        guard await gate.enter() else { return failure(.busy) }
        let seconds = configuration.limits.maxRequestSeconds
        let response = await withTaskGroup(of: Response?.self) { group in
            group.addTask { await inFolder(request, body, failure: failure) }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? failure(.timedOut(seconds))
        }
        await gate.leave()
        return response
    }

    private func inFolder(_ request: Request, _ body: @Sendable (Upload, RequestFolder) async throws -> Response,
                          failure: (UploadError) -> Response) async -> Response {
        let folder: RequestFolder
        do { folder = try RequestFolder(root: configuration.temporaryRoot) } catch let error as UploadError { return failure(error) } catch {
            return failure(.server("cannot store the upload"))
        }
        defer { folder.remove() }
        do {
            let upload = try await MultipartReader.read(request, folder: folder, limits: configuration.limits)
            return try await body(upload, folder)
        } catch let error as UploadError {
            return failure(error)
        } catch {
            return failure(.server("something went wrong on the server; nothing was kept."))
        }
    }
}
