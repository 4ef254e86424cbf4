import Foundation

/// Metadata traces: fields that name an AI tool as the software that made the file,
/// as its author, or in a field about AI.
enum MetadataSignals {
    static let generator = SignalDescriptor(
        id: "metadata.ai-generator", family: "metadata", strength: .strong, title: "Software field names an AI tool",
        rationale: "A generator, application, producer or creator-tool field names an AI tool or assistant (ChatGPT, Copilot, Gemini, Claude...). Editors write their own name there, so the file was probably produced or last saved by that tool.",
        falsePositives: "A site generator or plug-in whose name contains a tool's name as a word; a file converted by an AI-branded converter that did not write the text.")
    static let author = SignalDescriptor(
        id: "metadata.ai-author", family: "metadata", strength: .moderate, title: "Author field names an AI tool",
        rationale: "An author, creator or last-modified-by field holds an AI product name (ChatGPT, OpenAI, Copilot...). Names that are also given names (Claude, Jasper, Gemini, Bard) are ignored in these fields.",
        falsePositives: "A document about the tool whose author field was filled in by hand; a shared account named after the tool.")
    static let field = SignalDescriptor(
        id: "metadata.ai-field", family: "metadata", strength: .moderate, title: "A metadata field about AI names a tool",
        rationale: "A custom property, front-matter key or meta tag whose name is about AI (ai, model, assistant, prompt, llm) names an AI tool, or a field's name is itself a tool's name (e.g. `chatgpt_prompt`).",
        falsePositives: "Blog or course metadata that categorises a page about AI tools (title, description, keywords and tags are not read for this reason).")

    static let descriptors = [generator, author, field]

    static let softwareKeys: Set<String> = [
        "generator", "application", "producer", "creatortool", "softwareagent", "software", "generatedby", "createdwith",
        "madewith", "appname", "program", "tool", "generatortool", "creatorapplication", "pdfproducer", "xmpcreatortool",
    ]
    static let personKeys: Set<String> = ["creator", "author", "lastmodifiedby", "dccreator", "company", "manager", "publisher", "owner", "writer"]
    /// Fields where people write about tools; never read for traces.
    static let contentKeys: Set<String> = [
        "title", "description", "keywords", "subject", "tags", "tag", "categories", "category", "summary", "abstract", "excerpt",
        "ogtitle", "ogdescription", "twittertitle", "twitterdescription", "comments", "linktitle", "series", "topics",
        EvidenceEntryKey.link, EvidenceEntryKey.c2paManifest, "applicationldjson",
    ]
    static let aiKeyWords: Set<String> = ["ai", "llm", "model", "assistant", "prompt", "chatbot", "gpt", "genai", "copilot"]

    /// The key's local name, lower-cased, without separators: `cp:lastModifiedBy` → `lastmodifiedby`.
    static func normalized(_ key: String) -> String {
        let local = key.split(separator: ":").last.map(String.init) ?? key
        let whole = key.contains("dc:") ? "dc" + local : local
        return String(whole.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
    }

    /// The key's words: `ai_tool` → ["ai", "tool"], `aiModel` → ["ai", "model"].
    static func words(_ key: String) -> [String] {
        var out: [String] = []
        var current = ""
        var previousLower = false
        for ch in key {
            if ch.isLetter || ch.isNumber {
                if ch.isUppercase && previousLower { out.append(current.lowercased()); current = "" }
                current.append(ch)
                previousLower = ch.isLowercase
            } else {
                if !current.isEmpty { out.append(current.lowercased()) }
                current = ""
                previousLower = false
            }
        }
        if !current.isEmpty { out.append(current.lowercased()) }
        return out
    }

    static func scan(_ entries: [MetadataEntry], _ context: ScanContext) {
        for entry in entries {
            let key = normalized(entry.key)
            if contentKeys.contains(key) || Declarations.isDeclarationKey(entry.key) { continue }
            let display = entry.key + ": " + entry.value
            if softwareKeys.contains(key) {
                if let name = ToolNames.firstName(in: entry.value, softwareField: true) {
                    context.add(generator, at: entry.location, excerpt: display,
                                explanation: "The \(entry.key) field names \(name), which suggests the file was produced with that tool; please check with the author.")
                }
            } else if personKeys.contains(key) {
                if let name = ToolNames.firstName(in: entry.value, softwareField: false) {
                    context.add(author, at: entry.location, excerpt: display,
                                explanation: "The \(entry.key) field names \(name) rather than a person, which can happen when the text was made with that tool; please check with the author.")
                }
            } else {
                let keyWords = words(entry.key)
                let aboutAI = keyWords.contains { aiKeyWords.contains($0) }
                if let name = ToolNames.firstName(in: entry.key, softwareField: false) {
                    context.add(field, at: entry.location, excerpt: display,
                                explanation: "A metadata field is named after \(name), which suggests a tool or workflow recorded its use; please check with the author.")
                } else if aboutAI, let name = ToolNames.firstName(in: entry.value, softwareField: true) {
                    context.add(field, at: entry.location, excerpt: display,
                                explanation: "The field \(entry.key) names \(name), which suggests the tool was recorded as used for this file; please check with the author.")
                }
            }
        }
    }
}
