import ArgumentParser
import DisclosureKit
import Foundation

/// The disclosure facts, from flags and/or a JSON file.
struct FactOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read the facts from a disclosure JSON file (docs/format.md); flags given as well fill in what it lacks or override it.", valueName: "disclosure.json"))
    var from: String?

    @Option(name: .customLong("tool"), help: ArgumentHelp("An AI tool used, e.g. \"Microsoft 365 Copilot\". Repeat for several.", valueName: "name"))
    var tools: [String] = []

    @Option(help: "The tool's version (with one --tool).")
    var toolVersion: String?

    @Option(help: "The tool's underlying model (with one --tool).")
    var toolModel: String?

    @Option(help: "The tool's provider (with one --tool).")
    var toolProvider: String?

    @Option(name: .customLong("purpose"), help: ArgumentHelp(
        "What the tool was used for; repeat or separate with commas. One of: \(Purpose.allCases.map(\.rawValue).joined(separator: ", ")), or other:<text>.",
        valueName: "purpose"))
    var purposes: [String] = []

    @Option(help: ArgumentHelp("How much of the work AI did: \(Extent.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "extent"))
    var extent: String?

    @Option(help: ArgumentHelp("What human review followed: \(ReviewLevel.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "review"))
    var review: String?

    @Option(help: "Who reviewed (a name or a role).")
    var reviewer: String?

    @Option(help: "What the reviewer changed.")
    var reviewNote: String?

    @Option(help: "Who makes the declaration (a name or a role).")
    var declarant: String?

    @Option(help: "The declarant's organisation.")
    var organisation: String?

    @Option(help: "Date of the declaration, YYYY-MM-DD (default: today, UTC).")
    var date: String?

    @Option(help: "A short note from the declarant.")
    var note: String?

    @Option(help: "Language of the statement, BCP 47 (default en-GB).")
    var language: String?

    // MARK: Policy facts (data classes, approval): docs/policy.md

    @Option(name: .customLong("data"), help: ArgumentHelp(
        "A kind of data that went into the tools: \(DataClass.allCases.map(\.rawValue).joined(separator: ", ")). Repeat or separate with commas. Default: not recorded.",
        valueName: "class"))
    var dataClasses: [String] = []

    @Option(help: ArgumentHelp("The id of an exception approved in advance under the policy ([[approvals]]), when the use needed one.", valueName: "id"))
    var approval: String?

    /// False while ``CommandRunner``'s structural parse runs (after a failed full parse): facts
    /// are checked only once the command line is known to hold no unknown option, so a misspelt
    /// flag is named first.
    static var checkFacts: Bool {
        get { checkingFacts.current }
        set { checkingFacts.withLock { $0 = newValue } }
    }
    private static let checkingFacts = Locked(true)

    /// The draft of the facts given by flags, with the `--from` file as its earlier layer.
    func draft(defaultDeclarant: String? = nil, defaultOrganisation: String? = nil) throws -> DisclosureDraft {
        var draft = DisclosureDraft()
        draft.tools = tools
        draft.toolVersion = toolVersion
        draft.toolModel = toolModel
        draft.toolProvider = toolProvider
        draft.purposes = purposes
        draft.extent = extent
        draft.review = review
        draft.reviewer = reviewer
        draft.reviewNote = reviewNote
        draft.declarant = declarant
        draft.organisation = organisation
        draft.date = date
        draft.note = note
        draft.language = language
        draft.dataClasses = dataClasses
        draft.approval = approval
        draft.defaultDeclarant = defaultDeclarant
        draft.defaultOrganisation = defaultOrganisation
        if let from {
            guard let data = FileManager.default.contents(atPath: from) else {
                throw DisclosureError.invalidInput("\(from): cannot read the facts file. Check the path.")
            }
            try FactOptions.mapped { try draft.earlier(json: data, path: from) }
        }
        return draft
    }

    /// Builds the disclosure, naming the flag to fix when something is missing or wrong.
    /// The defaults (from `.disclose.toml`) fill in a declarant and organisation given neither by flag nor file.
    func makeDisclosure(defaultDeclarant: String? = nil, defaultOrganisation: String? = nil) throws -> Disclosure {
        let draft = try draft(defaultDeclarant: defaultDeclarant, defaultOrganisation: defaultOrganisation)
        return try FactOptions.mapped { try draft.build() }
    }

    /// Runs `body`, turning a ``DraftError`` into a usage error that names the flag (`--tool: …`).
    static func mapped<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DraftError { throw ValidationError(message(error)) }
    }

    /// A draft error as the command line says it: the flag, or the facts file and field.
    static func message(_ error: DraftError) -> String {
        switch error {
        case .field(let name, let message): return "--\(name): \(message)"
        case .file: return error.description
        }
    }
}
