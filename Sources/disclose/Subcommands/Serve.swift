import ArgumentParser
import DiscloseServer
import DisclosureKit
import Foundation

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web app: check a class's work, verify, stamp and read the policy in a browser.",
        discussion: """
            Listens on 127.0.0.1:8765 by default; open http://127.0.0.1:8765 in a browser. \
            Listening on any other address needs --users (people sign in); without it the app \
            refuses to start. Uploaded files live only in a temporary folder for the request. \
            See docs/serve.md.

            Example:
              disclose serve --policy policy.toml
              disclose serve users add j.smith --role staff --users users.txt
              disclose serve --host 0.0.0.0 --users users.txt --trusted-proxy
            """,
        subcommands: [ServeRun.self, ServeUsers.self],
        defaultSubcommand: ServeRun.self)
}

struct ServeRun: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the web app (the default).")

    @Option(help: "The address to listen on; anything but loopback needs --users.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8765

    @OptionGroup var policy: PolicyOptions

    @Option(help: ArgumentHelp("The users file (`disclose serve users add`); people then sign in.", valueName: "file"))
    var users: String?

    @Option(name: .customLong("trust"), help: ArgumentHelp("Trusted public keys and CA certificates for the signature check (repeat).", valueName: "path"))
    var trust: [String] = []

    @Option(name: .customLong("sign-key"), help: ArgumentHelp("Sign every stamp with this private key (PEM, mode 0600).", valueName: "key.pem"))
    var signKey: String?

    @Flag(help: "Believe X-Forwarded-Proto and X-Forwarded-Host from the reverse proxy in front (for TLS and Secure cookies).")
    var trustedProxy = false

    @Option(help: ArgumentHelp("The largest file accepted, in MiB.", valueName: "MiB"))
    var maxFileMiB = 50

    func run() throws {
        let config = try PolicyOptions.config()
        var configuration = ServeConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.usersPath = users
        configuration.trust = trust
        configuration.config = config
        configuration.signKeyPath = signKey
        configuration.trustedProxy = trustedProxy
        configuration.registerPath = config.register
        configuration.defaultOrganisation = config.organisation
        configuration.limits.maxFileBytes = maxFileMiB << 20
        configuration.limits.maxTotalBytes = max(configuration.limits.maxTotalBytes, configuration.limits.maxFileBytes)
        configuration.policyPath = policy.policy ?? config.policy
        ServeVersion.string = DiscloseVersion.string
        let app: ServeApp
        do { app = try ServeApp(configuration: configuration) } catch let error as ServeError {
            Output.error(error.description)
            throw ExitCode(error.exitCode)
        } catch let error as PolicyError {
            throw PolicyOptions.fail(error)
        } catch let error as RegisterError {
            Output.error(error.description)
            throw ExitCode(error.exitCode)
        }
        let shown = host.contains(":") ? "[\(host)]" : host
        Output.note("serving on http://\(shown):\(port) (policy: \(configuration.policyPath ?? "none"); sign-in: \(users == nil ? "none, this computer only" : "required")). Stop with Ctrl-C.")
        let done = DispatchSemaphore(value: 0)
        let failure = Locked<Error?>(nil)
        Task {
            do { try await app.application().runService() } catch { failure.withLock { $0 = error } }
            done.signal()
        }
        done.wait()
        if let error = failure.current {
            Output.error("the web app stopped: \(error)")
            throw ExitCode(4)
        }
    }

}

struct ServeUsers: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "users", abstract: "Manage the people who may sign in.", subcommands: [ServeUsersAdd.self])
}

struct ServeUsersAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a person (or change their role and password); the password is read from standard input.",
        discussion: """
            The users file holds bcrypt hashes, one person a line, and is written with mode 0600. \
            Example: printf '%s\\n' 'a long passphrase' | disclose serve users add j.smith --role staff --users users.txt
            """)

    @Argument(help: "The user name they sign in with.")
    var name: String

    @Option(help: "Their role: staff, teacher or admin.")
    var role: String

    @Option(help: ArgumentHelp("The users file (made when missing).", valueName: "file"))
    var users: String = "disclose-users.txt"

    func validate() throws {
        guard UsersFile.Role(rawValue: role) != nil else {
            throw ValidationError("--role: unknown role \"\(role)\". Use one of \(UsersFile.Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if let problem = UsersFile.nameProblem(name) { throw ValidationError("\(name): \(problem).") }
    }

    func run() throws {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("give the password on standard input, e.g. printf '%s\\n' 'a long passphrase' | disclose serve users add \(name) --role \(role)")
        }
        do {
            var file = FileManager.default.fileExists(atPath: users) ? try UsersFile.load(path: users) : UsersFile()
            try file.add(name: name, role: UsersFile.Role(rawValue: role)!, password: line)
            try file.write(to: users)
        } catch let error as ServeError {
            Output.error(error.description)
            throw ExitCode(error.exitCode)
        }
        Output.line("\(users): \(name) (\(role)) can sign in; the file is mode 0600.")
    }
}
