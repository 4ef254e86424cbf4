import ArgumentParser
import DisclosureKit
import Foundation

/// The disclosure facts, from flags and/or a JSON file.
struct FactOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read the facts from a disclosure JSON file; flags given as well override it.", valueName: "disclosure.json"))
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

    /// The data classes and approval given, over those in `base`.
    func applyPolicyFacts(to disclosure: inout Disclosure, base: Disclosure?) throws {
        disclosure.dataClasses = base?.dataClasses
        if !dataClasses.isEmpty {
            var classes: [DataClass] = []
            for raw in dataClasses.flatMap({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }) {
                guard let value = DataClass(rawValue: raw) else {
                    throw ValidationError("unknown data class \"\(raw)\". Use one of \(DataClass.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                if !classes.contains(value) { classes.append(value) }
            }
            disclosure.dataClasses = classes
        }
        disclosure.approval = approval ?? base?.approval
        if let id = disclosure.approval, id.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--approval is empty; give the id of an approval the policy lists.")
        }
    }

    /// Builds the disclosure, naming the flag to fix when something is missing or wrong.
    /// The defaults (from `.disclose.toml`) fill in a declarant and organisation given neither by flag nor file.
    func makeDisclosure(defaultDeclarant: String? = nil, defaultOrganisation: String? = nil) throws -> Disclosure {
        var base: Disclosure?
        if let from {
            guard let data = FileManager.default.contents(atPath: from) else {
                throw DisclosureError.invalidInput("\(from): cannot read the disclosure file. Check the path.")
            }
            do {
                base = try Disclosure.decode(json: data, path: from)
            } catch let error as DisclosureError {
                throw DisclosureError.invalidInput(error.description)
            }
        }
        var toolList = base?.tools ?? []
        if !tools.isEmpty {
            toolList = tools.map { Tool(name: $0) }
        }
        if toolVersion != nil || toolModel != nil || toolProvider != nil {
            guard toolList.count == 1 else {
                throw ValidationError("--tool-version, --tool-model and --tool-provider need exactly one --tool; for several tools use --from with a JSON file.")
            }
            if let toolVersion { toolList[0].version = toolVersion }
            if let toolModel { toolList[0].model = toolModel }
            if let toolProvider { toolList[0].provider = toolProvider }
        }
        var purposeList = base?.purposes ?? []
        if !purposes.isEmpty {
            purposeList = try purposes.flatMap { $0.split(separator: ",").map(String.init) }.map { raw in
                guard let p = Purpose(rawValue: raw) else {
                    throw ValidationError("unknown purpose \"\(raw)\". Use one of \(Purpose.allCases.map(\.rawValue).joined(separator: ", ")), or other:<text>.")
                }
                return p
            }
        }
        let extentValue: Extent
        if let extent {
            guard let e = Extent(rawValue: extent) else {
                throw ValidationError("unknown extent \"\(extent)\". Use one of \(Extent.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            extentValue = e
        } else if let e = base?.extent {
            extentValue = e
        } else {
            throw ValidationError("say how much of the work AI did with --extent (\(Extent.allCases.map(\.rawValue).joined(separator: ", "))); use --extent none to declare that no AI was used.")
        }
        var reviewValue = base?.review ?? Review(level: .none)
        if let review {
            guard let level = ReviewLevel(rawValue: review) else {
                throw ValidationError("unknown review \"\(review)\". Use one of \(ReviewLevel.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            reviewValue.level = level
        } else if base == nil && extentValue != .none {
            throw ValidationError("say what human review followed with --review (\(ReviewLevel.allCases.map(\.rawValue).joined(separator: ", "))).")
        }
        if let reviewer { reviewValue.reviewer = reviewer }
        if let reviewNote { reviewValue.note = reviewNote }
        guard let who = declarant ?? base?.declarant ?? defaultDeclarant else {
            throw ValidationError("say who makes the declaration with --declarant (a name or a role).")
        }
        if extentValue != .none {
            if toolList.isEmpty { throw ValidationError("name the AI tool with --tool (or use --extent none if no AI was used).") }
            if purposeList.isEmpty { throw ValidationError("say what the tool was used for with --purpose.") }
        }
        var disclosure = Disclosure(
            tools: toolList, purposes: purposeList, extent: extentValue, review: reviewValue, declarant: who,
            organisation: organisation ?? base?.organisation ?? defaultOrganisation, date: date ?? base?.date ?? Disclosure.today(),
            policy: base?.policy, note: note ?? base?.note, language: language ?? base?.language ?? "en-GB")
        try applyPolicyFacts(to: &disclosure, base: base)
        disclosure.statement = nil
        let problems = disclosure.problems
        if !problems.isEmpty {
            throw ValidationError(problems.joined(separator: "; ") + ".")
        }
        return disclosure
    }
}
