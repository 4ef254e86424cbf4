import Foundation

/// A starter policy written by `disclose init --policy-template NAME`: the matching
/// file in `examples/policies/`, commented, with every key it uses explained.
public enum PolicyTemplate: String, CaseIterable, Sendable {
    /// A school trust: approved tools for staff and pupils, AIAS levels per task.
    case school
    /// A university: declarations on every submission, AIAS levels per module assessment.
    case university
    /// A publisher meeting the EU AI Act's Article 50(4) duty to label AI-generated text.
    case publisher

    /// The example file the template's text comes from.
    public var exampleFileName: String {
        switch self {
        case .school: return "school-trust.toml"
        case .university: return "university.toml"
        case .publisher: return "publisher-eu-ai-act.toml"
        }
    }
}

/// Writes a starter policy and a config file pointing at it, so that the policy need
/// not be named on every command.
public enum ProjectInitialiser {
    /// The policy file `init` writes.
    public static let policyFileName = "disclose-policy.toml"

    /// The text of the `.disclose.toml` that `init` writes next to the policy.
    public static func configText(policyFile: String = policyFileName) -> String {
        """
        # Disclose settings for this folder and every folder below it.
        # Disclose looks for this file in the current folder, then its parents, then
        # $XDG_CONFIG_HOME/disclose/config.toml (else ~/.config/disclose/config.toml).
        # Paths are relative to this file. Options on the command line win.
        # Every key is documented in docs/policy.md.

        policy = "\(policyFile)"
        # trust = ["keys/trusted.pem"]        # trusted public keys or CA certificates
        # revocations = "keys/revoked.pem"    # keys that are no longer trusted
        require_signature = false
        # organisation = "Oak Learning Trust" # default --organisation for `disclose stamp`
        # declarant = "Head of English"       # default --declarant for `disclose stamp`

        """
    }

    /// The folder, next to the policy, that `init --with-key` writes the signing key in.
    public static let keyFolder = "keys"
    /// The key's name: `keys/disclose-signing.key.pem` and `keys/disclose-signing.pub.pem`.
    public static let keyName = "disclose-signing"

    /// The template's text with its empty `trust = []` listing `publicKey` (a path relative to the policy).
    public static func policyText(_ template: PolicyTemplate, trusting publicKey: String? = nil) -> String {
        guard let publicKey else { return template.text }
        return template.text.replacingOccurrences(of: "\ntrust = []\n", with: "\ntrust = [\"\(publicKey)\"]\n")
    }

    /// Writes `disclose-policy.toml` (from `template`) and `.disclose.toml` into `folder`; with
    /// `signingKey`, first makes a key pair of that algorithm in `keys/` (the folder mode 0700, the
    /// private key 0600) and lists its public key in the policy's `trust`.
    /// - Returns: the paths written, and the key files when one was made.
    /// - Throws: ``PolicyError/wouldOverwrite(path:)`` when either file exists and `force` is false
    ///   (nothing is written then); ``PolicyError/writeFailed(path:reason:)``; ``ProvenanceError``
    ///   from writing the key (an existing key is never replaced).
    @discardableResult
    public static func write(template: PolicyTemplate, in folder: String, force: Bool = false,
                             signingKey: SigningAlgorithm? = nil) throws -> (files: [String], key: KeyFile.Written?) {
        let base = URL(fileURLWithPath: folder)
        let publicKey = signingKey.map { _ in "\(keyFolder)/\(keyName).pub.pem" }
        let files = [
            (base.appendingPathComponent(policyFileName).path, policyText(template, trusting: publicKey)),
            (base.appendingPathComponent(DiscloseConfig.fileName).path, configText()),
        ]
        if !force, let existing = files.first(where: { FileManager.default.fileExists(atPath: $0.0) }) {
            throw PolicyError.wouldOverwrite(path: existing.0)
        }
        var written: KeyFile.Written?
        if let signingKey {
            let keys = base.appendingPathComponent(keyFolder).path
            do {
                try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw PolicyError.writeFailed(path: keys, reason: error.localizedDescription)
            }
            written = try KeyFile.write(PrivateSigningKey.generate(signingKey), name: keyName, folder: keys)
        }
        for (path, text) in files {
            do {
                try AtomicWriter.write(Data(text.utf8), to: path)
            } catch let error as DisclosureError {
                if case .writeFailed(_, let reason) = error { throw PolicyError.writeFailed(path: path, reason: reason) }
                throw PolicyError.writeFailed(path: path, reason: error.description)
            }
        }
        return (files.map(\.0), written)
    }
}
