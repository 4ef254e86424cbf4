import Foundation

/// Where the register found a person's name.
public enum PersonSource: String, Codable, CaseIterable, Sendable {
    /// The file's own name ("Amelia_Khan_History_Essay.docx").
    case fileName = "file name"
    /// The folder holding the file (a folder per pupil, as Teams and Moodle exports make).
    case folderName = "folder name"
    /// The document's author property.
    case authorProperty = "author property"
    /// No name was found.
    case none
}

/// Reads a person's name from a submission's file name, folder name or author property.
///
/// The rule (documented in `docs/reports.md`):
/// 1. A Moodle export name (`Amelia Khan_12345_assignsubmission_file_essay.docx`): the words
///    before the number are the name.
/// 2. Otherwise the name is split into segments at ` - `, `(`, `)` and `,`-free separators;
///    the words of each segment are split at spaces, underscores, dots and plus signs (and at
///    hyphens when the name has no spaces or underscores, as in `history-essay-amelia-khan`).
///    Words that name the subject, task or version (`history`, `essay`, `final`, `v2`, `draft`,
///    `submission`, …), dates, numbers and words with digits are dropped.
/// 3. The segment that is left with two to four words, all letters, is the name (the first
///    such segment; one holding a common given name is preferred). One word alone is not taken
///    as a name.
/// 4. Order: "Surname, Forename" (a comma) and "KHAN Amelia" (a surname in capitals first) are
///    turned round; two words where only the second is a common given name ("Khan Amelia") are
///    turned round; otherwise the order written is kept. When the author property holds the same
///    words, its order wins.
/// 5. Words are written with a capital first letter ("amelia" → "Amelia"), keeping capitals
///    inside a word ("McDonald") and hyphens and apostrophes inside a name ("Smith-Jones", "O'Neil").
public enum PersonName {
    /// The person for a file at `relativePath` (below the audited root, `/`-separated), with
    /// where the name came from.
    /// - Parameters:
    ///   - relativePath: the path below the audited root (or inside the archive).
    ///   - author: the document's author property, if any.
    /// - Returns: the name ("" when none) and its source.
    public static func person(relativePath: String, author: String?) -> (name: String, source: PersonSource) {
        let components = relativePath.split(separator: "/").map(String.init)
        let authorWords = author.flatMap { words(inName: $0) }
        if let file = components.last {
            let stem = (file as NSString).deletingPathExtension
            if let name = fromName(stem, author: authorWords) { return (name, .fileName) }
        }
        // The nearest folder below the root that holds a name (a folder per pupil).
        for folder in components.dropLast().reversed() {
            if let name = fromName((folder as NSString).deletingPathExtension, author: authorWords) { return (name, .folderName) }
        }
        if let author, let words = authorWords, (1...5).contains(words.count) {
            _ = author
            return (words.map(capitalised).joined(separator: " "), .authorProperty)
        }
        return ("", .none)
    }

    /// The name in a file or folder name (without extension), or nil when it holds none.
    public static func fromName(_ stem: String, author: [String]? = nil) -> String? {
        let text = stem.precomposedStringWithCanonicalMapping
        if let moodle = moodleName(text) { return order(moodle, comma: false, author: author) }
        var best: [String]?
        for segment in segments(text) {
            let hasComma = segment.contains(",")
            let kept = wordList(segment).filter { !isNoise($0) }
            guard (2...4).contains(kept.count), kept.allSatisfy(isNameWord) else { continue }
            let ordered = order(kept, comma: hasComma, author: author)
            if kept.contains(where: isGivenName) { return ordered }
            if best == nil { best = ordered.split(separator: " ").map(String.init) }
        }
        return best?.joined(separator: " ")
    }

    /// The words of a name as a person would write it ("Khan, Amelia" → ["Amelia", "Khan"]), or nil.
    static func words(inName text: String) -> [String]? {
        let trimmed = QuickTrim.whitespacesAndNewlines(text)
        guard !trimmed.isEmpty else { return nil }
        var list = wordList(trimmed)
        if trimmed.contains(","), list.count >= 2 { list = Array(list.dropFirst()) + [list[0]] }
        guard !list.isEmpty, list.allSatisfy(isNameWord) else { return nil }
        return list
    }

