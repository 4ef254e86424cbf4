import Crypto
import Foundation

/// Scans one readable document for evidence. The default is ``EvidenceScanner``; tests inject fixed evidence.
public typealias EvidenceScan = @Sendable (EvidenceInput) -> Evidence

/// Settings for ``Auditor``.
public struct AuditOptions: Sendable {
    /// How to walk folders (symbolic links, excludes, ignore files).
    public var walk: WalkOptions
    /// How many files are audited at once; at least 1. Defaults to the number of cores.
    public var jobs: Int
    /// The weakest signal that on its own makes a file `undisclosed-with-signals`.
    /// Weaker findings are still reported.
    public var minStrength: SignalStrength
    /// Which slice of the files to audit (``Shard/all`` for every file).
    public var shard: Shard
    /// Checks run after the built-in verify checks (signature, policy rules).
    public var additionalChecks: [any VerificationCheck]
    /// A caller-given fingerprint of whatever configures ``additionalChecks`` (policy file,
    /// trust store): cached results made under another fingerprint are not reused.
    public var settingsFingerprint: String
    /// The tool's version; cached results from another version are not reused.
    public var toolVersion: String
    /// Safety limits for reading files.
    public var limits: ReadLimits
    /// Test hooks.
    public var hooks: AuditHooks

    /// Creates options.
    public init(walk: WalkOptions = WalkOptions(), jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                minStrength: SignalStrength = .moderate, shard: Shard = .all,
                additionalChecks: [any VerificationCheck] = [], settingsFingerprint: String = "",
                toolVersion: String = "unknown", limits: ReadLimits = .default, hooks: AuditHooks = AuditHooks()) {
        self.walk = walk
        self.jobs = max(1, jobs)
        self.minStrength = minStrength
        self.shard = shard
        self.additionalChecks = additionalChecks
        self.settingsFingerprint = settingsFingerprint
        self.toolVersion = toolVersion
        self.limits = limits
        self.hooks = hooks
    }

    /// Everything a cached result depends on besides the file itself, as a short hex digest:
    /// the cache schema, tool version, minimum strength, the signal catalogue, the declaration reader's version and the caller's fingerprint.
    public var cacheFingerprint: String {
        var text = "audit-cache/\(AuditCache.schemaVersion)\n\(toolVersion)\n\(minStrength.rawValue)\n\(settingsFingerprint)\n"
        for signal in SignalCatalogue.all { text += "\(signal.id)=\(signal.strength.rawValue)\n" }
        text += "declarations=\(DeclarationReader.version)\n"
        text += "limits=\(limits.maxFileBytes),\(limits.maxEntries),\(limits.maxPartBytes),\(limits.maxNestingDepth)\n"
        return Hex.encode(SHA256.hash(data: Data(text.utf8)).prefix(12))
    }
}

/// Hooks for tests: each is called on a worker thread.
public struct AuditHooks: Sendable {
    /// Called with a file's path just before its bytes are read (e.g. to delete it mid-run).
    public var beforeRead: (@Sendable (String) -> Void)?
    /// Called with a file's path after it was opened and its first 4 KiB read, before the rest
    /// is read (e.g. to change it while it is being read).
    public var whileReading: (@Sendable (String) -> Void)?

    /// Creates hooks.
    public init(beforeRead: (@Sendable (String) -> Void)? = nil, whileReading: (@Sendable (String) -> Void)? = nil) {
        self.beforeRead = beforeRead
        self.whileReading = whileReading
    }
}

/// Counters from one audit run, for progress and tests.
public struct AuditStatistics: Equatable, Sendable {
    /// Files the walk found (in this shard).
    public var files = 0
    /// Files whose bytes were read.
    public var filesRead = 0
    /// Bytes read from files.
    public var bytesRead = 0
    /// Results taken from the cache without reading the file.
    public var cacheHits = 0
    /// Results taken from the cache after reading the file found the same digest (only the time stamps changed).
    public var digestHits = 0
    /// Files left out by `--exclude` or an ignore file.
    public var excludedFiles = 0
    /// Folders left out by `--exclude` or an ignore file (their contents are not counted).
    public var excludedFolders = 0

    /// Creates empty counters.
    public init() {}
}

/// A path given to the audit that could not be read at all.
public struct AuditRootFailure: Codable, Equatable, Sendable {
    /// The path as given.
    public var path: String
    /// Why, in plain English.
    public var reason: String

    /// Creates a failure.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// What ``Auditor/run(_:onRecord:)`` returns besides the records.
public struct AuditSummary: Sendable {
    /// How many files got each status.
    public var counts: [AuditStatus: Int] = [:]
    /// Paths given that could not be read at all (the CLI exits 3).
    public var rootFailures: [AuditRootFailure] = []
    /// Counters.
    public var statistics = AuditStatistics()
    /// Notes for the person running the audit (e.g. the cache was rebuilt).
    public var notes: [String] = []

    /// True when some file has a status `failOn` gates on.
    public func matches(failOn: FailOn) -> Bool { failOn.matches(counts) }
}
