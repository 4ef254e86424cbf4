import Foundation

extension AuditOptions {
    /// Adds the organisation policy's rules and the signature check to every file's
    /// verification, and keys the cache on them: the policy file's bytes, the trust settings
    /// and the bytes of every trusted key or certificate file, so editing any of them makes
    /// the next audit check every file again.
    /// - Parameters:
    ///   - policy: the organisation policy, if any.
    ///   - trust: the trust settings (command line, config and policy combined).
    ///   - signatureCheck: the signature check built from `trust`.
    ///   - task: the task every file is expected to be made for (`audit --task`), if any.
    public mutating func apply(policy: Policy?, trust: TrustSettings, signatureCheck: SignatureCheck, task: String? = nil) {
        additionalChecks = [signatureCheck] + (policy.map { [PolicyCheck(policy: $0, expectedTask: task)] } ?? [])
        var text = trust.fingerprint
        if let policy {
            let bytes = FileManager.default.contents(atPath: policy.source) ?? Data(policy.source.utf8)
            text += "\npolicy=\(Digests.sha256Hex(bytes))"
            if let task { text += "\ntask=\(task)" }
        }
        for path in trust.trust + trust.namedTrust {
            if let bytes = FileManager.default.contents(atPath: path) { text += "\n\(path)=\(Digests.sha256Hex(bytes))" }
        }
        settingsFingerprint = Digests.sha256Hex(Data(text.utf8))
    }
}
