@testable import DisclosureKit
import Foundation
import Testing

/// ``ToolCatalogue/tools(in:)`` skips its regular expression on an all-ASCII text without any of
/// ``ToolCatalogue/requiredWords``. These tests require the skip never to change the answer: on
/// every text of the declaration cases, on every spelling the catalogue lists (in three cases),
/// and on texts that name no tool.
@Suite struct ToolCataloguePrefilterTests {
    static var texts: [String] {
        let cases = DeclarationCasesTests.cases
        var texts = (cases.declarations + cases.mentions).flatMap { [$0.text] + $0.text.components(separatedBy: "\n\n") }
        texts += DeclarationPrefilterTests.sentences
        for entry in ToolCatalogue.entries {
            for name in entry.anchors + [entry.canonical] {
                texts += [name, name.uppercased(), name.capitalized, "I used \(name) to plan my essay.", "\(name) helped me."]
            }
        }
        texts += [
            "No AI tools were used.", "I wrote this myself.", "", "a", "AI", "Tools: none", "the bot", "Snapchat's My AI",
            "my ai on snapchat", "Google's AI mode", "AI overview", "GPT-4o mini", "gpt4", "OpenAI's GPT-4", "chat bot gpt",
            "Le Chat", "AI on WhatsApp", "ai in instagram", "Llama 3.1", "DALL·E 3", "dall-e", "Goblin.Tools", "Copy.ai",
            "poe.com", "Socratic by Google", "google socratic app to", "Bing Image Creator", "Microsoft Translator",
            "Turnitin Clarity", "Apple Intelligence", "Stable Diffusion", "Khanmigo", "CENTURY Tech", "Oak's Aila",
            "Gamma app", "Jasper AI", "Otter.ai", "Character.AI", "word-tune", "Notion's AI", "Canva's AI", "magic media",
        ]
        return texts
    }

    @Test func theWordCheckNeverChangesTheAnswer() {
        var differ: [String] = []
        var named = 0
        for text in Self.texts {
            let filtered = ToolCatalogue.tools(in: text), full = ToolCatalogue.toolsByPattern(in: text)
            if !full.isEmpty { named += 1 }
            if filtered != full { differ.append(text) }
        }
        #expect(named >= 300)
        #expect(differ.isEmpty, "\(differ.joined(separator: "\n"))")
    }

    @Test func everyEntryHasItsWords() {
        #expect(ToolCatalogue.requiredWords.count == ToolCatalogue.entries.count)
        for (entry, words) in zip(ToolCatalogue.entries, ToolCatalogue.requiredWords) {
            #expect(!words.isEmpty)
            // Each word is written in its pattern (so the list follows the patterns as they are edited).
            for word in words { #expect(entry.pattern.contains(word), "\(entry.canonical) has no \"\(word)\"") }
        }
    }

    @Test func textsWithoutTheWordsSkipThePattern() {
        #expect(!ToolCatalogue.mayNameTool("No AI tools were used in this essay."))
        #expect(!ToolCatalogue.mayNameTool(""))
        #expect(ToolCatalogue.mayNameTool("I used CHATGPT."))
        // Any character outside ASCII: always tried (ICU folds more than ASCII case).
        #expect(ToolCatalogue.mayNameTool("No AI was used — none."))
    }
}
