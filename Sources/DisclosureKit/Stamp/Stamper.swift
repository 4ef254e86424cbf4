import Foundation

/// Signs a disclosure's canonical encoding. Implemented in `Provenance/` (``KeySigner``).
public protocol DisclosureSigner: Sendable {
    /// The signature record without its value (algorithm, key id, certificates, signing time);
    /// these fields are signed too.
    func record() throws -> DisclosureSignature
    /// Signs `payload` (``SignaturePayload``: the canonical JSON of the disclosure whose
    /// `signature` is ``record()`` without `value`) and returns the raw signature bytes.
    func sign(_ payload: Data) throws -> Data
}

/// Options for stamping.
public struct StampOptions: Sendable {
    /// Where the statement goes.
    public var placement: Placement
    /// Where metadata goes, for formats that offer a choice.
    public var metadataStyle: MetadataStyle
    /// How the statement is worded.
    public var renderer: StatementRenderer
    /// Signs the disclosure, when set.
    public var signer: (any DisclosureSigner)?
    /// Checks run on the completed disclosure before anything is written (e.g. an organisation policy).
    /// Throwing refuses the stamp.
    public var approvals: [@Sendable (Disclosure, String) throws -> Void]
    /// The organisation policy the disclosure is held against before anything is written
    /// (see ``StampPolicy``); nil for none.
    public var policy: StampPolicy?
    /// Keep the facts of the document's existing stamp and change only those the draft gives
    /// (``Stamper/stamp(path:draft:options:)``).
    public var keepEarlierFacts: Bool = false
    /// Called with the document's reading notes (how its text was decoded, …) as soon as it is
    /// opened, before anything is written; the same notes `verify` gives.
    public var onDocumentNotes: (@Sendable (_ path: String, _ notes: [String]) -> Void)?
    /// Write the result here instead of over the input.
    public var outputPath: String?
    /// Work out the result but write nothing.
    public var dryRun: Bool
    /// False to leave the statement unstyled (``StampRequest/styleStatement``).
    public var styleStatement: Bool = true
    /// Stamp a document that carries its own digital signature (``SignedPackageDetecting``),
    /// knowing that signature will no longer verify. Without it such a document is refused
    /// with ``DisclosureError/signedDocument(path:parts:)``.
    public var allowInvalidatingSignature: Bool = false

    /// Creates options.
    public init(placement: Placement = .end, metadataStyle: MetadataStyle = .native, renderer: StatementRenderer = StatementRenderer(),
                signer: (any DisclosureSigner)? = nil, approvals: [@Sendable (Disclosure, String) throws -> Void] = [],
                outputPath: String? = nil, dryRun: Bool = false) {
        self.placement = placement
        self.metadataStyle = metadataStyle
        self.renderer = renderer
        self.signer = signer
        self.approvals = approvals
        self.outputPath = outputPath
        self.dryRun = dryRun
    }
}

/// What stamping did (or, on a dry run, would do).
public struct StampResult: Sendable {
    /// The input path.
    public var path: String
    /// Where the result was (or would be) written.
    public var outputPath: String
    /// The format's identifier.
    public var format: FormatID
    /// The complete disclosure as stamped.
    public var disclosure: Disclosure
    /// True when a stamp of ours was replaced.
    public var replacedExisting: Bool
    /// True when the result is byte-identical to the input (stamping again with the same facts).
    public var unchanged: Bool
    /// Size of the result in bytes.
    public var byteCount: Int
    /// True when nothing was written.
    public var dryRun: Bool
    /// Temporary files of an earlier, interrupted write of this file that were removed.
    public var removedLeftovers: [String] = []
    /// The policy's warnings about the disclosure (the stamp went ahead).
    public var policyWarnings: [CheckResult] = []
    /// The policy rules the disclosure does not meet, when stamped with ``StampPolicy/recordBreach``;
    /// ``Disclosure/policyOutcome`` records them in the document.
    public var policyFailures: [CheckResult] = []
    /// What reading the document noted (the same notes `verify` prints), e.g. how its text was decoded.
    public var documentNotes: [String] = []
    /// The facts that differ from the document's earlier stamp, field by field; empty for a first stamp.
    public var changes: [FactChange] = []
    /// SHA-256 of the bytes written (or that would be written), hex.
    public var sha256: String = ""
    /// Warnings about the facts accepted as given (a date in the future, or long before the file changed).
    public var factWarnings: [DraftWarning] = []
    /// The document's own signature parts, which no longer verify after this stamp (stamped with
    /// ``StampOptions/allowInvalidatingSignature``); empty for an unsigned document.
    public var invalidatedSignatures: [String] = []
    /// True when those signatures still cover the revision they signed (a PDF's incremental
    /// update), though readers now show the document changed after signing.
    public var signaturesKeepTheirRevision: Bool = false
}

