@testable import DisclosureKit
import Crypto
import Foundation
import SwiftASN1
import X509

/// Test certificate authorities and leaves, made in code (no committed keys).
enum TestPKI {
    /// A CA: its key and self-signed (or issued) certificate.
    struct Authority {
        var key: Certificate.PrivateKey
        var certificate: Certificate
    }

    static func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    /// When the test documents are signed.
    static let signingTime = date("2026-11-25T10:00:00Z")
    /// "Now" for the verifier.
    static let now = date("2026-12-01T09:00:00Z")

    static func name(_ common: String) -> DistinguishedName {
        try! DistinguishedName {
            CountryName("GB")
            OrganizationName("Example University")
            CommonName(common)
        }
    }

    /// A root CA (or, with `issuer`, an intermediate), P-256.
    static func authority(_ common: String, issuer: Authority? = nil,
                          from: Date = date("2025-01-01T00:00:00Z"), until: Date = date("2030-01-01T00:00:00Z")) throws -> Authority {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let subject = name(common)
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
            notValidBefore: from, notValidAfter: until,
            issuer: issuer?.certificate.subject ?? subject, subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: issuer?.key ?? key)
        return Authority(key: key, certificate: certificate)
    }

    /// A leaf certificate for `key`, issued by `issuer`.
    static func leaf(for key: PrivateSigningKey, _ common: String = "Communications Office", issuer: Authority,
                     from: Date = date("2026-01-01T00:00:00Z"), until: Date = date("2027-01-01T00:00:00Z"),
                     usage: KeyUsage? = KeyUsage(digitalSignature: true)) throws -> Certificate {
        try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey.key,
            notValidBefore: from, notValidAfter: until,
            issuer: issuer.certificate.subject, subject: name(common),
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                if let usage { Critical(usage) }
            },
            issuerPrivateKey: issuer.key)
    }

    static func pem(_ certificates: [Certificate]) throws -> String {
        try certificates.map { try $0.serializeAsPEM().pemString }.joined(separator: "\n") + "\n"
    }

    /// A trust store holding `authorities` and `keys`.
    static func trust(authorities: [Authority] = [], keys: [PrivateSigningKey] = []) -> TrustStore {
        TrustStore(keys: keys.map { .init(key: $0.publicKey, source: "test-keys.pem") },
                   certificates: authorities.map { .init(certificate: $0.certificate, source: "test-ca.pem") })
    }
}
