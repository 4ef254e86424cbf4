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
    /// Write the result here instead of over the input.
    public var outputPath: String?
    /// Work out the result but write nothing.
    public var dryRun: Bool
    /// False to leave the statement unstyled (``StampRequest/styleStatement``).
    public var styleStatement: Bool = true

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
    public var format: String
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
        try options.renderer.checkLanguage(of: input, source: path)
        let destination = options.outputPath ?? path
        let fileGuard = try FileEditGuard.acquire(path, lock: !options.dryRun && destination == path)
        let original = try loader.readBytes(at: path)
        TestHooks.pause("after-read")
        let handler = try loader.handler(for: path, data: original)
        let document = try handler.open(DocumentInput(data: original, path: path, limits: loader.limits))
        let existing = try document.findStamp()

        var disclosure = input
        disclosure.signature = nil
        disclosure.content = try ContentBinder.binding(for: document)
        let statement = options.renderer.render(disclosure)
        disclosure.statement = statement
        if let signer = options.signer {
            disclosure.signature = try SignaturePayload.sign(disclosure, with: signer)
        }
        for approve in options.approvals { try approve(disclosure, path) }

        var request = StampRequest(
            disclosure: disclosure, statement: statement, json: try disclosure.canonicalJSONString(),
            facts: disclosure.keyFacts, placement: options.placement, metadataStyle: options.metadataStyle)
        request.styleStatement = options.styleStatement
        let output = try document.stamped(request)
        try fileGuard?.checkUnchanged()
        if !options.dryRun {
            try AtomicWriter.write(output, to: destination, permissionsFrom: path)
        }
        return StampResult(
            path: path, outputPath: destination, format: handler.id, disclosure: disclosure,
            replacedExisting: existing.statement != nil || existing.metadata != nil,
            unchanged: output == original, byteCount: output.count, dryRun: options.dryRun,
            removedLeftovers: fileGuard?.removedLeftovers ?? [])
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
        let document = try loader.open(path)
        guard !(try document.findStamp()).isEmpty else {
            return UnstampResult(path: path, outputPath: destination, removed: false, dryRun: dryRun)
        }
        let output = try document.unstamped()
        try fileGuard?.checkUnchanged()
        if !dryRun {
            try AtomicWriter.write(output, to: destination, permissionsFrom: path)
        }
        return UnstampResult(path: path, outputPath: destination, removed: true, dryRun: dryRun)
    }
}
