import Foundation

/// The visible statement of ours found in a document.
public struct FoundStatement: Equatable, Sendable {
    /// The statement's text as a reader sees it.
    public var text: String
    /// Where it is.
    public var location: Location
    /// Reasons a reader might not see it (hidden text, white text, tiny font...). Empty when visible.
    public var visibilityProblems: [String]
    /// True when the statement was recognised by its text and the marks a program kept (a style,
    /// a control's name) because the program that last saved the file removed the markers
    /// Disclose put on it. Verify says so as a warning; stamping again restores the markers.
    public var markersLost: Bool

    /// Creates a found statement.
    public init(text: String, location: Location, visibilityProblems: [String] = [], markersLost: Bool = false) {
        self.text = text
        self.location = location
        self.visibilityProblems = visibilityProblems
        self.markersLost = markersLost
    }
}

/// The machine-readable metadata of ours found in a document.
public struct FoundMetadata: Equatable, Sendable {
    /// The whole disclosure JSON, as stored (nil when only key facts were found).
    public var json: Data?
    /// Where it is.
    public var location: Location
    /// The separately stored key facts (custom properties, meta tags), keyed as ``Disclosure/keyFacts``.
    public var facts: [String: String]

    /// Creates found metadata.
    public init(json: Data?, location: Location, facts: [String: String] = [:]) {
        self.json = json
        self.location = location
        self.facts = facts
    }
}

/// What of our stamp a handler found in a document.
public struct FoundStamp: Equatable, Sendable {
    /// Our statement, when present.
    public var statement: FoundStatement?
    /// Our metadata, when present.
    public var metadata: FoundMetadata?
    /// Structural problems, such as two statements of ours.
    public var problems: [String]

    /// Creates a found stamp.
    public init(statement: FoundStatement?, metadata: FoundMetadata?, problems: [String] = []) {
        self.statement = statement
        self.metadata = metadata
        self.problems = problems
    }

    /// True when neither statement nor metadata was found.
    public var isEmpty: Bool { statement == nil && metadata == nil && problems.isEmpty }
}
