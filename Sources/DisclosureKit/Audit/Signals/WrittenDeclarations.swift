import Foundation

/// Declarations written in the text, each read as ``DeclarationFacts``: a section under a
/// heading such as "AI declaration" (misspellings included) and the paragraph(s) or table
/// under it, a labelled line ("AI decleration: i used chat gpt to…"), a first-person
/// sentence ("I used Grammarly to fix my grammer", "I didnt use any AI for this essay"), a
/// JCQ-style acknowledgement ("ChatGPT 3.5 (https://openai.com/blog/chatgpt/), 25/01/2025")
/// or authenticity confirmation, a question table ("AI tool(s) used | How it was used |
/// Date"), a short credit line, or an IBM AI Attribution statement. Teachers read these;
/// the reader quotes them and reads the facts, and leaves what it cannot read as `unclear`.
enum WrittenDeclarations {
    static func regex(_ pattern: String, _ options: NSRegularExpression.Options = [.caseInsensitive]) -> NSRegularExpression {
        try! NSRegularExpression(pattern: pattern, options: options)
    }

    static let aiTerm = "(?:gen(?:erative)?\\s*-?\\s*)?(?:ai|a\\.i\\.|artificial\\s+intelligence)"
    static let declWord = "(?:dec+l[ae]?[ai]?r[ae]?[ai]?t[io]{1,2}ns?|decl[a-z]*ions?|statm?e?m?e?n?ts?|stat[e]?ments?|sta?tment|acknow?le?dge?m?e?nts?|aknowle?dge?m?e?nts?|disclosures?|transparency\\s+statement|contribution\\s+statement|use\\s+form|form)"
    /// The words of a declaration heading or label (without the trailing colon).
    static let headingPhrase = "(?:\(aiTerm)\\s+(?:tools?\\s+)?(?:use\\s+|usage\\s+|assistance\\s+)?\(declWord)|\(aiTerm)\\s+(?:use|usage|assistance|tools?\\s+used|tools?\\s*\\(s\\)\\s*used|used)|(?:\(declWord))\\s+(?:of|on|about|for)\\s+(?:the\\s+)?(?:use\\s+of\\s+)?(?:any\\s+)?\(aiTerm)(?:\\s+(?:use|usage|tools?))?|(?:the\\s+)?use\\s+of\\s+(?:any\\s+)?\(aiTerm)(?:\\s+tools?)?(?:\\s+\(declWord))?|(?:student|candidate|pupil)\\s+\(aiTerm)\\s+\(declWord)|\(aiTerm)\\s+(?:and\\s+\\w+\\s+)?\(declWord))"
    /// A paragraph that is only a heading: optional numbering or Markdown marks, the phrase, an optional note in brackets.
    static let heading = regex("^[\\s#*_>\\-\\d.)]*(?:\(headingPhrase))(?:\\s*\\([^)]{0,40}\\))?[\\s*_:.\\-–—]*$")
    /// A paragraph that opens with a label: "AI decleration: i used chat gpt…", "Use of AI - none".
    static let label = regex("^[\\s#*_>\\-\\d.)]*(?:\(headingPhrase))(?:\\s*\\([^)]{0,40}\\))?\\s*[*_]*\\s*(?::|-|–|—|=)\\s*(.+)$", [.caseInsensitive, .dotMatchesLineSeparators])

    static let aia = Array("AIA".utf8)

    /// The words every ``credit`` line has one of (see ``requiredWords``).
    static let creditWords: [[[UInt8]]] = [["generated", "written", "created", "produced", "drafted", "made", "composed", "assisted"].map { Array($0.utf8) }]

    /// A short credit line: "Generated with ChatGPT.", "Written by Claude", "ChatGPT-generated".
    static let credit = regex("^\\W{0,3}(?:(?:text |content |this (?:text|page|post|article) (?:was )?)?(?:generated|written|created|produced|drafted|made|composed) (?:by|with|using|with the help of) \(tool)|\(tool)[- ](?:generated|written|assisted)(?:\\s+(?:text|content|article|post|summary|image|images|picture|illustration|artwork|with\\s+.{1,60}|by\\s+.{1,60}))?\\s*[.!]?\\s*$)")

