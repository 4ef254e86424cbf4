import Foundation

/// The words people use for what an AI tool did, mapped onto the ``Purpose`` vocabulary.
/// The person's own words are always kept beside the mapping; words that map to nothing are
/// kept with no purpose (and make the facts `partial`).
///
/// "Planning" ("plan my essay", "make an essay plan", "outline") maps to `idea-generation`:
/// the vocabulary's nearest purpose, and what AIAS level 2 ("AI planning") allows.
enum PurposeWords {
    /// Stems that name a purpose, tried in order (the first purpose a phrase matches is its purpose).
    static let stems: [(Purpose, String)] = [
        (.translation, "translat\\w*|into (?:english|french|spanish|german|polish|urdu|arabic)|from (?:english|french|spanish|german|polish|urdu|arabic)"),
        (.feedback, "feedback|mark(?:ed|ing)? my|grade\\w*|review(?:ed)? my|suggest\\w* (?:improvements|changes)|how (?:to|i could|i can) improve|improve my (?:essay|work|writing|answer)|what (?:i|to) (?:could|should) improve|check(?:ed)? (?:my|the) (?:essay|work|answer|paragraph|argument)s?\\b(?! for)"),
        (.proofreading, "spell\\w*|spel+ing|grammar\\w*|grammer\\w*|gramar\\w*|punctuation|punctuat\\w*|proof\\s?-?read\\w*|typos?|mistakes|errors|capital letters|commas?|apostrophes?|tenses?|sentence structure|wording|(?:check|correct|fix)(?:ed|ing)? (?:my|the|it|some)|spag|spell\\s?check\\w*"),
        (.summarising, "summar\\w*|shorten\\w*|condens\\w*|cut (?:it |my \\w+ )?down|word count|key points|bullet points? from"),
        (.lessonPlanning, "lesson plans?|lessons?|schemes? of work|worksheets?|starter activit\\w*|quiz(?:zes)? for (?:my|the) (?:class|pupils|students)|teaching resources|resources for (?:my|the) (?:class|lesson)"),
        (.imageGeneration, "(?:make|made|making|create|created|creating|generate|generated|generating|draw|drew|design|designed|produce|produced)\\s+(?:an?\\s+|the\\s+|some\\s+|my\\s+)?(?:\\w+\\s+)?(?:images?|pictures?|illustrations?|drawings?|logos?|artwork|graphics?|photos?|cover)|(?:images?|pictures?|illustrations?|drawings?|graphics?) (?:for|of) (?:my|the|a)|front cover|cover image|illustrat\\w*|artwork|logos?"),
        (.dataAnalysis, "analy[sz]e (?:the |my )?(?:data|results|survey)|data analysis|graphs?|charts?|statistic\\w*|spreadsheets?|calculations?"),
        (.coding, "code|coding|program(?:me)?s?\\b|programming|debug\\w*|python|javascript|html|scratch project|script"),
        (.ideaGeneration, "plan\\w*|brain\\s?storm\\w*|ideas?|outlin\\w*|structur\\w*|mind\\s?maps?|get started|inspir\\w*|come up with|came up with|think of|topics?|headings?|essay plan|starting point"),
        (.research, "explain\\w*|explanation|what \\w+(?: \\w+)? means?|meaning|mean\\b|defin\\w*|understand\\w*|research\\w*|find (?:out|information|info|sources|facts)|found (?:out|information|sources)|look(?:ed)? up|learn\\w* (?:about|more)|revis(?:e|ion|ing)\\b|sources|facts|questions? about|background|information|info about|asked (?:it|them) (?:about|what|why|how|questions)|quiz(?:zed)? me|flash\\s?cards|notes on"),
        (.drafting, "writ(?:e|ing)\\b|wrote|draft\\w*|re\\s?-?word\\w*|re\\s?-?phras\\w*|paraphras\\w*|re\\s?-?writ\\w*|generat\\w* (?:the |my |some )?(?:text|paragraph|introduction|conclusion|essay|answer)|introduction|conclusion|paragraphs?"),
    ]

    static let regexes: [(Purpose, NSRegularExpression)] = stems.map {
        ($0.0, try! NSRegularExpression(pattern: "(?<![\\w])(?:" + $0.1 + ")", options: [.caseInsensitive]))
    }

    /// The purposes one phrase names ("check my spelling and plan my essay"), each with the
    /// piece of the phrase that names it. A phrase naming one purpose keeps all its words.
    static func purposes(in phrase: String) -> [DeclarationFacts.PurposeFact] {
        let phrase = phrase.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:.-–—\t\n"))
        guard !phrase.isEmpty else { return [] }
        let found = matchedPurposes(phrase)
        if found.count <= 1 { return [DeclarationFacts.PurposeFact(asWritten: phrase, purpose: found.first)] }
        // Several purposes: split on commas and "and", joining pieces that name none to the one before.
        let pieces = phrase.components(separatedBy: pieceSeparator)
        var out: [DeclarationFacts.PurposeFact] = []
        for piece in pieces where !piece.isEmpty {
            let purpose = matchedPurposes(piece).first
            if let last = out.last, purpose == nil || purpose == last.purpose {
                out[out.count - 1].asWritten += (last.asWritten.isEmpty ? "" : " and ") + piece
            } else {
                out.append(DeclarationFacts.PurposeFact(asWritten: piece, purpose: purpose))
            }
        }
        return out
    }

    /// What separates the pieces of a phrase naming several purposes (compiled once).
    static let pieceSeparator = try! NSRegularExpression(pattern: "\\s*(?:,|;|\\band\\b|&|/|\\bthen\\b|\\balso\\b)\\s*", options: [.caseInsensitive])

    /// The distinct purposes `text` names, in the order the words come.
    static func matchedPurposes(_ text: String) -> [Purpose] {
        let ns = text as NSString
        var hits: [(Int, Int, Purpose)] = []
        for (order, (purpose, regex)) in regexes.enumerated() {
            if let m = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) { hits.append((m.range.location, order, purpose)) }
        }
        // Words inside a longer match of another purpose ("improve my essay" is feedback, not drafting) count once:
        // the vocabulary order above breaks ties at the same place.
        var out: [Purpose] = []
        for (_, _, purpose) in hits.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) where !out.contains(purpose) { out.append(purpose) }
        return out
    }
}

extension String {
    /// The pieces of the string between matches of `separator`.
    func components(separatedBy separator: NSRegularExpression) -> [String] {
        let ns = self as NSString
        var out: [String] = []
        var start = 0
        for m in separator.matches(in: self, range: NSRange(location: 0, length: ns.length)) {
            out.append(ns.substring(with: NSRange(location: start, length: m.range.location - start)))
            start = m.range.location + m.range.length
        }
        out.append(ns.substring(from: start))
        return out.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
