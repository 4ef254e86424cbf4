import Foundation

/// The languages Disclose can write a statement in. A statement is tagged only with a
/// language it is actually written in (`lang` in HTML, `xml:lang`/`w:lang` in DOCX, the
/// `language` field everywhere): tagging English text `cy` would make a screen reader read
/// English words with Welsh pronunciation, and tell search engines and translation tools
/// something untrue.
///
/// Every phrase of the default wording, and every phrase a template's placeholders fill
/// in (purposes, extent, review, dates), is English, so only English tags are accepted;
/// a rendering in another language is added here only when every phrase has one.
public enum StatementLanguage {
    /// The primary language subtags with a complete rendering.
    public static let supportedPrimaryTags = ["en"]
    /// Examples of accepted tags, for messages.
    public static let examples = ["en", "en-GB", "en-US", "en-IE", "en-AU"]

    /// True when `tag` (BCP 47) names a language we write statements in.
    public static func isSupported(_ tag: String) -> Bool {
        let primary = tag.split(separator: "-", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        guard supportedPrimaryTags.contains(primary) else { return false }
        // Letters, digits and hyphens only, as BCP 47 allows.
        return tag.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }
    }

    /// Refuses a language tag we have no complete rendering for.
    /// - Parameter source: where the tag came from, for the message (e.g. `--language`, a policy file).
    /// - Throws: ``DisclosureError/invalidInput(_:)`` naming the supported languages and what to do.
    public static func check(_ tag: String, source: String = "--language") throws {
        guard !isSupported(tag) else { return }
        throw DisclosureError.invalidInput(
            "\(source): the statement would be tagged \"\(tag)\", but Disclose writes statements only in English, so the tag would be untrue "
            + "(a screen reader would read the English words in the wrong language). Supported: English (\(examples.joined(separator: ", ")), "
            + "or any other en-… tag). Leave out the language to use en-GB. A custom --template may change the wording, but the facts it fills in "
            + "(purposes, extent, review, date) are English phrases, so it cannot make a statement in another language either.")
    }
}
