#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation

/// Atomic, durable file replacement: write a temporary file in the destination's
/// folder, fsync it, rename it over the destination, fsync the folder. Permissions of
/// an existing destination are kept. On any failure the destination is untouched and
/// the temporary file is removed. Raw POSIX calls of DisclosureKit live here and in
/// ``FileEditGuard``.
public enum AtomicWriter {
    /// Prefix of temporary files, so leftovers from a killed process can be recognised.
    public static let temporaryPrefix = ".disclose-tmp-"

    /// Writes `data` to `path` atomically.
    /// - Parameters:
    ///   - data: the new contents.
    ///   - path: the destination.
    ///   - permissionsFrom: a file whose mode to copy (defaults to the destination, when it exists).
    /// - Throws: ``DisclosureError/writeFailed(path:reason:)``.
    public static func write(_ data: Data, to path: String, permissionsFrom: String? = nil) throws {
        try write(.whole(data), from: Data(), to: path, permissionsFrom: permissionsFrom, beforeReplacing: {})
    }

    /// Writes `output` to `path` atomically; the bytes it keeps of `original` are copied a chunk
    /// at a time (``LargeData/forEachChunk(of:upTo:_:)``), so a large file is never held whole.
    /// - Throws: ``DisclosureError/writeFailed(path:reason:)``.
    /// - Parameter beforeReplacing: called once the temporary file is complete and on disk, just
    ///   before it replaces `path`; when it throws, nothing is replaced (the temporary file is
    ///   removed). ``Stamper`` checks there that the original is still the file it read: the kept
    ///   bytes of a mapped file are read while they are copied, so a change made meanwhile would
    ///   otherwise end up half in the result.
    public static func write(_ output: DocumentOutput, from original: Data, to path: String, permissionsFrom: String? = nil,
                             beforeReplacing: () throws -> Void = {}) throws {
        var none: SHA256?
        try write(output, from: original, to: path, permissionsFrom: permissionsFrom, hasher: &none, beforeReplacing: beforeReplacing)
    }

    /// ``write(_:from:to:permissionsFrom:)``, also returning the SHA-256 (hex) of the bytes
    /// written, worked out as they are written (a large kept prefix is read once, not twice).
    public static func writeHashed(_ output: DocumentOutput, from original: Data, to path: String, permissionsFrom: String? = nil,
                                   beforeReplacing: () throws -> Void = {}) throws -> String {
        var hasher: SHA256? = SHA256()
        try write(output, from: original, to: path, permissionsFrom: permissionsFrom, hasher: &hasher, beforeReplacing: beforeReplacing)
        return Digests.hex(hasher!.finalize())
    }

    private static func write(_ output: DocumentOutput, from original: Data, to path: String, permissionsFrom: String?,
                              hasher: inout SHA256?, beforeReplacing: () throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let tmp = folder + "/" + temporaryPrefix + name + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)

        var mode: mode_t = 0o644
        var st = stat()
        if stat(permissionsFrom ?? path, &st) == 0 {
            mode = st.st_mode & 0o7777
        } else if permissionsFrom == nil {
            let umaskValue = umask(0); umask(umaskValue)
            mode = 0o666 & ~umaskValue
        }

        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(path, "cannot create a temporary file in \(folder): \(errnoText())") }
        TestHooks.pause("after-create")
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        do {
            func writeAll(_ raw: UnsafeRawBufferPointer) throws {
                hasher?.update(bufferPointer: raw)
                var offset = 0
                while offset < raw.count {
                    let size = TestHooks.isSet("mid-write") ? max(1, raw.count / 2) : raw.count - offset
                    let n = Glibc.write(fd, raw.baseAddress! + offset, min(size, raw.count - offset))
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw failure(path, errnoText())
                    }
                    offset += n
                    if offset < raw.count { TestHooks.pause("mid-write") }
                }
            }
            switch output {
            case .whole(let data):
                try data.withUnsafeBytes { try writeAll($0) }
            case .appending(let prefix, let bytes):
                guard prefix >= 0, prefix <= original.count else { throw failure(path, "the bytes to keep are longer than the file") }
                try LargeData.forEachChunk(of: original, upTo: prefix) { try writeAll($0) }
                try bytes.withUnsafeBytes { try writeAll($0) }
            case .pieces(let pieces):
                // Hashed on this thread as written (a second thread saved no time while no core
                // was free and cost its start: docs/markdown-html.md, fifth round).
                // Pieces of a mapped file a chunk at a time, their pages dropped once written.
                for piece in pieces { try LargeData.forEachChunk(of: piece) { try writeAll($0) } }
            }
            TestHooks.pause("after-write")
            if fchmod(fd, mode) != 0 { throw failure(path, "cannot set permissions: \(errnoText())") }
            if fsync(fd) != 0 { throw failure(path, "cannot flush to disk: \(errnoText())") }
            TestHooks.pause("after-fsync")
            if close(fd) != 0 { throw failure(path, "cannot close: \(errnoText())") }
        } catch {
            close(fd)
            throw error
        }
        try beforeReplacing()
        TestHooks.pause("before-rename")
        if rename(tmp, path) != 0 { throw failure(path, "cannot replace the file: \(errnoText())") }
        ok = true
        TestHooks.pause("after-rename")
        let dirfd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            _ = fsync(dirfd)
            close(dirfd)
        }
    }

    private static func failure(_ path: String, _ reason: String) -> DisclosureError {
        DisclosureError.writeFailed(path: path, reason: reason)
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// Pauses at named points when `DISCLOSE_TEST_PAUSE=<point>:<milliseconds>` is set,
/// so fault tests can kill the process mid-write. Inert otherwise.
enum TestHooks {
    static let setting: (String, UInt32)? = {
        guard let value = ProcessInfo.processInfo.environment["DISCLOSE_TEST_PAUSE"] else { return nil }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let ms = UInt32(parts[1]) else { return nil }
        return (String(parts[0]), ms)
    }()

    static func isSet(_ point: String) -> Bool { setting?.0 == point }

    static func pause(_ point: String) {
        guard let (name, ms) = setting, name == point else { return }
        usleep(ms * 1000)
    }
}
