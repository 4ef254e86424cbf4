import Foundation

/// The AI tools pupils and staff name in written declarations, each with its canonical name and
/// the ways people write it ("chat gpt", "Chat-GPT", "chatgpt4o", "co pilot", "Snapchat My AI").
///
/// Read only inside a declaration (a heading's paragraphs, a labelled line, a first-person
/// sentence, an answer cell), never as a signal in running text. Sources for the list: the
/// tools named in DfE "Generative AI: product safety expectations" (2025), JCQ "AI Use in
/// Assessments" (2025), Ofcom "Online Nation" and "Children's Media Lives" (2024–25: ChatGPT,
/// Snapchat My AI, Gemini, Copilot, Meta AI, Character.AI), the Oak National Academy and
/// TeachMate AI materials for staff, and the pupil declarations quoted in issue 12.
enum ToolCatalogue {
    /// One tool: its canonical name and the regular expression (case-insensitive, whole words)
    /// that finds the ways it is written.
    struct Entry {
        var canonical: String
        var pattern: String
        /// Literal spellings for the paragraph anchor (``WrittenDeclarations/anchorWords``).
        var anchors: [String]
    }

    /// Separator between the words of a name: nothing, spaces, a hyphen or a dot.
    static let gap = "[\\s\\-.]?"
    static let version = "(?:[\\s\\-]?(?:\\d+(?:\\.\\d+)?(?:o|\\s?turbo|\\s?mini|\\s?pro|\\s?plus)?|o\\d(?:[\\s\\-]?mini)?|4o(?:[\\s\\-]?mini)?|plus|pro|premium|free))?"

