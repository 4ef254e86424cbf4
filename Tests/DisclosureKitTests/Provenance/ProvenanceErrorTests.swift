@testable import DisclosureKit
import Foundation
import Testing

/// Every error names the file, says what is wrong and what to do, and has its documented exit code.
@Suite struct ProvenanceErrorTests {
    static let cases: [(ProvenanceError, Int32, String)] = [
        (.unreadable(path: "k.pem", reason: "no such file"), 3, "k.pem: cannot be read (no such file). Check the path"),
        (.badPEM(path: "k.pem", expected: "private key", detail: "the file has no -----BEGIN ...----- block"), 3, "k.pem: no usable private key was found"),
        (.unsupportedKey(path: "k.pem", found: "of type RSA2048"), 3, "k.pem: the key is of type RSA2048; Disclose signs with Ed25519 or ECDSA P-256 keys. Make one with"),
        (.encryptedPrivateKey(path: "k.pem"), 3, "k.pem: the private key is encrypted (password-protected), which Disclose does not read. Decrypt a copy with `openssl pkey -in k.pem"),
        (.privateKeyExposed(path: "k.pem", mode: "0644"), 3, "k.pem: this private key can be read by other users (permissions 0644), so it was not used. Restrict it with `chmod 600 k.pem`"),
        (.privateKeyInTrustPath(path: "k.pem"), 2, "k.pem: this is a private key; trust paths take public keys and CA certificates. Give the public key instead"),
        (.certificateKeyMismatch(certificatePath: "c.pem", keyPath: "k.pem"), 2, "c.pem: the first certificate is not for the key in k.pem. Put the certificate issued for this key first"),
        (.badCertificate(path: "c.pem", detail: "not a valid X.509 certificate"), 3, "c.pem: a certificate could not be read (not a valid X.509 certificate). Give PEM certificates"),
        (.badRevocationEntry(path: "r.txt", line: 4, text: "xyz"), 3, "r.txt:4: \"xyz\" is not a key id (64 hex digits) or a certificate serial (serial:<hex>). Fix or comment out"),
        (.keyExists(path: "k.key.pem"), 2, "k.key.pem: a file with this name already exists, so no key was written. Choose another --name or --out"),
        (.writeFailed(path: "k.key.pem", reason: "Permission denied"), 4, "k.key.pem: could not write the key (Permission denied). Check the folder exists"),
    ]

    @Test(arguments: 0..<cases.count)
    func messageAndExitCode(index: Int) {
        let (error, code, prefix) = Self.cases[index]
        #expect(error.exitCode == code)
        #expect(error.description.hasPrefix(prefix), "\(error.description)")
        #expect(error.errorDescription == error.description)
        #expect(error.description.hasSuffix("."))
    }
}
