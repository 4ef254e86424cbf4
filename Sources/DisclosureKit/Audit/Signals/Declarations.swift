import Foundation

/// Machine-readable declarations made another way: the W3C `ai-disclosure` meta tag or attribute,
/// the IETF AI-Disclosure header saved as a meta tag, schema.org and IPTC digital source types,
/// and C2PA manifests.
enum Declarations {
    /// Values of the W3C `ai-disclosure` vocabulary.
    static let w3cValues: Set<String> = ["human-only", "ai-assisted", "ai-autonomous", "mixed", "none"]
    /// IPTC digital source type terms that say the content was made by an algorithm or a trained model.
    static let iptcAITerms = ["trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia", "algorithmicMedia", "compositeSynthetic"]
    static let iptcPrefix = "cv.iptc.org/newscodes/digitalsourcetype/"

    static func normalizedKey(_ key: String) -> String { QuickReplace.replacing(key.lowercased(), "_", with: "-") }

    /// Front matter keys and document properties that hold a written declaration
    /// (`ai_declaration: "I used ChatGPT to plan my essay"`, `ai_use: none`, `ai_tools: [ChatGPT]`).
    static let fieldKeys: Set<String> = [
        "ai-declaration", "ai-use", "ai-used", "ai-usage", "ai-statement", "ai-use-statement", "ai-acknowledgement",
        "ai-acknowledgment", "ai-tools", "ai-tools-used", "ai-tool", "use-of-ai", "generative-ai", "generative-ai-use",
        "ai-purpose", "ai-purposes", "ai-declaration-date", "declaration-of-ai-use", "ai-assistance", "ai-use-declaration",
    ]

    /// The normalised key of a declaration field ("AI declaration" → `ai-declaration`), or nil.
    static func fieldKey(_ key: String) -> String? {
        let k = QuickReplace.replacing(normalizedKey(key), " ", with: "-")
        return fieldKeys.contains(k) ? k : nil
    }

    /// Keys this file interprets (the metadata family leaves them alone).
    static func isDeclarationKey(_ key: String) -> Bool {
        let k = normalizedKey(key)
        return k == "ai-disclosure" || k == "ai-model" || k == "ai-provider" || k.hasPrefix("ai-disclosure attribute on")
            || k.contains("digitalsourcetype") || fieldKey(key) != nil
    }

    /// The facts of a W3C `ai-disclosure` value with its `ai-model` companions.
    static func w3cFacts(_ value: String, models: [String], words: String) -> DeclarationFacts {
        let tools = models.flatMap { ToolCatalogue.tools(in: $0).isEmpty ? [DeclarationFacts.Tool(asWritten: $0, canonical: nil)] : ToolCatalogue.tools(in: $0) }
        switch value.lowercased() {
        case "human-only", "none": return DeclarationFacts(aiUse: .none, confidence: .clear, words: words)
        case "ai-assisted", "ai-autonomous", "mixed": return DeclarationFacts(aiUse: .used, tools: tools, confidence: .partial, words: words)
        default: return FactsReader.facts(value, impliesAI: true).withWords(words)
        }
    }

    /// The facts of an IETF AI-Disclosure value (`mode=ai-modified; model=gpt-4o`).
    static func ietfFacts(_ value: String, words: String) -> DeclarationFacts {
        let fields = Dictionary(value.split(whereSeparator: { $0 == ";" || $0 == "," }).compactMap { pair -> (String, String)? in
            let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            return kv.count == 2 ? (kv[0], kv[1]) : nil
        }, uniquingKeysWith: { a, _ in a })
        let mode = fields["mode"] ?? ""
        if mode == "none" || mode == "human" || mode == "human-only" { return DeclarationFacts(aiUse: .none, confidence: .clear, words: words) }
        let model = fields["model"].map { ToolCatalogue.tools(in: $0).first ?? DeclarationFacts.Tool(asWritten: $0, canonical: nil) }
        return DeclarationFacts(aiUse: mode.isEmpty ? .unclear : .used, tools: model.map { [$0] } ?? [], confidence: .partial, words: words)
    }

