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

    /// Writes `disclose-policy.toml` (from `template`) and `.disclose.toml` into `folder`.
    /// - Returns: the paths written.
    /// - Throws: ``PolicyError/wouldOverwrite(path:)`` when either file exists and `force` is false
    ///   (nothing is written then); ``PolicyError/writeFailed(path:reason:)``.
    @discardableResult
    public static func write(template: PolicyTemplate, in folder: String, force: Bool = false) throws -> [String] {
        let base = URL(fileURLWithPath: folder)
        let files = [
            (base.appendingPathComponent(policyFileName).path, template.text),
            (base.appendingPathComponent(DiscloseConfig.fileName).path, configText()),
        ]
        if !force, let existing = files.first(where: { FileManager.default.fileExists(atPath: $0.0) }) {
            throw PolicyError.wouldOverwrite(path: existing.0)
        }
        for (path, text) in files {
            do {
                try AtomicWriter.write(Data(text.utf8), to: path)
            } catch let error as DisclosureError {
                if case .writeFailed(_, let reason) = error { throw PolicyError.writeFailed(path: path, reason: reason) }
                throw PolicyError.writeFailed(path: path, reason: error.description)
            }
        }
        return files.map(\.0)
    }
}
