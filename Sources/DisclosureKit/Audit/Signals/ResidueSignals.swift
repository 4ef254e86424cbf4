import Foundation

/// Chat-interface residue pasted into the text: an assistant's openers and closers, its
/// talk about itself, the chat screen's own text, citation markers and left-over placeholders.
enum ResidueSignals {
    static let opener = SignalDescriptor(
        id: "residue.assistant-opener", family: "residue", strength: .moderate, title: "Chat assistant's opening line",
        rationale: "A paragraph opens the way chat assistants open replies (\"Certainly! Here is...\", \"Sure! Here's...\", \"Great question!\") or offers \"a revised version of your...\" text. Such lines are the assistant talking to the user and end up in documents when a reply is pasted whole.",
        falsePositives: "Dialogue in fiction or a transcript written without quotation marks; an email answering a request (\"Sure, here is the file\"). Quoted or code text is not reported.")
    static let closer = SignalDescriptor(
        id: "residue.assistant-closer", family: "residue", strength: .moderate, title: "Chat assistant's offer to do more",
        rationale: "The text offers further help the way assistants end replies (\"Let me know if you'd like me to...\", \"Would you like me to...\", \"If you'd like, I can...\"). In a finished essay or report nobody is there to take up the offer.",
        falsePositives: "Emails and letters, where the writer does offer more; offers that end in \"me to\" or \"I can\" count only when they are about working on the text (\"Would you like me to expand...\", not \"Would you like me to send the slides?\"). Quoted or code text is not reported.")
    static let helpful = SignalDescriptor(
        id: "residue.helpful-closer", family: "residue", strength: .weak, title: "Chat-style sign-off",
        rationale: "Sign-offs such as \"I hope this helps!\" or \"Happy writing!\" that chat assistants add to replies.",
        falsePositives: "Forum answers, emails and tutorials written by people use the same phrases; weak on its own.")
    static let selfReference = SignalDescriptor(
        id: "residue.self-reference", family: "residue", strength: .strong, title: "The text speaks as an AI model",
        rationale: "The text refers to itself as an AI or to its own limits (\"As an AI language model\", \"I cannot browse the internet\", \"as of my knowledge cutoff\"). Only a model says this about itself; it appears in documents when a reply is pasted unedited.",
        falsePositives: "Writing about chatbots that quotes them: text in quotation marks, blockquotes and code is not reported, so a report quoting \"As an AI language model...\" is fine.")
    static let interface = SignalDescriptor(
        id: "residue.chat-interface", family: "residue", strength: .strong, title: "Chat screen text copied along",
        rationale: "Text from the chat application's screen itself: \"ChatGPT said:\", \"Regenerate response\", \"ChatGPT can make mistakes. Check important info.\", \"Claude can make mistakes\". It is copied when a whole conversation is selected.",
        falsePositives: "Guides and screenshots' captions describing the chat screen; quoted or code text is not reported.")
    static let citation = SignalDescriptor(
        id: "residue.citation-marker", family: "residue", strength: .strong, title: "Chat citation marker",
        rationale: "Source markers that chat assistants write into replies and that survive copying: `【12†source】`, `:contentReference[oaicite:0]{index=0}`, `oai_citation`, `[cite: 1]` and `[cite_start]` (Gemini), `[citation:3]` (DeepSeek), `grok_card` and `grok:render` (Grok), `turn0search0`-style handles and the private-use characters around them. People do not type these.",
        falsePositives: "Articles about these markers that show them as examples; in code they are not reported, in quotations they are reported as weak.")
    static let placeholder = SignalDescriptor(
        id: "residue.placeholder", family: "residue", strength: .weak, title: "Left-over fill-in placeholder",
        rationale: "Bracketed placeholders that assistants leave in drafted letters, cover letters and forms: \"[Your Name]\", \"[Insert date]\", \"[Company Name]\", \"[Recipient's Name]\".",
        falsePositives: "Templates written by people contain them too; blank lines such as \"Name: ______\" are never reported.")