    /// Declaration fields in front matter or document properties, read together as one declaration.
    static func fields(_ entries: [MetadataEntry], _ context: ScanContext) {
        let found = entries.filter { fieldKey($0.key) != nil && !QuickTrim.whitespaces($0.value).isEmpty }
        guard let first = found.first else { return }
        let lines = found.map { "\($0.key): \(QuickTrim.whitespaces($0.value))" }
        var facts = FactsReader.facts(found.map { entry -> String in
            let value = entry.value.trimmingCharacters(in: CharacterSet(charactersIn: " []\"'"))
            switch fieldKey(entry.key) {
            case "ai-use", "ai-used", "generative-ai", "ai-assistance":
                switch value.lowercased() {
                case "true", "yes", "y": return "yes"
                case "false", "no", "n", "none", "n/a": return "none"
                default: return value
                }
            case "ai-tools", "ai-tools-used", "ai-tool": return ["none", "n/a", "no", "[]", ""].contains(value.lowercased()) ? "none" : "I used " + value
            case "ai-purpose", "ai-purposes": return "I used it to " + value
            default: return value
            }
        }.joined(separator: ". "), impliesAI: true)
        facts = facts.withWords(lines.joined(separator: "; "))
        context.declare(kind: .labelledField, at: first.location, quote: lines.joined(separator: "; "),
                        explanation: "The document's \(first.location.part == nil ? "front matter carries" : "properties carry") a declaration field (\(first.key)); it is read for what the author declares about AI use.",
                        facts: facts)
    }

    /// The first IPTC AI term in `text` (by its URL or bare term next to `digitalSourceType`).
    static func iptcAITerm(in text: String) -> String? {
        let lower = text.lowercased()
        guard lower.contains("algorithmicmedia") || lower.contains("compositesynthetic") else { return nil }
        for term in iptcAITerms.sorted(by: { $0.count > $1.count }) {
            let t = term.lowercased()
            if lower.contains(iptcPrefix + t) { return term }
            if lower.contains("digitalsourcetype"), lower.range(of: "\\b" + t + "\\b", options: .regularExpression) != nil { return term }
        }
        return nil
    }

    static func scan(_ entries: [MetadataEntry], _ context: ScanContext) {
        var companions: [String] = []
        for e in entries {
            let k = normalizedKey(e.key)
            if k == "ai-model" || k == "ai-provider" { companions.append("\(e.key)=\(e.value)") }
        }
        let models = entries.filter { normalizedKey($0.key) == "ai-model" }.map(\.value)
        fields(entries, context)
        var declaredW3C = false
        for e in entries {
            let k = normalizedKey(e.key)
            let value = QuickTrim.whitespacesAndNewlines(e.value)
            if k == "ai-disclosure" {
                declaredW3C = true
                if value.lowercased().contains("mode=") {
                    context.declare(kind: .ietfHeader, at: e.location, quote: "\(e.key): \(value)",
                                    explanation: "The page carries the IETF AI-Disclosure header as a meta tag; it says how AI was involved (\(value)).",
                                    facts: ietfFacts(value, words: "\(e.key): \(value)"))
                } else {
                    let known = w3cValues.contains(value.lowercased())
                    let quote = ([ "\(e.key)=\(value)" ] + companions).joined(separator: "; ")
                    context.declare(kind: .w3cMeta, at: e.location, quote: quote,
                                    explanation: known ? "A W3C ai-disclosure label declares the level of AI involvement: \(value)."
                                        : "An ai-disclosure label declares AI involvement with a value outside the W3C vocabulary (\(value)); please read it.",
                                    facts: w3cFacts(value, models: models, words: quote))
                }
            } else if k.hasPrefix("ai-disclosure attribute on") {
                declaredW3C = true
                context.declare(kind: .w3cAttribute, at: e.location, quote: "ai-disclosure=\"\(value)\" on \(e.key.replacingOccurrences(of: "ai-disclosure attribute on ", with: ""))",
                                explanation: "An element carries the W3C ai-disclosure attribute, declaring the level of AI involvement for its content: \(value).",
                                facts: w3cFacts(value, models: [], words: "ai-disclosure=\(value)"))
            } else if e.key == EvidenceEntryKey.c2paManifest {
                c2pa(e, context)
            } else if k == "application/ld+json" {
                if let term = iptcAITerm(in: e.value) {
                    context.declare(kind: .schemaOrg, at: e.location, quote: "digitalSourceType: \(term)",
                                    explanation: "The page's schema.org data gives an IPTC digital source type saying it was made with AI (\(term)).",
                                    facts: DeclarationFacts(aiUse: .used, confidence: .partial, words: "digitalSourceType: \(term)"))
                }
            } else if let term = iptcAITerm(in: e.key + " " + e.value) {
                context.declare(kind: .iptc, at: e.location, quote: "\(e.key): \(term)",
                                explanation: "A metadata field gives an IPTC digital source type saying the content was made with AI (\(term)).",
                                facts: DeclarationFacts(aiUse: .used, confidence: .partial, words: "\(e.key): \(term)"))
            }
        }
        if !declaredW3C {
            for e in entries where ["ai-model", "ai-provider"].contains(normalizedKey(e.key)) {
                context.add(ProvenanceSignals.label, at: e.location, excerpt: "\(e.key): \(e.value)",
                            explanation: "An \(e.key) label names an AI model or provider without an ai-disclosure value; the tool that wrote it probably recorded AI use. Please check with the author.")
            }
        }
    }

