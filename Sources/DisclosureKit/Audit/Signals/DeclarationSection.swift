import Foundation

/// What is under a declaration heading: the paragraph(s) that answer it, or a table whose
/// header row or first column names the questions ("AI tool(s) used | How it was used | Date").
///
/// Tables arrive as one paragraph per cell in reading order (row by row), empty cells included
/// where the format keeps them (DOCX, Markdown), so a header row of k question cells is read
/// as rows of k answers, and a first column of questions as question–answer pairs.
struct DeclarationSection {
    /// The facts, nil when nothing could be read under the heading.
    var facts: DeclarationFacts?
    /// The words read (answers labelled by their questions for a table).
    var words: String
    /// The paragraphs read, so that no sentence in them is reported again.
    var used: Set<Int>
    /// True when the section is a table.
    var isTable = false

    /// What a question cell asks.
    enum Question { case tool, purpose, date, yesNo, other }

    static func regex(_ p: String) -> NSRegularExpression { FactsReader.regex(p) }
    static let questions: [(Question, NSRegularExpression)] = [
        (.yesNo, regex("^(?:did|have|has|was|were)\\s+(?:you|i|ai|any)\\b.{0,50}\\b(?:use[ds]?|used)\\b.{0,30}\\??\\s*(?:\\(?\\s*y(?:es)?\\s*/\\s*n(?:o)?\\s*\\)?)?$|^(?:ai|generative ai)\\s+used\\s*\\??\\s*\\(?\\s*y(?:es)?\\s*/\\s*n(?:o)?\\s*\\)?$")),
        (.tool, regex("^(?:name\\s+of\\s+(?:the\\s+)?|which\\s+|what\\s+)?(?:(?:gen(?:erative)?\\s+)?ai\\s+|a\\.i\\.\\s+)?(?:tools?|tool\\s*\\(s\\)|tool/s|software|sources?|source\\s*\\(s\\)|system|model|apps?|platforms?|ai)(?:\\s*\\(s\\))?(?:\\s+(?:used|name|names|and\\s+version|\\(and\\s+version\\))|\\s+did\\s+you\\s+use)?\\s*\\??:?$")),
        (.purpose, regex("^(?:how\\s+(?:it|ai|the\\s+tool|i|you|was\\s+it|did\\s+you\\s+use\\s+it)\\b.{0,30}|what\\s+(?:i|you|it)\\s+(?:used\\s+it\\s+for|was\\s+used\\s+for|did).{0,20}|what\\s+(?:did\\s+you\\s+use\\s+it|was\\s+it\\s+used)\\s+for|purpose(?:\\s+of\\s+use)?|use|uses|reason(?:\\s+for\\s+use)?|description(?:\\s+of\\s+(?:use|how\\s+it\\s+was\\s+used))?|what\\s+for|used\\s+for|prompts?(?:\\s*\\(s\\))?(?:\\s+used)?|which\\s+parts?.{0,30})\\s*\\??:?$")),
        (.date, regex("^(?:date|dates|date\\s*\\(s\\)|date\\s+(?:used|accessed|of\\s+use|generated)|when(?:\\s+used)?)\\s*\\??:?$")),
        (.other, regex("^(?:evidence|link|links|notes?|section|output|comments?|declaration|signature|signed|name)\\s*:?$")),
    ]

    /// The question a cell asks, when it is one.
    static func question(_ text: String) -> Question? {
        let t = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\n*_#|"))
        guard !t.isEmpty, t.count <= 70 else { return nil }
        return questions.first { FactsReader.matches($0.1, t) }?.0
    }

    /// True when a paragraph after an acknowledgement says how the tool was used.
    static func saysHowUsed(_ text: String) -> Bool {
        FactsReader.matches(howUsed, text)
    }
    // Compiled once (each was compiled on every call before).
    static let howUsed = regex("^\\W*(?:i\\s+used\\s+(?:it|this|them)|used\\s+(?:to|for)|i\\s+asked\\s+it|it\\s+(?:helped|was\\s+used)|prompts?\\s*:|how\\s+(?:i\\s+)?(?:it\\s+was\\s+)?used\\s*:|purpose\\s*:|i\\s+used\\s+the\\s+(?:output|response|answer))")
    static let afterUse = regex("^\\W*(?:i\\s+(?:then\\s+)?(?:checked|changed|rewrote|edited|used)\\s+(?:it|the|its|what)|the\\s+(?:output|answers?|response))")
    static let toolSeparator = FactsReader.regex("\\s*(?:,|;|\\band\\b|&|/)\\s*")

