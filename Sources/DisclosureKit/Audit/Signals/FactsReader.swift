import Foundation

/// Reads a declaration's words as ``DeclarationFacts``: whether AI was used, the tools, the
/// purposes (with the person's words), the date as written, and how completely this was read.
///
/// Clauses that say a tool was *not* used ("I didn't use ChatGPT but I used Grammarly") name no
/// tool; a clause of use outweighs one of no use. Words that say neither are `unclear`.
enum FactsReader {
    /// Generic ways of naming AI without naming a tool.
    static let ai = "(?:an?\\s+|the\\s+|any\\s+(?:kind\\s+of\\s+|form\\s+of\\s+|type\\s+of\\s+)?|some\\s+)?(?:generative\\s+|gen\\s?-?)?(?:ai|a\\.i\\.|artificial\\s+intelligence|chat\\s?bots?|large\\s+language\\s+models?|llms?)(?:-based|-powered)?(?:\\s+(?:tools?|systems?|software|assistance|assistants?|chat\\s?bots?|programs?|apps?|websites?|models?|services?|platforms?))?"

    static let aiWords = regex("\\b" + ai + "\\b")
    static let pronoun = regex("\\b(?:it|them|this|the\\s+(?:tool|app|website|chat\\s?bot|bot|ai))\\b")
    static let yes = regex("^\\W*(?:yes|yeah|yep|y)\\b")

