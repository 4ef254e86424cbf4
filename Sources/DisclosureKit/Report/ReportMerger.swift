import Foundation

/// Combines JSON Lines shards (from `disclose audit --shard K/N --format jsonl`) into one
/// ``AuditReport``, which any ``AuditReportFormat`` then renders.
///
/// Guarantees: records come out sorted by path (byte order of UTF-8, as ``AuditReport``
/// sorts), each with the values it had in its shard (keys the model does not know are
/// dropped); header lines (``ReportHeader``, no `path`) and blank lines are skipped; a path in two shards, or twice in one, is an error naming
/// both places, never a silent choice; a line that is not a record is an error naming the
/// file and its 1-based line number. The merged report's `roots` are the headers' roots in
/// first-seen order, `tool` the first header's, `generatedAt` the latest header's (or
/// `fallbackGeneratedAt` when no shard has a header).
///
/// ```swift
/// let report = try ReportMerger().merge(files: ["shard-1.jsonl", "shard-2.jsonl"],
///                                       fallbackGeneratedAt: "2026-12-01T09:00:00Z")
/// let html = try AuditReportFormat.html.writer().render(report)
/// ```
public struct ReportMerger: Sendable {
    /// One shard's name (for messages) and bytes.
    public struct Shard: Sendable {
        /// The file name, as the user gave it.
        public var name: String
        /// The JSON Lines bytes.
        public var data: Data

        /// Creates a shard.
        public init(name: String, data: Data) {
            self.name = name
            self.data = data
        }
    }

    /// Creates a merger.
    public init() {}

    /// Reads and merges shard files.
    /// - Parameters:
    ///   - files: the shard paths, as the user gave them.
    ///   - fallbackGeneratedAt: `generatedAt` when no shard has a header.
    /// - Returns: the merged report.
    /// - Throws: ``ReportMergeError``.
    public func merge(files: [String], fallbackGeneratedAt: String) throws -> AuditReport {
        guard !files.isEmpty else { throw ReportMergeError.noShards }
        var seen: Set<String> = []
        for file in files where !seen.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted {
            throw ReportMergeError.repeatedShard(file: file)
        }
        let shards = try files.map { file -> Shard in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else {
                throw ReportMergeError.unreadableShard(file: file, reason: "no such file")
            }
            guard !isFolder.boolValue else { throw ReportMergeError.unreadableShard(file: file, reason: "it is a folder") }
            do {
                return Shard(name: file, data: try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                throw ReportMergeError.unreadableShard(file: file, reason: "permission denied or read error")
            }
        }
        return try merge(shards, fallbackGeneratedAt: fallbackGeneratedAt)
    }

    /// Merges shards already in memory.
    /// - Parameters:
    ///   - shards: the shards, in the order given.
    ///   - fallbackGeneratedAt: `generatedAt` when no shard has a header.
    /// - Returns: the merged report.
    /// - Throws: ``ReportMergeError``.
    public func merge(_ shards: [Shard], fallbackGeneratedAt: String) throws -> AuditReport {
        guard !shards.isEmpty else { throw ReportMergeError.noShards }
        var records: [AuditRecord] = []
        var origin: [String: (file: String, line: Int)] = [:]
        var headers: [ReportHeader] = []
        var summaries: [ReportSummaryLine] = []
        let decoder = JSONDecoder()
        for shard in shards {
            var lineNumber = 0
            for slice in shard.data.split(separator: 0x0A, omittingEmptySubsequences: false) {
                lineNumber += 1
                var line = Data(slice)
                if line.last == 0x0D { line.removeLast() }
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                switch try parse(line, decoder: decoder, file: shard.name, line: lineNumber) {
                case .header(let header):
                    headers.append(header)
                case .summary(let summary):
                    summaries.append(summary)
                case .record(let record):
                    if let first = origin[record.path] {
                        throw ReportMergeError.duplicatePath(path: record.path, firstFile: first.file, firstLine: first.line,
                                                             secondFile: shard.name, secondLine: lineNumber)
                    }
                    origin[record.path] = (shard.name, lineNumber)
                    records.append(record)
                }
            }
        }
        var roots: [String] = []
        for root in headers.flatMap(\.roots) where !roots.contains(root) { roots.append(root) }
        let generatedAt = headers.map(\.generatedAt).max() ?? fallbackGeneratedAt
        var report = AuditReport(tool: headers.first?.tool ?? "disclose", generatedAt: generatedAt, roots: roots, records: records)
        report.excludedFiles = summaries.reduce(0) { $0 + $1.excludedFiles }
        report.excludedFolders = summaries.reduce(0) { $0 + $1.excludedFolders }
        for failure in summaries.flatMap(\.notFound) where !report.rootFailures.contains(failure) { report.rootFailures.append(failure) }
        return report
    }

    enum Line {
        case header(ReportHeader)
        case record(AuditRecord)
        case summary(ReportSummaryLine)
    }

    func parse(_ line: Data, decoder: JSONDecoder, file: String, line number: Int) throws -> Line {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: line) as? [String: Any] else {
                throw ReportMergeError.malformedLine(file: file, line: number, reason: "a JSON value that is not an object")
            }
            object = parsed
        } catch let error as ReportMergeError {
            throw error
        } catch {
            throw ReportMergeError.malformedLine(file: file, line: number, reason: "not valid JSON")
        }
        if object["path"] == nil, object["type"] as? String == ReportSummaryLine.typeValue {
            do {
                return .summary(try decoder.decode(ReportSummaryLine.self, from: line))
            } catch {
                throw ReportMergeError.malformedLine(file: file, line: number, reason: "a summary line " + ReportMerger.reason(error))
            }
        }
        if object["path"] == nil, object["type"] as? String == ReportHeader.typeValue {
            do {
                return .header(try decoder.decode(ReportHeader.self, from: line))
            } catch {
                throw ReportMergeError.malformedLine(file: file, line: number, reason: "a header line " + ReportMerger.reason(error))
            }
        }
        do {
            return .record(try QuickJSON.decode(AuditRecord.self, from: line))
        } catch {
            throw ReportMergeError.malformedLine(file: file, line: number, reason: ReportMerger.reason(error))
        }
    }

    /// A short reason for a decoding failure: the key that is missing or has the wrong type.
    static func reason(_ error: Error) -> String {
        func at(_ path: [CodingKey]) -> String {
            let dotted = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return dotted.replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            let prefix = at(context.codingPath)
            return "missing \"\(prefix.isEmpty ? key.stringValue : prefix + "." + key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\"\(at(context.codingPath))\" has the wrong type"
        case DecodingError.dataCorrupted(let context):
            let key = at(context.codingPath)
            return key.isEmpty ? "not valid JSON" : "\"\(key)\" has a value that is not allowed"
        default:
            return "cannot be decoded"
        }
    }
}
