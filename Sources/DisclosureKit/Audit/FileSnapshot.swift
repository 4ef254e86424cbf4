import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file for the audit once, and notices when it is not a regular file, vanishes
/// or changes while being read (size or modification time differ before and after).
struct FileSnapshot {
    /// The stamp taken just before reading.
    var stamp: FileStamp
    /// The bytes read: the first `headLimit` only, or the whole file.
    var bytes: Data

    /// Why a snapshot failed, with the status the file gets.
    struct Failure: Error {
        var status: AuditStatus
        var reason: String
    }

    /// An open file descriptor, closed when released.
    final class Descriptor {
        let fd: Int32
        init(_ fd: Int32) { self.fd = fd }
        deinit { close(fd) }

        func stamp() -> FileStamp? {
            var st = stat()
            return fstat(fd, &st) == 0 ? FileStamp(st) : nil
        }

        /// Reads up to `limit` bytes from the current position.
        func read(upTo limit: Int, sizeHint: Int) throws -> Data {
            var data = Data(count: max(0, min(limit, sizeHint)))
            var filled = 0
            while true {
                if filled == data.count {
                    guard data.count < limit else { break }
                    data.count = min(limit, max(data.count * 2, filled + 65_536))
                }
                let want = data.count - filled
                let got = data.withUnsafeMutableBytes { buffer -> Int in
                    posixRead(fd, buffer.baseAddress! + filled, want)
                }
                if got < 0 {
                    if errno == EINTR { continue }
                    throw Failure(status: .unreadable, reason: "reading failed (\(posixErrorText()))")
                }
                if got == 0 { break }
                filled += got
            }
            data.count = filled
            return data
        }
    }

    /// Opens `path` without blocking (a FIFO swapped in cannot hang the audit) and without
    /// following a final symbolic link unless `follow`.
    static func open(_ path: String, follow: Bool) throws -> (Descriptor, FileStamp) {
        let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW)
        let fd = posixOpen(path, flags)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw Failure(status: .unreadable, reason: "the file vanished during the audit (it was moved or deleted after the folder was listed)")
            }
            if code == ELOOP {
                throw Failure(status: .unsupported, reason: "it was replaced by a symbolic link during the audit; not followed")
            }
            throw Failure(status: .unreadable, reason: "the file could not be opened (\(posixErrorText(code)))")
        }
        let descriptor = Descriptor(fd)
        guard let stamp = descriptor.stamp() else {
            throw Failure(status: .unreadable, reason: "the file could not be examined (\(posixErrorText()))")
        }
        guard stamp.isRegular else {
            throw Failure(status: .unsupported, reason: "\(stamp.specialKind ?? "not a regular file"), not a document; skipped")
        }
        return (descriptor, stamp)
    }

    /// Reads the rest of the file and confirms it did not change or vanish meanwhile.
    static func finish(_ descriptor: Descriptor, path: String, before: FileStamp, head: Data, limits: ReadLimits) throws -> Data {
        guard before.size <= Int64(limits.maxFileBytes) else {
            throw Failure(status: .unreadable, reason: DisclosureError.limitExceeded(path: path, what: "the file is \(ByteCount.describe(Int(before.size)))", limit: ByteCount.describe(limits.maxFileBytes)).description)
        }
        var data = head
        data.append(try descriptor.read(upTo: limits.maxFileBytes + 1 - head.count, sizeHint: Int(before.size) - head.count + 1))
        if data.count > limits.maxFileBytes {
            throw Failure(status: .unreadable, reason: DisclosureError.limitExceeded(path: path, what: "the file grew past \(ByteCount.describe(limits.maxFileBytes)) while being read", limit: ByteCount.describe(limits.maxFileBytes)).description)
        }
        try confirmUnchanged(descriptor, path: path, before: before, count: data.count)
        return data
    }

    /// Throws when the file changed (size, modification time) or vanished since `before`.
    static func confirmUnchanged(_ descriptor: Descriptor, path: String, before: FileStamp, count: Int) throws {
        guard let after = descriptor.stamp(), after.sameContentStamp(as: before), Int64(count) == before.size else {
            throw Failure(status: .unreadable, reason: "the file changed while it was being read; audit it again once nothing is writing to it")
        }
        guard let current = FileStamp.of(path, follow: true), current.inode == after.inode, current.device == after.device else {
            throw Failure(status: .unreadable, reason: "the file vanished or was replaced while it was being read; audit it again once nothing is moving it")
        }
    }
}

#if canImport(Glibc)
private let posixRead = Glibc.read
private func posixOpen(_ path: String, _ flags: Int32) -> Int32 { Glibc.open(path, flags) }
#elseif canImport(Darwin)
private let posixRead = Darwin.read
private func posixOpen(_ path: String, _ flags: Int32) -> Int32 { Darwin.open(path, flags) }
#endif