    static let markdown = SignalDescriptor(
        id: "residue.markdown-syntax", family: "residue", strength: .weak, title: "Markdown syntax shown as text",
        rationale: "A paragraph shows Markdown marks as literal text: it starts with `##` or `###` and a space, or has two or more `**bold**` pairs. Chat assistants answer in Markdown, and when a reply is pasted into Word or a web editor as plain text the marks stay visible. Markdown files are rendered first, so their own syntax never counts.",
        falsePositives: "People who write notes in Markdown habitually and paste them as plain text; text escaped on purpose in a Markdown file (`\\*\\*`). Code is not read.")

    static let descriptors = [opener, closer, helpful, selfReference, interface, citation, placeholder, markdown]

    enum Kind: Int { case opener, openerAnywhere, closer, helpful, selfReference, interface, placeholder, citation, turnHandle, cornerBracket }

    static let wordPhrases: [(String, Kind)] = {
        var out: [(String, Kind)] = []
        for p in ["certainly! here", "certainly, here", "certainly! below", "sure! here", "sure, here's", "sure, here is", "sure! below",
                  "of course! here", "of course, here", "of course! below", "absolutely! here", "absolutely, here", "great question!",
                  "i'd be happy to help", "i would be happy to help", "i'd be glad to help"] { out.append((p, .opener)) }
        for p in ["here's a revised version of your", "here is a revised version of your", "here is an improved version of your",
                  "here's an improved version of your", "here's a polished version of your", "here is a polished version of your",
                  "here is a rewritten version of your", "here's a rewritten version of your", "here's a refined version of your",
                  "here is a refined version of your"] { out.append((p, .openerAnywhere)) }
        for p in ["let me know if you'd like me to", "let me know if you would like me to", "let me know if you want me to",
                  "would you like me to", "do you want me to", "if you'd like, i can", "if you would like, i can", "if you want, i can",
                  "i can also help you", "feel free to ask if you", "let me know if you need any adjustments", "let me know if you'd like any changes",
                  "let me know if you'd like any adjustments", "let me know if you need further assistance", "is there anything else i can help you with",
                  "let me know if you'd like a shorter", "let me know if you'd like a longer"] { out.append((p, .closer)) }
        for p in ["i hope this helps", "hope this helps!", "hope that helps!", "happy writing!", "i hope this information is helpful",
                  "i hope you find this helpful"] { out.append((p, .helpful)) }
        for p in ["as an ai language model", "as an ai model", "as a large language model", "as an ai assistant", "as an ai developed by",
                  "i am an ai language model", "i'm an ai language model", "i'm just an ai", "i am just an ai", "i am an ai developed by",
                  "i cannot browse the internet", "i can't browse the internet", "i am unable to browse the internet", "i'm unable to browse the internet",
                  "i don't have the ability to browse", "i do not have the ability to browse", "i don't have access to real-time", "i do not have access to real-time",
                  "as of my knowledge cutoff", "as of my last knowledge update", "my knowledge cutoff", "as of my last training update",
                  "my training data only goes", "my training cutoff", "as of my last update in", "i don't have personal opinions",
                  "i do not have personal opinions", "i don't have personal experiences", "i do not have personal experiences",
                  "i was trained by openai", "i was developed by openai", "as an ai, i", "as an ai, i'm", "i cannot access real-time",
                  "i can't access real-time", "i'm not able to access real-time", "i don't have the ability to access", "as of my training data",
                  "my knowledge is current up to", "as of my last update", "my training data goes up to", "my training data extends"] { out.append((p, .selfReference)) }
        for p in ["regenerate response", "chatgpt can make mistakes", "chatgpt said:", "copilot said:", "claude can make mistakes",
                  "gemini can make mistakes", "gemini may display inaccurate info", "copilot may make mistakes", "is this conversation helpful so far",
                  "you've reached the current usage cap", "chatgpt may produce inaccurate"] { out.append((p, .interface)) }
        return out
    }()

    static let markerPhrases: [(String, Kind)] = {
        var out: [(String, Kind)] = []
        for p in ["[your name]", "[your full name]", "[insert ", "[company name]", "[recipient's name]", "[recipient name]", "[your email",
                  "[your address]", "[your phone", "[your title]", "[your position]", "[date]", "[today's date]", "[name of ", "[client's name]",
                  "[client name]", "[job title]", "[organization name]", "[organisation name]", "[school name]", "[your company", "[your university",
                  "[your school", "[student name]", "[teacher's name]", "[hiring manager", "[manager's name]", "[phone number]", "[email address]",
                  "[add "] { out.append((p, .placeholder)) }
        for p in ["oaicite", "oai_citation", ":contentreference[", "[cite:", "[cite_start]", "citeturn", "filecite", "\u{E200}cite", "\u{E202}turn",
                  "attributableindex", "grok_card", "grok:render", "[attached_file:", "[citation:"] {
            out.append((p, .citation))
        }
        for d in 0...9 { out.append(("turn\(d)", .turnHandle)) }
        out.append(("\u{3010}", .cornerBracket)) // 【
        return out
    }()

