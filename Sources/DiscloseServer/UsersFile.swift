import Foundation
import HummingbirdBcrypt

/// The people who may sign in, with their roles and bcrypt password hashes. One line each,
/// `name:role:hash`; lines starting with `#` are comments. The file must not be readable by
/// others (mode 0600), as for private keys; ``write(to:)`` makes it so.
public struct UsersFile: Sendable, Equatable {
    /// The roles the app knows.
    public enum Role: String, Sendable, CaseIterable {
        /// Stamps documents before publication.
        case staff
        /// Checks a class's submissions.
        case teacher
        /// Runs the app; may do everything.
        case admin
    }

    /// One person.
    public struct User: Sendable, Equatable {
        /// The name they sign in with.
        public var name: String
        /// Their role.
        public var role: Role
        /// The bcrypt hash of their password.
        public var hash: String
    }

    /// Everyone in the file, in file order.
    public private(set) var users: [User] = []

    /// An empty list.
    public init() {}

    /// The person named `name`.
    public func user(named name: String) -> User? {
        users.first { $0.name == name }
    }

    /// Why `name` cannot be a user name, or nil.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty || name.count > 64 { return "a user name has 1 to 64 characters" }
        if name.contains(where: { $0 == ":" || $0.isNewline || $0 == "#" || $0.asciiValue.map { $0 < 32 } == true }) {
            return "a user name cannot hold a colon, # or a line break"
        }
        return nil
    }

    /// Adds `name` with `role` and the bcrypt hash of `password`, replacing an earlier entry of that name.
    /// - Parameter cost: bcrypt's cost (12 by default; tests use 4).
    /// - Throws: ``ServeError/invalid(_:)`` for a name or password that cannot be used.
    public mutating func add(name: String, role: Role, password: String, cost: UInt8 = 12) throws {
        if let problem = UsersFile.nameProblem(name) { throw ServeError.invalid("\(name): \(problem).") }
        guard password.count >= 8 else { throw ServeError.invalid("the password has \(password.count) characters; give at least 8.") }
        let user = User(name: name, role: role, hash: Bcrypt.hash(password, cost: cost))
        if let index = users.firstIndex(where: { $0.name == name }) { users[index] = user } else { users.append(user) }
    }

    /// The user when `password` is theirs, else nil (never says which of the two was wrong).
    public func authenticate(name: String, password: String) -> User? {
        guard let user = user(named: name) else {
            // Spend the same time on an unknown name as on a known one: a hash at the file's cost.
            let cost = users.first.flatMap { UInt8($0.hash.split(separator: "$").dropFirst().first ?? "") } ?? 12
            _ = Bcrypt.hash(password, cost: cost)
            return nil
        }
        return Bcrypt.verify(password, hash: user.hash) ? user : nil
    }

    /// Reads the file at `path`, refusing one that others can read.
    /// - Throws: ``ServeError``.
    public static func load(path: String) throws -> UsersFile {
        var info = stat()
        guard stat(path, &info) == 0 else { throw ServeError.usersFile(path: path, message: "cannot read the users file (\(String(cString: strerror(errno)))). Make one with `disclose serve users add NAME --role staff --users \(path)`.") }
        if info.st_mode & 0o077 != 0 {
            throw ServeError.usersFileOpen(path: path, mode: String(info.st_mode & 0o777, radix: 8))
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ServeError.usersFile(path: path, message: "cannot read the users file as UTF-8 text")
        }
        var file = UsersFile()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let role = Role(rawValue: parts[1]), parts[2].hasPrefix("$2") else {
                throw ServeError.usersFile(path: path, message: "line \(number + 1) is not name:role:bcrypt-hash (roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))); add users with `disclose serve users add`")
            }
            file.users.append(User(name: parts[0], role: role, hash: parts[2]))
        }
        return file
    }

    /// Writes the file to `path` with mode 0600, replacing it atomically.
    public func write(to path: String) throws {
        var text = "# disclose serve users: name:role:bcrypt-hash. Keep this file mode 0600.\n"
        for user in users { text += "\(user.name):\(user.role.rawValue):\(user.hash)\n" }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_EXCL, 0o600)
        guard fd >= 0 else { throw ServeError.usersFile(path: path, message: "cannot write the users file (\(String(cString: strerror(errno))))") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        fchmod(fd, 0o600)
        close(fd)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ServeError.usersFile(path: path, message: "cannot write the users file")
        }
    }
}
