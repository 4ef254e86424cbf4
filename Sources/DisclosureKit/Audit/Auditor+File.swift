import Crypto
import Foundation

extension Auditor {
    /// Audits one file: the cache first (no bytes read when path, size and time stamps match),
    /// then one read, one open, verify, evidence and classification.
    /// True when a cached entry is for this file as it is now, made with the same settings.
    func isCurrent(_ file: WalkedFile, entry: AuditCache.Entry, fingerprint: String) -> Bool {
        entry.fingerprint == fingerprint && entry.matches(file.stamp)
    }

    /// The cached result when path, size and time stamps match and the fingerprint is the same.
    func cachedResult(_ file: WalkedFile, entry: AuditCache.Entry?, fingerprint: String, decode: Bool) -> AuditResult? {
        guard let entry, isCurrent(file, entry: entry, fingerprint: fingerprint), let result = entry.result(path: file.path) else { return nil }
        guard decode else { return result }
        return (try? result.record()).map { AuditResult(record: $0, jsonLine: result.jsonLine) }
    }

    /// Audits one file the cache had no current result for: one read, then (unless the digest
    /// matches the cached one) one open, verify, evidence and classification.
    func audit(_ file: WalkedFile, cached: AuditCache.Entry?, verifier: Verifier, fingerprint: String, state: RunState) -> AuditResult {
        options.hooks.beforeRead?(file.path)
        let size = Int(file.stamp.size)
        do {
            let (descriptor, before) = try FileSnapshot.open(file.path, follow: file.throughLink)
            let head = try descriptor.read(upTo: 4096, sizeHint: 4096)
            if ReportMarker.isReport(head: head) {
                state.update { $0.statistics.filesRead += 1; $0.statistics.bytesRead += head.count }
                let result = AuditResult(Self.discloseReport(path: file.path, size: size))
                cache?.store(AuditCache.Entry(path: file.absolutePath, stamp: before, sha256: nil, fingerprint: fingerprint, result: result))
                return result
            }
            guard loader.registry.handler(forPath: file.path, head: head) != nil else {
                state.update { $0.statistics.filesRead += 1; $0.statistics.bytesRead += head.count }
                let result = AuditResult(unsupported(file, size: size))
                cache?.store(AuditCache.Entry(path: file.absolutePath, stamp: before, sha256: nil, fingerprint: fingerprint, result: result))
                return result
            }
            options.hooks.whileReading?(file.path)
            let data = try FileSnapshot.finish(descriptor, path: file.path, before: before, head: head, limits: options.limits)
            state.update { $0.statistics.filesRead += 1; $0.statistics.bytesRead += data.count }
            let digest = Hex.encode(SHA256.hash(data: data))
            if let cached, cached.fingerprint == fingerprint, cached.sha256 == digest, let result = cached.result(path: file.path) {
                state.update { $0.statistics.digestHits += 1 }
                cache?.store(AuditCache.Entry(path: file.absolutePath, stamp: before, sha256: digest, fingerprint: fingerprint, result: result))
                return result
            }
            let result = AuditResult(examine(file, data: data, digest: digest, verifier: verifier))
            cache?.store(AuditCache.Entry(path: file.absolutePath, stamp: before, sha256: digest, fingerprint: fingerprint, result: result))
            return result
        } catch let failure as FileSnapshot.Failure {
            return AuditResult(AuditRecord(path: file.path, format: nil, status: failure.status, size: size, error: failure.reason.hasPrefix(file.path) ? failure.reason : "\(file.path): \(failure.reason)."))
        } catch {
            return AuditResult(AuditRecord(path: file.path, format: nil, status: .unreadable, size: size, error: "\(file.path): \(error.localizedDescription)"))
        }
    }

    /// Opens, verifies and scans a file whose bytes are in memory.
    func examine(_ file: WalkedFile, data: Data, digest: String, verifier: Verifier) -> AuditRecord {
        var record = AuditRecord(path: file.path, format: nil, status: .unreadable, size: data.count, sha256: digest)
        do {
            let handler = try loader.handler(for: file.path, data: data)
            record.format = handler.id
            let document = try handler.open(DocumentInput(data: data, path: file.path, limits: options.limits))
            let metadata = try document.metadataEntries().map(Self.describingPlace)
            let evidence = scan(EvidenceInput(path: file.path, format: handler.id, text: try document.text().describingPlaces(),
                                              metadata: metadata, raw: data))
            record.author = AuthorProperty.value(in: metadata)
            record.notes = document.warnings
            let report = try verifier.verify(document: document, path: file.path, raw: data, declarations: evidence.declarations)
            let stampFound = !report.found.isEmpty
            record.disclosure = report.disclosure
            // The policy applies to every file, declared or not; the other verify checks only to our stamps.
            record.checks = stampFound ? report.checks : report.checks.filter { $0.id.hasPrefix(PolicyCheck.idPrefix) }
            record.declarations = evidence.declarations
            record.findings = Self.strongestFirst(evidence.findings)
            record.status = Classifier(minStrength: options.minStrength).status(stampFound: stampFound, checks: report.checks, evidence: evidence)
        } catch let error as DisclosureError {
            if case .unsupportedFormat = error { record.status = .unsupported }
            record.error = error.description
        } catch {
            record.error = "\(file.path): \(error.localizedDescription)"
        }
        return record
    }

    /// A metadata entry with its place in words: a link where it is, any other entry in the file's properties.
    static func describingPlace(_ entry: MetadataEntry) -> MetadataEntry {
        var entry = entry
        guard entry.location.words == nil else { return entry }
        let line = entry.location.line.map { " (line \($0))" } ?? ""
        entry.location.words = entry.key == EvidenceEntryKey.link ? "in a link" + line
            : entry.location.line == nil ? Location.placeWords(stream: "metadata", index: 1, count: 1) : "in the file's metadata" + line
        return entry
    }

    /// The format id given to a report Disclose wrote (``ReportMarker``).
    public static let discloseReportFormat: FormatID = "disclose-report"

    /// The record of a report Disclose wrote, found in an audited folder: listed, not scanned.
    static func discloseReport(path: String, size: Int) -> AuditRecord {
        AuditRecord(path: path, format: discloseReportFormat, status: .unsupported, size: size,
                    error: "\(path): a report made by Disclose (an earlier audit); listed, not scanned.")
    }

    func unsupported(_ file: WalkedFile, size: Int) -> AuditRecord {
        let ext = PathExtension.of(file.path)
        let error = DisclosureError.unsupportedFormat(path: file.path, detail: ext.isEmpty ? "no file extension and unrecognised content" : "extension .\(ext)")
        return AuditRecord(path: file.path, format: nil, status: .unsupported, size: size, error: error.description)
    }

    /// Findings sorted strongest first, keeping the scanner's order within a strength.
    static func strongestFirst(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { a, b in
            a.element.strength != b.element.strength ? a.element.strength > b.element.strength : a.offset < b.offset
        }.map(\.element)
    }
}