    /// Words that make a paragraph worth reading for a declaration (matched in the residue family's single pass).
    static let anchorWords: [String] = ["ai", "a.i.", "artificial intelligence", "generative", "llm", "llms", "large language model", "aia"]
        + ToolCatalogue.anchorWords.filter { !["ai"].contains($0) }

    static let tool = "(?:\(ToolCatalogue.anyTool)|(?:an? )?(?:generative )?(?:ai|a\\.i\\.|artificial intelligence)(?: tools?| assistants?| chatbots?| systems?| software| models?)?|large language models?|an llm|llms?)"
    static let work = "(?:work|essay|assignment|document|text|report|paper|submission|thesis|dissertation|article|piece|coursework|project|post|answer|answers|content|homework|story|poem|presentation|write-?up|task|piece of work)"

    /// After the tool in a first-person statement of use: what it was for, or the end of the sentence.
    static let useTail = "(?=\\s*(?:\\([^)]{0,80}\\)\\s*)?(?:[.!]|$|(?:,\\s*)?(?:[\\w'’.\\-]+\\s+){0,3}?(?:to|for|in\\s+order\\s+to|so\\s+(?:that\\s+)?i\\s+could|when\\s+(?:writing|doing|planning|researching|i\\s+was)|while\\s+(?:writing|doing|planning)|with\\s+(?:my|the|this|some)|on\\s+(?:my|the|this)|in\\s+(?:my|the|this)|as\\s+a)\\b|\\s*(?:-|–|—|:)\\s))"
    /// A sentence about another time, not this work ("Last year I used ChatGPT to write a poem for fun").
    static let otherTime = regex("\\b(?:last\\s+(?:year|week|month|summer|term)|years?\\s+ago|when\\s+i\\s+was\\s+(?:younger|little|\\d+|in\\s+year)|for\\s+fun|in\\s+(?:19|20)\\d\\d\\b|in\\s+primary\\s+school|sometimes|usually|often|every\\s+day|at\\s+home|in\\s+the\\s+past|once\\b|my\\s+(?:friend|brother|sister|mum|dad|classmates?))")

    /// A sentence that gives an example or an instruction rather than a declaration.
    static let example = regex("\\b(?:for\\s+example|for\\s+instance|e\\.g\\.|such\\s+as|like\\s+this|you\\s+(?:could|should|can|must|might)\\s+write|write\\s+something\\s+like|pupils\\s+(?:should|must)|students\\s+(?:should|must))\\b")
    /// A heading or label that names a declaration ("AI declaration", "AI use statement"), not only a topic ("AI use", "Use of generative AI").
    static let strongHeading = regex(declWord)
    /// First-person words: a section under a topic heading must speak for its author.
    static let firstPerson = regex("\\b(?:i|i'm|i've|me|my|we|our)\\b")
    /// Words of a rule rather than a declaration ("AI use: staff may use Copilot to draft emails").
    static let rule = regex("\\b(?:may|must|should|can|cannot|can't|will|would|might|allowed|permitted|prohibited|not\\s+permitted|policy|pupils|students|staff|teachers|employees)\\b")

    /// True when the words under a topic heading or label ("Use of AI", "AI use") declare for the author:
    /// in the first person, or as a short answer or a table, and not as a rule for others.
    static func declaresForAuthor(_ words: String, isTable: Bool) -> Bool {
        if FactsReader.matches(firstPerson, words) { return true }
        return (isTable || words.count <= 80) && !FactsReader.matches(rule, words)
    }

    /// What a pattern means: no AI used, a use of AI, a confirmation; `namedUse` is a use the
    /// pattern's own shape declares (the tool as the one that did the work, a "Tools:" label), so
    /// its words are read as words about AI use even without a verb of use.
    enum Meaning { case noAI, use, namedUse, confirmation }

