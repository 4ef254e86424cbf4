import Foundation

extension Verifier {
    /// Verifies every document in a plain `.zip` archive (a class's work as Google Classroom,
    /// Teams or Moodle download it) as ``verify(path:)`` verifies a file. Entries are read into
    /// memory exactly as the audit reads them (``ArchiveAudit``): within the read limits, junk
    /// skipped, hostile names, links, encrypted entries and zip bombs refused with the reason,
    /// zips inside opened to ``ArchiveAudit/maxDepth``. Each entry is named `archive.zip/folder/file`.
    /// - Parameter path: the archive.
    /// - Returns: one JSON form per entry in name order (an error for one not read), or nil when
    ///   the file is not a plain archive (a document package named `.zip`, or not a zip at all).
    /// - Throws: ``DisclosureError`` when the archive cannot be read.
    public func verifyArchive(path: String) throws -> [VerificationJSON]? {
        let data = try loader.readBytes(at: path)
        guard let reader = try? ZipReader(data: data), !ArchiveAudit.isPackage(reader.entries) else { return nil }
        var budget = loader.limits.maxTotalUncompressedBytes
        return ArchiveAudit.entries(reader, path: path, depth: 1, limits: loader.limits, budget: &budget, count: { _ in }, refusal: { entryPath, _, reason, _ in
            VerificationJSON(path: entryPath, error: .invalidInput("\(entryPath): \(reason)."))
        }, document: { entryPath, bytes in
            do {
                let document = try loader.handler(for: entryPath, data: bytes).open(DocumentInput(data: bytes, path: entryPath, limits: loader.limits))
                return VerificationJSON(try verify(document: document, path: entryPath, raw: bytes))
            } catch let error as DisclosureError {
                return VerificationJSON(path: entryPath, error: error)
            } catch {
                return VerificationJSON(path: entryPath, error: .invalidInput("\(entryPath): \(error.localizedDescription)"))
            }
        })
    }
}
