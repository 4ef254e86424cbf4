import Foundation

/// The facts of a declaration as a person gives them (raw strings from flags or a form),
/// turned into a validated ``Disclosure`` with errors that name the field to fix.
///
/// The command line and any other front end (a web form) build the same draft, so they give
/// the same errors. Facts may also come from an earlier layer: a facts file (`--from`,
/// ``earlierJSON``) or the document's existing stamp (`--keep`, ``earlier(_:)``). Fields set
/// on the draft override that layer, one by one; a field left nil keeps it.
///
/// ```swift
/// var draft = DisclosureDraft()
/// draft.tools = ["ChatGPT"]
/// draft.purposes = ["drafting,proofreading"]
/// draft.extent = "partial"
/// draft.review = "edited"
/// draft.declarant = "Jane Smith"
/// let disclosure = try draft.build()      // or DraftError.field("date", "there is no 31 November …")
/// ```
public struct DisclosureDraft: Equatable, Sendable {
    /// The names of the draft's fields, as errors report them (the command line adds `--`).
    public enum Field {
        public static let tool = "tool", toolVersion = "tool-version", toolModel = "tool-model", toolProvider = "tool-provider"
        public static let purpose = "purpose", extent = "extent", review = "review", reviewer = "reviewer", reviewNote = "review-note"
        public static let declarant = "declarant", organisation = "organisation", date = "date", note = "note", language = "language"
        public static let data = "data", approval = "approval"
    }

    /// The AI tools' names; empty keeps the earlier layer's tools.
    public var tools: [String] = []
    /// The version of the one tool.
    public var toolVersion: String?
    /// The model of the one tool.
    public var toolModel: String?
    /// The provider of the one tool.
    public var toolProvider: String?
    /// Purposes; each entry may hold several separated by commas. Empty keeps the earlier layer's.
    public var purposes: [String] = []
    /// How much of the work AI did (an ``Extent`` raw value).
    public var extent: String?
    /// The review level (a ``ReviewLevel`` raw value).
    public var review: String?
    /// Who reviewed.
    public var reviewer: String?
    /// What the reviewer changed.
    public var reviewNote: String?
    /// Who declares.
    public var declarant: String?
    /// The declarant's organisation.
    public var organisation: String?
    /// The declaration date, `YYYY-MM-DD` or ISO 8601; today (UTC) when no layer gives one.
    public var date: String?
    /// A note from the declarant.
    public var note: String?
    /// The statement's language, BCP 47; `en-GB` when no layer gives one.
    public var language: String?
    /// The kinds of data that went into the tools (``DataClass`` names, or comma-separated lists
    /// of them); empty keeps the earlier layer's, which may be none (not recorded).
    public var dataClasses: [String] = []
    /// The id of an exception approved in advance under the policy (`[[approvals]]`), when the use needed one.
    public var approval: String?

    /// Used when neither the draft nor the earlier layer names a declarant (`.disclose.toml`).
    public var defaultDeclarant: String?
    /// Used when neither the draft nor the earlier layer names an organisation.
    public var defaultOrganisation: String?

    /// The earlier layer as a JSON object (a facts file, or an earlier disclosure).
    public private(set) var earlierJSON: Data?
    /// Where the earlier layer came from, for messages (the facts file's path).
    public private(set) var earlierSource: String?

    /// Creates an empty draft.
    public init() {}

    /// Sets the earlier layer to a facts file's JSON (the fields of `docs/format.md`; any may be
    /// missing when the draft gives them).
    /// - Throws: ``DraftError/file(path:field:message:)`` when it is not one JSON object.
    public mutating func earlier(json: Data, path: String) throws {
        guard (try? JSONSerialization.jsonObject(with: json)) is [String: Any] else {
            throw DraftError.file(path: path, field: nil, message: "not valid JSON: the facts file must hold one JSON object (see docs/format.md)")
        }
        earlierJSON = json
        earlierSource = path
    }

    /// Sets the earlier layer to an earlier disclosure (re-stamping with `--keep`). Its statement,
    /// content binding, signature and policy outcome are dropped: stamping makes them afresh.
    public mutating func earlier(_ disclosure: Disclosure) {
        var kept = disclosure
        kept.statement = nil
        kept.content = nil
        kept.signature = nil
        earlierJSON = try? kept.canonicalJSON()
        earlierSource = nil
    }

    /// True when the draft itself gives no fact (every field nil or empty).
    public var isEmpty: Bool {
        tools.isEmpty && purposes.isEmpty && dataClasses.isEmpty && [approval, toolVersion, toolModel, toolProvider, extent, review, reviewer, reviewNote,
                                              declarant, organisation, date, note, language].allSatisfy { $0 == nil }
    }