    static let specs: [(String, Meaning)] = [
        ("\\bno\\s+(?:generative\\s+|gen-?)?(?:ai|a\\.i\\.|artificial\\s+intelligence)(?:-based)?(?:\\s+(?:tools?|systems?|software|assistance|assistants?|chatbots?|programs?|apps?|websites?))?\\s+(?:(?:was|were|has\\s+been|have\\s+been)\\s+)?used\\b(?!\\s+(?:by|to\\s+(?:mark|grade|check\\s+(?:for|whether))))", .noAI),
        ("\\b(?:i|we)\\s+(?:did\\s*not|didnt|didn'?t|did\\s+n'?t|have\\s*not|havent|haven'?t|never)\\s+(?:use|used|ask|asked)\\s+(?:any\\s+(?:kind\\s+of\\s+|form\\s+of\\s+|type\\s+of\\s+)?|an?\\s+|the\\s+)?\(tool)(?:\\s+or\\s+(?:any\\s+)?(?:other\\s+)?\(tool))?(?=\\s*(?:[.!,]|$|at\\s+all|whatsoever|tools?|software|or\\s|and\\s|(?:for|in|on|to|during|while|when)\\s+(?:this|my|the|writing|doing|completing|preparing|any|write|help|complete|do|produce|create|plan|check)))", .noAI),
        ("\\b(?:ai|a\\.i\\.|artificial\\s+intelligence|generative\\s+ai|ai\\s+tools?|\(ToolCatalogue.anyTool))\\s+(?:was|were|has|have)\\s*(?:not|n't|never)\\s+(?:been\\s+)?used\\s+(?:at\\s+all|whatsoever|(?:in|for|on|during|when|while)\\s+(?:this|my|our|any\\s+part|writing|doing|completing|producing|preparing|the\\s+(?:writing|making|production|preparation|creation|completion)\\s+of)\\b|to\\s+(?:write|help|complete|produce|create|plan|check|do)\\b)", .noAI),
        ("\\b(?:ai|a\\.i\\.|artificial\\s+intelligence|generative\\s+ai|ai\\s+tools?)\\s+(?:was|were|has|have)\\s*(?:not|n't|never)\\s+(?:been\\s+)?used\\s*[.!]?\\s*$", .noAI),
        ("\\b(?:this|the|my|our)\\s+\(work)\\s+(?:was|is|has\\s+been)\\s+(?:entirely\\s+|wholly\\s+|completely\\s+|all\\s+)?(?:written|produced|created|completed|prepared|done|made)(?:\\s+entirely)?(?:\\s+by\\s+me|\\s+by\\s+us|\\s+by\\s+hand|\\s+myself)?\\s+without\\s+(?:the\\s+use\\s+of\\s+|using\\s+|any\\s+|the\\s+help\\s+of\\s+|assistance\\s+from\\s+|help\\s+from\\s+)*\(tool)", .noAI),
        ("\\b(?:i|we)\\s+(?:have\\s+|had\\s+)?(?:wrote|written|completed|did|done|produced|created|made)\\s+(?:this|the|my|it|all\\s+of\\s+(?:this|it))(?:\\s+\(work))?\\s+(?:entirely\\s+|all\\s+|completely\\s+)?(?:myself\\s+|on\\s+my\\s+own\\s+|by\\s+myself\\s+)?without\\s+(?:the\\s+use\\s+of\\s+|using\\s+|any\\s+|the\\s+help\\s+of\\s+|help\\s+from\\s+)*\(tool)", .noAI),
        ("\\b(?:i|we)\\s+(?:declare|confirm|certify|affirm)\\s+that\\s+(?:no\\s+\(tool)|(?:i|we)\\s+(?:have\\s+not|did\\s+not|haven'?t|didn'?t|never)\\s+used?\\s+(?:any\\s+)?\(tool))", .noAI),
        ("\\bnone\\s+of\\s+(?:this|my|the)\\s+\(work)\\s+(?:was|is|has\\s+been)\\s+(?:generated|written|produced|created)\\s+(?:by|with|using)\\s+\(tool)", .noAI),
        ("\\bno\\s+use\\s+(?:of\\s+(?:any\\s+)?\(tool)\\s+(?:was|has\\s+been|is)\\s+made|(?:was|has\\s+been)\\s+made\\s+of\\s+(?:any\\s+)?\(tool))\\b", .noAI),
        ("\\b(?:this|the|my|our)\\s+\(work)\\s+(?:contains|includes|has)\\s+no\\s+(?:\(tool)(?:[- ](?:generated|written|produced|created))?|ai[- ]generated)\\b", .noAI),
        ("\\b(?:i|we)\\s+(?:have\\s+|had\\s+|also\\s+|only\\s+|then\\s+|first\\s+|briefly\\s+|mainly\\s+)*(?:used|made\\s+use\\s+of|relied\\s+on|worked\\s+with|consulted)\\s+(?:an?\\s+|the\\s+)?\(tool)\(useTail)", .use),
        ("\\b(?:i|we)\\s+(?:have\\s+|had\\s+|also\\s+|only\\s+|then\\s+|first\\s+)*(?:asked|prompted|got)\\s+(?:an?\\s+|the\\s+)?\(tool)\\s+(?:to|what|how|why|about|for|if|whether|questions?|a\\s+question|some\\s+questions|me\\s+to)\\b", .use),
        ("\\b(?:i|we)\\s+(?:put|ran|pasted|typed|copied)\\s+(?:my|the|our|some|parts?\\s+of\\s+my)\\s+(?:\\w+\\s+){0,2}(?:into|through)\\s+(?:an?\\s+|the\\s+)?\(tool)\\b", .use),
        ("\\b\(tool)\\s+(?:helped|assisted)\\s+(?:me|us)\\b", .use),
        // The tool as the one that did the work, then the author's own part: "Copilot drafted the email; I edited it."
        ("\\b\(tool)\\s+(?:drafted|wrote|generated|produced|created|suggested|summari[sz]ed|translated|proofread|corrected|reworded|paraphrased|outlined|planned)\\s+[^.!?]{1,120}?[;,]?\\s+(?:and\\s+|then\\s+|which\\s+|but\\s+)?(?:i|we)\\s+(?:then\\s+|have\\s+|had\\s+)?(?:edited|checked|rewrote|revised|changed|reviewed|corrected|adapted|amended|improved)\\b", .namedUse),
        // A label naming the tools without the word AI: "Tools: Claude, for feedback on my argument."
        ("^\\W{0,3}(?:ai\\s+)?tools?(?:\\s*\\(s\\))?(?:\\s+used)?\\s*(?::|–|—|-)\\s*(?:\(ToolCatalogue.anyTool))\\b", .namedUse),
        ("\\bwith\\s+(?:the\\s+)?(?:help|assistance|support)\\s+(?:of|from)\\s+\(tool)\\s*,?\\s+(?:i|we)\\b", .use),
        ("\\b(?:this|the|my|our)\\s+\(work)\\s+(?:was|has\\s+been|is)\\s+(?:partly\\s+|partially\\s+|fully\\s+|entirely\\s+|mostly\\s+|largely\\s+)?(?:written|generated|drafted|created|produced|edited|proofread|translated|revised|summari[sz]ed|improved|checked|planned)\\s+(?:with\\s+the\\s+(?:help|assistance|support)\\s+of|with|using|by|in\\s+collaboration\\s+with)\\s+\(tool)", .use),
        ("\\b(?:some|parts?|most|much|all|one|two|three|a\\s+few|sections?|the\\s+rest)\\s+of\\s+(?:the|my|this|our)\\s+(?:[\\w\\-]+\\s+){0,2}?(?:was|were|has\\s+been|have\\s+been)\\s+(?:partly\\s+|partially\\s+)?(?:written|generated|drafted|created|produced|edited|proofread|translated|revised|summari[sz]ed|improved|checked|planned|reworded|paraphrased|corrected)\\s+(?:with\\s+the\\s+(?:help|assistance|support)\\s+of|with|using|by|through)\\s+\(tool)", .use),
        ("\\b\(tool)(?:\\s*\\([^)]{1,40}\\))?\\s+(?:was|were|has\\s+been|have\\s+been)\\s+used\\s+(?:to\\s+(?:help\\s+(?:me\\s+)?|assist\\s+)?(?:write|draft|edit|proofread|generate|create|prepare|translate|summari[sz]e|brainstorm|check|improve|revise|outline|plan|research|explain|find|paraphrase|reword|rephrase|rewrite|structure|organi[sz]e|suggest|understand|correct|simplify|format|debug|practi[sc]e)|for\\s+(?:spelling|grammar|proofreading|planning|research|ideas|translation|feedback|finding|searching|checking|brainstorming|revising|revision|summaris|summariz|translating|paraphrasing|editing|drafting|structur|sources|inspiration)|in\\s+(?:the\\s+)?(?:writing|preparation|drafting|editing|planning)\\s+of|in\\s+(?:this|my|our)\\s+\(work))", .use),
        ("\\b(?:i|we)\\s+(?:acknowledge|declare|disclose)\\s+(?:the\\s+|my\\s+|our\\s+)?(?:use\\s+of|using|that\\s+i\\s+used|that\\s+we\\s+used)\\s+\(tool)", .use),
        ("\\bi\\s+(?:confirm|declare|certify)\\s+that\\b.{0,200}?\\b(?:ai|artificial\\s+intelligence)\\b", .confirmation),
        ("\\b(?:i\\s+have|i've)\\s+(?:acknowledged|referenced|declared|disclosed|clearly\\s+(?:acknowledged|referenced))\\s+(?:all\\s+|any\\s+)?(?:use\\s+of\\s+|my\\s+use\\s+of\\s+)?(?:ai|artificial\\s+intelligence|generative\\s+ai)", .confirmation),
    ]
    /// ``specs`` compiled, each on its first use: most sentences are ruled out by ``requiredWords``
    /// before any pattern is tried, so a run compiles only the patterns it needs.
    static let patterns: [(LazyRegex, Meaning)] = specs.map { (LazyRegex($0.0, [.caseInsensitive]), $0.1) }

