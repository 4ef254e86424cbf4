import DisclosureKit
import Foundation

/// How `disclose serve` runs: where it listens, which policy and users it uses, and the
/// limits on what one request may upload. See `docs/serve.md`.
public struct ServeConfiguration: Sendable {
    /// The address to listen on; loopback unless a users file is given.
    public var host: String = "127.0.0.1"
    /// The port.
    public var port: Int = 8765
    /// The organisation policy (TOML), if any.
    public var policyPath: String?
    /// The users file (`disclose serve users add`); required on any address but loopback.
    public var usersPath: String?
    /// Believe `X-Forwarded-Proto` and `X-Forwarded-Host` from a reverse proxy in front.
    public var trustedProxy: Bool = false
    /// The AI-use register stamps are recorded in, if any.
    public var registerPath: String?
    /// The private key stamps are signed with, if any.
    public var signKeyPath: String?
    /// Trusted public keys or CA certificates for the signature check (`--trust`).
    public var trust: [String] = []
    /// The `.disclose.toml` in force: its trust, revocations and `require_signature` are added
    /// to the signature check as the command line adds them.
    public var config: DiscloseConfig?
    /// Declarant and organisation defaults (`.disclose.toml`).
    public var defaultOrganisation: String?
    /// Upload limits.
    public var limits: UploadLimits = UploadLimits()
    /// Where per-request temporary folders are made (each is removed when its response ends).
    public var temporaryRoot: String = NSTemporaryDirectory()
    /// How long a signed-in session lasts, in seconds.
    public var sessionLifetime: TimeInterval = 8 * 3600

    /// Creates the default configuration: loopback, port 8765, no policy, no users.
    public init() {}

    /// True when `host` is a loopback address (127.0.0.0/8, ::1 or localhost).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Refuses a configuration that would let a whole network in without signing in.
    /// - Throws: ``ServeError/needsUsers(host:)``.
    public func validate() throws {
        if !ServeConfiguration.isLoopback(host) && usersPath == nil {
            throw ServeError.needsUsers(host: host)
        }
        if !(1...65_535).contains(port) { throw ServeError.invalid("--port \(port) is not a port; use a number from 1 to 65535.") }
    }
}

/// The limits on one request's uploads. A request over a limit is answered with 413 (too
/// large), 400 (a broken upload) or 429 (too many at once) and a page or JSON error saying which.
public struct UploadLimits: Sendable {
    /// The largest single file, in bytes.
    public var maxFileBytes: Int = 50 << 20
    /// The most files in one request.
    public var maxFiles: Int = 200
    /// The largest request body, in bytes.
    public var maxTotalBytes: Int = 200 << 20
    /// The most upload requests handled at once; more wait their turn.
    public var maxConcurrentRequests: Int = 8
    /// The most upload requests waiting their turn; more are answered 429 at once.
    public var maxQueuedRequests: Int = 128
    /// The longest one upload request may take, from its first byte to its answer (408 past it).
    public var maxRequestSeconds: Double = 120
    /// The library's limits while reading documents and archives (entries, ratio, nesting).
    public var read: ReadLimits = .default

    /// Creates the default limits: 50 MiB a file, 200 files, 200 MiB a request, 8 at once and 128 waiting.
    public init() {}
}

/// Why the server cannot start or a users file cannot be used.
public enum ServeError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// Listening beyond this computer without a users file.
    case needsUsers(host: String)
    /// The users file is readable or writable by others.
    case usersFileOpen(path: String, mode: String)
    /// The users file cannot be read or a line is wrong.
    case usersFile(path: String, message: String)
    /// Any other setting is wrong.
    case invalid(String)

    public var description: String {
        switch self {
        case .needsUsers(let host):
            return "refusing to listen on \(host) without --users: anyone on the network could use the app. Make a users file with `disclose serve users add NAME --role staff --users FILE` and give --users FILE, or listen on 127.0.0.1 (the default)."
        case .usersFileOpen(let path, let mode):
            return "\(path): the users file has mode \(mode), so other people on this computer can read the password hashes; run `chmod 600 \(path)` (as for private keys)."
        case .usersFile(let path, let message):
            return "\(path): \(message)"
        case .invalid(let message):
            return message
        }
    }

    public var errorDescription: String? { description }

    /// The exit code: 2 for settings given wrongly.
    public var exitCode: Int32 { 2 }
}
