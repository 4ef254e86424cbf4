import Foundation

/// Reads declarations of AI use, other than a stamp of ours, from a document's text and
/// metadata, each with its ``DeclarationFacts`` — the same reading `disclose audit` does, for
/// `verify`, `policy check` and `show`.
///
/// ```swift
/// let declarations = DeclarationReader.read(try document.text(), metadata: try document.metadataEntries())
/// for d in declarations { print(d.kind, d.facts?.aiUse ?? .unclear, d.facts?.tools.map(\.name) ?? []) }
///
/// let facts = DeclarationReader.facts(of: "AI decleration: i used chat gpt to help me plan my essay")
/// // facts.aiUse == .used, facts.tools[0].canonical == "ChatGPT", facts.purposes[0].purpose == .ideaGeneration
/// ```
public enum DeclarationReader {
    /// The reader's version; part of the audit cache fingerprint, so cached results made by an
    /// older reader are made again.
    public static let version = 5

    /// The declarations in a document, in document order (metadata labels first).
    /// - Parameters:
    ///   - text: the document's text streams (body, headers, footers, footnotes, comments...).
    ///   - metadata: the document's metadata entries (meta tags, front matter, properties), whose
    ///     W3C, IETF, schema.org, IPTC, C2PA labels and declaration fields are read too.
    ///   - raw: the file's bytes, when at hand: lets the reader tell quotations and code in
    ///     Markdown and HTML markup from running text, as the audit does.
    /// - Returns: every declaration found, each with its facts.
    public static func read(_ text: DocumentText, metadata: [MetadataEntry] = [], raw: Data = Data()) -> [Declaration] {
        let context = ScanContext(input: EvidenceInput(path: "", format: "", text: text, metadata: metadata, raw: raw), maxFindingsPerSignal: 10)
        Declarations.scan(metadata.filter { !OwnStamp.isOwn($0) }, context)
        for stream in text.streams {
            var anchored: [Bool] = []
            anchored.reserveCapacity(stream.paragraphs.count)
            for paragraph in stream.paragraphs {
                var s = paragraph.text
                anchored.append(s.withUTF8 { anchorMatcher.matches(in: $0).first != nil })
            }
            WrittenDeclarations.scan(stream.paragraphs, anchored: anchored, context)
        }
        return context.declarations
    }

    /// The facts that one piece of writing states, read as the words under a declaration
    /// heading are read ("I used Grammarly to fix my grammer", "None", "ChatGPT – plan my essay").
    /// - Parameter words: the declaration's words (a paragraph, a form field, an answer).
    /// - Returns: the facts; `aiUse` is `unclear` when the words say neither.
    public static func facts(of words: String) -> DeclarationFacts {
        if let m = WrittenDeclarations.label.firstMatch(in: words, range: FactsReader.whole(words)), m.range(at: 1).location != NSNotFound {
            return FactsReader.facts((words as NSString).substring(with: m.range(at: 1)), impliesAI: true).withWords(words)
        }
        return FactsReader.facts(words, impliesAI: true)
    }

    /// The facts of a disclosure of ours: always `clear`, read from its fields rather than its words.
    /// - Parameter disclosure: a decoded Disclose stamp.
    /// - Returns: `none` when its extent is `none`, else `used` with its tools and purposes.
    public static func facts(of disclosure: Disclosure) -> DeclarationFacts {
        let none = disclosure.extent == .none
        return DeclarationFacts(
            aiUse: none ? .none : .used,
            tools: none ? [] : disclosure.tools.map { DeclarationFacts.Tool(asWritten: $0.name, canonical: ToolCatalogue.canonical(for: $0.name) ?? $0.name) },
            purposes: none ? [] : disclosure.purposes.map { DeclarationFacts.PurposeFact(asWritten: $0.phrase, purpose: $0) },
            date: disclosure.date, confidence: .clear,
            words: disclosure.statement ?? StatementRenderer().render(disclosure))
    }

    static let anchorMatcher = PhraseMatcher(WrittenDeclarations.anchorWords.map { ($0, 0) })
}

extension Disclosure {
    /// What this disclosure declares, as facts (``DeclarationReader/facts(of:)-(Disclosure)``).
    public var facts: DeclarationFacts { DeclarationReader.facts(of: self) }
}

extension AuditRecord {
    /// What the file declares, as facts: our disclosure's when it has one, else the declarations
    /// made another way taken together (AI use as ``Classifier/declaredStatus(_:)`` reads it;
    /// tools, purposes and words from the declarations that say so). Nil when there are none.
    public var declaredFacts: DeclarationFacts? {
        if let disclosure { return disclosure.facts }
        let all = declarations.compactMap(\.facts)
        guard !declarations.isEmpty else { return nil }
        let aiUse = DeclarationFacts.combinedUse(declarations.map { $0.facts?.aiUse ?? .unclear })
        let agreeing = all.filter { $0.aiUse == aiUse }
        let chosen = agreeing.isEmpty ? all : agreeing
        var tools: [DeclarationFacts.Tool] = []
        var purposes: [DeclarationFacts.PurposeFact] = []
        for f in chosen {
            for t in f.tools where !tools.contains(where: { $0.name == t.name }) { tools.append(t) }
            for p in f.purposes where !purposes.contains(p) { purposes.append(p) }
        }
        let confidence: DeclarationFacts.Confidence = aiUse != .unclear && chosen.allSatisfy { $0.confidence == .clear } && all.count == declarations.count ? .clear : .partial
        return DeclarationFacts(aiUse: aiUse, tools: aiUse == .used ? tools : [], purposes: aiUse == .used ? purposes : [],
                                date: chosen.compactMap(\.date).first, confidence: confidence,
                                words: chosen.first?.words ?? declarations[0].quote)
    }
}