    static func regex(_ pattern: String) -> NSRegularExpression {
        try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    /// A clause saying no AI (or a tool) was used.
    static let negative: [NSRegularExpression] = [
        "\\bno\\s+(?:\\w+\\s+){0,2}?(?:ai|a\\.i\\.|artificial\\s+intelligence|chat\\s?bots?|tools?|software)\\b(?:\\s+(?:tools?|software|assistance|at all))?\\s+(?:(?:was|were|has\\s+been|have\\s+been|is|are)\\s+)?(?:used|involved|needed)",
        "\\b(?:i|we)\\s+(?:did\\s*n[o']?t|didn'?t|did\\s+not|have\\s*n[o']?t|haven'?t|have\\s+not|had\\s+not|never|do\\s*n[o']?t|don'?t|was\\s*n[o']?t)\\s+(?:\\w+\\s+)?(?:use|used|using|ask|asked|need|needed|get|got|rely|relied|require)\\b",
        "\\b(?:ai|a\\.i\\.|artificial\\s+intelligence|it|they|tools?|\(ToolCatalogue.anyTool))\\s+(?:was|were|has|have|is|are)\\s*(?:not|n't|never)\\s+(?:been\\s+)?(?:used|involved)",
        "\\bwithout\\s+(?:the\\s+)?(?:use\\s+of\\s+|using\\s+|help\\s+(?:of|from)\\s+|any\\s+|assistance\\s+(?:of|from)\\s+|the\\s+help\\s+of\\s+)*(?:any\\s+)?(?:ai|a\\.i\\.|artificial|generative|chat\\s?bots?|\(ToolCatalogue.anyTool))",
        "\\bnone\\s+of\\s+(?:this|my|the|it)\\b.{0,40}?\\b(?:generated|written|produced|created|made|done)\\s+(?:by|with|using)\\b",
        "^\\W*(?:none|no|nope|n/?a|nil|nothing|not\\s+used|not\\s+applicable|no\\s+ai(?:\\s+used)?|no\\s+tools?(?:\\s+used)?|-+|–|—)\\W*$",
        "\\b(?:ai|tools?)\\s+used\\s*[:=-]\\s*(?:none|no|n/?a|nothing)\\b",
        "\\b(?:all|entirely|completely|100%)\\s+(?:of\\s+it\\s+)?(?:my\\s+own\\s+(?:work|words)|written\\s+by\\s+me)\\b.{0,30}?\\bno\\s+(?:ai|a\\.i\\.)",
    ].map(regex)

    /// A clause saying AI (or a tool) was used.
    static let positive: [NSRegularExpression] = [
        "\\b(?:i|we)\\s+(?:have\\s+|had\\s+|also\\s+|only\\s+|then\\s+|first\\s+|briefly\\s+|mainly\\s+|did\\s+)*(?:used|use|asked|got|relied\\s+on|made\\s+use\\s+of|worked\\s+with|prompted|consulted|tried|typed|put|ran|pasted|copied|generated|checked|translated)\\b",
        "\\b(?:helped|assisted|was\\s+used|were\\s+used|has\\s+been\\s+used|have\\s+been\\s+used|suggested|corrected|explained|generated|gave\\s+me|showed\\s+me|told\\s+me)\\b",
        "\\bwith\\s+(?:the\\s+)?(?:help|assistance|support)\\s+(?:of|from)\\b",
        "\\b(?:generated|written|created|drafted|made|produced|edited|proofread|translated|checked|improved|revised|summari[sz]ed)\\s+(?:with|using|by|in)\\b",
        "\\b(?:used|using)\\b",
    ].map(regex)

    /// Words after which a tool is an exception to a statement of no use ("no AI except Grammarly").
    static let exception = regex("\\b(?:except(?:\\s+for)?|apart\\s+from|other\\s+than|besides|but\\s+(?:i\\s+)?(?:did\\s+)?(?:use[ds]?|for))\\b")
    /// Clause boundaries: sentence ends, semicolons, new lines, "but" and "however".
    static let clauseBreak = regex("(?<=[.!?;])\\s+(?=\\S)|\\n+|;\\s*|\\s+but\\s+|,?\\s+however,?\\s+|,?\\s+although\\s+|,?\\s+whereas\\s+")

    /// The phrases that say what a tool was for: after "to", "for", "help me", "with", a dash or colon.
    static let purposeTrigger = regex("(?:\\bto\\b|\\bfor\\b|\\bhelp(?:ed|s)?\\s+(?:me|us)\\b|\\bwith\\b|\\bon\\b|\\b(?:what|how|why|whether|if)\\b|\\bso\\s+(?:that\\s+)?(?:i|it|we)\\s+could\\b|\\bin\\s+order\\s+to\\b|[–—:(]|\\s-\\s)\\s*")
    static let purposeEnd = regex("[.;!?)\\n]|,\\s*(?:and\\s+)?(?=(?:i|it|but|then|which|so|because|after|before)\\b)|\\s+(?:but|because|although|so\\s+that|before|after|then\\s+i)\\b")
    static let purposeLead = regex("^(?:(?:help(?:ed|s|ing)?|assist(?:ed)?)\\s+(?:me\\s+|us\\s+)?(?:to\\s+|with\\s+|in\\s+)?|get\\s+(?:it\\s+to\\s+)?|try\\s+(?:and|to)\\s+|me\\s+(?:to\\s+)?|some\\s+help\\s+(?:with\\s+)?|help\\s+(?:with\\s+)?|the\\s+purpose\\s+of\\s+)+")

    /// Dates as people write them: 25/01/2025, 25.1.25, 2025-01-25, 25th January 2025, January 2025.
    static let date = regex("\\b(?:\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?,?\\s+\\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|(?:january|february|march|april|june|july|august|september|october|november|december)\\s+\\d{4})\\b")

    /// A tool-like name after "I used" that is not in the catalogue ("I used Blorbo to...").
    static let unknownTool = regex("\\b(?:i|we)\\s+(?:have\\s+|also\\s+|only\\s+)*(?:used|asked)\\s+((?:[\\w.\\-]+\\s+){0,2}?[\\w.\\-]+)\\s+(?:to|for|when|while|in\\s+order)\\b")
    static let generic = regex("^(?:" + ai + "|it|this|that|them|an?\\s+(?:app|website|tool|program)|the\\s+internet|internet|google|a\\s+search\\s+engine|my\\s+\\w+|his|her|their|some|one|something|a\\s+lot|lots)$")

    /// The facts one piece of text states.
    /// - Parameter impliesAI: true when the words answer a question about AI (under a declaration
    ///   heading or label), so "I used it to plan" or a bare tool name counts as use.
    static func facts(_ text: String, impliesAI: Bool = true) -> DeclarationFacts {
        // An all-ASCII text has no curly quotes to straighten.
        let text = QuickReplace.isASCII(text) ? text : text.replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "‘", with: "'")
        var used = false, none = false
        var tools: [DeclarationFacts.Tool] = []
        var purposes: [DeclarationFacts.PurposeFact] = []
        // After a clause about AI, "it" and "them" refer to it ("I used ChatGPT. I used it to plan.").
        var aiContext = impliesAI
        for clause in text.components(separatedBy: clauseBreak) where !clause.isEmpty {
            let clauseTools = ToolCatalogue.tools(in: clause)
            let namesAI = !clauseTools.isEmpty || matches(aiWords, clause)
            // Under a declaration heading or label, "I used Blorbo to…" names a tool the catalogue does not know.
            let mentionsAI = namesAI || (aiContext && matches(pronoun, clause)) || (impliesAI && unknownToolName(clause) != nil)
            let isNegative = negative.contains { matches($0, clause) }
            let answersYes = impliesAI && matches(yes, clause)
            var isPositive = !isNegative && (answersYes || (mentionsAI && (positive.contains { matches($0, clause) } || (!clauseTools.isEmpty && impliesAI))))
            var positiveText = clause
            if isNegative, let m = exception.firstMatch(in: clause, range: whole(clause)) {
                let rest = (clause as NSString).substring(from: m.range.location + m.range.length)
                if !ToolCatalogue.tools(in: rest).isEmpty || matches(aiWords, rest) {
                    isPositive = true
                    positiveText = rest
                }
            }
            if namesAI { aiContext = true }
            if isNegative && !isPositive {
                if mentionsAI || impliesAI { none = true }
                continue
            }
            guard isPositive else { continue }
            used = true
            aiContext = true
            for tool in ToolCatalogue.tools(in: positiveText) where !tools.contains(where: { $0.canonical == tool.canonical }) { tools.append(tool) }
            if let unknown = unknownToolName(positiveText), !tools.contains(where: { $0.asWritten.lowercased() == unknown.lowercased() }) {
                tools.append(DeclarationFacts.Tool(asWritten: unknown, canonical: nil))
            }
            purposes += purposePhrases(positiveText).filter { p in !purposes.contains { $0.asWritten == p.asWritten } }
        }
        let aiUse: DeclarationFacts.AIUse = used ? .used : (none ? .none : .unclear)
        let dateText = date.firstMatch(in: text, range: whole(text)).map { (text as NSString).substring(with: $0.range) }
        return DeclarationFacts(aiUse: aiUse, tools: aiUse == .used ? tools : [], purposes: aiUse == .used ? purposes : [],
                                date: dateText, confidence: confidence(aiUse, tools, aiUse == .used ? purposes : []), words: text)
    }

