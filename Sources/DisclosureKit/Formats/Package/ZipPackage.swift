import Foundation

/// Words a zip-based format uses in its messages: the kind of document and the programs that
/// save it, so a damaged presentation is not called a Word document.
struct PackageWording: Sendable {
    /// What the file should be, as people say it: "Word document", "PowerPoint presentation".
    var documentNoun: String
    /// The file extension people know it by, with the dot: ".docx".
    var fileExtension: String
    /// The programs that save a fresh copy: "Word or LibreOffice".
    var programs: String

    static let word = PackageWording(documentNoun: "Word document", fileExtension: ".docx", programs: "Word or LibreOffice")
}

/// A zip package opened under the safety limits, format-neutral: every entry checked (names that
/// climb out of the package, two names one program would read as one part, encryption, sizes,
/// compression ratios of the parts Disclose parses), the archive read by libzip. Format handlers
/// (DOCX, PPTX, ODF) build on it; it knows no format's part names.
final class ZipPackage {
    /// The path as the user gave it, for messages.
    let path: String
    let limits: ReadLimits
    let wording: PackageWording
    let zip: ZipReader
    /// Entries by their stored name.
    let entries: [String: ZipEntryInfo]

    /// Opens `input` as a zip package.
    /// - Parameters:
    ///   - foldCase: true where part names compare case-insensitively (OOXML, ECMA-376 Part 2
    ///     §9.1.1.1), so two entries differing only in case are refused as ambiguous.
    ///   - isParsed: the parts Disclose inflates and parses; only these get the compression-ratio
    ///     check, so a highly compressible picture is not mistaken for a bomb.
    ///   - opened: the archive already opened over `input.data` (``SniffedPackage``), or nil to
    ///     open it here; its entries get every check either way.
    /// - Throws: ``DisclosureError`` naming the file and the problem.
    init(input: DocumentInput, wording: PackageWording, foldCase: Bool, isParsed: (String) -> Bool = ZipPackage.isXML,
         opened: ZipReader? = nil) throws {
        path = input.path
        limits = input.limits
        self.wording = wording
        let path = input.path
        let limits = input.limits
        guard input.data.starts(with: [0x50, 0x4B]) else {
            throw DisclosureError.unreadable(path: path, reason: "not a zip package (every \(wording.fileExtension) file is a zip archive)",
                                             hint: "The file may be damaged or not a \(wording.documentNoun). Open it in \(wording.programs) and save it as \(wording.fileExtension).")
        }
        do {
            zip = try opened ?? ZipReader(data: input.data)
        } catch let failure as ZipFailure {
            throw ZipPackage.describe(failure, path: path, wording: wording)
        }
        if zip.entries.count > limits.maxEntries {
            throw DisclosureError.limitExceeded(path: path, what: "the package has \(zip.entries.count) entries", limit: "\(limits.maxEntries) entries")
        }
        var byName = [String: ZipEntryInfo](minimumCapacity: zip.entries.count)
        var byFoldedName = [String: String](minimumCapacity: zip.entries.count)
        var total = 0
        for entry in zip.entries {
            let folded = foldCase ? ASCIIText.foldingASCIICase(entry.name) : entry.name
            if let other = byFoldedName[folded] {
                let what = other == entry.name ? "two entries named \"\(entry.name)\""
                    : "two entries, \"\(other)\" and \"\(entry.name)\", whose names differ only in letter case (one part to \(wording.programs.components(separatedBy: " or ").first ?? wording.programs))"
                throw DisclosureError.unreadable(path: path, reason: "the package has \(what)", hint: ZipPackage.ambiguousHint(wording))
            }
            byFoldedName[folded] = entry.name
            byName[entry.name] = entry
            if ZipPackage.climbsOut(entry.name) {
                throw DisclosureError.unreadable(path: path, reason: "the package has an entry named \"\(entry.name)\", which points outside the package",
                                                 hint: "No \(wording.documentNoun) has such a name: the file is damaged or was built to attack programs that unpack it. Open the original in \(wording.programs) and save a fresh copy.")
            }
            if entry.isEncrypted { throw DisclosureError.encryptedPackage(path: path) }
            total += entry.uncompressedSize
            if entry.uncompressedSize > limits.maxPartBytes {
                throw DisclosureError.limitExceeded(path: path, what: "the part \(entry.name) expands to \(ByteCount.describe(entry.uncompressedSize))", limit: ByteCount.describe(limits.maxPartBytes))
            }
            if isParsed(entry.name), entry.uncompressedSize > 1 << 20,
               entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maxCompressionRatio {
                throw DisclosureError.limitExceeded(
                    path: path,
                    what: "the part \(entry.name) expands from \(ByteCount.describe(entry.compressedSize)) to \(ByteCount.describe(entry.uncompressedSize)), a compression ratio typical of zip bombs",
                    limit: "\(limits.maxCompressionRatio):1")
            }
        }
        if total > limits.maxTotalUncompressedBytes {
            throw DisclosureError.limitExceeded(path: path, what: "the package expands to \(ByteCount.describe(total))", limit: ByteCount.describe(limits.maxTotalUncompressedBytes))
        }
        entries = byName
    }

