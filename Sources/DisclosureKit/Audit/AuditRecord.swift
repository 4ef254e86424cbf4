import Foundation

/// The one status `disclose audit` gives a file. Statuses describe files, never people.
public enum AuditStatus: String, Codable, CaseIterable, Sendable, Comparable {
    /// A disclosure of ours is present and every verify check passes.
    case disclosedVerified = "disclosed-verified"
    /// A disclosure of ours is present but at least one check fails.
    case disclosedWithProblems = "disclosed-with-problems"
    /// No disclosure of ours, but a declaration made another way (another standard's label, or a
    /// written declaration) saying that no AI was used.
    case declaredNoAI = "declared-no-ai"
    /// No disclosure of ours, but a declaration made another way saying that AI was used.
    case declaredAIUse = "declared-ai-use"
    /// No disclosure of ours, but a declaration made another way whose words could not be read
    /// either way (or that say both); a person reads it.
    case declaredUnclear = "declared-unclear"
    /// No disclosure or declaration, and at least one signal of AI assistance at or above the chosen strength.
    case undisclosedWithSignals = "undisclosed-with-signals"
    /// No disclosure, declaration or signal. This is not a finding about the person.
    case undisclosed
    /// Not a format Disclose reads.
    case unsupported
    /// A supported format that could not be read.
    case unreadable

    /// The order statuses are listed in reports.
    public static func < (lhs: AuditStatus, rhs: AuditStatus) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The status that reports and caches made before the split wrote for every declaration made another way.
    public static let legacyDeclaredOther = "declared-other"

    /// The three statuses of a declaration made another way (what `declared-other` meant).
    public static let declaredAnotherWay: [AuditStatus] = [.declaredNoAI, .declaredAIUse, .declaredUnclear]

    /// True for `declared-no-ai`, `declared-ai-use` and `declared-unclear`.
    public var isDeclaredAnotherWay: Bool { Self.declaredAnotherWay.contains(self) }

    /// Reads a status; `declared-other`, written before the split, is read as `declared-unclear`
    /// (the record does not say which way it declared, so a person reads it).
    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        if raw == Self.legacyDeclaredOther { self = .declaredUnclear; return }
        guard let status = AuditStatus(rawValue: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "unknown status \"\(raw)\"; use one of \(AuditStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        self = status
    }
}

/// How strongly a signal suggests AI assistance. Evidence for a person to weigh, never a verdict.
public enum SignalStrength: String, Codable, CaseIterable, Sendable, Comparable {
    case weak, moderate, strong

    public static func < (lhs: SignalStrength, rhs: SignalStrength) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One piece of evidence that points at something a person can see in the file.
public struct Finding: Codable, Equatable, Hashable, Sendable {
    /// The signal's stable id from the catalogue (`docs/signals.md`), e.g. `residue.assistant-opener`.
    public var signal: SignalID
    /// How strongly it suggests AI assistance.
    public var strength: SignalStrength
    /// Where it is: part, paragraph or line, and byte offset where the format has one.
    public var location: Location
    /// A short excerpt of what was found, at most 80 characters.
    public var excerpt: String
    /// One sentence saying what was found and why it may suggest AI assistance.
    public var explanation: String

    /// Creates a finding; the excerpt is cut to 80 characters.
    public init(signal: SignalID, strength: SignalStrength, location: Location, excerpt: String, explanation: String) {
        self.signal = signal
        self.strength = strength
        self.location = location
        self.excerpt = Excerpt.cut(excerpt)
        self.explanation = explanation
    }
}

/// A declaration of AI use (or of no AI use) made in a way other than Disclose's own stamp.
public struct Declaration: Codable, Equatable, Hashable, Sendable {
    /// What kind: `w3c-meta`, `w3c-attribute`, `ietf-header`, `schema-org`, `iptc`, `c2pa`, `written-statement`, ...
    public var kind: DeclarationKind
    /// Where it is.
    public var location: Location
    /// The declaration quoted, at most 80 characters.
    public var quote: String
    /// One sentence for a person: what this declaration is.
    public var explanation: String
    /// What it says, read as facts; nil when the declaration was not read for facts.
    public var facts: DeclarationFacts?

    /// Creates a declaration; the quote is cut to 80 characters.
    public init(kind: DeclarationKind, location: Location, quote: String, explanation: String, facts: DeclarationFacts? = nil) {
        self.kind = kind
        self.location = location
        self.quote = Excerpt.cut(quote)
        self.explanation = explanation
        self.facts = facts
    }

    enum CodingKeys: String, CodingKey { case kind, location, quote, explanation, facts }

    /// Encodes every key, `facts` as `null` when not read, so every declaration has the same keys.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(location, forKey: .location)
        try c.encode(quote, forKey: .quote)
        try c.encode(explanation, forKey: .explanation)
        try c.encode(facts, forKey: .facts)
    }
}

