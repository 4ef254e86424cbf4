import Foundation

/// A zip package as ``PackageSignature/read(_:)`` opened it to learn what it is: the archive,
/// with the entries the sniff inflated remembered. ``FormatRegistry`` hands it to the handler
/// that claims the package (``PackageSniffing/handler(taking:)``), so a file is opened and its
/// central directory read once, not once to sniff and again to open (issue 17).
///
/// The archive goes to one opener only, and only for the bytes it was opened from: a handler
/// that opens other bytes, or the same bytes a second time, opens them itself as before.
final class SniffedPackage: Sendable {
    private let bytes: Data
    private let archive: Locked<ZipReader?>

    init(bytes: Data, archive: ZipReader) {
        self.bytes = bytes
        self.archive = Locked(archive)
    }

    /// The archive, when `data` is the bytes it was opened from and no one has taken it yet;
    /// nil otherwise (the caller then opens `data` itself).
    func take(for data: Data) -> ZipReader? {
        archive.withLock { archive in
            guard archive != nil, data.count == bytes.count, data == bytes else { return nil }
            defer { archive = nil }
            return archive
        }
    }
}