    /// For each of ``specs``, in order: words (lower-case ASCII) that every match of the pattern
    /// contains, as a list of alternatives each of which must be met by one of its words. An
    /// all-ASCII sentence without them cannot match (ICU's case-insensitive matching of ASCII text
    /// against these ASCII words is ASCII case folding), so the pattern is not tried on it; a
    /// sentence with any other character is always tried. `DeclarationPrefilterTests` tries every
    /// pattern on every sentence of the declaration cases and requires no match to be ruled out.
    static let requiredWords: [[[String]]] = [
        [["no"], ["used"]],
        [["use", "ask"]],
        [["used"]],
        [["used"]],
        [["without"]],
        [["without"]],
        [["that"], ["declare", "confirm", "certify", "affirm"]],
        [["none"]],
        [["made"], ["use"]],
        [["contain", "include", "has"], ["no"]],
        [["use", "relied", "worked", "consulted"]],
        [["asked", "prompted", "got"]],
        [["into", "through"]],
        [["helped", "assisted"]],
        [["edited", "checked", "rewrote", "revised", "changed", "reviewed", "corrected", "adapted", "amended", "improved"]],
        [["tool"]],
        [["with"], ["help", "assistance", "support"]],
        [["with", "using", "by"]],
        [["with", "using", "by", "through"], ["of"]],
        [["used"]],
        [["acknowledge", "declare", "disclose"]],
        [["that"], ["confirm", "declare", "certify"]],
        [["acknowledged", "referenced", "declared", "disclosed"]],
    ]

