import Foundation

/// Names of AI writing tools and assistants, matched as whole words (never as substrings:
/// "Claudette" or "Jasperware" do not match).
enum ToolNames {
    /// Product or company names that are not also common given names or words.
    static let distinctive = [
        "ChatGPT", "OpenAI", "GPT-3", "GPT-3.5", "GPT-4", "GPT-4o", "GPT-4.1", "GPT-5", "GPT-4 Turbo", "o1-preview",
        "Copilot", "Microsoft Copilot", "Microsoft 365 Copilot", "Bing Chat", "Anthropic", "Perplexity", "Perplexity AI",
        "Google Gemini", "Gemini Pro", "Gemini Advanced", "Google Bard", "Claude.ai", "Claude 3", "Claude 3.5 Sonnet",
        "Claude Sonnet", "Claude Opus", "Claude Haiku", "Jasper AI", "Jasper.ai", "Grammarly GO", "GrammarlyGO",
        "Notion AI", "Writesonic", "Copy.ai", "QuillBot", "DeepSeek", "Mistral AI", "Le Chat", "Llama 2", "Llama 3",
        "Sudowrite", "Rytr", "Wordtune", "Meta AI", "Gemini", "Bard", "Claude", "Jasper", "Grok", "Mistral", "DALL-E",
        "Midjourney", "Firefly", "Adobe Firefly", "HuggingChat", "Poe", "Character.AI", "Pi.ai", "YouChat",
    ]

    /// Names that are also given names or ordinary words; only trusted in fields that name software.
    static let ambiguous: Set<String> = ["gemini", "bard", "claude", "jasper", "grok", "mistral", "poe", "firefly", "le chat"]

    private static let all: [String] = distinctive
    static let matcher = PhraseMatcher(all.enumerated().map { ($0.element, $0.offset) })

    /// For C2PA manifest text: CBOR length bytes can be printable and stick to the front of a
    /// string ("xChatGPT/1.0"), so names need not start a word there; ambiguous names are left out.
    static let unambiguous = all.filter { !ambiguous.contains($0.lowercased()) }
    static let manifestMatcher = PhraseMatcher(unambiguous.enumerated().map { ($0.element, $0.offset) }, wordStart: false, wordEnd: true)

    /// The first unambiguous AI tool named in C2PA manifest text.
    static func firstName(inManifest text: String) -> String? {
        manifestMatcher.matches(in: text).min { $0.range.lowerBound < $1.range.lowerBound }.map { unambiguous[$0.tag] }
    }

    /// The first AI tool named in `text`, as written there; `softwareField` also accepts the
    /// ambiguous names (a generator or producer field names software, not a person).
    static func firstName(in text: String, softwareField: Bool) -> String? {
        var s = text
        return s.withUTF8 { buffer -> String? in
            let matches = matcher.matches(in: buffer)
            // Prefer the longest match at a position ("Claude 3.5 Sonnet" over "Claude").
            for m in matches.sorted(by: { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count }) {
                let name = all[m.tag]
                if !softwareField && ambiguous.contains(name.lowercased()) { continue }
                // "GPT-4" must not match inside "GPT-40x" style part numbers: the matcher checks word ends.
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[m.range]), as: UTF8.self)
            }
            return nil
        }
    }
}
