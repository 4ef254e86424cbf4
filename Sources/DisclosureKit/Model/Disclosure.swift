import Foundation

/// A declaration of how AI was used in making a document: which tools, for what,
/// how much of the work, what human review followed, who declares it and when.
///
/// The same value is written into every format Disclose supports, as JSON
/// (`"schema": "disclose/1"`), and rendered as the visible statement by
/// ``StatementRenderer``. `docs/format.md` documents every field.
///
/// ```swift
/// let disclosure = Disclosure(
///     tools: [Tool(name: "Microsoft 365 Copilot")],
///     purposes: [.drafting, .summarising],
///     extent: .partial,
///     review: Review(level: .edited, reviewer: "Head of Communications"),
///     declarant: "Jane Smith",
///     date: "2026-11-25")
/// ```
public struct Disclosure: Codable, Equatable, Sendable {
    /// The schema identifier written in every disclosure.
    public static let currentSchema = "disclose/1"

    /// Always `disclose/1` for this version of the format.
    public var schema: String
    /// The AI tools used; empty only when `extent` is ``Extent/none``.
    public var tools: [Tool]
    /// What the tools were used for.
    public var purposes: [Purpose]
    /// How much of the work the tools did.
    public var extent: Extent
    /// What human review followed.
    public var review: Review
    /// Who makes the declaration (a name or a role).
    public var declarant: String
    /// The organisation the declarant belongs to, if given.
    public var organisation: String?
    /// The date of the declaration, ISO 8601 (`2026-11-25` or a full timestamp).
    public var date: String
    /// The organisation policy the disclosure was made under, if any.
    public var policy: PolicyReference?
    /// Free text from the declarant.
    public var note: String?
    /// The kinds of data that went into the tools; nil when not recorded.
    public var dataClasses: [DataClass]?
    /// The id of an exception approved in advance under the policy (`[[approvals]]`), when one is cited.
    public var approval: String?
    /// BCP 47 language tag of the statement; `en-GB` unless set.
    public var language: String
    /// The visible statement exactly as it was stamped. Filled in by stamping.
    public var statement: String?
    /// The binding to the document's content. Filled in by stamping, never by the user.
    public var content: ContentBinding?
    /// A signature over the canonical encoding of this disclosure, when signed.
    public var signature: DisclosureSignature?

    // MARK: Recorded policy breach (issue 13 §2; `docs/format.md`, "policyOutcome")

    /// Set by stamping with `recordBreach` when the declaration does not meet the policy it was
    /// made under: the policy, its version and the rules not met. Nil otherwise, and then left out
    /// of the JSON. Covered by the signature like every field.
    public var policyOutcome: PolicyOutcome?

    // MARK: -

    /// Creates a disclosure. `statement`, `content` and `signature` are filled in by stamping.
    public init(
        tools: [Tool], purposes: [Purpose], extent: Extent, review: Review,
        declarant: String, organisation: String? = nil, date: String,
        policy: PolicyReference? = nil, note: String? = nil, language: String = "en-GB",
        statement: String? = nil, content: ContentBinding? = nil, signature: DisclosureSignature? = nil,
        dataClasses: [DataClass]? = nil, approval: String? = nil
    ) {
        self.schema = Disclosure.currentSchema
        self.tools = tools
        self.purposes = purposes
        self.extent = extent
        self.review = review
        self.declarant = declarant
        self.organisation = organisation
        self.date = date
        self.policy = policy
        self.note = note
        self.language = language
        self.statement = statement
        self.content = content
        self.signature = signature
        self.dataClasses = dataClasses
        self.approval = approval
    }

