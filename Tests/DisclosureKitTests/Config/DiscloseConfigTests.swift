import DisclosureKit
import Foundation
import Testing

@Suite struct DiscloseConfigTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "disclose-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path + "/a/b", withIntermediateDirectories: true)
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    @Test func foundFromASubfolderWithPathsResolved() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try """
            policy = "policies/ai.toml"
            trust = ["keys/a.pem", "/etc/disclose/b.pem"]
            revocations = "keys/revoked.pem"
            require_signature = true
            organisation = "Oak Learning Trust"
            declarant = "Head of English"
            """.write(toFile: root + "/.disclose.toml", atomically: true, encoding: .utf8)
        let config = try DiscloseConfig.discover(from: root + "/a/b", environment: [:])
        #expect(config == DiscloseConfig(
            source: root + "/.disclose.toml", policy: root + "/policies/ai.toml", trust: [root + "/keys/a.pem", "/etc/disclose/b.pem"],
            revocations: root + "/keys/revoked.pem", requireSignature: true, organisation: "Oak Learning Trust", declarant: "Head of English"))
    }

    @Test func nearestFolderWinsThenTheUserConfig() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "policy = \"outer.toml\"\n".write(toFile: root + "/.disclose.toml", atomically: true, encoding: .utf8)
        try "policy = \"inner.toml\"\n".write(toFile: root + "/a/.disclose.toml", atomically: true, encoding: .utf8)
        #expect(try DiscloseConfig.discover(from: root + "/a/b", environment: [:]).policy == root + "/a/inner.toml")

        let xdg = try folder()
        defer { try? FileManager.default.removeItem(atPath: xdg) }
        try FileManager.default.createDirectory(atPath: xdg + "/disclose", withIntermediateDirectories: true)
        try "declarant = \"J. Smith\"\n".write(toFile: xdg + "/disclose/config.toml", atomically: true, encoding: .utf8)
        let lonely = try folder()
        defer { try? FileManager.default.removeItem(atPath: lonely) }
        #expect(DiscloseConfig.locate(from: lonely, environment: ["XDG_CONFIG_HOME": xdg]) == xdg + "/disclose/config.toml")
        #expect(DiscloseConfig.userConfigPath(environment: ["HOME": "/home/jo"]) == "/home/jo/.config/disclose/config.toml")
        #expect(try DiscloseConfig.discover(from: lonely, environment: ["HOME": lonely]) == DiscloseConfig())
    }

    @Test func wrongKeysAreNamedWithTheirLine() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/.disclose.toml"
        try "policy = \"p.toml\"\nrequire_signatures = true\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: PolicyError.unknownKey(path: path, line: 2, key: "require_signatures", allowed: DiscloseConfig.keys)) {
            try DiscloseConfig.load(path: path)
        }
        try "trust = \"keys/a.pem\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: PolicyError.wrongType(path: path, line: 1, key: "trust", expected: "a list of strings", found: "string")) {
            try DiscloseConfig.load(path: path)
        }
    }

    @Test func initWritesBothFilesAndRefusesToOverwrite() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let written = try ProjectInitialiser.write(template: .university, in: root)
        #expect(written.files == [root + "/disclose-policy.toml", root + "/.disclose.toml"] && written.key == nil)
        let config = try DiscloseConfig.discover(from: root + "/a", environment: [:])
        #expect(config.policy == root + "/disclose-policy.toml")
        #expect(try PolicyLoader().load(path: config.policy!).id == "example-university-genai")
        #expect(throws: PolicyError.wouldOverwrite(path: root + "/disclose-policy.toml")) {
            try ProjectInitialiser.write(template: .school, in: root)
        }
        try ProjectInitialiser.write(template: .school, in: root, force: true)
        #expect(try PolicyLoader().load(path: root + "/disclose-policy.toml").id == "oak-trust-ai")
    }
}
