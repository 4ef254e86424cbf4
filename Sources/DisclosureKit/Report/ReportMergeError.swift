import Foundation

/// Why JSON Lines shards could not be merged. Each case names the shard file, and the line
/// where there is one, and says what to do next.
public enum ReportMergeError: Error, Equatable, Sendable {
    /// No shard files were given.
    case noShards
    /// The same shard file was given twice.
    case repeatedShard(file: String)
    /// A shard file could not be read.
    case unreadableShard(file: String, reason: String)
    /// A line is not JSON, not an object, or not an audit record or header.
    case malformedLine(file: String, line: Int, reason: String)
    /// Two shards (or one shard twice) hold a record for the same path.
    case duplicatePath(path: String, firstFile: String, firstLine: Int, secondFile: String, secondLine: Int)

    /// The documented exit code: 2 for usage (no shards, a shard given twice), 3 for input
    /// that cannot be read or merged.
    public var exitCode: Int32 {
        switch self {
        case .noShards, .repeatedShard: return 2
        case .unreadableShard, .malformedLine, .duplicatePath: return 3
        }
    }
}

extension ReportMergeError: LocalizedError, CustomStringConvertible {
    /// The file (and line), the problem, and what to do next.
    public var description: String {
        switch self {
        case .noShards:
            return "no shard files given. Pass the JSON Lines files written by disclose audit --shard K/N --format jsonl."
        case .repeatedShard(let file):
            return "\(file): given more than once. Pass each shard file once."
        case .unreadableShard(let file, let reason):
            return "\(file): cannot read the shard (\(reason)). Check the path and that you have permission to read it."
        case .malformedLine(let file, let line, let reason):
            return "\(file):\(line): not an audit record: \(reason). Re-run that shard with disclose audit --shard K/N --format jsonl, or remove the line."
        case .duplicatePath(let path, let firstFile, let firstLine, let secondFile, let secondLine):
            let same = firstFile == secondFile
            return "\(path): found in \(same ? "\(firstFile) twice" : "two shards"), at \(firstFile):\(firstLine) and \(secondFile):\(secondLine). "
                + (same ? "The shard is damaged; re-run it." : "Shards must not overlap: check that every shard used the same N and a different K, over the same roots.")
        }
    }

    public var errorDescription: String? { description }
}