/// Stamps documents: renders the statement, binds the content, signs if asked,
/// and has the format's handler splice everything in. Never switches on the format.
public struct Stamper: Sendable {
    /// Reads and opens documents.
    public var loader: DocumentLoader

    /// Creates a stamper.
    public init(loader: DocumentLoader = DocumentLoader()) {
        self.loader = loader
    }

    /// Stamps the file at `path` with `disclosure`.
    /// - Returns: what was done.
    /// - Throws: ``DisclosureError``; on any error nothing is written.
    public func stamp(path: String, disclosure input: Disclosure, options: StampOptions = StampOptions()) throws -> StampResult {
        let problems = input.problems
        if !problems.isEmpty {
            throw DisclosureError.invalidInput("\(path): the disclosure is incomplete: \(problems.joined(separator: "; ")).")
        }
        return try stamp(path: path, options: options) { _, _ in input }
    }

    /// Stamps the file at `path` with the facts of `draft`. With ``StampOptions/keepEarlierFacts``,
    /// the document's existing stamp is the draft's earlier layer, so only the facts given change.
    /// `configure` (when given) applies a policy to the built disclosure and the options
    /// (``StampPolicy/configure(_:options:task:role:languageGiven:placementGiven:)``).
    /// - Throws: ``DraftError`` naming the field to fix, or ``DisclosureError``; on any error nothing is written.
    public func stamp(path: String, draft: DisclosureDraft, options: StampOptions = StampOptions(),
                      configure: (inout Disclosure, inout StampOptions) throws -> Void = { _, _ in }) throws -> StampResult {
        try stamp(path: path, options: options) { earlier, options in
            var draft = draft
            if options.keepEarlierFacts, let earlier { draft.earlier(earlier) }
            var disclosure = try draft.build()
            try configure(&disclosure, &options)
            return disclosure
        }
    }

    private func stamp(path: String, options initial: StampOptions,
                       prepare: (Disclosure?, inout StampOptions) throws -> Disclosure) throws -> StampResult {
        var options = initial
        let destination = options.outputPath ?? path
        let fileGuard = try FileEditGuard.acquire(path, lock: !options.dryRun && destination == path)
        let original = try loader.readBytes(at: path)
        TestHooks.pause("after-read")
        let handler = try loader.handler(for: path, data: original)
        let document = try handler.open(DocumentInput(data: original, path: path, limits: loader.limits))
        if !document.warnings.isEmpty { options.onDocumentNotes?(path, document.warnings) }
        let existing = try document.findStamp()
        let earlier = existing.metadata?.json.flatMap { try? Disclosure.decode(json: $0, path: path) }

        let input = try prepare(earlier, &options)
        // `lstat`'s modification time, as `attributesOfItem` gives it, without building that
        // dictionary of boxed values (a first use that cost every stamp about 0.2 ms).
        let modified = FileStamp.of(path, follow: false).map { stamp -> Date in
            let (seconds, nanoseconds) = stamp.mtimeNanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
            return Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(nanoseconds) / 1_000_000_000)
        }
        let problems = input.problems
        if !problems.isEmpty {
            throw DisclosureError.invalidInput("\(path): the disclosure is incomplete: \(problems.joined(separator: "; ")).")
        }
        try options.renderer.checkLanguage(of: input, source: path)
        var disclosure = input
        disclosure.signature = nil
        disclosure.policyOutcome = nil
        disclosure.content = try ContentBinder.binding(for: document)
        let statement = options.renderer.render(disclosure)
        disclosure.statement = statement
        if let signer = options.signer {
            disclosure.signature = try SignaturePayload.sign(disclosure, with: signer)
        }
        var warnings: [CheckResult] = [], failures: [CheckResult] = []
        if let policy = options.policy {
            // Rules see the signed disclosure (a policy may require a signature); a recorded
            // outcome is part of what is signed, so the disclosure is signed again with it.
            let evaluation = try policy.evaluate(disclosure, path: path)
            warnings = evaluation.warnings
            failures = evaluation.failures
            if let outcome = evaluation.outcome {
                disclosure.policyOutcome = outcome
                if let signer = options.signer {
                    disclosure.signature = nil
                    disclosure.signature = try SignaturePayload.sign(disclosure, with: signer)
                }
            }
        }
        for approve in options.approvals { try approve(disclosure, path) }

