import Foundation

/// Where the signature check's trust comes from: the command line, the config file
/// (`.disclose.toml`) and the organisation policy, combined. Trusted paths from all three
/// are used together; a signature is required when any of them requires one; the
/// command line's revocation list wins over the config's.
public struct TrustSettings: Equatable, Sendable {
    /// Trusted public keys and CA certificates (files or folders of PEM) given on the command
    /// line: each must be readable.
    public var trust: [String]
    /// Trusted paths named by the config file or the policy: one that cannot be read is
    /// skipped with a note (a starter policy names keys that may not exist yet).
    public var namedTrust: [String] = []
    /// A revocation list file, if any.
    public var revocations: String?
    /// Anything but `signed-trusted` fails.
    public var requireSignature: Bool
    /// True when someone asked for signatures to be checked, so unsigned documents are reported.
    public var explicit: Bool

    /// Creates settings from the command line's values alone.
    public init(trust: [String] = [], revocations: String? = nil, requireSignature: Bool = false) {
        self.trust = trust
        self.revocations = revocations
        self.requireSignature = requireSignature
        self.explicit = !trust.isEmpty || revocations != nil || requireSignature
    }

    /// These settings with the config's and the policy's added.
    public func adding(config: DiscloseConfig?, policy: Policy?) -> TrustSettings {
        var out = self
        for path in (config?.trust ?? []) + (policy?.signature.trust ?? []) where !out.trust.contains(path) && !out.namedTrust.contains(path) {
            out.namedTrust.append(path)
        }
        if out.revocations == nil { out.revocations = config?.revocations }
        out.requireSignature = requireSignature || (config?.requireSignature ?? false) || (policy?.signature.required ?? false)
        out.explicit = !out.trust.isEmpty || !out.namedTrust.isEmpty || out.revocations != nil || out.requireSignature
        return out
    }

    /// The signature check these settings describe, and the named trust paths that were skipped.
    /// - Throws: ``ProvenanceError`` when a command-line trust path or the revocation list cannot be read.
    public func makeCheck() throws -> (check: SignatureCheck, skipped: [(path: String, reason: String)]) {
        var paths = trust
        var skipped: [(path: String, reason: String)] = []
        for path in namedTrust {
            do {
                _ = try TrustStore.load(paths: [path])
                paths.append(path)
            } catch {
                skipped.append((path, "\(error)"))
            }
        }
        let store = try TrustStore.load(paths: paths)
        let list = try revocations.map { try RevocationList.load(path: $0) } ?? RevocationList()
        return (SignatureCheck(trust: store, revocations: list, requireSignature: requireSignature, reportUnsigned: explicit), skipped)
    }

    /// A short fingerprint of the settings, for caches keyed on them.
    public var fingerprint: String {
        "trust=\((trust + namedTrust).joined(separator: "|"));revocations=\(revocations ?? "");require=\(requireSignature)"
    }
}
