import Foundation

/// Audits folders and files: walks them, opens each file once, verifies any disclosure of
/// ours, scans for evidence and gives every file exactly one ``AuditStatus``.
///
/// Files are audited in parallel (``AuditOptions/jobs`` at a time) while the walk streams
/// paths, so memory does not grow with the number of files; records are handed to the
/// caller as each file finishes. Results are cached by path, size, time stamps and digest.
///
/// ```swift
/// let auditor = Auditor(options: AuditOptions(jobs: 4), cache: AuditCache(path: AuditCache.defaultPath()))
/// let summary = auditor.run(["shared/reports"], onRecord: { record in print(record.path, record.status) })
/// if summary.matches(failOn: .default) { exit(1) }
/// ```
public struct Auditor: Sendable {
    /// The settings.
    public var options: AuditOptions
    /// The cache of earlier results, or nil to audit every file afresh.
    public var cache: AuditCache?
    /// Reads and opens documents.
    public var loader: DocumentLoader
    /// Finds evidence in a readable document.
    public var scan: EvidenceScan

    /// Creates an auditor.
    /// - Parameters:
    ///   - options: the settings.
    ///   - cache: earlier results to reuse; nil for none.
    ///   - registry: the formats to read.
    ///   - scan: the evidence scanner (``EvidenceScanner`` by default).
    public init(options: AuditOptions = AuditOptions(), cache: AuditCache? = nil, registry: FormatRegistry = .standard,
                scan: @escaping EvidenceScan = { EvidenceScanner().scan($0) }) {
        self.options = options
        self.cache = cache
        self.loader = DocumentLoader(registry: registry, limits: options.limits)
        self.scan = scan
    }

    /// Audits `roots` (folders or files), calling `onRecord` once per file as it finishes,
    /// one call at a time, in completion order.
    /// - Returns: counts by status, paths that could not be read at all, counters and notes.
    public func run(_ roots: [String], onRecord: @escaping @Sendable (AuditRecord) -> Void) -> AuditSummary {
        stream(roots, decodeCached: true, onResult: { result in
            // Cached results were decoded when looked up (a line that does not decode is audited again).
            if let record = try? result.record() { onRecord(record) }
        })
    }

    /// How many walked files are looked up in the cache at once.
    static let lookupBatch = 128
    /// How many files one worker task audits: enough that waking a worker is rare, few enough
    /// that the cores stay evenly busy (a batch of 128 makes 16 tasks).
    static let filesPerTask = 8
    /// How many walked batches may wait for their cache look-up while the walk goes on.
    static let batchesAhead = 4