        var request = StampRequest(
            disclosure: disclosure, statement: statement, json: try disclosure.canonicalJSONString(),
            facts: disclosure.keyFacts, placement: options.placement, metadataStyle: options.metadataStyle)
        request.styleStatement = options.styleStatement
        let output = try (document as? AppendingOutput)?.stampedOutput(request) ?? .whole(try document.stamped(request))
        let unchanged = output.isIdentical(to: original)
        // A document signed by its author is changed only when the caller accepts that its
        // signature will no longer verify (restamping with the same facts changes nothing).
        var signatures: [String] = []
        var keepsRevision = false
        if !unchanged, let signed = document as? SignedPackageDetecting {
            signatures = try signed.ownSignatureParts()
            keepsRevision = signed.signaturesKeepTheirRevision
        }
        if !signatures.isEmpty && !options.allowInvalidatingSignature {
            throw DisclosureError.signedDocument(path: path, parts: signatures, keepsRevision: keepsRevision)
        }
        try fileGuard?.checkUnchanged()
        var sha256: String?
        if !options.dryRun {
            // Checked again once the result is on disk: the bytes kept from a mapped original are
            // read while they are copied, so an edit made meanwhile must not be half in the result.
            sha256 = try AtomicWriter.writeHashed(output, from: original, to: destination, permissionsFrom: path) {
                try fileGuard?.checkUnchanged()
            }
        }
        var result = StampResult(
            path: path, outputPath: destination, format: handler.id, disclosure: disclosure,
            replacedExisting: existing.statement != nil || existing.metadata != nil,
            unchanged: unchanged, byteCount: output.count, dryRun: options.dryRun,
            removedLeftovers: fileGuard?.removedLeftovers ?? [])
        result.policyWarnings = warnings
        result.policyFailures = failures
        result.documentNotes = document.warnings
        result.changes = earlier.map { FactChange.between($0, disclosure) } ?? []
        result.factWarnings = DeclarationDate.warnings(disclosure.date, modified: modified)
        result.sha256 = sha256 ?? output.sha256Hex(from: original)
        result.invalidatedSignatures = signatures
        result.signaturesKeepTheirRevision = keepsRevision
        return result
    }

    /// What removing a stamp did.
    public struct UnstampResult: Sendable {
        /// The input path.
        public var path: String
        /// Where the result was (or would be) written.
        public var outputPath: String
        /// False when the file had no stamp of ours (nothing was written).
        public var removed: Bool
        /// True when nothing was written.
        public var dryRun: Bool
    }

    /// Removes our statement and metadata from the file at `path`.
    public func unstamp(path: String, outputPath: String? = nil, dryRun: Bool = false) throws -> UnstampResult {
        let destination = outputPath ?? path
        let fileGuard = try FileEditGuard.acquire(path, lock: !dryRun && destination == path)
        let original = try loader.readBytes(at: path)
        let document = try loader.handler(for: path, data: original).open(DocumentInput(data: original, path: path, limits: loader.limits))
        guard !(try document.findStamp()).isEmpty else {
            return UnstampResult(path: path, outputPath: destination, removed: false, dryRun: dryRun)
        }
        let output = try (document as? AppendingOutput)?.unstampedOutput() ?? .whole(try document.unstamped())
        try fileGuard?.checkUnchanged()
        if !dryRun {
            // Removing what we appended, from the file itself: cut it short in place (every byte
            // kept is already on disk) instead of copying the whole prefix to a new file.
            if destination == path, case .appending(let keep, let appended) = output, appended.isEmpty,
               try fileGuard?.truncate(to: keep) == true {
                return UnstampResult(path: path, outputPath: destination, removed: true, dryRun: dryRun)
            }
            try AtomicWriter.write(output, from: original, to: destination, permissionsFrom: path) {
                try fileGuard?.checkUnchanged()
            }
        }
        return UnstampResult(path: path, outputPath: destination, removed: true, dryRun: dryRun)
    }
}
