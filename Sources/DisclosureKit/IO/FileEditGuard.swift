#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Guards a file while Disclose rewrites it: an exclusive advisory lock so that two
/// `disclose` processes never rewrite the same file at once, a snapshot that notices when
/// something else changes the file while it is being read, and the clean-up of temporary
/// files left by a process that was killed mid-write (safe, because the lock is held).
///
/// With ``AtomicWriter``, this file holds DisclosureKit's raw POSIX calls.
public final class FileEditGuard {
    /// The guarded file.
    public let path: String
    /// Temporary files of an earlier, interrupted write of this file that were removed.
    public private(set) var removedLeftovers: [String] = []

    private let fd: Int32
    private let snapshot: Snapshot?

    struct Snapshot: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
    }

    /// Takes the guard for `path`.
    /// - Parameter lock: take the exclusive lock and clean up leftovers (when the file itself
    ///   will be replaced); without it, only changes are watched.
    /// - Returns: nil when the file cannot be opened (the reader then reports why).
    /// - Throws: ``DisclosureError/writeFailed(path:reason:)`` when another process holds the lock.
    public static func acquire(_ path: String, lock: Bool) throws -> FileEditGuard? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        if lock, !lockBriefly(fd) {
            let busy = errno == EWOULDBLOCK
            close(fd)
            if busy {
                throw DisclosureError.writeFailed(path: path, reason: "another disclose process is changing this file right now; wait for it to finish")
            }
            return try acquire(path, lock: false)
        }
        var st = stat()
        let snapshot = fstat(fd, &st) == 0 ? Snapshot(st) : nil
        if lock, snapshot != nil, (st.st_mode & S_IFMT) == S_IFREG, st.st_mode & 0o222 == 0 {
            close(fd)
            throw DisclosureError.writeFailed(path: path, reason: "the file is read-only; make it writable (chmod u+w) or write a copy with --output")
        }
        let guardObject = FileEditGuard(path: path, fd: fd, snapshot: snapshot)
        if lock { guardObject.removeLeftovers() }
        return guardObject
    }

    /// Takes the exclusive lock on `fd`, trying for up to a quarter of a second: a lock can
    /// outlive its holder's `close` by the moment a child process, forked meanwhile, takes to
    /// `exec` (it shares the open file until then), and a command run just after another on the
    /// same file should not fail for that. A real stamp in progress holds it far longer.
    private static func lockBriefly(_ fd: Int32) -> Bool {
        for attempt in 0..<10 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
            guard errno == EWOULDBLOCK, attempt < 9 else { return false }
            usleep(25_000)
        }
        return false
    }

    private init(path: String, fd: Int32, snapshot: Snapshot?) {
        self.path = path
        self.fd = fd
        self.snapshot = snapshot
    }

    deinit {
        close(fd)
    }

    /// Throws when the file at ``path`` is no longer the file that was read: replaced,
    /// resized or modified since the guard was taken. Checked before the result is written and
    /// again just before it replaces the file (``AtomicWriter``'s `beforeReplacing`).
    /// - Throws: ``DisclosureError/unreadable(path:reason:hint:)``.
    public func checkUnchanged() throws {
        TestHooks.pause("before-change-check")
        var st = stat()
        guard let snapshot, stat(path, &st) == 0, Snapshot(st) == snapshot else {
            throw DisclosureError.unreadable(
                path: path, reason: "the file changed while Disclose was working on it",
                hint: "Nothing was written. Wait until whatever is writing the file has finished, then try again.")
        }
    }

    /// Cuts the guarded file to its first `length` bytes in place and flushes it to disk: how
    /// bytes Disclose appended (a PDF's last incremental update) are removed, every byte kept
    /// being already on disk. `ftruncate` is one metadata change, so a reader or a crash sees the
    /// file whole or cut, never half-written, and on any failure the file is untouched.
    ///
    /// Done only on the very file that was read: the path opened without following a symbolic
    /// link, and device, inode, size and modification time as in the snapshot (the caller holds
    /// the lock). - Returns: false, having changed nothing, when that cannot be done in place
    /// (the caller then writes a temporary file and renames it).
    /// - Throws: ``DisclosureError/writeFailed(path:reason:)`` when the cut or the flush fails.
    public func truncate(to length: Int) throws -> Bool {
        guard let snapshot, length >= 0, Int64(length) < snapshot.size else { return false }
        let out = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard out >= 0 else { return false }
        defer { close(out) }
        var st = stat()
        guard fstat(out, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Snapshot(st) == snapshot else { return false }
        TestHooks.pause("before-truncate")
        guard ftruncate(out, off_t(length)) == 0 else {
            throw DisclosureError.writeFailed(path: path, reason: "cannot shorten the file: \(String(cString: strerror(errno)))")
        }
        guard fsync(out) == 0 else {
            throw DisclosureError.writeFailed(path: path, reason: "cannot flush to disk: \(String(cString: strerror(errno)))")
        }
        return true
    }

    private func removeLeftovers() {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = AtomicWriter.temporaryPrefix + url.lastPathComponent + "-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            let leftover = (folder.isEmpty ? "" : folder + "/") + name
            var st = stat()
            guard lstat(leftover, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            if unlink(leftover) == 0 { removedLeftovers.append(leftover) }
        }
    }
}

extension FileEditGuard.Snapshot {
    init(_ st: stat) {
        #if canImport(Darwin)
        self.init(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                  modifiedSeconds: Int(st.st_mtimespec.tv_sec), modifiedNanoseconds: Int(st.st_mtimespec.tv_nsec))
        #else
        self.init(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                  modifiedSeconds: Int(st.st_mtim.tv_sec), modifiedNanoseconds: Int(st.st_mtim.tv_nsec))
        #endif
    }
}