    static let entries: [Entry] = [
        Entry(canonical: "GitHub Copilot", pattern: "git\(gap)hub\\s+co\(gap)pilot", anchors: ["github copilot"]),
        Entry(canonical: "Microsoft Copilot",
              pattern: "(?:microsoft(?:\\s+365)?\\s+|m365\\s+|ms\\s+|bing\\s+|windows\\s+)?co\(gap)pilot(?:\\s+(?:chat|pro|365))?|bing\\s+(?:chat|ai)",
              anchors: ["copilot", "co pilot", "co-pilot", "bing chat", "bing ai"]),
        Entry(canonical: "ChatGPT",
              pattern: "chat\(gap)g\\.?p\\.?t\(version)|(?:open\\s?ai(?:'s)?\\s+)?gpt[\\s\\-]?(?:\\d+(?:\\.\\d+)?o?|4o)(?:[\\s\\-]?(?:turbo|mini))?|open\\s?ai|chat\\s?bot\\s+gpt",
              anchors: ["chatgpt", "chat gpt", "chat-gpt", "chat.gpt", "openai", "open ai", "gpt", "gpt-3", "gpt-3.5", "gpt-4", "gpt-4o", "gpt-5", "gpt4", "gpt4o", "gpt5"]
                + ["3", "3.5", "4", "4o", "5", "o1", "o3", "plus", "pro"].flatMap { ["chatgpt" + $0, "chatgpt-" + $0, "chatgpt " + $0] }),
        Entry(canonical: "Gemini", pattern: "(?:google(?:'s)?\\s+)?gemini(?:\\s+(?:advanced|pro|flash|\\d(?:\\.\\d)?))?|(?:google(?:'s)?\\s+)?bard",
              anchors: ["gemini", "google gemini", "bard", "google bard"]),
        Entry(canonical: "Google AI Overviews", pattern: "google(?:'s)?\\s+ai(?:\\s+overviews?|\\s+mode)?|ai\\s+overviews?", anchors: ["ai overview", "ai overviews"]),
        Entry(canonical: "Claude", pattern: "claude(?:\\.ai)?(?:\\s+(?:\\d(?:\\.\\d)?\\s+)?(?:sonnet|opus|haiku)(?:\\s+\\d(?:\\.\\d)?)?)?|anthropic(?:'s)?\\s+claude", anchors: ["claude", "claude.ai", "anthropic"]),
        Entry(canonical: "Grammarly", pattern: "gramm[ae]rly(?:\\s*go)?", anchors: ["grammarly", "grammerly", "grammarlygo"]),
        Entry(canonical: "QuillBot", pattern: "quill\(gap)bot", anchors: ["quillbot", "quill bot", "quill-bot"]),
        Entry(canonical: "Snapchat My AI",
              pattern: "snap\(gap)chat(?:'s)?\\s+(?:my\\s?ai|ai(?:\\s+(?:chat)?bot)?)|my\\s?ai\\s+(?:on|in|from)\\s+snap\(gap)chat|(?<=\\bthe\\s)my\\s?ai\\s+(?:chat)?bot",
              anchors: ["snapchat", "snap chat", "my ai", "myai"]),
        Entry(canonical: "Perplexity", pattern: "perplexity(?:\\s+ai|\\.ai)?", anchors: ["perplexity"]),
        Entry(canonical: "DeepL", pattern: "deep\\-?l(?:\\s+(?:translate|translator|write))?", anchors: ["deepl", "deep-l"]),
        Entry(canonical: "Google Translate", pattern: "google(?:'s)?\\s+translat(?:e|or|ion)", anchors: ["google translate"]),
        Entry(canonical: "Canva Magic Write", pattern: "(?:canva(?:'s)?\\s+)?magic\\s+(?:write|media|design)|canva(?:'s)?\\s+ai", anchors: ["magic write", "canva"]),
        Entry(canonical: "Canva", pattern: "canva", anchors: []),
        Entry(canonical: "Notion AI", pattern: "notion(?:'s)?\\s+ai", anchors: ["notion ai"]),
        Entry(canonical: "Meta AI", pattern: "meta(?:'s)?\\s+ai|(?:meta\\s+)?llama(?:\\s?\\d(?:\\.\\d)?)?|ai\\s+(?:on|in)\\s+(?:whats\\s?app|instagram)", anchors: ["meta ai", "llama"]),
        Entry(canonical: "Character.AI", pattern: "character\(gap)ai", anchors: ["character.ai", "character ai", "characterai"]),
        Entry(canonical: "Wordtune", pattern: "word\(gap)tune", anchors: ["wordtune", "word tune"]),
        Entry(canonical: "Otter.ai", pattern: "otter(?:\\.ai|\\s+ai)", anchors: ["otter.ai", "otter ai"]),
        Entry(canonical: "Khanmigo", pattern: "khan\(gap)migo", anchors: ["khanmigo"]),
        Entry(canonical: "CENTURY", pattern: "century\\s+(?:tech|ai|learning)", anchors: ["century tech"]),
        Entry(canonical: "TeachMate AI", pattern: "teach\(gap)mate(?:\\s*ai)?", anchors: ["teachmate", "teach mate"]),
        Entry(canonical: "Oak Aila", pattern: "(?:oak(?:'s)?\\s+(?:national\\s+academy(?:'s)?\\s+)?)?aila", anchors: ["aila"]),
        Entry(canonical: "MagicSchool", pattern: "magic\(gap)school(?:\\s*ai)?", anchors: ["magicschool", "magic school"]),
        Entry(canonical: "Gamma", pattern: "gamma(?:\\.app|\\s+ai|\\s+app)?", anchors: ["gamma.app", "gamma ai"]),
        Entry(canonical: "Midjourney", pattern: "mid\(gap)journey", anchors: ["midjourney", "mid journey"]),
        Entry(canonical: "DALL·E", pattern: "dall[\\s\\-·.]?e(?:[\\s\\-]?\\d)?", anchors: ["dall-e", "dall·e", "dalle", "dall e", "dall-e 3"]),
        Entry(canonical: "Adobe Firefly", pattern: "(?:adobe(?:'s)?\\s+)?firefly", anchors: ["firefly"]),
        Entry(canonical: "DeepSeek", pattern: "deep\(gap)seek", anchors: ["deepseek", "deep seek"]),
        Entry(canonical: "Mistral Le Chat", pattern: "mistral(?:\\s+ai)?|le\\s+chat", anchors: ["mistral", "le chat"]),
        Entry(canonical: "Grok", pattern: "grok", anchors: ["grok"]),
        Entry(canonical: "Jasper", pattern: "jasper(?:\\.ai|\\s+ai)", anchors: ["jasper ai", "jasper.ai"]),
        Entry(canonical: "Copy.ai", pattern: "copy\\.ai", anchors: ["copy.ai"]),
        Entry(canonical: "Writesonic", pattern: "writesonic", anchors: ["writesonic"]),
        Entry(canonical: "Sudowrite", pattern: "sudowrite", anchors: ["sudowrite"]),
        Entry(canonical: "Poe", pattern: "poe(?:\\.com|\\s+ai)", anchors: ["poe.com"]),
        Entry(canonical: "Photomath", pattern: "photo\(gap)math", anchors: ["photomath"]),
        Entry(canonical: "Socratic", pattern: "(?:google\\s+)?socratic(?:\\s+app)?(?=\\s+(?:app|by google|to|for)\\b)", anchors: ["socratic"]),
        Entry(canonical: "Brainly", pattern: "brainly(?:\\s+ai)?", anchors: ["brainly"]),
        Entry(canonical: "Goblin Tools", pattern: "goblin\\.?\\s?tools", anchors: ["goblin tools", "goblin.tools"]),
        Entry(canonical: "Microsoft Designer", pattern: "microsoft\\s+designer|bing\\s+image\\s+creator", anchors: ["microsoft designer", "bing image creator"]),
        Entry(canonical: "Stable Diffusion", pattern: "stable\\s+diffusion", anchors: ["stable diffusion"]),
        Entry(canonical: "Apple Intelligence", pattern: "apple\\s+intelligence", anchors: ["apple intelligence"]),
        Entry(canonical: "Microsoft Translator", pattern: "(?:microsoft|bing)\\s+translat(?:or|e)", anchors: ["microsoft translator", "bing translate"]),
        Entry(canonical: "Turnitin Clarity", pattern: "turnitin\\s+clarity", anchors: ["turnitin clarity"]),
    ]