    /// The entries in archive order.
    var orderedEntries: [ZipEntryInfo] { zip.entries }

    /// True when the package has an entry named `part`.
    func has(_ part: String) -> Bool { entries[part] != nil }

    /// The inflated bytes of a part.
    /// - Throws: ``DisclosureError`` when it is missing, damaged or over the part limit.
    func read(_ part: String) throws -> Data {
        guard let entry = entries[part] else {
            throw DisclosureError.unreadable(path: path, reason: "the part \(part) is missing", hint: "The package is damaged; open it in \(wording.programs) and save it again.")
        }
        return try read(entry)
    }

    /// The inflated bytes of a part and, when it is DEFLATE, where its blocks start (so a stamp can
    /// copy the blocks it does not change: ``DeflateSplice``).
    /// - Throws: ``DisclosureError`` when it is missing, damaged or over the part limit.
    func readMapped(_ part: String) throws -> (data: Data, map: DeflateBlockMap?) {
        if let entry = entries[part], let mapped = zip.readMapped(entry, limit: limits.maxPartBytes) { return (mapped.data, mapped.map) }
        return (try read(part), nil)
    }

    /// Adds an entry to `hasher` as ``PartsHasher/add(name:bytes:)`` would, reading it a chunk at
    /// a time (a picture need not be held whole). An entry whose size is not the declared one is
    /// read whole and hashed as read.
    func hash(_ entry: ZipEntryInfo, into hasher: inout PartsHasher) throws {
        let before = hasher
        hasher.begin(name: entry.name, count: entry.uncompressedSize)
        do {
            var streamed = hasher
            let count = try zip.forEachChunk(entry, limit: limits.maxPartBytes) { streamed.update($0) }
            if count == entry.uncompressedSize {
                hasher = streamed
                return
            }
        } catch let failure as ZipFailure {
            throw ZipPackage.describe(failure, path: path, wording: wording)
        }
        hasher = before
        hasher.add(name: entry.name, bytes: try read(entry))
    }

    /// Inflates an entry a chunk at a time (64 KiB), refusing more than the part limit; `body`
    /// sees each chunk (valid only during the call), and its errors come out as thrown. libzip
    /// checks the CRC-32 when the entry ends.
    /// - Returns: how many bytes the entry inflated to.
    /// - Throws: ``DisclosureError`` when the entry is damaged or over the part limit.
    @discardableResult
    func forEachChunk(_ entry: ZipEntryInfo, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        do {
            return try zip.forEachChunk(entry, limit: limits.maxPartBytes, body)
        } catch let failure as ZipFailure {
            throw ZipPackage.describe(failure, path: path, wording: wording)
        }
    }

