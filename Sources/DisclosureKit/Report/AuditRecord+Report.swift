import Foundation

/// What the report writers need from a record, computed one way for every format.
/// (An extension of the shared audit model; the model itself lives in `Audit/`.)
extension AuditRecord {
    /// The checks that failed, in the order verify ran them.
    var reportFailedChecks: [CheckResult] { checks.filter { $0.status == .fail } }

    /// True when a report should list this file individually: it has findings, declarations,
    /// failed checks or an error, or its disclosure has problems.
    var reportListsIndividually: Bool {
        !findings.isEmpty || !declarations.isEmpty || !reportFailedChecks.isEmpty
            || status == .unreadable || status == .disclosedWithProblems
    }
}

extension Disclosure {
    /// The visible statement as stamped, or (when the metadata has none) the statement it renders to.
    var reportStatement: String { statement ?? StatementRenderer().render(self) }
}

extension Finding {
    /// A short title for the signal: the catalogue's title when it has one, else the signal id.
    var signalTitle: String { SignalCatalogue.descriptor(id: signal.rawValue)?.title ?? signal.rawValue }

    /// The finding's own explanation, or the catalogue's rationale when the finding has none.
    var reportExplanation: String {
        let own = QuickTrim.whitespacesAndNewlines(explanation)
        if !own.isEmpty { return own }
        return SignalCatalogue.descriptor(id: signal.rawValue)?.rationale ?? ""
    }
}

extension AuditStatus {
    /// A plain-English label for people, e.g. "disclosed, with problems". Describes the file.
    var reportLabel: String {
        switch self {
        case .disclosedVerified: return "disclosed, verified"
        case .disclosedWithProblems: return "disclosed, with problems"
        case .declaredNoAI: return "declared another way: no AI used"
        case .declaredAIUse: return "declared another way: AI used"
        case .declaredUnclear: return "declared another way: please read it"
        case .undisclosedWithSignals: return "no disclosure, signals found"
        case .undisclosed: return "no disclosure, no signals"
        case .unsupported: return "not a supported format"
        case .unreadable: return "could not be read"
        }
    }
}

extension Location {
    /// True when the location carries anything at all.
    var reportIsEmpty: Bool { part == nil && paragraph == nil && line == nil && column == nil && byteOffset == nil }

    /// The place in words after a noun: "in the page header", "at the end of the document
    /// (paragraph 29 of 30)", "under the heading “AI declaration” (…)", "at line 3".
    var terminalWords: String {
        let words = plainWords
        if words.hasPrefix("in ") || words.hasPrefix("under ") { return words }
        if words.hasPrefix("end ") || words.hasPrefix("start ") { return "at the " + words }
        return "at " + words
    }

    /// The description with the byte offset added when it is not already part of it,
    /// e.g. "word/document.xml, paragraph 3 (byte 120)".
    var reportDescription: String {
        guard let byteOffset, part != nil || paragraph != nil || line != nil else { return description }
        return description + " (byte \(byteOffset))"
    }
}

/// Text helpers shared by the writers.
enum ReportText {
    /// `text` with control characters (``isControl(_:)``) replaced by visible `\u{..}` escapes,
    /// so that names and excerpts from untrusted files cannot drive a terminal or break a line.
    static func printable(_ text: String) -> String {
        var copy = text
        // Nearly all text has nothing to escape: one pass over the bytes finds that, and the text
        // is returned as it is (building it again a scalar at a time cost a warm terminal audit
        // of 5,000 files about 375 M instructions).
        if !copy.withUTF8({ mayHoldControl($0) }) { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += escaped(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// True when some scalar of `bytes` (valid UTF-8) is one ``isControl(_:)`` is true for,
    /// read from the bytes: C0 controls and DEL are single bytes below 0x20 or equal to 0x7F;
    /// C1 controls are encoded C2 80 to C2 9F; the separators, embeddings and overrides E2 80
    /// A8 to E2 80 AE; the isolates E2 81 A6 to E2 81 A9.
    static func mayHoldControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            if byte < 0x20 || byte == 0x7F { return true }
            if byte == 0xC2, i + 1 < n, bytes[i + 1] <= 0x9F { return true }
            if byte == 0xE2, i + 2 < n {
                let second = bytes[i + 1], third = bytes[i + 2]
                if second == 0x80, third >= 0xA8, third <= 0xAE { return true }
                if second == 0x81, third >= 0xA6, third <= 0xA9 { return true }
            }
            i += 1
        }
        return false
    }

    /// C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidirectional
    /// embeddings, overrides and isolates (which can make a file name read backwards).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// `\u{1b}` for U+001B.
    static func escaped(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16) + "}"
    }

    /// The declaration as one line: `kind: “quote”`.
    static func declarationLine(_ d: Declaration) -> String {
        "\(d.kind): “\(d.quote)”"
    }

    /// Splits `tool` ("disclose 0.1.0") into a name and an optional version.
    static func toolNameAndVersion(_ tool: String) -> (name: String, version: String?) {
        let parts = tool.split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = parts.first, !name.isEmpty else { return ("disclose", nil) }
        return (name, parts.count > 1 ? parts[1] : nil)
    }
}