    /// `Amelia Khan_12345_assignsubmission_file_essay` → ["Amelia", "Khan"].
    static func moodleName(_ text: String) -> [String]? {
        guard let range = text.range(of: #"_[0-9]+_assignsubmission_"#, options: .regularExpression) else { return nil }
        let list = wordList(String(text[..<range.lowerBound]))
        return list.isEmpty || !list.allSatisfy(isNameWord) ? nil : list
    }

    /// Segments at " - ", brackets, and " by " (as in "essay by Amelia Khan").
    static func segments(_ text: String) -> [String] {
        var pieces = [text]
        for separator in [" - ", " – ", " — ", "(", ")", "[", "]", " by ", " By "] {
            pieces = pieces.flatMap { $0.components(separatedBy: separator) }
        }
        return pieces.filter { !QuickTrim.whitespaces($0).isEmpty }
    }

    /// The words of a segment. Hyphens separate words only when nothing else does.
    static func wordList(_ segment: String) -> [String] {
        let hasOtherSeparators = segment.contains(" ") || segment.contains("_")
        let separators = CharacterSet(charactersIn: hasOtherSeparators ? " _.,+" : " _.,+-")
        return segment.components(separatedBy: separators)
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "-'’")) }
            .filter { !$0.isEmpty }
    }

    /// Puts `list` in Forename Surname order (see the type's rule 4) and capitalises it.
    static func order(_ list: [String], comma: Bool, author: [String]?) -> String {
        var list = list
        if let author, Set(author.map { $0.lowercased() }) == Set(list.map { $0.lowercased() }), author.count == list.count {
            list = author
        } else if comma && list.count >= 2 {
            list = Array(list.dropFirst()) + [list[0]]
        } else if list.count >= 2, isCapitals(list[0]), !list.dropFirst().contains(where: isCapitals) {
            list = Array(list.dropFirst()) + [list[0]]
        } else if list.count == 2, isGivenName(list[1]), !isGivenName(list[0]) {
            list = [list[1], list[0]]
        }
        return list.map(capitalised).joined(separator: " ")
    }

    /// True when `word` (case and accents aside: "Zoë" is "zoe") is a common given name.
    static func isGivenName(_ word: String) -> Bool {
        givenNames.contains(word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased())
    }

    static func isCapitals(_ word: String) -> Bool {
        word.count > 1 && word == word.uppercased() && word != word.lowercased()
    }

    /// "amelia" → "Amelia", "KHAN" → "Khan", "McDonald" and "O'Neil" kept, "smith-jones" → "Smith-Jones".
    static func capitalised(_ word: String) -> String {
        if word != word.lowercased() && word != word.uppercased() { return word }
        return word.split(separator: "-", omittingEmptySubsequences: false).map { part in
            part.split(separator: "'", omittingEmptySubsequences: false).map { piece in
                piece.prefix(1).uppercased() + piece.dropFirst().lowercased()
            }.joined(separator: "'")
        }.joined(separator: "-")
    }

    /// Letters, with hyphens or apostrophes inside.
    static func isNameWord(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, CharacterSet.letters.contains(first) else { return false }
        return word.unicodeScalars.allSatisfy { CharacterSet.letters.contains($0) || $0 == "-" || $0 == "'" || $0 == "’" }
    }

    /// A word that names a subject, task, version or date, or holds a digit.
    static func isNoise(_ word: String) -> Bool {
        let lower = word.lowercased()
        if lower.unicodeScalars.contains(where: { CharacterSet.decimalDigits.contains($0) }) { return true }
        return noiseWords.contains(lower) || months.contains(lower)
    }

    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// Subjects, tasks, versions and file words that are never part of a pupil's name.
    static let noiseWords: Set<String> = [
        // subjects
        "history", "english", "maths", "math", "mathematics", "science", "biology", "chemistry", "physics",
        "geography", "re", "rs", "religious", "studies", "art", "music", "french", "spanish", "german", "latin",
        "computing", "computer", "ict", "drama", "pe", "literature", "language", "lit", "lang", "psychology", "sociology",
        "economics", "business", "philosophy", "politics", "law", "media", "design", "technology", "dt", "food",
        "citizenship", "pshe", "welsh", "classics", "statistics", "engineering",
        // tasks
        "essay", "essays", "assignment", "assignments", "homework", "hw", "coursework", "project", "report", "task",
        "submission", "submissions", "submitted", "assessment", "test", "exam", "paper", "work", "piece", "notes",
        "question", "questions", "answers", "answer", "response", "reflection", "portfolio", "unit", "topic",
        "term", "year", "yr", "class", "group", "set", "gcse", "nea", "alevel", "a-level", "ks", "homeworks",
        "causes", "source", "sources", "analysis", "evaluation", "review", "summary", "plan", "planning",
        "introduction", "conclusion", "chapter", "lesson", "worksheet", "practice", "mock", "controlled",
        "independent", "research", "investigation", "write", "writing", "creative", "story", "poem", "speech",
        "ai", "declaration", "template", "cover", "sheet", "feedback", "marked", "mark", "grade",
        // versions and file words
        "final", "finalfinal", "draft", "drafts", "version", "ver", "copy", "revised", "revision", "resubmission",
        "resubmit", "edit", "edited", "updated", "new", "old", "latest", "fixed", "corrected", "done", "complete",
        "completed", "document", "doc", "docx", "file", "untitled", "assignsubmission", "onlinetext", "upload",
        // small words
        "the", "of", "and", "on", "my", "for", "in", "a", "an", "to", "by", "with", "about", "is", "was",
        "part", "no", "number", "first", "second", "third", "one", "two", "three",
    ]

    /// Common given names in UK schools, for telling "Khan Amelia" (surname first) from
    /// "Amelia Khan". Only ever used to turn two words round, never to find a name.
    static let givenNames: Set<String> = [
        "amelia", "olivia", "isla", "ava", "mia", "ivy", "lily", "isabella", "rosie", "sophia", "grace", "freya",
        "willow", "florence", "emily", "ella", "poppy", "evie", "elsie", "charlotte", "evelyn", "sophie", "daisy",
        "sienna", "chloe", "alice", "harper", "ruby", "jessica", "emma", "ellie", "matilda", "millie", "layla",
        "maya", "hannah", "zara", "aisha", "fatima", "maryam", "amira", "priya", "anya", "leah", "lucy", "megan",
        "holly", "katie", "lauren", "amy", "sarah", "laura", "rebecca", "zoe", "eva", "nina", "maria", "anna",
        "noor", "hafsa", "khadija", "safa", "imogen", "phoebe", "esme", "thea", "harriet", "georgia", "molly",
        "oliver", "george", "noah", "arthur", "muhammad", "mohammed", "leo", "oscar", "harry", "archie", "jack",
        "henry", "charlie", "freddie", "theodore", "thomas", "finley", "theo", "alfie", "jacob", "william",
        "isaac", "tommy", "joshua", "james", "lucas", "ethan", "samuel", "daniel", "adam", "alexander", "max",
        "joseph", "benjamin", "logan", "dylan", "ryan", "jayden", "luke", "liam", "ben", "sam", "tom", "dan",
        "ali", "omar", "yusuf", "ibrahim", "hamza", "zain", "ayaan", "aarav", "arjun", "rohan", "dev", "hassan",
        "kai", "reggie", "ronnie", "teddy", "louis", "edward", "elijah", "sebastian", "jude", "albie", "harrison",
        "mason", "hugo", "rory", "callum", "kyle", "connor", "jamie", "lewis", "nathan", "owen", "michael",
        "david", "john", "peter", "paul", "mark", "chris", "christopher", "matthew", "andrew", "robert", "jake",
        "jordan", "tyler", "kieran", "aiden", "caleb", "ezra", "felix", "gabriel", "jasper", "jonah", "levi",
        "milo", "nathaniel", "rafael", "stanley", "toby", "zachary", "amir", "bilal", "idris", "musa", "ilyas",
    ]
}

/// The author property among a document's metadata entries.
enum AuthorProperty {
    /// The first non-empty `creator`, `author` or `dc:creator` value, cut to 120 characters.
    static func value(in entries: [MetadataEntry]) -> String? {
        for entry in entries {
            let key = entry.key.lowercased()
            guard key == "creator" || key == "author" || key == "dc:creator" || key == "dc.creator" else { continue }
            let value = QuickTrim.whitespacesAndNewlines(entry.value)
            if !value.isEmpty { return String(value.prefix(120)) }
        }
        return nil
    }
}
