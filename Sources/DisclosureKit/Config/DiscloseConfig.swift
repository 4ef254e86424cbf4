import Foundation

/// Settings that would otherwise be repeated on every command: the policy, the trust
/// anchors, the revocation list, whether signatures are required, and the default
/// organisation and declarant. Read from `.disclose.toml` in the current folder or the
/// nearest parent, else from the user's config file (`$XDG_CONFIG_HOME/disclose/config.toml`,
/// else `~/.config/disclose/config.toml`). Paths in the file are relative to the file's
/// folder and are held here as absolute paths. Options on the command line win.
///
/// ```swift
/// let config = try DiscloseConfig.discover()
/// if let path = config.policy { policy = try PolicyLoader().load(path: path) }
/// ```
public struct DiscloseConfig: Equatable, Sendable {
    /// The name of the per-folder config file.
    public static let fileName = ".disclose.toml"
    /// The keys a config file may hold.
    public static let keys = ["policy", "trust", "revocations", "require_signature", "organisation", "declarant", "register"]
    /// The keys of the `[register]` table.
    public static let registerKeys = ["path"]

    /// The file the settings came from; nil when no config file was found.
    public var source: String?
    /// The policy file, absolute.
    public var policy: String?
    /// Trusted public keys or CA certificates, absolute.
    public var trust: [String]
    /// The revocation list, absolute.
    public var revocations: String?
    /// Whether every disclosure must carry a trusted signature; nil when not set.
    public var requireSignature: Bool?
    /// The default organisation for `stamp`.
    public var organisation: String?
    /// The default declarant for `stamp`.
    public var declarant: String?
    /// The AI-use register every stamp appends to (`[register] path = …`), absolute; nil for none.
    public var register: String?

    /// Creates settings (all empty by default).
    public init(source: String? = nil, policy: String? = nil, trust: [String] = [], revocations: String? = nil,
                requireSignature: Bool? = nil, organisation: String? = nil, declarant: String? = nil) {
        self.source = source
        self.policy = policy
        self.trust = trust
        self.revocations = revocations
        self.requireSignature = requireSignature
        self.organisation = organisation
        self.declarant = declarant
    }

    /// The config file that applies in `directory`: the nearest `.disclose.toml` in it or a
    /// parent, else the user's config file when it exists; nil when there is none.
    public static func locate(from directory: String = FileManager.default.currentDirectoryPath,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var folder = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent(fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        let user = userConfigPath(environment: environment)
        return user.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
    }

    /// `$XDG_CONFIG_HOME/disclose/config.toml`, else `$HOME/.config/disclose/config.toml`.
    public static func userConfigPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/disclose/config.toml" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/disclose/config.toml"
    }

    /// The settings that apply in `directory`; empty settings when no config file exists.
    /// - Throws: ``PolicyError`` when the file found cannot be read or has a wrong key or value.
    public static func discover(from directory: String = FileManager.default.currentDirectoryPath,
                                environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DiscloseConfig {
        guard let path = locate(from: directory, environment: environment) else { return DiscloseConfig() }
        return try load(path: path)
    }

    /// Reads the config file at `path`.
    /// - Throws: ``PolicyError`` naming the file, line and key of the first problem.
    public static func load(path: String) throws -> DiscloseConfig {
        let (table, r, _) = try TOMLReader.open(path: path)
        let root = TOMLSourceMap.Section.root
        try r.checkKeys(table, root, allowed: keys)
        var config = DiscloseConfig(source: path)
        config.policy = try r.nonEmptyString(table, "policy", root).map(r.resolve)
        config.trust = try (r.strings(table, "trust", root) ?? []).map(r.resolve)
        config.revocations = try r.nonEmptyString(table, "revocations", root).map(r.resolve)
        config.requireSignature = try r.bool(table, "require_signature", root)
        config.organisation = try r.nonEmptyString(table, "organisation", root)
        config.declarant = try r.nonEmptyString(table, "declarant", root)
        if let registerTable = try r.table(table, "register") {
            let section = TOMLSourceMap.Section(name: "register", index: nil)
            try r.checkKeys(registerTable, section, allowed: registerKeys)
            guard let path = try r.nonEmptyString(registerTable, "path", section) else {
                throw r.invalid("register", root, "the [register] table needs path = \"…\", the register file (see docs/policy.md, AI-use register)")
            }
            config.register = r.resolve(path)
        }
        return config
    }
}