    /// A C2PA manifest is a provenance declaration made another way: say what it declares, when readable.
    static func c2pa(_ e: MetadataEntry, _ context: ScanContext) {
        let term = iptcAITerm(in: e.value)
        let tool = ToolNames.firstName(inManifest: e.value)
        var quote = "C2PA manifest"
        if let term { quote += ", digitalSourceType \(term)" }
        if let tool { quote += ", names \(tool)" }
        if e.value.hasPrefix("external manifest at ") {
            quote += ", " + e.value
        } else if term == nil && tool == nil {
            quote += " (no AI digital source type in its readable text)"
        }
        context.declare(kind: .c2pa, at: e.location, quote: quote,
                        explanation: term != nil ? "Content Credentials (C2PA) in the file declare that it was made with AI (\(term!)); a C2PA viewer shows the details."
                            : "The file carries Content Credentials (C2PA), a provenance record made by another tool; a C2PA viewer shows what it declares.",
                        facts: DeclarationFacts(aiUse: term != nil || tool != nil ? .used : .unclear,
                                                tools: tool.map { [DeclarationFacts.Tool(asWritten: $0, canonical: ToolCatalogue.canonical(for: $0))] } ?? [],
                                                confidence: .partial, words: quote))
        if let tool {
            context.add(ProvenanceSignals.manifestTool, at: e.location, excerpt: quote,
                        explanation: "The file's Content Credentials name \(tool) among the tools that made it; please check with the author.")
        }
    }
}

/// Foreign provenance that is not a standard declaration.
enum ProvenanceSignals {
    static let manifestTool = SignalDescriptor(
        id: "provenance.c2pa-ai-tool", family: "provenance", strength: .strong, title: "Content Credentials name an AI tool",
        rationale: "A C2PA manifest in the file (package entry, HTML script or link, or text wrapper) names an AI tool as claim generator or software agent (OpenAI, ChatGPT, Copilot, Firefly...). The manifest itself is also reported as a `c2pa` declaration.",
        falsePositives: "A manifest that names the tool only for an ingredient, such as one illustration, not for the text.")
    static let label = SignalDescriptor(
        id: "provenance.ai-label", family: "provenance", strength: .moderate, title: "Another tool's AI label",
        rationale: "A label that is not a recognised standard says AI was used: a meta tag, custom property or front-matter key such as `ai-generated: true`, `generated_by_ai`, `ai_assisted`, or an `ai-model` / `ai-provider` tag without an `ai-disclosure` value.",
        falsePositives: "A template that ships the label with a default value nobody changed; `ai-generated: false` is not reported.")

    static let descriptors = [manifestTool, label]

    static let labelKeys: Set<String> = ["aigenerated", "generatedbyai", "isaigenerated", "aiassisted", "madewithai", "aiwritten", "writtenbyai", "aicontent", "syntheticcontent", "aigeneratedcontent"]
    static let falseValues: Set<String> = ["false", "no", "0", "none", "off", "n"]

    static func scan(_ entries: [MetadataEntry], _ context: ScanContext) {
        for e in entries where labelKeys.contains(MetadataSignals.normalized(e.key)) {
            let value = QuickTrim.whitespacesAndNewlines(e.value).lowercased()
            if falseValues.contains(value) { continue }
            context.add(label, at: e.location, excerpt: "\(e.key): \(e.value)",
                        explanation: "The field \(e.key) is an AI label written by another tool (value \(e.value.isEmpty ? "empty" : e.value)); please check with the author.")
        }
    }
}