    /// ``requiredWords`` as bytes.
    static let requiredBytes: [[[[UInt8]]]] = requiredWords.map { $0.map { $0.map { Array($0.utf8) } } }

    /// IBM AI Attribution statements: "AIA PAI Nc Hin R Claude 3.5 Sonnet v1.0".
    static let attribution = regex("\\bAIA(?: [A-Z][A-Za-z]{0,3}){1,8}(?: [^\\n]{1,60}?)? v[0-9]+\\.[0-9]+\\b", [])
    /// A JCQ-style acknowledgement: the tool first, then its address or a date ("ChatGPT 3.5 (https://openai.com/blog/chatgpt/), 25/01/2025").
    static let acknowledgement = regex("^\\W{0,3}(?:\(ToolCatalogue.anyTool))(?:\\s*(?:v(?:ersion)?\\s*)?[\\d.]+\\w?)?\\s*(?:\\(|,|-|–|:)?\\s*(?:<?(?:https?://|www\\.)[^\\s)>]+>?\\)?)?\\s*[,;:–\\-]?\\s*(?:(?:accessed|used|generated|date)\\s*:?\\s*(?:on\\s+)?)?(?:\\d{1,2}[/.\\-]\\d{1,2}[/.\\-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}(?:st|nd|rd|th)?\\s+[a-z]{3,9}\\.?\\s+\\d{4}|[a-z]{3,9}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})")
    static let url = regex("(?:https?://|www\\.)\\S+")

