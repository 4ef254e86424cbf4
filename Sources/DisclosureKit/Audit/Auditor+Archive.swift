import Crypto
import Foundation

/// Auditing a plain `.zip` archive as a folder: a class's work downloaded from Google
/// Classroom, Teams or Moodle. Entries are read one at a time into memory (never extracted to
/// disk), within the read limits, and each document gets its own record under a path such as
/// `class.zip/Amelia Khan/essay.docx`. An Office or ODF package named `.zip` (it holds
/// `[Content_Types].xml` or `mimetype`) stays a document and is audited as one file.
///
/// Limits (``ReadLimits``, see `docs/reports.md`): at most ``ReadLimits/maxEntries`` entries
/// and ``ReadLimits/maxTotalUncompressedBytes`` inflated in all; an entry over 1 MiB compressed
/// more than ``ReadLimits/maxCompressionRatio`` to 1 is not read (a zip bomb); an entry is never
/// inflated past the size its header gives; names that climb out (`..`, `/` first, a drive
/// letter) and symbolic links are listed, never read; zips inside zips are opened to a depth of
/// ``ArchiveAudit/maxDepth`` archives.
public enum ArchiveAudit {
    /// How many archives deep the audit opens (the archive given is depth 1).
    public static let maxDepth = 3

    /// Entries no teacher put there: macOS resource forks and folder settings. Skipped and
    /// counted as excluded.
    static func isJunk(_ name: String) -> Bool {
        name.hasPrefix("__MACOSX/") || (name as NSString).lastPathComponent == ".DS_Store"
            || (name as NSString).lastPathComponent == "Thumbs.db"
    }