    /// The tag of the phrases that make a paragraph worth reading for a written declaration.
    static let declarationAnchor = 1000
    /// One matcher for every phrase the text families look for, so each paragraph is read once:
    /// residue phrases (whole words), markers (anywhere) and the written declarations' anchors.
    static let phrases = PhraseMatcher(entries:
        wordPhrases.map { ($0.0, $0.1.rawValue, true, true) }
        + markerPhrases.map { ($0.0, $0.1.rawValue, false, false) }
        + WrittenDeclarations.anchorWords.map { ($0, declarationAnchor, true, true) })
    static let markerKinds: Set<Kind> = [.placeholder, .citation, .turnHandle, .cornerBracket]
    static let handleKinds = ["search", "news", "view", "fetch", "image", "file", "forecast", "finance", "sports", "product", "academia", "calc", "reddit", "video", "open"].map { Array($0.utf8) }

    /// Matches looked at per paragraph and matcher; the rest of a pathological paragraph adds nothing.
    static let maxMatchesPerParagraph = 200

    static func descriptor(_ kind: Kind) -> SignalDescriptor {
        switch kind {
        case .opener, .openerAnywhere: return opener
        case .closer: return closer
        case .helpful: return helpful
        case .selfReference: return selfReference
        case .interface: return interface
        case .placeholder: return placeholder
        case .citation, .turnHandle, .cornerBracket: return citation
        }
    }

    /// Scans one paragraph.
    /// Scans one paragraph.
    /// - Returns: true when the paragraph mentions AI or a tool (worth reading for a written declaration).
    @discardableResult
    static func scan(_ paragraph: TextParagraph, _ context: ScanContext) -> Bool {
        var text = paragraph.text
        return text.withUTF8 { buffer -> Bool in
            // Where the paragraph sits is worked out only when something matched.
            lazy var setting = context.setting(of: paragraph)
            var quotes = QuoteTracker()
            let all = phrases.matches(in: buffer)
            let anchored = all.contains { $0.tag == declarationAnchor }
            let found = all.filter { $0.tag != declarationAnchor }
            let words = found.filter { Kind(rawValue: $0.tag).map { !markerKinds.contains($0) } ?? false }
            let markers = found.filter { Kind(rawValue: $0.tag).map { markerKinds.contains($0) } ?? false }
            for m in words.prefix(maxMatchesPerParagraph) {
                guard let kind = Kind(rawValue: m.tag), context.count(descriptor(kind)) < context.maxFindingsPerSignal, setting != .code else { continue }
                if setting == .quoted || quotes.isQuoted(buffer, at: m.range.lowerBound) || context.isInQuotingElement(paragraph, buffer, m.range) { continue }
                if kind == .opener && !startsLine(buffer, m.range.lowerBound) { continue }
                let excerpt = Snippet.around(buffer, m.range)
                switch kind {
                case .opener, .openerAnywhere:
                    context.add(opener, at: paragraph.location, excerpt: excerpt, explanation: "This looks like the opening of a chat assistant's reply pasted into the text; please check with the author.")
                case .closer:
                    guard offersTextWork(buffer, after: m.range.upperBound) else { continue }
                    context.add(closer, at: paragraph.location, excerpt: excerpt, explanation: "This looks like a chat assistant's offer to do more, left in a pasted reply; please check with the author.")
                case .helpful:
                    context.add(helpful, at: paragraph.location, excerpt: excerpt, explanation: "A sign-off typical of chat assistants' replies; people write it too, so this is weak evidence on its own.")
                case .selfReference:
                    context.add(selfReference, at: paragraph.location, excerpt: excerpt, explanation: "The text speaks as an AI model, which happens when a chat assistant's reply is pasted; please check with the author.")
                case .interface:
                    context.add(interface, at: paragraph.location, excerpt: excerpt, explanation: "Text from a chat assistant's screen was copied along with the content; please check with the author.")
                default: break
                }
            }
            markdownSyntax(paragraph, buffer, context)
            var markerQuotes = QuoteTracker()
            for m in markers.prefix(maxMatchesPerParagraph) {
                guard let kind = Kind(rawValue: m.tag), context.count(descriptor(kind)) < context.maxFindingsPerSignal, setting != .code else { continue }
                let quoted = setting == .quoted || markerQuotes.isQuoted(buffer, at: m.range.lowerBound) || context.isInQuotingElement(paragraph, buffer, m.range)
                switch kind {
                case .placeholder:
                    guard !quoted, closes(buffer, from: m.range.upperBound - 1, within: 60) else { continue }
                    context.add(placeholder, at: paragraph.location, excerpt: Snippet.around(buffer, m.range),
                                explanation: "A fill-in placeholder of the kind chat assistants leave in drafted letters and forms; templates written by people have them too.")
                case .citation, .turnHandle, .cornerBracket:
                    if kind == .turnHandle && !isTurnHandle(buffer, m.range) { continue }
                    if kind == .cornerBracket && !isCornerCitation(buffer, m.range) { continue }
                    if kind == .citation, Array("[cite:".utf8).elementsEqual(buffer[m.range].map(PhraseMatcher.lower)) || Array("[citation:".utf8).elementsEqual(buffer[m.range].map(PhraseMatcher.lower)),
                       !(m.range.upperBound < buffer.count && (buffer[m.range.upperBound] == 0x20 || (buffer[m.range.upperBound] >= 0x30 && buffer[m.range.upperBound] <= 0x39))) { continue }
                    context.add(citation, at: paragraph.location, excerpt: Snippet.around(buffer, m.range),
                                explanation: quoted ? "A chat assistant's citation marker appears inside a quotation; it may be an example rather than pasted text."
                                    : "A citation marker that chat assistants put in their replies was copied with the text; please check with the author.",
                                strength: quoted ? .weak : nil)
                default: break
                }
            }
            return anchored
        }
    }

