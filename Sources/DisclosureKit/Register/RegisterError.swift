import Foundation

/// Why the AI-use register cannot be used. A register is never silently replaced: a damaged
/// one is reported and left as it is for a person to restore from a backup.
public enum RegisterError: Error, Equatable, Sendable {
    /// The file exists but is not a register, or is damaged. Exit code 6.
    case damaged(path: String, reason: String)
    /// The register is locked by other writers for longer than the wait allows. Exit code 6.
    case busy(path: String)
    /// The register cannot be opened or written (permissions, a missing folder). Exit code 4.
    case unwritable(path: String, reason: String)
    /// The register was made by a newer version of Disclose. Exit code 6.
    case newerVersion(path: String, version: Int)

    /// The documented exit code: 6 for a damaged, busy or newer register, 4 when it cannot be written.
    public var exitCode: Int32 {
        switch self {
        case .unwritable: return 4
        case .damaged, .busy, .newerVersion: return 6
        }
    }
}

extension RegisterError: LocalizedError, CustomStringConvertible {
    /// The register, the problem and what to do next.
    public var description: String {
        switch self {
        case .damaged(let path, let reason):
            return "\(path): the AI-use register is damaged or is not a register (\(reason)). It was left exactly as it is; restore it from a backup, or move it aside and a new one is made on the next stamp."
        case .busy(let path):
            return "\(path): the AI-use register stayed locked by other stamps for too long, so this record was not added. Try again when the other stamps have finished."
        case .unwritable(let path, let reason):
            return "\(path): the AI-use register cannot be opened or written (\(reason)). Check the folder exists and that you may write to it."
        case .newerVersion(let path, let version):
            return "\(path): the AI-use register was made by a newer version of Disclose (layout \(version)); update Disclose to use it. It was left as it is."
        }
    }

    public var errorDescription: String? { description }
}
