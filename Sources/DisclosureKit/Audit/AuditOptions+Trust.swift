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
    public mutating func apply(policy: Policy?, trust: TrustSettings, signatureCheck: SignatureCheck) {
        additionalChecks = [signatureCheck] + (policy.map { [PolicyCheck(policy: $0)] } ?? [])
        var text = trust.fingerprint
        if let policy {
            let bytes = FileManager.default.contents(atPath: policy.source) ?? Data(policy.source.utf8)
            text += "\npolicy=\(Digests.sha256Hex(bytes))"
        }
        for path in trust.trust + trust.namedTrust {
            if let bytes = FileManager.default.contents(atPath: path) { text += "\n\(path)=\(Digests.sha256Hex(bytes))" }
        }
        settingsFingerprint = Digests.sha256Hex(Data(text.utf8))
    }
}
