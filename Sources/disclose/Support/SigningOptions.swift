import ArgumentParser
import DisclosureKit
import Foundation

/// `stamp --sign-key KEY [--certificate CERT.pem]`.
struct SigningOptions: ParsableArguments {
    @Option(name: .customLong("sign-key"), help: ArgumentHelp("Sign the disclosure with this private key (PEM, mode 0600).", valueName: "key.pem"))
    var signKey: String?

    @Option(help: ArgumentHelp("The certificate chain issued for the key (PEM, leaf first, then intermediates).", valueName: "chain.pem"))
    var certificate: String?

    func validate() throws {
        if certificate != nil && signKey == nil {
            throw ValidationError("--certificate needs --sign-key: give the private key the certificate was issued for.")
        }
    }

    /// The signer, when `--sign-key` was given.
    func makeSigner() throws -> KeySigner? {
        guard let signKey else { return nil }
        let key = try KeyFile.loadPrivateKey(at: signKey)
        let chain = try certificate.map { try KeyFile.loadCertificates(at: $0) } ?? []
        return try KeySigner(key: key, certificates: chain, certificatePath: certificate ?? "", keyPath: signKey)
    }
}

/// `verify --trust PATH... [--revocations FILE] [--require-signature]`.
struct TrustOptions: ParsableArguments {
    @Option(name: .customLong("trust"),
            help: ArgumentHelp("Trusted public keys and CA certificates: a PEM file, or a folder of them (repeat for more).", valueName: "path"))
    var trust: [String] = []

    @Option(help: ArgumentHelp("Revoked key ids and certificate serials, one per line (see docs/signing.md).", valueName: "file"))
    var revocations: String?

    @Flag(help: "Fail unless the disclosure is signed by a trusted key or certificate.")
    var requireSignature = false

    /// The settings given on the command line.
    var settings: TrustSettings {
        TrustSettings(trust: trust, revocations: revocations, requireSignature: requireSignature)
    }

    /// The signature check, with the trust of the config file and the policy added.
    /// Unsigned documents are reported only when some signing setting was given.
    func makeCheck(config: DiscloseConfig?, policy: Policy?) throws -> SignatureCheck {
        let (check, skipped) = try settings.adding(config: config, policy: policy).makeCheck()
        for (_, reason) in skipped {
            Output.note("a trusted key or certificate named in the policy or config was not used: \(reason)")
        }
        return check
    }
}
