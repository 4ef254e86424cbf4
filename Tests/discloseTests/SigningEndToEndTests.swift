import DiscloseTestSupport
import Foundation
import Testing

/// Keys, signing and verification through the built binary.
@Suite struct SigningEndToEndTests {
    static func keyID(in stdout: String) -> String? {
        stdout.split(separator: "\n").first { $0.contains("key id:") }.map { String($0.split(separator: " ").last!) }
    }

    @Test func createStampVerifyAndTamper() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("sample/newsletter.md", to: folder)

        let create = try CLI.run(["keys", "create", "--name", "comms", "--out", folder])
        #expect(create.exitCode == 0, "\(create.stderr)")
        let id = try #require(Self.keyID(in: create.stdout))
        #expect(id.count == 64)
        let privateKey = folder + "/comms.key.pem", publicKey = folder + "/comms.pub.pem"
        #expect(try FileManager.default.attributesOfItem(atPath: privateKey)[.posixPermissions] as? Int == 0o600)
        let secret = try String(contentsOfFile: privateKey, encoding: .utf8).split(separator: "\n")[1]
        #expect(!create.stdout.contains(secret) && !create.stderr.contains(secret), "the private key is never printed")
        #expect(try CLI.run(["keys", "id", publicKey]).stdout == id + "\n")

        let stamp = try CLI.run(["stamp", file, "--sign-key", privateKey] + CLI.sampleFacts)
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        #expect(stamp.stdout.contains("  signed: ed25519, key \(id)\n"))

        let trusted = try CLI.run(["verify", file, "--trust", publicKey])
        #expect(trusted.exitCode == 0, "\(trusted.stdout)\(trusted.stderr)")
        #expect(trusted.stdout.contains("pass           signature                   signed on "))
        #expect(trusted.stdout.contains("with trusted key \(id) (\(publicKey))"))
        #expect(trusted.stdout.hasSuffix(": verified\n"))

        let json = try CLI.run(["verify", file, "--trust", folder, "--format", "json"])
        #expect(json.exitCode == 0)
        #expect(json.stdout.contains("\"state\" : \"signed-trusted\""))

        let untrusted = try CLI.run(["verify", file])
        #expect(untrusted.exitCode == 0)
        #expect(untrusted.stdout.contains("warn           signature"))
        #expect(try CLI.run(["verify", file, "--require-signature"]).exitCode == 1)

        let show = try CLI.run(["show", file])
        #expect(show.stdout.contains("signed:       yes (ed25519, key id \(id), at "))

        // One changed metadata field: the signature check fails and says so.
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\"language\":\"en-GB\"", with: "\"language\":\"en-US\"").write(toFile: file, atomically: true, encoding: .utf8)
        let tampered = try CLI.run(["verify", file, "--trust", publicKey])
        #expect(tampered.exitCode == 1)
        #expect(tampered.stdout.contains("fail           signature                   the signature does not match the disclosure"))
        #expect(tampered.stdout.hasSuffix(": 1 check failed\n"))
    }

    @Test func privateKeyReadableByOthersIsRefusedWithTheFix() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("sample/open-day.html", to: folder)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(try CLI.run(["keys", "create", "--name", "k", "--algorithm", "p256"], in: folder).exitCode == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder + "/k.key.pem")
        let r = try CLI.run(["stamp", "open-day.html", "--sign-key", "k.key.pem"] + CLI.sampleFacts, in: folder)
        #expect(r.exitCode == 3)
        #expect(r.stderr == "disclose: error: k.key.pem: this private key can be read by other users (permissions 0644), so it was not used. Restrict it with `chmod 600 k.key.pem`, and consider making a new key if others may have copied it.\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original)
    }

    @Test func usageAndUnreadableTrustErrors() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("sample/newsletter.md", to: folder)
        let noKey = try CLI.run(["stamp", file, "--certificate", "chain.pem"] + CLI.sampleFacts)
        #expect(noKey.exitCode == 2)
        #expect(noKey.stderr.contains("--certificate needs --sign-key"))
        let missing = try CLI.run(["verify", file, "--trust", "missing.pem"], in: folder)
        #expect(missing.exitCode == 3)
        #expect(missing.stderr == "disclose: error: missing.pem: cannot be read (no such file or folder). Check the path and that you have permission to read it.\n")
        #expect(try CLI.run(["keys", "create", "--name", "a/b"], in: folder).exitCode == 2)
        #expect(try CLI.run(["keys", "create", "--name", "k", "--algorithm", "rsa"], in: folder).exitCode == 2)
    }

    static let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func openssl(_ arguments: [String], in folder: String) throws -> Int32 {
        try ProcessRunner.run(URL(fileURLWithPath: openssl!), arguments, in: folder).exitCode
    }

    /// A CA and certificate made by openssl for a key made by Disclose: the chain is checked to the CA.
    @Test(.enabled(if: openssl != nil, "openssl is not installed; skipping the certificate chain test"))
    func certificateIssuedByOpensslCAIsTrustedThroughTheCA() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try CLI.copyFixture("sample/annual-report.docx", to: folder)
        #expect(try CLI.run(["keys", "create", "--name", "staff", "--algorithm", "p256"], in: folder).exitCode == 0)
        try Data("basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n".utf8).write(to: URL(fileURLWithPath: folder + "/leaf.ext"))
        for step in [
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
             "-days", "30", "-subj", "/O=Example University/CN=Example University Signing CA",
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            ["req", "-new", "-key", "staff.key.pem", "-out", "staff.csr", "-subj", "/O=Example University/CN=Head of Communications"],
            ["x509", "-req", "-in", "staff.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "staff.pem", "-days", "10", "-extfile", "leaf.ext"],
        ] {
            #expect(try Self.openssl(step, in: folder) == 0, "openssl \(step.joined(separator: " "))")
        }
        let stamp = try CLI.run(["stamp", file, "--sign-key", "staff.key.pem", "--certificate", "staff.pem"] + CLI.sampleFacts, in: folder)
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        let viaCA = try CLI.run(["verify", file, "--trust", "ca.pem"], in: folder)
        #expect(viaCA.exitCode == 0, "\(viaCA.stdout)")
        #expect(viaCA.stdout.contains("by \"CN=Head of Communications,O=Example University\", certificate chain to trusted CA"))

        // The certificate for another key is refused before anything is written.
        #expect(try CLI.run(["keys", "create", "--name", "other"], in: folder).exitCode == 0)
        let mismatch = try CLI.run(["stamp", file, "--sign-key", "other.key.pem", "--certificate", "staff.pem"] + CLI.sampleFacts, in: folder)
        #expect(mismatch.exitCode == 2)
        #expect(mismatch.stderr.contains("staff.pem: the first certificate is not for the key in other.key.pem"))

        // Revoking the certificate by its serial (as openssl prints it) fails the signature check.
        let serial = try String(contentsOfFile: folder + "/ca.srl", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try Data("# revoked\nserial:\(serial)\n".utf8).write(to: URL(fileURLWithPath: folder + "/revoked.txt"))
        let revoked = try CLI.run(["verify", file, "--trust", "ca.pem", "--revocations", "revoked.txt"], in: folder)
        #expect(revoked.exitCode == 1)
        #expect(revoked.stdout.contains("fail           signature"))
        #expect(revoked.stdout.contains("is revoked (revoked.txt, line 2)"))
    }
}
