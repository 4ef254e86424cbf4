import Foundation
import Hummingbird
import NIOCore

/// The request context: the core storage Hummingbird needs, plus the client's address (for
/// rate limits) and, once the session middleware has run, who is signed in.
public struct ServeContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's address, without port; "local" when unknown (the test client).
    public var remoteAddress: String
    /// The signed-in session, if any.
    public var session: Session?
    /// The CSRF token the pages of this response carry (the session's, or the visitor cookie's).
    public var csrfToken: String = ""
    /// True when the browser must be given a new CSRF cookie with this response.
    public var setsCSRFCookie = false

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }
}

/// A signed-in person.
public struct Session: Sendable, Equatable {
    /// The session cookie's value.
    public var id: String
    /// The person's user name.
    public var user: String
    /// Their role.
    public var role: UsersFile.Role
    /// The CSRF token their forms carry.
    public var csrf: String
    /// When it ends.
    public var expires: Date
}

/// Random tokens for sessions and CSRF: 32 bytes from the system's generator, hex.
enum Token {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares in time that does not depend on where the strings differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

/// The sessions of signed-in people, in memory only (a restart signs everyone out).
actor SessionStore {
    private var sessions: [String: Session] = [:]
    let lifetime: TimeInterval

    init(lifetime: TimeInterval) { self.lifetime = lifetime }

    func start(user: String, role: UsersFile.Role) -> Session {
        let session = Session(id: Token.make(), user: user, role: role, csrf: Token.make(), expires: Date().addingTimeInterval(lifetime))
        sessions[session.id] = session
        if sessions.count > 10_000 { sessions = sessions.filter { $0.value.expires > Date() } }
        return session
    }

    func find(_ id: String) -> Session? {
        guard let session = sessions[id] else { return nil }
        guard session.expires > Date() else { sessions[id] = nil; return nil }
        return session
    }

    func end(_ id: String) { sessions[id] = nil }
}

/// Failed sign-ins counted per user name and per address: after ``maxFailures`` within
/// ``window`` seconds, further tries are refused (429) until the window has passed.
actor LoginLimiter {
    let maxFailures: Int
    let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(maxFailures: Int = 5, window: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.window = window
    }

    private func recent(_ key: String, now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
    }

    /// Seconds to wait before trying again, or nil when a try is allowed now.
    func wait(user: String, address: String, now: Date = Date()) -> Int? {
        for key in ["user:" + user, "address:" + address] {
            let list = recent(key, now: now)
            if list.count >= maxFailures, let first = list.first { return max(1, Int(window - now.timeIntervalSince(first))) }
        }
        return nil
    }

    func fail(user: String, address: String, now: Date = Date()) {
        for key in ["user:" + user, "address:" + address] { failures[key] = recent(key, now: now) + [now] }
        // Made-up names must not fill the memory: forget keys with no failure in the window.
        if failures.count > 10_000 { failures = failures.filter { !recent($0.key, now: now).isEmpty } }
    }

    func succeed(user: String) { failures["user:" + user] = nil }
}

/// Lets ``limit`` uploads be handled at once; up to ``maxWaiting`` more wait their turn in
/// order, and one beyond that is refused at once (429).
actor RequestGate {
    let limit: Int
    let maxWaiting: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int, maxWaiting: Int) {
        self.limit = limit
        self.maxWaiting = maxWaiting
    }

    /// True once the caller may go ahead; false when the queue is full.
    func enter() async -> Bool {
        if running < limit {
            running += 1
            return true
        }
        guard waiting.count < maxWaiting else { return false }
        await withCheckedContinuation { waiting.append($0) }
        return true
    }

    /// Hands the place to the next in line, or frees it.
    func leave() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }
}
