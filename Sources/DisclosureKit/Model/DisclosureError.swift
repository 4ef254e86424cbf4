import Foundation

/// Every error DisclosureKit throws. Each case names the file, the problem and
/// what to do next, and maps to one documented exit code (``exitCode``).
public enum DisclosureError: Error, Equatable, Sendable {
    /// The file does not exist or cannot be opened.
    case fileNotFound(path: String)
    /// The file is not a format Disclose reads.
    case unsupportedFormat(path: String, detail: String)
    /// The file is of a supported format but cannot be read; `reason` says why, `hint` what to do.
    case unreadable(path: String, reason: String, hint: String)
    /// The file is encrypted or password-protected; Disclose never decrypts a file or drops its
    /// protection. The format's handler words `reason` and `hint` (how to get a copy Disclose can
    /// read), as in ``encryptedPackage(path:)`` and ``encryptedPDF(path:)``.
    case encrypted(path: String, reason: String, hint: String)
    /// The file exceeds a safety limit (size, entry count, compression ratio, nesting).
    case limitExceeded(path: String, what: String, limit: String)
    /// Bytes that are not valid in the file's encoding.
    case invalidEncoding(path: String, encoding: String, byteOffset: Int?)
    /// A disclosure (JSON, front matter, properties) could not be understood.
    case invalidDisclosure(path: String, reason: String)
    /// Arguments or input facts that cannot make a valid disclosure.
    case invalidInput(String)
    /// Writing failed; the original is untouched.
    case writeFailed(path: String, reason: String)
    /// A policy forbids the requested action.
    case policyViolation(path: String, rule: String, detail: String)
    /// The document carries its own digital signature (in `parts`), which stamping would
    /// invalidate; stamp only with ``StampOptions/allowInvalidatingSignature``. `keepsRevision`
    /// is true for formats whose stamp is appended after the signed bytes (a PDF's incremental
    /// update): the signature still covers its revision, but readers show the file changed since.
    case signedDocument(path: String, parts: [String], keepsRevision: Bool = false)

    /// The documented process exit code for this error:
    /// 2 usage or input, 3 unreadable or unsupported file (or one that cannot be changed as
    /// it is: a document signed by its author), 4 write failed, 1 refused by policy.
    public var exitCode: Int32 {
        switch self {
        case .invalidInput: return 2
        case .fileNotFound, .unsupportedFormat, .unreadable, .encrypted, .limitExceeded, .invalidEncoding, .invalidDisclosure, .signedDocument:
            return 3
        case .writeFailed: return 4
        case .policyViolation: return 1
        }
    }

    /// The path the error is about, when there is one.
    public var path: String? {
        switch self {
        case .fileNotFound(let p), .unsupportedFormat(let p, _), .unreadable(let p, _, _), .encrypted(let p, _, _),
             .limitExceeded(let p, _, _), .invalidEncoding(let p, _, _), .invalidDisclosure(let p, _),
             .writeFailed(let p, _), .policyViolation(let p, _, _), .signedDocument(let p, _, _):
            return p
        case .invalidInput: return nil
        }
    }
}

extension DisclosureError: LocalizedError, CustomStringConvertible {
    /// One or two sentences: the file, the problem, then what to do next.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file, or it cannot be opened. Check the path and that you have permission to read it."
        case .unsupportedFormat(let path, let detail):
            let formats = FormatRegistry.standard.extensionList
            if detail.hasPrefix("extension") || detail.hasPrefix("no file extension") {
                return "\(path): not a document Disclose reads (\(detail)). Disclose reads \(formats) files; convert the file to one of these first."
            }
            if detail.hasPrefix("by its content, ") {
                return "\(path): not a document Disclose reads: \(detail). Disclose reads \(formats) files; save or export a copy as one of these to stamp it."
            }
            return "\(path): Disclose cannot use this file: \(detail)."
        case .unreadable(let path, let reason, let hint):
            return "\(path): \(reason). \(hint)"
        case .encrypted(let path, let reason, let hint):
            return "\(path): \(reason). \(hint)"
        case .limitExceeded(let path, let what, let limit):
            return "\(path): \(what), over the safety limit of \(limit). The file may be damaged or built to exhaust memory, so it was not read further; nothing was written."
        case .invalidEncoding(let path, let encoding, let offset):
            let at = offset.map { " at byte \($0)" } ?? ""
            return "\(path): the text is not valid \(encoding)\(at). Re-save the file as UTF-8 (or fix its declared encoding) and try again; nothing was written."
        case .invalidDisclosure(let path, let reason):
            return "\(path): the disclosure could not be understood: \(reason). Check the file against docs/format.md."
        case .invalidInput(let message):
            return message
        case .writeFailed(let path, let reason):
            return "\(path): could not write the result (\(reason)). The original file is untouched; check free space and permissions, then try again."
        case .policyViolation(let path, let rule, let detail):
            return "\(path): the policy does not allow this disclosure (rule \(rule)): \(detail)"
        case .signedDocument(let path, let parts, let keepsRevision):
            let named = parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
            if keepsRevision {
                return "\(path): the document is digitally signed\(named). Stamping adds to the file after the signed bytes: each earlier signature still covers the revision it signed, but PDF readers will show that the document was changed after signing. Nothing was written. Stamp it before it is signed, or, if that is acceptable, stamp it with --allow-invalidating-signature."
            }
            return "\(path): the document is digitally signed\(named), and stamping changes it, so its own signature would no longer verify. Nothing was written. Stamp it first and then ask the signer to sign it again, or, if a broken signature is acceptable, stamp it with --allow-invalidating-signature."
        }
    }

    public var errorDescription: String? { description }
}