    /// The refusal for an entry that inflated to `count` bytes where an earlier read of it gave
    /// `expected` (its bytes changed between two reads: a damaged or changing file).
    func changedBetweenReads(_ entry: ZipEntryInfo, count: Int, expected: Int) -> DisclosureError {
        ZipPackage.describe(.entryFailed(name: entry.name, reason: "it inflated to \(count) bytes, and to \(expected) when read before"),
                            path: path, wording: wording)
    }

    /// The inflated bytes of an entry.
    func read(_ entry: ZipEntryInfo) throws -> Data {
        do {
            return try zip.read(entry, limit: limits.maxPartBytes)
        } catch let failure as ZipFailure {
            throw ZipPackage.describe(failure, path: path, wording: wording)
        }
    }

    /// A new archive: every entry not named in `items` is left out; see ``ZipRebuilder``.
    func rebuild(_ items: [ZipRebuilder.Item]) throws -> Data {
        do {
            return try ZipRebuilder.build(from: zip, items: items)
        } catch let failure as ZipFailure {
            throw ZipPackage.describe(failure, path: path, wording: wording)
        }
    }

    // MARK: Shared rules

    /// XML and relationships parts: the ones Disclose inflates and parses.
    static func isXML(_ name: String) -> Bool {
        ASCIIText.lowercasedHasSuffix(name, ".xml") || ASCIIText.lowercasedHasSuffix(name, ".rels")
    }

    /// True for an entry name that is absolute, has a backslash or drive letter, or has a `..` segment.
    static func climbsOut(_ name: String) -> Bool {
        if name.hasPrefix("/") || ASCIIText.contains(name, "\\") { return true }
        let ascii = ASCIIText.withASCII(name) { bytes -> Bool in
            // A drive letter: the second character is ":" (a character is a byte here, CR LF aside).
            let second = bytes.count >= 2 && bytes[0] == 0x0D && bytes[1] == 0x0A ? 2 : 1
            if second < bytes.count, bytes[second] == UInt8(ascii: ":") { return true }
            // A ".." segment between slashes (or the ends).
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "/") {
                if end - start == 2, bytes[start] == UInt8(ascii: "."), bytes[start + 1] == UInt8(ascii: ".") { return true }
                start = end + 1
            }
            return false
        }
        if let ascii { return ascii }
        if name.count >= 2, name.dropFirst().first == ":" { return true }
        return name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// What to do with a package whose entries programs read under different names.
    static func ambiguousHint(_ wording: PackageWording) -> String {
        "Programs read such a package in different ways (one sees one part, another a different one), so Disclose will not stamp or verify it and nothing was written. Open the original in \(wording.programs), save it again, and use the saved copy."
    }

    /// A libzip failure in words.
    static func describe(_ failure: ZipFailure, path: String, wording: PackageWording) -> DisclosureError {
        switch failure {
        case .notAZip:
            return .unreadable(path: path, reason: "not a readable zip package (every \(wording.fileExtension) file is a zip archive)",
                               hint: "The file may be truncated or damaged. Try the original copy, or open it in \(wording.programs) and save it again.")
        case .inconsistent(let message):
            return .unreadable(path: path, reason: "the zip archive is damaged or truncated (\(message.lowercased()))",
                               hint: "Try the original copy, or open it in \(wording.programs) and save it again.")
        case .other(let message):
            return .unreadable(path: path, reason: "the zip archive cannot be read (\(message.lowercased()))",
                               hint: "The file may be damaged; open it in \(wording.programs) and save it again.")
        case .tooLarge(let limit):
            return .limitExceeded(path: path, what: "a part expands to more than its declared size", limit: ByteCount.describe(limit))
        case .ambiguous(let problem):
            return .unreadable(path: path, reason: problem, hint: ambiguousHint(wording))
        case .entryFailed(let name, let reason):
            return .unreadable(path: path, reason: "the part \(name) cannot be read (\(reason.lowercased()))",
                               hint: "The file may be damaged or truncated; open it in \(wording.programs) and save it again.")
        case .unavailable(let detail):
            return ZipLibrary.unavailable(DynamicLibrary.LoadFailure(detail: detail), path: path)
        }
    }
}
