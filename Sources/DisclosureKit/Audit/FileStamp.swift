import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about a file: enough to tell whether it changed, and which file it is.
public struct FileStamp: Equatable, Hashable, Sendable {
    /// Size in bytes.
    public var size: Int64
    /// Last modification, in nanoseconds since 1970.
    public var mtimeNanoseconds: Int64
    /// Last status change (content, owner, mode or name), in nanoseconds since 1970.
    /// Unlike the modification time, no ordinary tool can set it back.
    public var ctimeNanoseconds: Int64
    /// The device holding the file.
    public var device: UInt64
    /// The file's inode number on that device.
    public var inode: UInt64
    /// The file type bits (`S_IFMT`).
    var type: UInt32

    /// Creates a stamp.
    public init(size: Int64, mtimeNanoseconds: Int64, ctimeNanoseconds: Int64, device: UInt64 = 0, inode: UInt64 = 0) {
        self.size = size
        self.mtimeNanoseconds = mtimeNanoseconds
        self.ctimeNanoseconds = ctimeNanoseconds
        self.device = device
        self.inode = inode
        self.type = UInt32(S_IFREG)
    }

    init(_ st: stat) {
        size = Int64(st.st_size)
        #if canImport(Darwin)
        mtimeNanoseconds = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
        ctimeNanoseconds = Int64(st.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(st.st_ctimespec.tv_nsec)
        #else
        mtimeNanoseconds = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        ctimeNanoseconds = Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec)
        #endif
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        type = UInt32(st.st_mode) & UInt32(S_IFMT)
    }

    /// `lstat` (or `stat` when `follow`) of `path`; nil with errno set when it fails.
    static func of(_ path: String, follow: Bool) -> FileStamp? {
        var st = stat()
        let rc = follow ? stat(path, &st) : lstat(path, &st)
        return rc == 0 ? FileStamp(st) : nil
    }

    /// `fstatat` of `name` in the open folder `folder` (no link followed unless `follow`): the
    /// kernel looks up one name instead of walking every component of a path again.
    static func of(_ name: String, in folder: Int32, follow: Bool) -> FileStamp? {
        var st = stat()
        return fstatat(folder, name, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) == 0 ? FileStamp(st) : nil
    }

    var isRegular: Bool { type == UInt32(S_IFREG) }
    var isFolder: Bool { type == UInt32(S_IFDIR) }
    var isSymlink: Bool { type == UInt32(S_IFLNK) }

    /// Size and modification time agree (the test for "changed while being read").
    func sameContentStamp(as other: FileStamp) -> Bool {
        size == other.size && mtimeNanoseconds == other.mtimeNanoseconds
    }

    /// Why a file of this type is skipped, for the report; nil for regular files and folders.
    var specialKind: String? {
        switch type {
        case UInt32(S_IFIFO): return "a named pipe (FIFO)"
        case UInt32(S_IFSOCK): return "a socket"
        case UInt32(S_IFCHR): return "a character device"
        case UInt32(S_IFBLK): return "a block device"
        case UInt32(S_IFLNK): return "a symbolic link"
        case UInt32(S_IFREG), UInt32(S_IFDIR): return nil
        default: return "not a regular file"
        }
    }
}

/// The text of the current `errno`.
func posixErrorText(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
