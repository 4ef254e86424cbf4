import Foundation

/// What a declaration says, read as facts: whether AI was used, which tools, for what, and when.
/// Read from our own stamp, another tool's label, or words a person wrote. Evidence for a person
/// to read, never a verdict: a declaration that cannot be understood is ``AIUse/unclear`` and
/// left to the person.
public struct DeclarationFacts: Codable, Equatable, Hashable, Sendable {
    /// Whether the declaration says AI was used.
    public enum AIUse: String, Codable, CaseIterable, Sendable {
        /// The declaration says no AI was used.
        case none
        /// The declaration says AI was used.
        case used
        /// The words could not be read either way.
        case unclear
    }

    /// How completely the facts could be read from the words.
    public enum Confidence: String, Codable, CaseIterable, Sendable {
        /// Every fact the declaration states was read.
        case clear
        /// Some of what it says could not be read (a tool not recognised, a purpose in other words).
        case partial
    }

    /// A tool named in a declaration.
    public struct Tool: Codable, Equatable, Hashable, Sendable {
        /// The name as written ("chat gpt").
        public var asWritten: String
        /// The canonical name when recognised ("ChatGPT"); nil when not.
        public var canonical: String?

        /// Creates a tool.
        public init(asWritten: String, canonical: String?) {
            self.asWritten = asWritten
            self.canonical = canonical
        }

        /// The canonical name, else the name as written.
        public var name: String { canonical ?? asWritten }
    }

    /// A purpose named in a declaration.
    public struct PurposeFact: Codable, Equatable, Hashable, Sendable {
        /// The person's own words ("check my spelling").
        public var asWritten: String
        /// The vocabulary purpose the words map to, when they allow one.
        public var purpose: Purpose?

        /// Creates a purpose.
        public init(asWritten: String, purpose: Purpose?) {
            self.asWritten = asWritten
            self.purpose = purpose
        }
    }

    /// Whether AI was used, as declared.
    public var aiUse: AIUse
    /// The tools named, in the order written.
    public var tools: [Tool]
    /// The purposes named, in the order written.
    public var purposes: [PurposeFact]
    /// The date as written, when one is given.
    public var date: String?
    /// How completely the facts were read.
    public var confidence: Confidence
    /// The declaration's own words, white space folded, at most 200 characters.
    public var words: String

    /// The longest ``words`` kept.
    public static let maxWords = 200

    /// Creates facts; `words` is folded and cut to ``maxWords`` characters.
    public init(aiUse: AIUse, tools: [Tool] = [], purposes: [PurposeFact] = [], date: String? = nil,
                confidence: Confidence, words: String) {
        self.aiUse = aiUse
        self.tools = tools
        self.purposes = purposes
        self.date = date
        self.confidence = confidence
        let folded = words.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        self.words = folded.count > Self.maxWords ? String(folded.prefix(Self.maxWords - 1)) + "…" : folded
    }
}
