import Foundation

/// What the declarations found in a document other than our own stamp say, merged into one
/// set of facts for the policy rules: a pupil's typed "AI declaration", another tool's
/// label. Read from ``Declaration/facts``; a declaration whose facts were not read counts
/// as unclear, so the rules say "check by eye" rather than guess.
public struct WrittenFacts: Equatable, Sendable {
    /// Used when any declaration says AI was used; none when one says none and none says used; else unclear.
    public var aiUse: DeclarationFacts.AIUse
    /// Every tool named, in order, without repeats.
    public var tools: [DeclarationFacts.Tool]
    /// Every purpose named, in order, without repeats.
    public var purposes: [DeclarationFacts.PurposeFact]
    /// Partial when any declaration's facts are partial, unread or unclear.
    public var confidence: DeclarationFacts.Confidence
    /// The first declaration's quote, for messages.
    public var quote: String

    /// Merges `declarations`; nil when there are none.
    public init?(_ declarations: [Declaration]) {
        guard let first = declarations.first else { return nil }
        let facts = declarations.compactMap(\.facts)
        if facts.contains(where: { $0.aiUse == .used }) {
            aiUse = .used
        } else if facts.contains(where: { $0.aiUse == .none }) {
            aiUse = .none
        } else {
            aiUse = .unclear
        }
        var tools: [DeclarationFacts.Tool] = []
        var purposes: [DeclarationFacts.PurposeFact] = []
        for f in facts {
            for t in f.tools where !tools.contains(t) { tools.append(t) }
            for p in f.purposes where !purposes.contains(p) { purposes.append(p) }
        }
        self.tools = tools
        self.purposes = purposes
        let unread = facts.count < declarations.count || facts.contains { $0.confidence == .partial || $0.aiUse == .unclear }
        confidence = unread || aiUse == .unclear ? .partial : .clear
        quote = first.facts?.words.isEmpty == false ? first.facts!.words : first.quote
    }

    /// True when every fact stated was read and AI use is either used or none.
    public var isClear: Bool { confidence == .clear && aiUse != .unclear }

    /// The purposes that map onto the vocabulary.
    public var mappedPurposes: [Purpose] { purposes.compactMap(\.purpose) }

    /// The purposes in words that map onto none, as written.
    public var unmappedPurposes: [String] { purposes.filter { $0.purpose == nil }.map(\.asWritten) }

    /// `"…"`, the quote cut for a message.
    public var quoted: String { "\"\(Excerpt.cut(quote))\"" }
}