    /// True when the name would climb out of a folder it was extracted into.
    static func climbsOut(_ name: String) -> Bool {
        let name = name.replacingOccurrences(of: "\\", with: "/")
        if name.hasPrefix("/") { return true }
        if name.count >= 2, name.dropFirst().first == ":", name.first!.isLetter { return true }
        return name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// True when `path` is named as a zip archive.
    static func isArchiveName(_ path: String) -> Bool {
        // Asked for every walked file: a byte test rules out every name that does not end in
        // ".zip" (any case, trailing slashes aside) before Foundation's path parsing, which cost
        // about 20,000 instructions a file (an eighth of a warm audit). No other name has the
        // extension "zip": only ASCII letters lower-case to ASCII "z", "i" and "p".
        var end = path.utf8.endIndex
        while end > path.utf8.startIndex, path.utf8[path.utf8.index(before: end)] == 0x2F { end = path.utf8.index(before: end) }
        let tail = path.utf8[..<end].suffix(4)
        guard tail.count == 4, zip(tail, Self.zipSuffix).allSatisfy({ ($0 | 0x20) == $1 }) else { return false }
        return PathExtension.of(path).lowercased() == "zip"
    }

    private static let zipSuffix = Array(".zip".utf8)

    /// True when the bytes name a part only a document package has (`[Content_Types].xml`,
    /// `mimetype`), for archives that cannot be opened to list their entries.
    static func namesAPackagePart(_ data: Data) -> Bool {
        data.range(of: Data("[Content_Types].xml".utf8)) != nil || data.range(of: Data("mimetype".utf8)) != nil
    }

    /// True when the archive's entries make it a document package rather than a folder.
    static func isPackage(_ entries: [ZipEntryInfo]) -> Bool {
        entries.contains { $0.name == "[Content_Types].xml" || $0.name == "mimetype" }
    }

    /// What the walk counts, for the audit's statistics.
    enum Count {
        /// An entry that is a file (a document, or one refused).
        case file
        /// The last counted entry was a zip opened as a folder, so it is not a file itself.
        case nestedArchive
        /// An entry skipped as junk (`__MACOSX/`, `.DS_Store`, `Thumbs.db`).
        case excluded
        /// Bytes inflated from an entry.
        case read(Int)
    }

    /// Walks the entries of an opened plain archive at `path` as the audit reads them: in name
    /// order, junk skipped, names that climb out, links, encrypted entries and entries over the
    /// read limits refused with the reason, zips inside opened to ``maxDepth``, and every other
    /// entry handed to `document` with its bytes.
    /// - Parameters:
    ///   - budget: the bytes that may still be inflated from this archive and those inside it.
    ///   - count: told of every entry counted, for statistics.
    ///   - refused: makes the result for an entry not read (path, status, reason, size).
    ///   - document: makes the result for an entry read.
    static func entries<Result>(_ reader: ZipReader, path: String, depth: Int, limits: ReadLimits, budget: inout Int,
                                count: (Count) -> Void, refusal: (String, AuditStatus, String, Int?) -> Result,
                                document: (String, Data) -> Result) -> [Result] {
        func refused(_ entryPath: String, _ status: AuditStatus, _ reason: String, size: Int? = nil) -> Result {
            refusal(entryPath, status, reason, size)
        }
        guard reader.entries.count <= limits.maxEntries else {
            count(.file)
            return [refused(path, .unreadable, "the archive has \(reader.entries.count) entries, more than the \(limits.maxEntries) Disclose reads in one archive; unpack it and audit the folders, or split it")]
        }
        var results: [Result] = []
        let sorted = reader.entries.sorted { UTF8Order.precedes($0.name, $1.name) }
        for entry in sorted {
            let name = entry.name
            if name.hasSuffix("/") && entry.uncompressedSize == 0 { continue }
            if ArchiveAudit.isJunk(name) {
                count(.excluded)
                continue
            }
            count(.file)
            let entryPath = path + "/" + name
            if ArchiveAudit.climbsOut(name) {
                results.append(refused(entryPath, .unreadable, "the entry's name climbs out of the archive (\"\(name)\"), as only a damaged or hostile archive's would; not read"))
                continue
            }
            if entry.isSymlink {
                results.append(refused(entryPath, .unsupported, "a symbolic link stored in the archive, not a document; not followed"))
                continue
            }
            if entry.isEncrypted {
                results.append(refused(entryPath, .unreadable, "the entry is encrypted (password-protected), so Disclose cannot read it; unpack it with the password and audit the folder"))
                continue
            }
            let declared = entry.uncompressedSize
            if declared > limits.maxFileBytes {
                results.append(refused(entryPath, .unreadable, "the entry is \(ByteCount.describe(declared)), larger than the \(ByteCount.describe(limits.maxFileBytes)) Disclose reads", size: declared))
                continue
            }
            if declared > 1 << 20, declared / max(entry.compressedSize, 1) > limits.maxCompressionRatio {
                results.append(refused(entryPath, .unreadable, "the entry is compressed more than \(limits.maxCompressionRatio) to 1 (\(ByteCount.describe(declared)) from \(ByteCount.describe(entry.compressedSize))), as zip bombs are; not read", size: declared))
                continue
            }
            if declared > budget {
                results.append(refused(entryPath, .unreadable, "the archive holds more than \(ByteCount.describe(limits.maxTotalUncompressedBytes)) in all, more than Disclose reads from one archive; unpack it and audit the folders", size: declared))
                continue
            }
            let bytes: Data
            do {
                bytes = try reader.read(entry, limit: declared)
            } catch ZipFailure.tooLarge {
                results.append(refused(entryPath, .unreadable, "the entry holds more than the \(ByteCount.describe(declared)) its header gives, as only a damaged or hostile archive's would; not read", size: declared))
                continue
            } catch {
                results.append(refused(entryPath, .unreadable, "the entry could not be unpacked (\(error)); the archive may be damaged", size: declared))
                continue
            }
            budget -= bytes.count
            count(.read(bytes.count))
            if ArchiveAudit.isArchiveName(name), let inner = try? ZipReader(data: bytes), !ArchiveAudit.isPackage(inner.entries) {
                guard depth < ArchiveAudit.maxDepth else {
                    results.append(refused(entryPath, .unsupported, "a zip inside \(depth) zips, deeper than the \(ArchiveAudit.maxDepth) archives Disclose opens; unpack it and audit the folder", size: bytes.count))
                    continue
                }
                count(.nestedArchive)
                results += entries(inner, path: entryPath, depth: depth + 1, limits: limits, budget: &budget, count: count, refusal: refusal, document: document)
                continue
            }
            results.append(document(entryPath, bytes))
        }
        return results
    }
}

extension Auditor {
    /// The results for a file named `.zip`: one per entry when it is a plain archive, else the
    /// file's own result (a package, or not a zip at all).
    func auditArchive(_ file: WalkedFile, verifier: Verifier, fingerprint: String, state: RunState) -> [AuditResult] {
        let size = Int(file.stamp.size)
        let data: Data
        do {
            let (descriptor, before) = try FileSnapshot.open(file.path, follow: file.throughLink)
            let head = try descriptor.read(upTo: 4096, sizeHint: 4096)
            data = try FileSnapshot.finish(descriptor, path: file.path, before: before, head: head, limits: options.limits)
            state.update { $0.statistics.filesRead += 1; $0.statistics.bytesRead += data.count }
        } catch let failure as FileSnapshot.Failure {
            state.update { $0.statistics.files += 1 }
            return [AuditResult(AuditRecord(path: file.path, format: nil, status: failure.status, size: size,
                                            error: failure.reason.hasPrefix(file.path) ? failure.reason : "\(file.path): \(failure.reason)."))]
        } catch {
            state.update { $0.statistics.files += 1 }
            return [AuditResult(AuditRecord(path: file.path, format: nil, status: .unreadable, size: size, error: "\(file.path): \(error.localizedDescription)"))]
        }
        let opened: ZipReader?
        do {
            opened = try ZipReader(data: data)
        } catch ZipFailure.ambiguous(let problem) where !ArchiveAudit.namesAPackagePart(data) {
            // A class archive whose entries programs would unpack under different names.
            state.update { $0.statistics.files += 1 }
            let words = problem.replacingOccurrences(of: "the package has", with: "the archive has")
            return [AuditResult(AuditRecord(path: file.path, format: nil, status: .unreadable, size: size,
                                            error: "\(file.path): \(words). Programs unpack such an archive in different ways, so Disclose did not read any of it; download the class's work again, or unpack it with the program you normally use and audit the folder."))]
        } catch {
            opened = nil
        }
        guard let reader = opened, !ArchiveAudit.isPackage(reader.entries) else {
            state.update { $0.statistics.files += 1 }
            return [audit(file, cached: nil, verifier: verifier, fingerprint: fingerprint, state: state)]
        }
        var budget = options.limits.maxTotalUncompressedBytes
        return archiveResults(reader, path: file.path, depth: 1, budget: &budget, verifier: verifier, state: state)
    }

