import DisclosureKit
import Testing

/// Every ``PolicyError`` case has a message naming the file and what to do, and an exit code.
@Suite struct PolicyErrorTests {
    @Test func everyCaseHasTextAndAnExitCode() {
        let cases: [(PolicyError, String, Int32)] = [
            (.unreadable(path: "p.toml"), "p.toml: the file does not exist or cannot be read. Check the path (or the `policy` entry in .disclose.toml).", 3),
            (.notText(path: "p.toml", reason: "the file contains a NUL byte"), "p.toml: the file contains a NUL byte; a policy or config file is UTF-8 TOML text.", 3),
            (.syntax(path: "p.toml", line: 3, column: 11, reason: "expected value"), "p.toml:3:11: not valid TOML: expected value", 2),
            (.unknownKey(path: "p.toml", line: 4, key: "tools.purpose", allowed: ["name", "purposes"]),
             "p.toml:4: unknown key \"tools.purpose\"; the keys allowed here are name, purposes. Check the spelling against docs/policy.md.", 2),
            (.wrongType(path: "p.toml", line: nil, key: "trust", expected: "a list of strings", found: "integer"),
             "p.toml: key \"trust\": expected a list of strings, found an integer", 2),
            (.missingKey(path: "p.toml", line: 1, key: "policy.id", hint: "give the policy an identifier"),
             "p.toml:1: key \"policy.id\" is missing; give the policy an identifier", 2),
            (.invalidValue(path: "p.toml", line: 9, key: "tasks.level", detail: "6 is not an AIAS level"), "p.toml:9: key \"tasks.level\": 6 is not an AIAS level", 2),
            (.wouldOverwrite(path: "/tmp/x/disclose-policy.toml"), "/tmp/x/disclose-policy.toml already exists; nothing was written. Give --force to replace it.", 2),
            (.writeFailed(path: "/ro/.disclose.toml", reason: "read-only file system"),
             "/ro/.disclose.toml: could not write the file (read-only file system). Check the folder exists and you may write to it.", 4),
        ]
        for (error, text, code) in cases {
            #expect(error.description == text)
            #expect(error.errorDescription == text)
            #expect(error.exitCode == code)
        }
    }
}
