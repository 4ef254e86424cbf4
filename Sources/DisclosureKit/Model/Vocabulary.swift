import Foundation

/// What an AI tool was used for. The named cases form the documented vocabulary;
/// anything else is written `other:<text>`.
public enum Purpose: Hashable, Sendable, Codable, CustomStringConvertible, CaseIterable {
    case drafting, summarising, research, ideaGeneration, lessonPlanning, coding, translation,
         proofreading, imageGeneration, dataAnalysis, feedback
    /// Uses many policies ban outright (see `[[banned]]` in docs/policy.md).
    case autonomousAgent, emotionRecognition, deepfake
    case other(String)

    /// Every named purpose, in documentation order (without `other`).
    public static var allCases: [Purpose] {
        [.drafting, .summarising, .research, .ideaGeneration, .lessonPlanning, .coding, .translation,
         .proofreading, .imageGeneration, .dataAnalysis, .feedback, .autonomousAgent, .emotionRecognition, .deepfake]
    }

    /// The identifier written in JSON and accepted on the command line.
    public var rawValue: String {
        switch self {
        case .drafting: return "drafting"
        case .summarising: return "summarising"
        case .research: return "research"
        case .ideaGeneration: return "idea-generation"
        case .lessonPlanning: return "lesson-planning"
        case .coding: return "coding"
        case .translation: return "translation"
        case .proofreading: return "proofreading"
        case .imageGeneration: return "image-generation"
        case .dataAnalysis: return "data-analysis"
        case .feedback: return "feedback"
        case .autonomousAgent: return "autonomous-agent"
        case .emotionRecognition: return "emotion-recognition"
        case .deepfake: return "deepfake"
        case .other(let text): return "other:\(text)"
        }
    }

    /// Parses an identifier; `nil` when it is neither in the vocabulary nor `other:<text>`.
    public init?(rawValue: String) {
        let value = QuickTrim.whitespaces(rawValue)
        if value.lowercased().hasPrefix("other:") {
            let text = QuickTrim.whitespaces(value.dropFirst("other:".count))
            guard !text.isEmpty else { return nil }
            self = .other(text)
            return
        }
        guard let found = Purpose.allCases.first(where: { $0.rawValue == value.lowercased() }) else { return nil }
        self = found
    }

    /// Plain-English phrase used in statements ("drafting", "generating ideas").
    public var phrase: String {
        switch self {
        case .drafting: return "drafting"
        case .summarising: return "summarising"
        case .research: return "research"
        case .ideaGeneration: return "generating ideas"
        case .lessonPlanning: return "lesson planning"
        case .coding: return "writing code"
        case .translation: return "translation"
        case .proofreading: return "proofreading"
        case .imageGeneration: return "generating images"
        case .dataAnalysis: return "data analysis"
        case .feedback: return "giving feedback"
        case .autonomousAgent: return "an agent acting on its own"
        case .emotionRecognition: return "recognising emotions"
        case .deepfake: return "making a likeness of a real person"
        case .other(let text): return text
        }
    }

    public var description: String { rawValue }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let value = Purpose(rawValue: raw) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown purpose \"\(raw)\"; use one of \(Purpose.allCases.map(\.rawValue).joined(separator: ", ")) or other:<text>"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// How much of the work AI did. `none` is a real declaration: no AI was used.
public enum Extent: String, Codable, CaseIterable, Sendable {
    case none
    case minorEdits = "minor-edits"
    case partial
    case substantial
    case whollyGenerated = "wholly-generated"

    /// The IPTC Digital Source Type URI this extent maps to.
    public var iptcDigitalSourceType: String {
        let base = "http://cv.iptc.org/newscodes/digitalsourcetype/"
        switch self {
        case .none: return base + "digitalCreation"
        case .minorEdits: return base + "algorithmicallyEnhanced"
        case .partial, .substantial: return base + "compositeWithTrainedAlgorithmicMedia"
        case .whollyGenerated: return base + "trainedAlgorithmicMedia"
        }
    }

    /// Plain-English phrase used in statements.
    public var phrase: String {
        switch self {
        case .none: return "no AI tools were used"
        case .minorEdits: return "minor edits only"
        case .partial: return "part of the content"
        case .substantial: return "a substantial part of the content"
        case .whollyGenerated: return "all of the content was generated"
        }
    }
}

/// The kind of human review that followed AI use.
public enum ReviewLevel: String, Codable, CaseIterable, Sendable {
    case none
    case reviewed
    case edited
    case factChecked = "fact-checked"
    case rewritten
    /// Reviewed, with the output checked for accuracy and for bias (policies that ask for both).
    case accuracyAndBiasChecked = "accuracy-and-bias-checked"

    /// Plain-English phrase used in statements.
    public var phrase: String {
        switch self {
        case .none: return "not reviewed by a person"
        case .reviewed: return "reviewed"
        case .edited: return "reviewed and edited"
        case .factChecked: return "reviewed and fact-checked"
        case .rewritten: return "rewritten"
        case .accuracyAndBiasChecked: return "reviewed and checked for accuracy and bias"
        }
    }
}

/// The human review that followed AI use.
public struct Review: Codable, Equatable, Sendable {
    /// What kind of review took place.
    public var level: ReviewLevel
    /// Who reviewed (a name or a role).
    public var reviewer: String?
    /// What was changed, if the reviewer says.
    public var note: String?

    /// Creates a review record.
    public init(level: ReviewLevel, reviewer: String? = nil, note: String? = nil) {
        self.level = level
        self.reviewer = reviewer
        self.note = note
    }
}

/// The kind of data that went into an AI tool, as organisations' data-protection rules
/// classify it. A policy approves each tool for some classes (`data_classes`); a
/// declaration may record which went in (`dataClasses`, `stamp --data`).
public enum DataClass: String, Codable, CaseIterable, Sendable {
    /// Information anyone may see: published pages, public documents.
    case `public`
    /// The organisation's internal information, not personal.
    case `internal`
    /// Personal data about identifiable people (UK GDPR).
    case personal
    /// Special category or otherwise sensitive personal data (health, ethnicity, safeguarding, ...).
    case specialCategory = "special-category"

    /// Plain-English phrase used in messages.
    public var phrase: String {
        switch self {
        case .public: return "public information"
        case .internal: return "internal information"
        case .personal: return "personal data"
        case .specialCategory: return "special category data"
        }
    }
}
