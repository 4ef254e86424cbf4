import DiscloseTestSupport
import DisclosureKit
import Foundation

enum Samples {
    static var disclosure: Disclosure {
        Disclosure(
            tools: [Tool(name: "Microsoft 365 Copilot")],
            purposes: [.drafting, .summarising],
            extent: .partial,
            review: Review(level: .edited, reviewer: "Head of Communications"),
            declarant: "Jane Smith",
            organisation: "Example University",
            date: "2026-11-25")
    }

    static var noAI: Disclosure {
        Disclosure(tools: [], purposes: [], extent: .none, review: Review(level: .none), declarant: "Pupil 7Y-12", date: "2026-11-25")
    }

    /// A unique temporary folder, removed by the caller with `cleanup`.
    static func temporaryFolder() throws -> String {
        try TestRepository.temporaryFolder()
    }
}