    /// One result per entry of an opened plain archive at `path`.
    func archiveResults(_ reader: ZipReader, path: String, depth: Int, budget: inout Int, verifier: Verifier, state: RunState) -> [AuditResult] {
        ArchiveAudit.entries(reader, path: path, depth: depth, limits: options.limits, budget: &budget, count: { event in
            state.update { summary in
                switch event {
                case .file: summary.statistics.files += 1
                case .nestedArchive: summary.statistics.files -= 1
                case .excluded: summary.statistics.excludedFiles += 1
                case .read(let bytes): summary.statistics.bytesRead += bytes
                }
            }
        }, refusal: { entryPath, status, reason, size in
            AuditResult(AuditRecord(path: entryPath, format: nil, status: status, size: size, error: "\(entryPath): \(reason)."))
        }, document: { entryPath, bytes in
            AuditResult(entryRecord(path: entryPath, data: bytes, verifier: verifier))
        })
    }

    /// The record of one document read from an archive.
    func entryRecord(path: String, data: Data, verifier: Verifier) -> AuditRecord {
        let head = data.prefix(4096)
        if ReportMarker.isReport(head: Data(head)) { return Self.discloseReport(path: path, size: data.count) }
        let file = WalkedFile(path: path, relativePath: path, absolutePath: path, stamp: FileStamp(size: Int64(data.count), mtimeNanoseconds: 0, ctimeNanoseconds: 0))
        guard loader.registry.handler(forPath: path, head: Data(head)) != nil else {
            var record = unsupported(file, size: data.count)
            record.sha256 = Hex.encode(SHA256.hash(data: data))
            return record
        }
        return examine(file, data: data, digest: Hex.encode(SHA256.hash(data: data)), verifier: verifier)
    }
}
