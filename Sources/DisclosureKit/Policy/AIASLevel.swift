import Foundation

/// A level of the AI Assessment Scale (AIAS, version 2, 2024, by Perkins, Furze, Roe and
/// MacVaugh), which many schools and universities use to say how much AI an assessment
/// allows. Each level maps onto Disclose's `extent` and `purposes` vocabularies as
/// `docs/policy.md` explains: the highest extent it allows, the purposes it allows, and
/// whether human review must follow AI use.
public enum AIASLevel: Int, Sendable, CaseIterable, CustomStringConvertible {
    /// Level 1: no AI at any point.
    case noAI = 1
    /// Level 2: AI for planning, ideas and research; the work itself is the person's own.
    case planning = 2
    /// Level 3: AI helps draft, give feedback and refine; the person evaluates and changes its output.
    case collaboration = 3
    /// Level 4: AI may complete any part of the task, directed by the person.
    case fullAI = 4
    /// Level 5: AI used creatively to explore the task, including new kinds of use.
    case exploration = 5

    /// The scale's name for the level.
    public var title: String {
        switch self {
        case .noAI: return "No AI"
        case .planning: return "AI Planning"
        case .collaboration: return "AI Collaboration"
        case .fullAI: return "Full AI"
        case .exploration: return "AI Exploration"
        }
    }

    /// "AIAS level 2 (AI Planning)".
    public var description: String { "AIAS level \(rawValue) (\(title))" }

    /// The highest extent of AI use the level allows.
    public var maxExtent: Extent {
        switch self {
        case .noAI: return .none
        case .planning: return .minorEdits
        case .collaboration: return .partial
        case .fullAI, .exploration: return .whollyGenerated
        }
    }

    /// The purposes the level allows; nil means any purpose, `other:<text>` included.
    public var purposes: [Purpose]? {
        switch self {
        case .noAI: return []
        case .planning: return [.research, .ideaGeneration, .summarising, .lessonPlanning]
        case .collaboration, .fullAI: return Purpose.allCases
        case .exploration: return nil
        }
    }

    /// True when the level expects a person to review AI output (levels 3 and 4).
    public var requiresReview: Bool {
        self == .collaboration || self == .fullAI
    }
}

extension Extent {
    /// The extents in increasing order of AI involvement.
    public static let ordered: [Extent] = [.none, .minorEdits, .partial, .substantial, .whollyGenerated]

    /// The position in ``ordered``: 0 for `none`, 4 for `wholly-generated`.
    public var rank: Int { Extent.ordered.firstIndex(of: self) ?? 0 }
}