    /// Any tool, as a non-capturing pattern to put inside other patterns.
    static let anyTool = "(?:" + entries.map(\.pattern).joined(separator: "|") + ")"

    /// Every tool's pattern, tried together (first the one that starts earliest, then the longest).
    static let regex: NSRegularExpression = {
        let alternatives = entries.enumerated().map { "(?<t\($0.offset)>\($0.element.pattern))" }.joined(separator: "|")
        return try! NSRegularExpression(pattern: "(?<![\\w])(?:" + alternatives + ")(?![\\w])", options: [.caseInsensitive])
    }()

    /// For each of ``entries``, in order: words (lower-case ASCII) one of which every match of the
    /// entry's pattern contains. An all-ASCII text with none of them names no tool (ICU's
    /// case-insensitive matching of ASCII text against ASCII words is ASCII case folding), so the
    /// regular expression is not run on it; a text with any other character always runs it.
    /// `ToolCataloguePrefilterTests` requires each word to be written in its pattern and every
    /// text that names a tool to pass.
    static let requiredWords: [[String]] = [
        ["pilot"], ["pilot", "bing"], ["chat", "gpt", "open"], ["gemini", "bard"], ["google", "overview"], ["claude"],
        ["gramm"], ["quill"], ["snap", "bot"], ["perplexity"], ["deep"], ["google"], ["magic", "canva"], ["canva"],
        ["notion"], ["meta", "llama", "whats", "instagram"], ["character"], ["tune"], ["otter"], ["migo"], ["century"],
        ["teach"], ["aila"], ["magic"], ["gamma"], ["journey"], ["dall"], ["firefly"], ["deep"], ["mistral", "chat"],
        ["grok"], ["jasper"], ["copy"], ["writesonic"], ["sudowrite"], ["poe"], ["photo"], ["socratic"], ["brainly"],
        ["goblin"], ["designer", "bing"], ["diffusion"], ["intelligence"], ["translat"], ["clarity"],
    ]

    /// The words of ``requiredWords`` as bytes, by first byte (a small table: cheap to build, one look-up a byte).
    static let requiredByFirstByte = ASCIIWords.byFirstByte(requiredWords.joined())

    /// False when `text` is all ASCII and has none of ``requiredWords`` (in any case): then it names no tool.
    static func mayNameTool(_ text: String) -> Bool {
        guard let ascii = ASCIIWords(text) else { return true }
        return ascii.containsAny(requiredByFirstByte)
    }

    /// Every literal spelling that makes a paragraph worth reading for a declaration.
    static let anchorWords: [String] = entries.flatMap(\.anchors)

    /// The tools named in `text`, in the order written, once per canonical name.
    static func tools(in text: String) -> [DeclarationFacts.Tool] {
        guard mayNameTool(text) else { return [] }
        return toolsByPattern(in: text)
    }

    /// ``tools(in:)`` without the word check: the regular expression on every text.
    static func toolsByPattern(in text: String) -> [DeclarationFacts.Tool] {
        let ns = text as NSString
        var out: [DeclarationFacts.Tool] = []
        var seen: Set<String> = []
        for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            guard let index = (0..<entries.count).first(where: { m.range(withName: "t\($0)").location != NSNotFound }) else { continue }
            let canonical = entries[index].canonical
            guard seen.insert(canonical).inserted else { continue }
            out.append(DeclarationFacts.Tool(asWritten: ns.substring(with: m.range), canonical: canonical))
        }
        return out
    }

    /// The canonical name of a tool written as `name` (a stamp's tool, an `ai-model` label), or nil.
    static func canonical(for name: String) -> String? {
        tools(in: name).first?.canonical
    }
}