    /// Literal Markdown in a paragraph's text: a `##`/`###` heading mark at its start, or two `**bold**` pairs.
    static func markdownSyntax(_ paragraph: TextParagraph, _ b: UnsafeBufferPointer<UInt8>, _ context: ScanContext) {
        var at: Int?
        var i = 0
        while i < b.count, b[i] == 0x20 { i += 1 }
        var hashes = 0
        while i + hashes < b.count, b[i + hashes] == 0x23 { hashes += 1 }
        if hashes >= 2, hashes <= 4, i + hashes + 1 < b.count, b[i + hashes] == 0x20, b[i + hashes + 1] > 0x20 { at = i }
        if at == nil, let base = b.baseAddress, memchr(base, 0x2A, b.count) != nil {
            var pairs = 0
            var j = 0
            var first: Int?
            while j + 1 < b.count, pairs < 2 {
                if b[j] == 0x2A, b[j + 1] == 0x2A, j + 2 < b.count, b[j + 2] > 0x20, b[j + 2] != 0x2A {
                    var k = j + 3
                    while k + 1 < b.count, k - j < 120, !(b[k] == 0x2A && b[k + 1] == 0x2A) { k += 1 }
                    if k + 1 < b.count, b[k] == 0x2A, b[k + 1] == 0x2A, b[k - 1] > 0x20 {
                        pairs += 1
                        if first == nil { first = j }
                        j = k + 2
                        continue
                    }
                }
                j += 1
            }
            if pairs >= 2 { at = first }
        }
        guard let at, context.setting(of: paragraph) != .code, !context.isInQuotingElement(paragraph, b, at..<min(b.count, at + 3)) else { return }
        context.add(markdown, at: paragraph.location, excerpt: Snippet.around(b, at..<(at + 2)),
                    explanation: "Markdown marks are shown as text here, as happens when a chat assistant's reply is pasted as plain text; people who write in Markdown do this too, so this is weak evidence on its own.")
    }

