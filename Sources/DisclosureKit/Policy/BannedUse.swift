import Foundation

/// Purposes a policy never allows, whatever the tool, role or approval (`[[banned]]`), with
/// the policy's own words for why: agents acting on their own, emotion recognition,
/// deepfakes of real people.
public struct BannedUse: Equatable, Sendable {
    /// The purposes banned (vocabulary purposes or `other:<text>`, matched ignoring case).
    public var purposes: [Purpose]
    /// The policy's message, shown when a declaration names one of them.
    public var message: String
    /// The line of its `[[banned]]` header.
    public var line: Int?

    /// Creates a ban.
    public init(purposes: [Purpose], message: String, line: Int? = nil) {
        self.purposes = purposes
        self.message = message
        self.line = line
    }

    /// True when `purpose` is one of the banned ones (`other:` text compared ignoring case and outer spaces).
    public func bans(_ purpose: Purpose) -> Bool {
        purposes.contains { Policy.normalise($0.rawValue) == Policy.normalise(purpose.rawValue) }
    }
}