    /// Reads the section under the heading at `index`.
    static func read(_ paragraphs: [TextParagraph], after index: Int) -> DeclarationSection {
        var j = index + 1
        while j < paragraphs.count, QuickTrim.whitespacesAndNewlines(paragraphs[j].text).isEmpty, j - index <= 3 { j += 1 }
        guard j < paragraphs.count else { return DeclarationSection(facts: nil, words: "", used: []) }
        if let table = table(paragraphs, from: j, requireAI: false) { return table }
        var words: [String] = []
        var used: Set<Int> = []
        var k = j
        while k < paragraphs.count, words.count < 6 {
            let text = QuickTrim.whitespacesAndNewlines(paragraphs[k].text)
            defer { k += 1 }
            if text.isEmpty { if words.isEmpty { continue } else { break } }
            if FactsReader.matches(WrittenDeclarations.heading, text) || FactsReader.matches(WrittenDeclarations.sectionEnd, text) { break }
            let total = words.reduce(0) { $0 + $1.count }
            if words.isEmpty {
                // The first paragraph answers the heading unless it is a long essay paragraph that says nothing about AI.
                guard text.count <= 600 || !ToolCatalogue.tools(in: text).isEmpty || FactsReader.matches(FactsReader.aiWords, text) else { break }
            } else {
                guard total + text.count <= 1200, isAboutUse(text) else { break }
            }
            words.append(text)
            used.insert(k)
        }
        guard !words.isEmpty else { return DeclarationSection(facts: nil, words: "", used: []) }
        let joined = words.joined(separator: " ")
        return DeclarationSection(facts: FactsReader.facts(joined, impliesAI: true), words: joined, used: used)
    }

    /// True when a following paragraph still speaks about AI use (a tool, AI, a date, "I used it").
    static func isAboutUse(_ text: String) -> Bool {
        !ToolCatalogue.tools(in: text).isEmpty || FactsReader.matches(FactsReader.aiWords, text)
            || FactsReader.matches(FactsReader.date, text) && text.count < 120 || saysHowUsed(text)
            || FactsReader.matches(afterUse, text)
    }

    /// A question table starting at `from`, read for its answers; nil when there is none.
    /// - Parameter requireAI: true outside a declaration section: some question must name AI.
    static func table(_ paragraphs: [TextParagraph], from start: Int, requireAI: Bool) -> DeclarationSection? {
        guard start < paragraphs.count, question(paragraphs[start].text) != nil else { return nil }
        var header: [Question] = []
        var k = start
        while k < paragraphs.count, let q = question(paragraphs[k].text), header.count < 8 { header.append(q); k += 1 }
        let texts = paragraphs.map { QuickTrim.whitespacesAndNewlines($0.text) }
        if requireAI {
            let namesAI = (start..<k).contains { FactsReader.matches(FactsReader.aiWords, texts[$0]) }
            guard namesAI, header.contains(where: { $0 == .tool || $0 == .yesNo }) else { return nil }
        }
        var answers: [(Question, String, String)] = []  // question kind, question words, answer
        var used = Set(start..<k)
        if header.count >= 2 {
            // A header row: rows of header.count answers.
            var row = 0
            while row < 4, k + header.count <= paragraphs.count {
                let cells = Array(texts[k..<(k + header.count)])
                if cells.contains(where: { question($0) != nil || $0.count > 300 }) { break }
                if row > 0, cells.allSatisfy(\.isEmpty) { break }
                for (c, cell) in cells.enumerated() where !cell.isEmpty { answers.append((header[c], texts[start + c], cell)) }
                used.formUnion(k..<(k + header.count))
                k += header.count
                row += 1
            }
        } else {
            // A first column of questions: question, answer, question, answer...
            k = start
            while k + 1 < paragraphs.count, let q = question(texts[k]), question(texts[k + 1]) == nil, texts[k + 1].count <= 300 {
                if !texts[k + 1].isEmpty { answers.append((q, texts[k], texts[k + 1])) }
                used.formUnion([k, k + 1])
                k += 2
            }
            guard k > start else { return nil }
        }
        return DeclarationSection(facts: facts(answers), words: answers.map { "\($0.1.trimmingCharacters(in: CharacterSet(charactersIn: ":? "))): \($0.2)" }.joined(separator: "; "),
                                  used: used, isTable: true)
    }

    /// The facts of a table's answers.
    static func facts(_ answers: [(Question, String, String)]) -> DeclarationFacts {
        let words = answers.map { "\($0.1.trimmingCharacters(in: CharacterSet(charactersIn: ":? "))): \($0.2)" }.joined(separator: "; ")
        guard !answers.isEmpty else { return DeclarationFacts(aiUse: .unclear, confidence: .partial, words: words) }
        var used = false, none = false
        var tools: [DeclarationFacts.Tool] = []
        var purposes: [DeclarationFacts.PurposeFact] = []
        var date: String?
        for (q, _, answer) in answers {
            let negative = FactsReader.negative.contains { FactsReader.matches($0, answer) }
            switch q {
            case .yesNo:
                if FactsReader.matches(FactsReader.yes, answer) { used = true } else if negative { none = true }
            case .tool:
                if negative { none = true; continue }
                used = true
                let found = ToolCatalogue.tools(in: answer)
                let named = found.isEmpty ? answer.components(separatedBy: toolSeparator).filter { !$0.isEmpty }.map { DeclarationFacts.Tool(asWritten: $0, canonical: nil) } : found
                for t in named where !tools.contains(where: { $0.name == t.name }) { tools.append(t) }
            case .purpose:
                if negative { continue }
                purposes += PurposeWords.purposes(in: answer).filter { p in !purposes.contains { $0.asWritten == p.asWritten } }
            case .date:
                if date == nil, !negative { date = answer }
            case .other:
                break
            }
        }
        let aiUse: DeclarationFacts.AIUse = used ? .used : (none ? .none : .unclear)
        if aiUse != .used { tools = []; purposes = [] }
        return DeclarationFacts(aiUse: aiUse, tools: tools, purposes: purposes, date: date,
                                confidence: FactsReader.confidence(aiUse, tools, purposes), words: words)
    }
}