/// What the audit found for one file. Encoded as one JSON Lines object per file.
public struct AuditRecord: Codable, Equatable, Sendable {
    /// The path, as found by the walk (relative to the audited root when one was given).
    public var path: String
    /// The format handler's id (`docx`, `markdown`, `html`), nil when unsupported.
    public var format: FormatID?
    /// The file's one status.
    public var status: AuditStatus
    /// Size in bytes, when known.
    public var size: Int?
    /// Lower-case hex SHA-256 of the file's bytes, when it was read.
    public var sha256: String?
    /// The disclosure of ours, when one was found and decoded.
    public var disclosure: Disclosure?
    /// The verify checks, as `disclose verify` reports them (empty when there is no disclosure of ours).
    public var checks: [CheckResult]
    /// Declarations made another way.
    public var declarations: [Declaration]
    /// Evidence found, strongest first.
    public var findings: [Finding]
    /// Why the file could not be read or is unsupported; nil otherwise.
    public var error: String?
    /// The document's author property (`creator` in DOCX core properties, `author` in HTML
    /// or front matter), when it has one: the register's last resort for a person's name.
    public var author: String?
    /// What reading the file noted, as `disclose verify` prints it: how its text was decoded, damage
    /// a reader repaired, JavaScript or launch actions in a PDF (never run). Things a person may
    /// want to know; never evidence of AI use.
    public var notes: [String] = []

    /// Creates a record.
    public init(path: String, format: FormatID?, status: AuditStatus, size: Int? = nil, sha256: String? = nil,
                disclosure: Disclosure? = nil, checks: [CheckResult] = [], declarations: [Declaration] = [],
                findings: [Finding] = [], error: String? = nil, author: String? = nil) {
        self.path = path
        self.format = format
        self.status = status
        self.size = size
        self.sha256 = sha256
        self.disclosure = disclosure
        self.checks = checks
        self.declarations = declarations
        self.findings = findings
        self.error = error
        self.author = author
    }

    enum CodingKeys: String, CodingKey {
        case path, format, status, size, sha256, disclosure, checks, declarations, findings, error, author, notes
    }

    /// Encodes every key, writing `null` for absent values, so that every line has the same keys.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(format, forKey: .format)
        try c.encode(status, forKey: .status)
        try c.encode(size, forKey: .size)
        try c.encode(sha256, forKey: .sha256)
        try c.encode(disclosure, forKey: .disclosure)
        try c.encode(checks, forKey: .checks)
        try c.encode(declarations, forKey: .declarations)
        try c.encode(findings, forKey: .findings)
        try c.encode(error, forKey: .error)
        try c.encode(author, forKey: .author)
        try c.encode(notes, forKey: .notes)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        format = try c.decodeIfPresent(FormatID.self, forKey: .format)
        status = try c.decode(AuditStatus.self, forKey: .status)
        size = try c.decodeIfPresent(Int.self, forKey: .size)
        sha256 = try c.decodeIfPresent(String.self, forKey: .sha256)
        disclosure = try c.decodeIfPresent(Disclosure.self, forKey: .disclosure)
        checks = try c.decodeIfPresent([CheckResult].self, forKey: .checks) ?? []
        declarations = try c.decodeIfPresent([Declaration].self, forKey: .declarations) ?? []
        findings = try c.decodeIfPresent([Finding].self, forKey: .findings) ?? []
        error = try c.decodeIfPresent(String.self, forKey: .error)
        author = try c.decodeIfPresent(String.self, forKey: .author)
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
    }

    /// The record as one line of JSON Lines (sorted keys, no trailing newline), written by
    /// ``JSONLineWriter``: the same bytes as ``jsonLineUsingFoundation()``, at a fraction of the cost.
    public func jsonLine() throws -> Data {
        var writer = JSONLineWriter()
        try writer.record(self)
        return Data(writer.bytes)
    }

    /// The record as `JSONEncoder` writes it (sorted keys, slashes not escaped): what
    /// ``jsonLine()`` must equal byte for byte.
    func jsonLineUsingFoundation() throws -> Data {
        try Self.foundationEncoder().encode(self)
    }

    /// A `JSONEncoder` set up as the audit's JSON lines are written.
    static func foundationEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// Cuts excerpts to the length reports show.
public enum Excerpt {
    /// The longest excerpt or quote a report carries.
    public static let maxCharacters = 80

    /// `text` with white space folded, cut to ``maxCharacters`` with an ellipsis.
    public static func cut(_ text: String) -> String {
        var text = text
        if let quick = text.withUTF8({ asciiCut($0) }) { return quick }
        return foldedCut(text)
    }

    /// The general case: every character looked at, by Swift's rules for characters.
    static func foldedCut(_ text: String) -> String {
        let folded = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        guard folded.count > maxCharacters else { return folded }
        return String(folded.prefix(maxCharacters - 1)) + "…"
    }

    /// ``foldedCut(_:)`` for ASCII text, reading only as far as the excerpt needs (a paragraph of
    /// a megabyte costs 80 bytes, not a split into words): each ASCII byte is one character (a
    /// CR LF pair is one, but it is white space and folds to one space all the same), and the
    /// white space characters are tab, line feed, vertical tab, form feed, carriage return and
    /// space. Nil when a byte that is not ASCII comes before the excerpt is complete.
    static func asciiCut(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(maxCharacters + 1)
        var pendingSpace = false
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(byte)
            if out.count > maxCharacters {
                return String(decoding: out.prefix(maxCharacters - 1), as: UTF8.self) + "…"
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