    /// `clear` when the use is read and, for a declaration of use, at least one tool and one purpose
    /// are named and every one is recognised; `partial` otherwise.
    static func confidence(_ aiUse: DeclarationFacts.AIUse, _ tools: [DeclarationFacts.Tool], _ purposes: [DeclarationFacts.PurposeFact]) -> DeclarationFacts.Confidence {
        switch aiUse {
        case .unclear: return .partial
        case .none: return .clear
        case .used:
            let complete = !tools.isEmpty && !purposes.isEmpty && tools.allSatisfy { $0.canonical != nil } && purposes.allSatisfy { $0.purpose != nil }
            return complete ? .clear : .partial
        }
    }

    /// The purposes named in a clause of use.
    static func purposePhrases(_ clause: String) -> [DeclarationFacts.PurposeFact] {
        let ns = clause as NSString
        var out: [DeclarationFacts.PurposeFact] = []
        var searchFrom = 0
        while searchFrom < ns.length, let m = purposeTrigger.firstMatch(in: clause, range: NSRange(location: searchFrom, length: ns.length - searchFrom)) {
            let start = m.range.location + m.range.length
            let trigger = ns.substring(with: m.range).trimmingCharacters(in: .whitespaces).lowercased()
            let rest = NSRange(location: start, length: ns.length - start)
            let end = purposeEnd.firstMatch(in: clause, range: rest)?.range.location ?? ns.length
            var phrase = ns.substring(with: NSRange(location: start, length: max(0, end - start)))
            var next = max(end, start + 1)
            // "to plan my essay and Grammarly to check my spelling": the next tool starts the next purpose.
            if ToolCatalogue.mayNameTool(phrase), let t = ToolCatalogue.regex.firstMatch(in: phrase, range: whole(phrase)), t.range.location > 0 {
                phrase = (phrase as NSString).substring(to: t.range.location)
                phrase = phrase.replacingOccurrences(of: "\\s*(?:,|\\band\\b|&|\\bthen\\b|\\bwith\\b|\\bused\\b)*\\s*$", with: "", options: [.regularExpression, .caseInsensitive])
                next = start + t.range.location
            }
            if let lead = purposeLead.firstMatch(in: phrase, range: whole(phrase)) { phrase = (phrase as NSString).substring(from: lead.range.length) }
            if ["what", "how", "why", "whether", "if"].contains(trigger) { phrase = trigger + " " + phrase }
            phrase = phrase.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:.-–—'\""))
            searchFrom = next
            guard phrase.count >= 3, phrase.count <= 160, ToolCatalogue.tools(in: phrase).first?.asWritten.count != phrase.count else { continue }
            let found = PurposeWords.purposes(in: phrase)
            // "to" and "help me" introduce a purpose even in other words; "for", "with", "on" and a dash only when the words name one.
            let open = trigger == "to" || trigger.hasPrefix("help") || trigger.hasPrefix("so") || trigger.hasPrefix("in order") || ["what", "how", "why"].contains(trigger)
            let kept = open ? found : found.filter { $0.purpose != nil }
            out += kept.filter { p in !out.contains { $0.asWritten == p.asWritten } }
            if !kept.isEmpty { searchFrom = next }
        }
        return out
    }

    /// A name after "I used" that the catalogue does not know and that is not a generic word.
    static func unknownToolName(_ clause: String) -> String? {
        guard let m = unknownTool.firstMatch(in: clause, range: whole(clause)), m.range(at: 1).location != NSNotFound else { return nil }
        let name = (clause as NSString).substring(with: m.range(at: 1))
        guard !matches(generic, name), ToolCatalogue.tools(in: name).isEmpty, name.first.map({ $0.isLetter }) == true else { return nil }
        return name
    }

    static func whole(_ s: String) -> NSRange { NSRange(location: 0, length: (s as NSString).length) }
    static func matches(_ r: NSRegularExpression, _ s: String) -> Bool { r.firstMatch(in: s, range: whole(s)) != nil }
}