    /// What assistants offer to do with the text; "Would you like me to arrange a meeting?" is a person's offer.
    static let textWork: Set<String> = [
        "expand", "elaborate", "revise", "rewrite", "shorten", "lengthen", "adjust", "tweak", "refine", "polish", "create", "generate",
        "draft", "format", "add", "provide", "make", "turn", "summarize", "summarise", "translate", "include", "tailor", "simplify",
        "condense", "rephrase", "reword", "edit", "proofread", "convert", "write", "continue", "modify", "change", "customize",
        "customise", "suggest", "outline", "break", "go", "dive", "explore", "help", "assist", "clarify", "explain", "develop", "focus",
    ]
    static let fillers: Set<String> = ["also", "further", "now", "then", "perhaps", "maybe", "you", "with", "any", "more"]

    /// True unless the closer phrase ends in "me to" or "I can" and the next word is not an offer to work on the text.
    static func offersTextWork(_ b: UnsafeBufferPointer<UInt8>, after end: Int) -> Bool {
        let tail = String(decoding: UnsafeBufferPointer(rebasing: b[end..<min(b.count, end + 60)]), as: UTF8.self).lowercased()
        let start = String(decoding: UnsafeBufferPointer(rebasing: b[max(0, end - 6)..<end]), as: UTF8.self).lowercased()
        guard start.hasSuffix("me to") || start.hasSuffix("i can") else { return true }
        for word in tail.split(whereSeparator: { !$0.isLetter }).prefix(3).map(String.init) {
            if fillers.contains(word) { continue }
            return textWork.contains(word)
        }
        return false
    }

    /// True when only white space, list bullets or heading marks come before `offset` on its line.
    static func startsLine(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        var i = offset - 1
        while i >= 0 {
            let c = b[i]
            if c == 0x0A || c == 0x0D { return true }
            if c == 0x3E {
                // A tag before the text (raw HTML in a Markdown block: "<p>Certainly! Here is...").
                var j = i - 1
                while j >= 0, offset - j < 200, b[j] != 0x3C, b[j] != 0x3E { j -= 1 }
                if j >= 0, b[j] == 0x3C { i = j - 1; continue }
                return false
            }
            if !(c == 0x20 || c == 0x09 || c == 0x2A || c == 0x2D || c == 0x23 || c == 0x3E) { return false }
            i -= 1
        }
        return true
    }

    static func closes(_ b: UnsafeBufferPointer<UInt8>, from: Int, within: Int) -> Bool {
        if b[from] == 0x5D { return true }
        var i = from + 1
        while i < min(b.count, from + within) {
            if b[i] == 0x5D { return true }
            if b[i] == 0x5B || b[i] == 0x0A { return false }
            i += 1
        }
        return false
    }

    /// `turn<digits><kind><digits>`, as in `turn0search3`.
    static func isTurnHandle(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.upperBound
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        for kind in handleKinds where i + kind.count < b.count {
            if zip(kind, b[i..<(i + kind.count)]).allSatisfy({ $0 == PhraseMatcher.lower($1) }) {
                let j = i + kind.count
                return b[j] >= 0x30 && b[j] <= 0x39
            }
        }
        return false
    }

    /// `【12†source】` or `【4:2†file.pdf】`: the corner bracket, digits, a dagger, a closing bracket.
    static func isCornerCitation(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.upperBound
        var digits = 0
        while i < b.count, (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x3A { i += 1; digits += 1 }
        guard digits > 0, i + 2 < b.count, b[i] == 0xE2, b[i + 1] == 0x80, b[i + 2] == 0xA0 else { return false }
        var j = i + 3
        while j < min(b.count, i + 120) {
            if j + 2 < b.count, b[j] == 0xE3, b[j + 1] == 0x80, b[j + 2] == 0x91 { return true }
            j += 1
        }
        return false
    }
}

/// Short excerpts around a match.
enum Snippet {
    /// The text around `range`, starting up to 20 bytes before it, at most about 80 characters.
    static func around(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var start = max(0, range.lowerBound - 20)
        var lineStart = range.lowerBound
        while lineStart > start, b[lineStart - 1] != 0x0A { lineStart -= 1 }
        start = lineStart
        while start > 0, start < b.count, b[start] & 0xC0 == 0x80 { start -= 1 }
        var end = min(b.count, start + 100)
        while end < b.count, end > range.upperBound, b[end] & 0xC0 == 0x80 { end -= 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        return (start > 0 ? "…" : "") + text
    }
}