    /// Audits `roots`, calling `onResult` once per file as it finishes, one call at a time,
    /// in completion order. Results from the cache are not decoded (``AuditResult/record()``
    /// decodes on demand), which keeps a warm JSON Lines audit near-free.
    /// - Parameters:
    ///   - roots: folders and files.
    ///   - decodeCached: decode cached results when they are looked up, and audit the file
    ///     again when a stored line does not decode.
    ///   - onResult: called once per file.
    /// - Returns: counts by status, paths that could not be read at all, counters and notes.
    public func stream(_ roots: [String], decodeCached: Bool = false, onResult: @escaping @Sendable (AuditResult) -> Void) -> AuditSummary {
        let state = RunState(onResult: onResult)
        let queue = DispatchQueue(label: "disclose.audit", qos: .userInitiated, attributes: .concurrent)
        let slots = DispatchSemaphore(value: options.jobs)
        let group = DispatchGroup()
        let fingerprint = options.cacheFingerprint
        let verifier = Verifier(loader: loader, additionalChecks: options.additionalChecks)

        // Files are looked up in the cache in batches, on one serial queue of their own, so the
        // walk (mostly `lstat`, in the kernel) and the look-ups run on two cores at once. A hit is
        // handed over at once (or, when records are wanted, decoded by a worker, one task per
        // batch), and misses go to the workers a few at a time (one task, and one wake-up, per
        // few files). At most `Self.batchesAhead` batches wait for their look-up, so memory does
        // not grow with the number of files when the walk is faster than the cache.
        let lookups = DispatchQueue(label: "disclose.audit.lookup", qos: .userInitiated)
        let waiting = DispatchSemaphore(value: Self.batchesAhead)
        let settle: @Sendable ([WalkedFile]) -> Void = { batch in
            var misses: [(WalkedFile, AuditCache.Entry?)] = []
            func auditMisses() {
                guard !misses.isEmpty else { return }
                let work = misses
                misses.removeAll(keepingCapacity: true)
                slots.wait()
                queue.async(group: group) {
                    defer { slots.signal() }
                    for (file, entry) in work {
                        state.emit(audit(file, cached: entry, verifier: verifier, fingerprint: fingerprint, state: state))
                    }
                }
            }
            let cached = cache?.lookupInOrder(paths: batch.map(\.absolutePath), fingerprint: fingerprint)
            var hits: [(WalkedFile, AuditCache.Entry)] = []
            for (index, file) in batch.enumerated() {
                let entry = cached?[index]
                if let entry, decodeCached, isCurrent(file, entry: entry, fingerprint: fingerprint) {
                    hits.append((file, entry))
                    continue
                }
                if !decodeCached, let hit = cachedResult(file, entry: entry, fingerprint: fingerprint, decode: false) {
                    state.emit(hit, cacheHit: true)
                    continue
                }
                misses.append((file, entry))
                if misses.count >= Self.filesPerTask { auditMisses() }
            }
            auditMisses()
            if !hits.isEmpty {
                let decoding = hits
                slots.wait()
                queue.async(group: group) {
                    defer { slots.signal() }
                    for (file, entry) in decoding {
                        if let hit = cachedResult(file, entry: entry, fingerprint: fingerprint, decode: true) {
                            state.emit(hit, cacheHit: true)
                        } else {
                            state.emit(audit(file, cached: nil, verifier: verifier, fingerprint: fingerprint, state: state))
                        }
                    }
                }
            }
        }
        var batch: [WalkedFile] = []
        func dispatch() {
            guard !batch.isEmpty else { return }
            let walked = batch
            batch = []
            // Counted a batch at a time, not a file at a time: the walk then takes the lock the
            // look-ups hold while they hand results over once per batch, not once per file.
            state.update { $0.statistics.files += walked.count }
            waiting.wait()
            lookups.async(group: group) {
                defer { waiting.signal() }
                settle(walked)
            }
        }

        FileWalker(options: options.walk).walk(roots) { event in
            switch event {
            case .file(let file):
                guard options.shard.contains(relativePath: file.relativePath) else { return }
                if ArchiveAudit.isArchiveName(file.path) {
                    // A plain archive is audited as a folder by one worker (not cached): Auditor+Archive.swift.
                    slots.wait()
                    queue.async(group: group) {
                        defer { slots.signal() }
                        for result in auditArchive(file, verifier: verifier, fingerprint: fingerprint, state: state) { state.emit(result) }
                    }
                    return
                }
                batch.append(file)
                if batch.count >= Self.lookupBatch { dispatch() }
            case .skipped(let path, let relative, let status, let reason):
                guard options.shard.contains(relativePath: relative) else { return }
                state.emit(AuditResult(AuditRecord(path: path, format: nil, status: status, error: "\(path): \(reason).")))
            case .excluded(_, let relative, let isFolder):
                guard options.shard.contains(relativePath: relative) else { return }
                state.update { isFolder ? ($0.statistics.excludedFolders += 1) : ($0.statistics.excludedFiles += 1) }
            case .rootFailed(let path, let reason):
                state.update { $0.rootFailures.append(AuditRootFailure(path: path, reason: "\(path): \(reason). Check the path and that you have permission to read it.")) }
            }
        }
        dispatch()
        group.wait()
        cache?.flush()
        var summary = state.summary
        summary.notes += cache?.notes ?? []
        return summary
    }

    /// Audits `roots` and collects every record into a report sorted by path.
    /// - Returns: the report and the run's summary.
    public func audit(_ roots: [String], generatedAt: String = UTCTimestamp.string()) -> (report: AuditReport, summary: AuditSummary) {
        let collected = AuditRecordCollector()
        let summary = run(roots) { collected.append($0) }
        return (AuditReport(generatedAt: generatedAt, roots: roots, records: collected.records, summary: summary), summary)
    }
}

/// Shared state of one run, behind a lock.
final class RunState: Sendable {
    private let onResult: @Sendable (AuditResult) -> Void
    private let shared = Locked(AuditSummary())

    init(onResult: @escaping @Sendable (AuditResult) -> Void) {
        self.onResult = onResult
    }

    var summary: AuditSummary { shared.current }

    func update(_ change: (inout AuditSummary) -> Void) {
        shared.withLock { change(&$0) }
    }

    /// Counts `result` (and a cache hit, when it is one) and hands it over, one call at a time.
    func emit(_ result: AuditResult, cacheHit: Bool = false) {
        shared.withLock { summary in
            summary.counts[result.status, default: 0] += 1
            if cacheHit { summary.statistics.cacheHits += 1 }
            onResult(result)
        }
    }
}

/// Collects records handed over by the auditor's concurrent workers (for ``Auditor/run(_:onRecord:)``).
public final class AuditRecordCollector: Sendable {
    private let stored = Locked<[AuditRecord]>([])

    /// Creates an empty collector.
    public init() {}

    /// Adds a record; safe to call from any thread.
    public func append(_ record: AuditRecord) {
        stored.withLock { $0.append(record) }
    }

    /// The records collected so far, in the order they arrived.
    public var records: [AuditRecord] {
        stored.current
    }
}