    /// The validated disclosure: the earlier layer, the draft's fields over it, the defaults
    /// for what neither gives. `statement`, `content` and `signature` are left for stamping.
    /// - Parameter today: the default date.
    /// - Throws: ``DraftError`` naming the first field to fix.
    public func build(today: String = Disclosure.today()) throws -> Disclosure {
        var object = try earlierObject()
        for key in ["statement", "content", "signature", DisclosureDraft.outcomeKey] { object.removeValue(forKey: key) }
        let hasEarlier = earlierJSON != nil

        var toolList = object["tools"] as? [Any] ?? []
        if !tools.isEmpty {
            for name in tools where QuickTrim.whitespaces(name).isEmpty {
                throw DraftError.field(Field.tool, "a tool name is empty; give the product's name, e.g. \"Microsoft 365 Copilot\"")
            }
            toolList = tools.map { ["name": $0] }
        }
        let details = [(Field.toolVersion, "version", toolVersion), (Field.toolModel, "model", toolModel), (Field.toolProvider, "provider", toolProvider)]
        for (field, key, value) in details {
            guard let value else { continue }
            guard toolList.count == 1, var tool = toolList[0] as? [String: Any] else {
                throw DraftError.field(field, "the tool's \(key) needs exactly one tool (\(toolList.count) given); for several tools use a facts file (--from)")
            }
            tool[key] = value
            toolList[0] = tool
        }
        object["tools"] = toolList

        if !purposes.isEmpty {
            object["purposes"] = try purposes.flatMap { $0.split(separator: ",").map(String.init) }.map { raw -> String in
                guard let p = Purpose(rawValue: raw) else {
                    throw DraftError.field(Field.purpose, "unknown purpose \"\(raw.trimmingCharacters(in: .whitespaces))\". Use one of \(Purpose.allCases.map(\.rawValue).joined(separator: ", ")), or other:<text>.")
                }
                return p.rawValue
            }
        }
        if let extent {
            guard Extent(rawValue: extent) != nil else {
                throw DraftError.field(Field.extent, "unknown extent \"\(extent)\". Use one of \(Extent.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            object["extent"] = extent
        }
        guard let extentRaw = object["extent"] as? String, let extentValue = Extent(rawValue: extentRaw) else {
            if object["extent"] == nil {
                throw DraftError.field(Field.extent, "say how much of the work AI did (\(Extent.allCases.map(\.rawValue).joined(separator: ", "))); none declares that no AI was used.")
            }
            throw try fileError("extent", "unknown extent; use one of \(Extent.allCases.map(\.rawValue).joined(separator: ", "))")
        }

        var reviewObject = object["review"] as? [String: Any] ?? [:]
        if let review {
            guard ReviewLevel(rawValue: review) != nil else {
                throw DraftError.field(Field.review, "unknown review \"\(review)\". Use one of \(ReviewLevel.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            reviewObject["level"] = review
        } else if reviewObject["level"] == nil {
            if !hasEarlier && extentValue != .none {
                throw DraftError.field(Field.review, "say what human review followed (\(ReviewLevel.allCases.map(\.rawValue).joined(separator: ", "))).")
            }
            reviewObject["level"] = ReviewLevel.none.rawValue
        }
        if let reviewer { reviewObject["reviewer"] = reviewer }
        if let reviewNote { reviewObject["note"] = reviewNote }
        object["review"] = reviewObject

        for (key, value) in [("declarant", declarant), ("organisation", organisation), ("date", date), ("note", note), ("language", language)] {
            if let value { object[key] = value }
        }
        if object["declarant"] == nil, let defaultDeclarant { object["declarant"] = defaultDeclarant }
        if object["organisation"] == nil, let defaultOrganisation { object["organisation"] = defaultOrganisation }
        if object["date"] == nil { object["date"] = today }
        if object["language"] == nil { object["language"] = "en-GB" }
        if !dataClasses.isEmpty {
            var classes: [String] = []
            for raw in dataClasses.flatMap({ $0.split(separator: ",").map { QuickTrim.whitespaces($0) } }) {
                guard DataClass(rawValue: raw) != nil else {
                    throw DraftError.field(Field.data, "unknown data class \"\(raw)\". Use one of \(DataClass.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                if !classes.contains(raw) { classes.append(raw) }
            }
            object["dataClasses"] = classes
        }
        if let approval {
            guard !QuickTrim.whitespaces(approval).isEmpty else {
                throw DraftError.field(Field.approval, "the approval id is empty; give the id of an approval the policy lists.")
            }
            object["approval"] = approval
        }
        guard let who = object["declarant"] as? String else {
            if object["declarant"] == nil { throw DraftError.field(Field.declarant, "say who makes the declaration (a name or a role).") }
            throw try fileError("declarant", "the declarant must be text (a name or a role)")
        }
        if QuickTrim.whitespaces(who).isEmpty {
            throw DraftError.field(Field.declarant, "the declarant is empty; give a name or a role.")
        }

        let disclosure = try decode(object)
        try checkContradictions(disclosure)
        if let problem = DeclarationDate.problem(disclosure.date) {
            if date == nil, let source = earlierSource { throw DraftError.file(path: source, field: "date", message: problem) }
            throw DraftError.field(Field.date, problem)
        }
        let problems = disclosure.problems
        if !problems.isEmpty {
            throw DraftError.field(Field.extent, problems.joined(separator: "; ") + ".")
        }
        return disclosure
    }

    /// The key of the recorded policy outcome, which stamping sets and a draft never carries over.
    static let outcomeKey = "policyOutcome"

    private func checkContradictions(_ d: Disclosure) throws {
        if d.extent == .none {
            var named: [String] = []
            if !d.tools.isEmpty { named.append("names the tool \(d.tools.map { "\"\($0.name)\"" }.joined(separator: ", "))") }
            if !d.purposes.isEmpty { named.append("gives the purpose \(d.purposes.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))") }
            if !named.isEmpty {
                let field = !d.tools.isEmpty ? Field.tool : Field.purpose
                throw DraftError.field(field, "extent none declares that no AI was used, but the declaration \(named.joined(separator: " and ")). Remove the tool and purpose, or say how much of the work AI did.")
            }
        } else {
            if d.tools.isEmpty { throw DraftError.field(Field.tool, "name the AI tool used (or declare extent none if no AI was used).") }
            if d.purposes.isEmpty { throw DraftError.field(Field.purpose, "say what the tool was used for.") }
        }
    }

    private func earlierObject() throws -> [String: Any] {
        guard let earlierJSON else { return [:] }
        return (try? JSONSerialization.jsonObject(with: earlierJSON)) as? [String: Any] ?? [:]
    }

    private func fileError(_ field: String, _ message: String) throws -> DraftError {
        guard let earlierSource else { return DraftError.field(field, message) }
        return DraftError.file(path: earlierSource, field: field, message: message)
    }

    /// Decodes the merged object, naming the JSON path of any problem (`policy.id`).
    private func decode(_ object: [String: Any]) throws -> Disclosure {
        // Facts given as flags or a form are text and lists of text only, written here directly:
        // JSONSerialization's bridging of each value looked up about 66 protocol conformances, a
        // tenth of a small stamp's start-up (docs/docx.md, sixth round). Anything else (numbers
        // from a facts file) still goes through JSONSerialization.
        let data = try DraftJSON.data(object) ?? JSONSerialization.data(withJSONObject: object)
        do {
            // QuickJSON gives JSONDecoder's value or, stepping aside to it, its error.
            return try QuickJSON.decode(Disclosure.self, from: data)
        } catch let error as DecodingError {
            let (path, message): (String?, String)
            switch error {
            case .keyNotFound(let key, let ctx):
                path = (ctx.codingPath + [key]).map(\.stringValue).joined(separator: ".")
                message = "the field is missing"
            case .typeMismatch(let type, let ctx):
                path = ctx.codingPath.map(\.stringValue).joined(separator: ".")
                message = "wrong type: expected \(Self.describe(type))"
            case .valueNotFound(let type, let ctx):
                path = ctx.codingPath.map(\.stringValue).joined(separator: ".")
                message = "missing value: expected \(Self.describe(type))"
            case .dataCorrupted(let ctx):
                path = ctx.codingPath.map(\.stringValue).joined(separator: ".")
                message = ctx.debugDescription
            @unknown default:
                path = nil
                message = "not a disclosure (see docs/format.md)"
            }
            let field = path.flatMap { $0.isEmpty ? nil : Self.readable($0) }
            if let earlierSource { throw DraftError.file(path: earlierSource, field: field, message: message) }
            throw DraftError.field(field ?? Field.extent, message)
        }
    }

    /// `tools.Index 0.name` → `tools[0].name`.
    private static func readable(_ path: String) -> String {
        path.replacingOccurrences(of: ".Index ", with: "[").split(separator: ".").map { part -> String in
            part.contains("[") ? part + "]" : String(part)
        }.joined(separator: ".")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Double.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object"
        }
    }
}

/// JSON text for a draft's merged object when it holds only strings, arrays and objects of them
/// (what flags and forms give); nil for any other value, which the caller leaves to
/// `JSONSerialization`. Only read back by `JSONDecoder`, so key order and spacing do not matter.
enum DraftJSON {
    static func data(_ object: [String: Any]) -> Data? {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        guard write(object, into: &out, depth: 0) else { return nil }
        return Data(out)
    }

    private static func write(_ value: Any, into out: inout [UInt8], depth: Int) -> Bool {
        guard depth < 16 else { return false }
        switch value {
        case let text as String:
            string(text, into: &out)
            return true
        case let list as [Any]:
            out.append(UInt8(ascii: "["))
            for (i, item) in list.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                guard write(item, into: &out, depth: depth + 1) else { return false }
            }
            out.append(UInt8(ascii: "]"))
            return true
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, item) in object {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                string(key, into: &out)
                out.append(UInt8(ascii: ":"))
                guard write(item, into: &out, depth: depth + 1) else { return false }
            }
            out.append(UInt8(ascii: "}"))
            return true
        default:
            return false
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\u00XX`, the rest as UTF-8.
    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