    enum CodingKeys: String, CodingKey {
        case schema, tools, purposes, extent, review, declarant, organisation, date, policy, note, dataClasses, approval,
             language, statement, content, signature
        case policyOutcome
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decodeIfPresent(String.self, forKey: .schema) ?? Disclosure.currentSchema
        tools = try c.decodeIfPresent([Tool].self, forKey: .tools) ?? []
        purposes = try c.decodeIfPresent([Purpose].self, forKey: .purposes) ?? []
        extent = try c.decode(Extent.self, forKey: .extent)
        review = try c.decodeIfPresent(Review.self, forKey: .review) ?? Review(level: .none)
        declarant = try c.decode(String.self, forKey: .declarant)
        organisation = try c.decodeIfPresent(String.self, forKey: .organisation)
        date = try c.decode(String.self, forKey: .date)
        policy = try c.decodeIfPresent(PolicyReference.self, forKey: .policy)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        dataClasses = try c.decodeIfPresent([DataClass].self, forKey: .dataClasses)
        approval = try c.decodeIfPresent(String.self, forKey: .approval)
        language = try c.decodeIfPresent(String.self, forKey: .language) ?? "en-GB"
        statement = try c.decodeIfPresent(String.self, forKey: .statement)
        content = try c.decodeIfPresent(ContentBinding.self, forKey: .content)
        signature = try c.decodeIfPresent(DisclosureSignature.self, forKey: .signature)
        policyOutcome = try c.decodeIfPresent(PolicyOutcome.self, forKey: .policyOutcome)
    }
}

/// An AI tool named in a disclosure.
public struct Tool: Codable, Equatable, Hashable, Sendable {
    /// The product name, e.g. "Microsoft 365 Copilot".
    public var name: String
    /// The product version, if known.
    public var version: String?
    /// The underlying model, if known.
    public var model: String?
    /// The company or service that provides it, if known.
    public var provider: String?
    /// The Data Protection Impact Assessment reference the policy gives for this tool, recorded by `stamp --policy`.
    public var dpia: String?

    /// Creates a tool entry.
    public init(name: String, version: String? = nil, model: String? = nil, provider: String? = nil, dpia: String? = nil) {
        self.name = name
        self.version = version
        self.model = model
        self.provider = provider
        self.dpia = dpia
    }
}

/// A reference to the organisation policy a disclosure was made under, and the
/// assignment and kind of user it was made for. Fields left nil are left out of the
/// canonical JSON, so a reference with only `id` and `version` encodes as before.
public struct PolicyReference: Codable, Equatable, Sendable {
    /// The policy's identifier.
    public var id: String
    /// The policy's version.
    public var version: String?
    /// The task or assignment the disclosure was made for (a `[[tasks]]` id in the policy).
    public var task: String?
    /// The kind of user who declares, e.g. `staff` or `pupils` (a role in the policy).
    public var role: String?

    /// Creates a policy reference.
    public init(id: String, version: String? = nil, task: String? = nil, role: String? = nil) {
        self.id = id
        self.version = version
        self.task = task
        self.role = role
    }
}

/// A signature over a disclosure's canonical encoding (see `docs/signing.md`).
public struct DisclosureSignature: Codable, Equatable, Sendable {
    /// `ed25519` or `ecdsa-p256-sha256`.
    public var algorithm: String
    /// Identifier of the signing key: SHA-256 of its SubjectPublicKeyInfo DER, hex.
    public var keyID: String
    /// The signature, base64.
    public var value: String
    /// PEM certificates, leaf first, when the key came with a chain.
    public var certificates: [String]?
    /// When the signature was made, ISO 8601.
    public var signedAt: String?

    /// Creates a signature record.
    public init(algorithm: String, keyID: String, value: String, certificates: [String]? = nil, signedAt: String? = nil) {
        self.algorithm = algorithm
        self.keyID = keyID
        self.value = value
        self.certificates = certificates
        self.signedAt = signedAt
    }

    enum CodingKeys: String, CodingKey {
        case algorithm, keyID = "keyId", value, certificates, signedAt
    }

    /// Set in an encoder's `userInfo` to leave `value` out: the signed payload
    /// (`Provenance/SignaturePayload.swift`, `docs/signing.md`).
    static let omitValue = CodingUserInfoKey(rawValue: "disclose.signature.omitValue")!

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(algorithm, forKey: .algorithm)
        try c.encode(keyID, forKey: .keyID)
        if encoder.userInfo[DisclosureSignature.omitValue] as? Bool != true {
            try c.encode(value, forKey: .value)
        }
        try c.encodeIfPresent(certificates, forKey: .certificates)
        try c.encodeIfPresent(signedAt, forKey: .signedAt)
    }
}