    /// Paragraphs that end a declaration section.
    static let sectionEnd = regex("^[\\s#*_\\d.)]*(?:references?|bibliography|works\\s+cited|sources|appendix|word\\s+count|introduction|conclusion|essay|question\\s+\\d+)\\b.{0,30}$")

    /// The location with what the reader knows of the place put first in its words: "in a table
    /// under the heading “Declaration of AI use” (end of the document, paragraph 7 of 9)".
    static func placed(_ location: Location, _ place: String) -> Location {
        var location = location
        guard let words = location.words else {
            location.words = place
            return location
        }
        if words.hasPrefix("in ") {
            location.words = place + " " + words
        } else {
            // "end of the document (paragraph 8 of 9)" reads as "end of the document, paragraph 8 of 9" inside brackets.
            let flat = words.hasSuffix(")") ? words.dropLast().replacingOccurrences(of: " (", with: ", ") : words
            location.words = "\(place) (\(flat))"
        }
        return location
    }

    /// - Parameter anchored: for each paragraph, whether it mentions AI or a tool (from ``ResidueSignals/scan(_:_:)``).
    static func scan(_ paragraphs: [TextParagraph], anchored: [Bool], _ context: ScanContext) {
        var consumed = Set<Int>()
        for (index, paragraph) in paragraphs.enumerated() where anchored[index] && !consumed.contains(index) {
            let text = paragraph.text
            let setting = context.setting(of: paragraph, styledQuotes: false)
            guard setting != .code, setting != .quoted else { continue }
            let trimmed = QuickTrim.whitespacesAndNewlines(text)
            if let table = DeclarationSection.table(paragraphs, from: index, requireAI: true) {
                consumed.formUnion(table.used)
                context.declare(kind: .writtenStatement, at: placed(paragraph.location, "in a table"), quote: table.words,
                                explanation: "A table asks about AI use; its answers are read for what the author declares.", facts: table.facts)
                continue
            }
            if trimmed.utf8.count <= 120, FactsReader.matches(heading, trimmed) {
                let section = DeclarationSection.read(paragraphs, after: index)
                let headingText = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: ":#*_ -–—"))
                let facts = section.facts ?? DeclarationFacts(aiUse: .unclear, confidence: .partial, words: headingText)
                // A topic heading ("Use of generative AI") is a declaration only when what follows declares, in the first person or as an answer.
                if !FactsReader.matches(strongHeading, headingText),
                   facts.aiUse == .unclear || !declaresForAuthor(section.words, isTable: section.isTable) {
                    sentences(paragraph, text as NSString, context)
                    continue
                }
                consumed.formUnion(section.used)
                let under = "under the heading \u{201C}\(headingText.count > 60 ? String(headingText.prefix(59)) + "…" : headingText)\u{201D}"
                context.declare(kind: .writtenStatement, at: placed(paragraph.location, section.isTable ? "in a table " + under : under),
                                quote: headingText + (section.words.isEmpty ? "" : " — " + section.words),
                                explanation: section.words.isEmpty
                                    ? "The document has a section headed \"\(headingText)\" with nothing under it that could be read; please read it."
                                    : "The document has a section headed \"\(headingText)\"\(section.isTable ? " with a table of answers" : ""); it is read for what the author declares about AI use.",
                                facts: facts)
                continue
            }
            if trimmed.utf8.count <= 1200, let m = label.firstMatch(in: trimmed, range: FactsReader.whole(trimmed)), m.range(at: 1).location != NSNotFound {
                let body = (trimmed as NSString).substring(with: m.range(at: 1))
                let facts = FactsReader.facts(body, impliesAI: true).withWords(trimmed)
                let labelWords = (trimmed as NSString).substring(to: m.range(at: 1).location)
                // "AI use: a growing concern" is a title; a label that names only a topic must say something about use.
                if FactsReader.matches(strongHeading, labelWords) || (facts.aiUse != .unclear && declaresForAuthor(body, isTable: false)) {
                    context.declare(kind: .writtenStatement, at: paragraph.location, quote: trimmed,
                                    explanation: "A labelled statement declares how AI was used (or not); it is read for the details.",
                                    facts: facts)
                    continue
                }
            }
            let asciiTrimmed = ASCIIWords(trimmed)
            // An acknowledgement always has a date (digits); a credit line always a verb of making.
            if trimmed.utf8.count <= 400, asciiTrimmed?.hasDigit(in: FactsReader.whole(trimmed)) ?? true, FactsReader.matches(acknowledgement, trimmed) {
                var words = trimmed
                if let next = paragraphs[(index + 1)...].prefix(2).first(where: { !QuickTrim.whitespaces($0.text).isEmpty }),
                   next.text.utf8.count <= 600, DeclarationSection.saysHowUsed(next.text) {
                    words += " " + QuickTrim.whitespacesAndNewlines(next.text)
                    if let n = paragraphs.firstIndex(of: next) { consumed.insert(n) }
                }
                context.declare(kind: .writtenStatement, at: paragraph.location, quote: words,
                                explanation: "A JCQ-style acknowledgement names an AI tool and when it was used; it is read for the details.",
                                facts: FactsReader.facts(words, impliesAI: true))
                continue
            }
            if trimmed.utf8.count <= 120, asciiTrimmed?.mayMatch(creditWords, in: FactsReader.whole(trimmed)) ?? true, FactsReader.matches(credit, trimmed) {
                context.declare(kind: .writtenStatement, at: paragraph.location, quote: trimmed,
                                explanation: "A credit line says the text was made with an AI tool.",
                                facts: FactsReader.facts(trimmed, impliesAI: true))
                continue
            }
            let ns = text as NSString
            let whole = NSRange(location: 0, length: ns.length)
            // An attribution statement starts with "AIA" (matched with case).
            var bytes = text
            if bytes.withUTF8({ ByteSearch.contains(Self.aia, in: UnsafeRawBufferPointer($0)) }), let m = attribution.firstMatch(in: text, range: whole) {
                let quote = ns.substring(with: m.range)
                let tools = ToolCatalogue.tools(in: quote)
                context.declare(kind: .aiAttribution, at: paragraph.location, quote: quote,
                                explanation: "An IBM AI Attribution statement describes how AI contributed to the work; read it for the details.",
                                facts: DeclarationFacts(aiUse: .used, tools: tools, confidence: .partial, words: quote))
                continue
            }
            sentences(paragraph, ns, context)
        }
    }

    /// First-person sentences of use or of no use, and confirmations: each sentence of the paragraph
    /// is read on its own ("I did not use ChatGPT. I used DeepSeek to brainstorm ideas." is two).
    static func sentences(_ paragraph: TextParagraph, _ ns: NSString, _ context: ScanContext) {
        let text = paragraph.text
        let ascii = ASCIIWords(text)
        var declared = 0
        // Bounded work per paragraph: the first sentences only, and a confirmation looked for within 400 characters.
        for range in sentenceRanges(ns).prefix(maxSentences) where declared < 3 {
            for (index, (regex, meaning)) in patterns.enumerated() {
                let window = meaning == .confirmation ? NSRange(location: range.location, length: min(ns.length - range.location, max(range.length, 400))) : range
                // A sentence without the words a pattern needs cannot match it.
                if let ascii, !ascii.mayMatch(requiredBytes[index], in: window) { continue }
                guard let m = regex.firstMatch(in: text, range: window) else { continue }
                if isQuoted(text, range: m.range, paragraph: paragraph, context) { break }
                let sentence = WrittenDeclarations.sentence(ns, around: m.range)
                if FactsReader.matches(example, sentence) { break }
                if meaning == .use || meaning == .namedUse, FactsReader.matches(otherTime, sentence) { continue }
                var facts = FactsReader.facts(meaning == .confirmation ? text : sentence, impliesAI: meaning == .namedUse)
                if meaning == .use || meaning == .namedUse, facts.aiUse != .used || !isWorkUse(facts, sentence) { continue }
                if meaning == .noAI, facts.aiUse == .unclear { facts.aiUse = .none; facts.confidence = .clear }
                // "No use of AI was made", "contains no AI-generated content": the words of use are
                // the words of the denial unless the sentence makes an exception or a contrast.
                if meaning == .noAI, facts.aiUse == .used, !FactsReader.matches(FactsReader.exception, sentence), !FactsReader.matches(contrast, sentence) {
                    facts = DeclarationFacts(aiUse: .none, confidence: .clear, words: facts.words)
                }
                let explanation: String
                switch meaning {
                case .noAI: explanation = "A written statement declares that no AI tools were used; a declaration of no AI use is still a declaration."
                case .use, .namedUse: explanation = "A written statement declares how AI tools were used in the work; it is read for the details."
                case .confirmation: explanation = "A signed-style confirmation (JCQ-style) mentions AI use; read it for what the author declares."
                }
                context.declare(kind: .writtenStatement, at: paragraph.location, quote: sentence, explanation: explanation, facts: facts)
                declared += 1
                if meaning == .confirmation { return }
                break
            }
        }
    }

    /// A sentence of use without a heading says what the tool did for the work: a purpose the vocabulary
    /// knows, or a known tool not named by "we" (so a paper's methods, "We used a large language model to
    /// classify 10,000 tweets", is not a declaration).
    static func isWorkUse(_ facts: DeclarationFacts, _ sentence: String) -> Bool {
        if facts.purposes.contains(where: { $0.purpose != nil }) { return true }
        return facts.tools.contains { $0.canonical != nil } && !FactsReader.matches(plural, sentence)
    }
    /// A second clause that may say the opposite of the first ("…, but I used Grammarly").
    static let contrast = regex("\\b(?:but|however|although|though|whereas|only|apart|except)\\b|;")
    static let plural = regex("\\b(?:we|our\\s+(?:team|study|method|methods|analysis))\\b")

    /// The most sentences of one paragraph read for a declaration (a pasted megabyte stays linear).
    static let maxSentences = 400

    /// The ranges of the paragraph's sentences (ends as ``sentence(_:around:)`` finds them).
    static func sentenceRanges(_ ns: NSString) -> [NSRange] {
        var out: [NSRange] = []
        var start = 0
        var i = 0
        while i < ns.length, out.count < maxSentences {
            let c = ns.character(at: i)
            let end = c == 0x0A || c == 0x21 || c == 0x3F || (c == 0x2E && (i + 1 >= ns.length || ns.character(at: i + 1) == 0x20 || ns.character(at: i + 1) == 0x0A))
            i += 1
            if end { out.append(NSRange(location: start, length: i - start)); start = i }
        }
        if start < ns.length, out.count < maxSentences { out.append(NSRange(location: start, length: ns.length - start)) }
        return out
    }

    static func isQuoted(_ text: String, range: NSRange, paragraph: TextParagraph, _ context: ScanContext) -> Bool {
        let ns = text as NSString
        let start = ns.substring(to: range.location).utf8.count
        let end = start + ns.substring(with: range).utf8.count
        var s = text
        return s.withUTF8 { ScanContext.isInsideQuotationMarks($0, start..<end) || context.isInQuotingElement(paragraph, $0, start..<end) }
    }

    /// The sentence containing `range` (a full stop ends a sentence only before white space, so "3.5" and "Claude.ai" do not).
    static func sentence(_ ns: NSString, around range: NSRange) -> String {
        func isEnd(_ i: Int) -> Bool {
            let c = ns.character(at: i)
            if c == 0x0A || c == 0x21 || c == 0x3F { return true }
            guard c == 0x2E else { return false }
            return i + 1 >= ns.length || ns.character(at: i + 1) == 0x20 || ns.character(at: i + 1) == 0x0A
        }
        var start = range.location
        while start > 0, !isEnd(start - 1) { start -= 1 }
        var end = range.location + range.length
        while end < ns.length {
            let stop = isEnd(end)
            end += 1
            if stop { break }
        }
        return ns.substring(with: NSRange(location: start, length: end - start)).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension DeclarationFacts {
    /// The same facts with other words (folded and cut as ``init(aiUse:tools:purposes:date:confidence:words:)`` does).
    func withWords(_ words: String) -> DeclarationFacts {
        DeclarationFacts(aiUse: aiUse, tools: tools, purposes: purposes, date: date, confidence: confidence, words: words)
    }
}
