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

        enum CodingKeys: String, CodingKey { case asWritten, canonical }

        /// Encodes `canonical` as `null` when the tool was not recognised.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(asWritten, forKey: .asWritten)
            try c.encode(canonical, forKey: .canonical)
        }
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

        enum CodingKeys: String, CodingKey { case asWritten, purpose }

        /// Encodes `purpose` as `null` when the words map to none.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(asWritten, forKey: .asWritten)
            try c.encode(purpose, forKey: .purpose)
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

    enum CodingKeys: String, CodingKey { case aiUse, tools, purposes, date, confidence, words }

    /// Encodes every key, `date` as `null` when none was given.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(aiUse, forKey: .aiUse)
        try c.encode(tools, forKey: .tools)
        try c.encode(purposes, forKey: .purposes)
        try c.encode(date, forKey: .date)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(words, forKey: .words)
    }
}

extension DeclarationFacts {
    /// What several declarations in one file say together about AI use: `used` when any says AI
    /// was used (a tool named for a purpose outweighs "no AI was used to write it"), else `none`
    /// when any says none, else `unclear`.
    public static func combinedUse(_ uses: [AIUse]) -> AIUse {
        if uses.contains(.used) { return .used }
        if uses.contains(.none) { return .none }
        return .unclear
    }
}
