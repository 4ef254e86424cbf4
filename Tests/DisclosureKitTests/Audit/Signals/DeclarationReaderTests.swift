@testable import DisclosureKit
import Foundation
import Testing

/// Written declarations read as facts: every written form, tool spellings, purposes, labels of other tools, our stamp.
@Suite struct DeclarationReaderTests {
    static func read(_ paragraphs: [String]) -> [Declaration] {
        let body = paragraphs.enumerated().map { TextParagraph(text: $0.element, location: Location(paragraph: $0.offset + 1)) }
        return DeclarationReader.read(DocumentText(streams: [TextStream(name: "body", paragraphs: body)]))
    }

    static func only(_ paragraphs: [String]) throws -> DeclarationFacts {
        let found = read(paragraphs)
        #expect(found.count == 1, "\(found.map(\.quote))")
        return try #require(found.first?.facts)
    }

    // MARK: The four declarations issue 12 says were missed

    @Test func missedLabelWithMisspellingAndSpacedToolName() throws {
        let f = try Self.only(["My essay.", "AI decleration: i used chat gpt to help me plan my essay"])
        #expect(f.aiUse == .used)
        #expect(f.tools == [DeclarationFacts.Tool(asWritten: "chat gpt", canonical: "ChatGPT")])
        #expect(f.purposes == [DeclarationFacts.PurposeFact(asWritten: "plan my essay", purpose: .ideaGeneration)])
        #expect(f.confidence == .clear)
        #expect(f.words == "AI decleration: i used chat gpt to help me plan my essay")
    }

    // MARK: Held-out forms the generated set did not have (a set written after the reader)

    /// Declarations and mentions written by hand after the reader, in two rounds; the first
    /// round found 26 of 30 and the second 23 of 30 with 2 false declarations in 20 before the reader
    /// learned their forms (issue 12's note has the figures). Each is a paragraph at the end of a short essay.
    static let heldOutDeclarations: [(DeclarationFacts.AIUse, String)] = [
        (.used, "Statement on AI: I asked ChatGPT for feedback on my introduction."),
        (.used, "I have used Microsoft Copilot to help structure this report."),
        (.none, "I confirm that no generative AI tools were used in producing this work."),
        (.used, "Generative AI (Gemini) was used to brainstorm ideas for the title."),
        (.used, "AI tools used: Grammarly (spelling and grammar only)."),
        (.none, "No AI tools were used."),
        (.used, "I used chatGPT 4 to reword two sentences in paragraph 3."),
        (.used, "Claude was used to summarise the three readings before I wrote my answer."),
        (.none, "I did not use any artificial intelligence in this assignment."),
        (.used, "Declaration: QuillBot was used to paraphrase my notes."),
        (.used, "I used Perplexity to find sources, which I then read myself."),
        (.used, "This essay was proofread with the help of Grammarly."),
        (.none, "AI use: none"),
        (.used, "I used DeepL to translate a quotation from French."),
        (.used, "With the help of ChatGPT I created a revision plan."),
        (.none, "This work is entirely my own and no AI was used."),
        (.used, "I used Google Gemini to check my maths working."),
        (.used, "Use of AI: I used Copilot to suggest a conclusion, which I rewrote."),
        (.used, "I used Notion AI to organise my research notes."),
        (.none, "I have not used AI to write any part of this essay."),
        (.used, "AI assistance: ChatGPT helped me understand the question."),
        (.used, "i used snapchat ai to explain the causes of ww1"),
        (.used, "I used Canva Magic Write for the poster text."),
        (.none, "No generative AI was used in the preparation of this assignment."),
        (.used, "ChatGPT was used to generate practice questions that I answered."),
        (.used, "I relied on Grammarly for punctuation checks."),
        (.used, "Microsoft Copilot drafted the first version of the email template; I edited it."),
        (.none, "I declare that I have not used AI tools."),
        (.used, "I used an AI chatbot (ChatGPT) to check my spelling."),
        (.used, "Tools: Claude, for feedback on my argument."),
        (.used, "I made use of ChatGPT when revising for this test."),
        (.used, "Note: I asked Gemini to explain photosynthesis in simpler words."),
        (.none, "I can confirm I did not use ChatGPT or any other AI."),
        (.used, "Copilot helped me to write the introduction."),
        (.used, "AI statement: Grammarly checked my spelling."),
        (.none, "No AI has been used in this piece of work."),
        (.used, "I used Chat GPT for ideas about the ending of my story."),
        (.used, "This report was drafted with Microsoft Copilot and edited by me."),
        (.none, "AI tools were not used at all."),
        (.used, "I used the AI feature in Canva to make the title slide text."),
        (.used, "I got ChatGPT to quiz me on the key dates."),
        (.used, "Some of the wording was improved using QuillBot."),
        (.none, "I didn't use AI for this homework."),
        (.used, "I used Google Translate to understand a German source."),
        (.used, "Perplexity was used for finding articles."),
        (.none, "No use of AI was made in producing this essay."),
        (.used, "I typed my plan into ChatGPT and asked it to improve it."),
        (.used, "Claude AI was used to check my code for errors."),
        (.used, "AI declaration - used Gemini for research."),
        (.none, "I have written this entirely myself without AI."),
        (.used, "I used Microsoft Copilot in Word to summarise my notes."),
        (.used, "I used AI (ChatGPT) to create a timeline which I then checked."),
        (.none, "Declaration of AI use: None."),
        (.used, "ChatGPT suggested three headings, which I changed."),
        (.used, "I used Snapchat's My AI to help me understand the poem."),
        (.used, "My essay was proofread using Grammarly."),
        (.none, "I confirm this work contains no AI-generated content."),
        (.used, "With help from Copilot, I structured my argument."),
        (.used, "I used DeepSeek to brainstorm counter-arguments."),
        (.used, "I used an AI tool called Quizlet Q-Chat to revise."),
    ]
    static let heldOutMentions: [String] = [
        "AI is changing how historians work.",
        "Many people worry that ChatGPT will replace teachers.",
        "In 2023, OpenAI released GPT-4, which was widely discussed.",
        "The article 'Can ChatGPT write history essays?' argues that it cannot.",
        "My prompt to the machine was: 'Write me a poem' — said the character in the novel.",
        "Smith, J. (2024) Generative AI in schools. London: Routledge.",
        "Students should declare any use of AI tools in their work.",
        "Grammarly is a popular spelling checker.",
        "The school's AI policy says pupils must not use AI in exams.",
        "Copilot is integrated into Microsoft 365.",
        "Should schools ban AI? This essay argues no.",
        "The Luddites feared machines as some now fear AI.",
        "Gemini is a constellation of the zodiac.",
        "Claude Monet painted water lilies.",
        "You must not use ChatGPT for this assignment.",
        "ChatGPT was launched in November 2022.",
        "Critics say Copilot makes mistakes with numbers.",
        "The teacher asked us whether we had used AI.",
        "Some pupils used ChatGPT in their homework, the survey found.",
        "I think AI will change the job market.",
        "My friend uses Grammarly every day.",
        "The novel's robot narrator is an AI.",
        "Gemini and Claude are competitors of ChatGPT.",
        "An AI-generated image won a photography prize in 2023.",
        "We discussed in class whether Copilot should be allowed.",
        "Using AI to write essays is against the school rules.",
        "DeepL is a translation service based in Germany.",
        "The history of artificial intelligence begins with Turing.",
        "Quotation: 'I used ChatGPT to write my speech,' the minister admitted.",
        "The report asked: did the company use AI to screen applicants?",
        "Perplexity is a feeling I have when reading Kant.",
        "Claude Debussy composed Clair de lune.",
        "The school has approved Microsoft Copilot for staff.",
        "Many students asked ChatGPT for help, according to the article.",
        "Ethics of AI: a reading list.",
    ]

    @Test(arguments: heldOutDeclarations.indices)
    func heldOutDeclaration(_ i: Int) throws {
        let (use, words) = Self.heldOutDeclarations[i]
        let found = Self.read(["Essay title", "The causes of the First World War were many.", "In conclusion, alliances mattered.", words])
        #expect(found.count == 1, "\(words): \(found.map(\.quote))")
        #expect(found.first?.facts?.aiUse == use, "\(words)")
    }

    @Test(arguments: heldOutMentions.indices)
    func heldOutMentionIsNoDeclaration(_ i: Int) {
        let words = Self.heldOutMentions[i]
        #expect(Self.read(["Essay title", "The causes of the First World War were many.", words, "In conclusion, alliances mattered."]).isEmpty, "\(words)")
    }


    @Test func passiveUseWithTheToolInBracketsOrAfterALabel() throws {
        let a = try Self.only(["Generative AI (Gemini) was used to brainstorm ideas for the title."])
        #expect(a.aiUse == .used)
        #expect(a.tools.map(\.name) == ["Gemini"])
        let b = try Self.only(["Declaration: QuillBot was used to paraphrase my notes."])
        #expect(b.tools.map(\.name) == ["QuillBot"])
        #expect(b.aiUse == .used)
    }

    @Test func theToolDidTheWorkAndTheAuthorEditedIt() throws {
        let f = try Self.only(["Microsoft Copilot drafted the first version of the email template; I edited it."])
        #expect(f.aiUse == .used)
        #expect(f.tools.map(\.name) == ["Microsoft Copilot"])
        #expect(Self.read(["ChatGPT wrote a poem that went viral last year."]).isEmpty, "news about a tool is not a declaration")
    }

    @Test func aToolsLabelNamingAnAITool() throws {
        let f = try Self.only(["Tools: Claude, for feedback on my argument."])
        #expect(f.aiUse == .used)
        #expect(f.tools.map(\.name) == ["Claude"])
        #expect(Self.read(["Tools: a ruler, a pencil and a compass."]).isEmpty)
    }

    @Test func missedGrammarlySentence() throws {
        let f = try Self.only(["I used Grammarly to fix my grammer and punctuation."])
        #expect(f.aiUse == .used)
        #expect(f.tools.map(\.name) == ["Grammarly"])
        #expect(f.purposes == [DeclarationFacts.PurposeFact(asWritten: "fix my grammer and punctuation", purpose: .proofreading)])
    }

    @Test func missedSnapchatSentence() throws {
        let f = try Self.only(["I used Snapchat My AI to explain what militarism means."])
        #expect(f.tools == [DeclarationFacts.Tool(asWritten: "Snapchat My AI", canonical: "Snapchat My AI")])
        #expect(f.purposes == [DeclarationFacts.PurposeFact(asWritten: "explain what militarism means", purpose: .research)])
    }

    @Test func missedNoAISentence() throws {
        let f = try Self.only(["The causes of the war were complex.", "I didnt use any AI for this essay."])
        #expect(f.aiUse == .none)
        #expect(f.tools.isEmpty)
        #expect(f.confidence == .clear)
    }

    // MARK: Headings and the paragraphs under them

    @Test(arguments: ["AI declaration", "Declaration of AI use", "AI acknowledgement", "Use of generative AI", "AI decleration",
                      "AI declairation", "AI use statment", "## AI Declaration:", "Statement on the use of AI"])
    func headings(heading: String) throws {
        let found = Self.read(["Essay text about the war.", heading, "I used Gemini to summarise my sources.", "References"])
        let d = try #require(found.first)
        #expect(found.count == 1, "\(found.map(\.quote))")
        #expect(d.location.paragraph == 2)
        #expect(d.facts?.aiUse == .used)
        #expect(d.facts?.tools.map(\.name) == ["Gemini"])
        #expect(d.facts?.purposes.map(\.purpose) == [.summarising])
    }

    @Test func headingWithTwoParagraphsReadsBoth() throws {
        let f = try Self.only(["AI declaration", "I used ChatGPT to plan my essay.", "I also used Grammarly to check my spelling.", "The essay begins here and says nothing about tools at all."])
        #expect(f.tools.map(\.name) == ["ChatGPT", "Grammarly"])
        #expect(f.purposes.map(\.purpose) == [.ideaGeneration, .proofreading])
    }

    @Test func headingWithNoAnswer() throws {
        let found = Self.read(["Essay.", "AI declaration", "See attached sheet."])
        #expect(found.first?.facts?.aiUse == .unclear)
        #expect(found.first?.facts?.confidence == .partial)
        #expect(found.first?.quote == "AI declaration — See attached sheet.")
    }

    @Test func topicLabelWithAShortAnswerIsADeclaration() throws {
        let f = try Self.only(["AI use: ChatGPT for planning"])
        #expect(f.aiUse == .used)
        #expect(f.purposes.map(\.purpose) == [.ideaGeneration])
    }

    @Test func topicHeadingOverAnEssayParagraphIsNotADeclaration() {
        let found = Self.read(["Use of generative AI", "Generative AI is used by many businesses to write advertising copy, and critics worry about jobs."])
        #expect(found.isEmpty, "\(found.map(\.quote))")
    }

    // MARK: Sentences without a heading

    @Test(arguments: [("No AI was used.", DeclarationFacts.AIUse.none), ("AI was not used in this work.", .none),
                      ("I did not use any AI tools.", .none), ("I have not used ChatGPT or any other AI for this homework.", .none),
                      ("I asked ChatGPT to explain the Treaty of Versailles.", .used), ("Copilot helped me structure my argument.", .used)])
    func sentences(text: String, use: DeclarationFacts.AIUse) throws {
        let f = try Self.only(["Some essay text.", text])
        #expect(f.aiUse == use)
    }

    @Test func noAIForWritingButAToolForSpelling() throws {
        let f = try Self.only(["I didn't use AI to write my essay, but I used Grammarly to check my spelling."])
        #expect(f.aiUse == .used)
        #expect(f.tools.map(\.name) == ["Grammarly"])
        #expect(f.purposes.map(\.purpose) == [.proofreading])
    }

    @Test func aSentenceOfNoUseAndOneOfUseInOneParagraph() {
        let found = Self.read(["I did not use ChatGPT. I used DeepSeek to brainstorm ideas for my introduction."])
        #expect(found.map { $0.facts?.aiUse } == [DeclarationFacts.AIUse.none, .used])
        #expect(Classifier.declaredStatus(found) == .declaredAIUse)
        let record = AuditRecord(path: "p", format: nil, status: .declaredAIUse, declarations: found)
        #expect(record.declaredFacts?.tools.map(\.name) == ["DeepSeek"])
        #expect(record.declaredFacts?.purposes.map(\.purpose) == [.ideaGeneration])
    }

    @Test func twoToolsTwoPurposes() throws {
        let f = try Self.only(["I used Notion AI to suggest improvements to my essay and Canva Magic Write to explain what militarism means."])
        #expect(f.tools.map(\.name) == ["Notion AI", "Canva Magic Write"])
        #expect(f.purposes == [DeclarationFacts.PurposeFact(asWritten: "suggest improvements to my essay", purpose: .feedback),
                               DeclarationFacts.PurposeFact(asWritten: "explain what militarism means", purpose: .research)])
    }

    @Test func exceptionNamesTheTool() throws {
        let f = try Self.only(["No AI was used except QuillBot to reword some of my sentences."])
        #expect(f.aiUse == .used)
        #expect(f.tools.map(\.name) == ["QuillBot"])
    }

    @Test func unknownToolIsKeptAsWrittenAndPartial() throws {
        let f = try Self.only(["AI declaration: I used Blorbo Writer to plan my essay."])
        #expect(f.tools == [DeclarationFacts.Tool(asWritten: "Blorbo Writer", canonical: nil)])
        #expect(f.confidence == .partial)
    }

    // MARK: JCQ forms

    @Test func jcqAcknowledgementWithHowItWasUsed() throws {
        let f = try Self.only(["Essay.", "ChatGPT 3.5 (https://openai.com/blog/chatgpt/), 25/01/2025", "I used it to explain what the Schlieffen Plan was."])
        #expect(f.aiUse == .used)
        #expect(f.tools.map(\.name) == ["ChatGPT"])
        #expect(f.date == "25/01/2025")
        #expect(f.purposes.map(\.purpose) == [.research])
    }

    @Test func jcqConfirmationSaysNeitherWay() throws {
        let f = try Self.only(["I confirm that this work is my own and that I have acknowledged any use of AI."])
        #expect(f.aiUse == .unclear)
        #expect(Classifier.declaredStatus(Self.read(["I confirm that this work is my own and that I have acknowledged any use of AI."])) == .declaredUnclear)
    }

    @Test func confirmationAndAStatementOfUseGiveAIUse() {
        let found = Self.read(["I confirm that this work is my own and that I have acknowledged any use of AI.", "I used Grammarly to check my spelling."])
        #expect(found.map { $0.facts?.aiUse } == [.unclear, .used])
        #expect(Classifier.declaredStatus(found) == .declaredAIUse)
    }

    // MARK: Tables

    @Test func headerRowTableReadsTheAnswerCells() throws {
        let found = Self.read(["Declaration of AI use", "AI tool(s) used", "How it was used", "Date", "ChatGPT", "Plan my essay", "12/01/2025", "Essay starts here."])
        let d = try #require(found.first)
        #expect(found.count == 1)
        #expect(d.quote == Excerpt.cut("Declaration of AI use — AI tool(s) used: ChatGPT; How it was used: Plan my essay; Date: 12/01/2025"))
        #expect(d.facts?.words == "AI tool(s) used: ChatGPT; How it was used: Plan my essay; Date: 12/01/2025")
        #expect(d.facts?.tools.map(\.name) == ["ChatGPT"])
        #expect(d.facts?.purposes == [DeclarationFacts.PurposeFact(asWritten: "Plan my essay", purpose: .ideaGeneration)])
        #expect(d.facts?.date == "12/01/2025")
        #expect(d.explanation.contains("table"))
    }

    @Test func templateTablesWithDifferentAnswersAreToldApart() throws {
        let a = try #require(Self.read(["AI declaration", "AI tool(s) used", "How it was used", "Date", "Grammarly", "Check my spelling", "3/2/2025"]).first)
        let b = try #require(Self.read(["AI declaration", "AI tool(s) used", "How it was used", "Date", "None", "", ""]).first)
        #expect(a.quote != b.quote)
        #expect(a.facts?.aiUse == .used)
        #expect(b.facts?.aiUse == DeclarationFacts.AIUse.none)
    }

    @Test func theWhereWordsSayWhatTheReaderSaw() throws {
        func words(_ paragraphs: [String]) -> String? {
            let body = paragraphs.enumerated().map { TextParagraph(text: $0.element, location: Location(paragraph: $0.offset + 1)) }
            let text = DocumentText(streams: [TextStream(name: "body", paragraphs: body)]).describingPlaces()
            return DeclarationReader.read(text).first?.location.words
        }
        let essay = ["Essay title", "First paragraph.", "Second paragraph.", "Third paragraph.", "Fourth paragraph."]
        #expect(words(essay + ["Declaration of AI use", "AI tool(s) used", "How it was used", "Date", "ChatGPT", "Plan my essay", "12/01/2025"])
                == "in a table under the heading \u{201C}Declaration of AI use\u{201D} (paragraph 6 of 12)")
        #expect(words(essay + ["AI declaration", "I used Grammarly to check my spelling."])
                == "under the heading \u{201C}AI declaration\u{201D} (end of the document, paragraph 6 of 7)")
        #expect(words(["AI tool(s) used", "How it was used", "Gemini", "translate my notes into English"]) == "in a table (start of the document, paragraph 1 of 4)")
        #expect(words(essay + ["AI decleration: i used chat gpt to help me plan my essay"]) == "end of the document (paragraph 6 of 6)",
                "a label on the paragraph itself needs no more words")
        let header = DocumentText(streams: [TextStream(name: "headers", paragraphs: [
            TextParagraph(text: "AI declaration", location: Location(paragraph: 1)),
            TextParagraph(text: "No AI was used.", location: Location(paragraph: 2)),
        ])]).describingPlaces()
        #expect(DeclarationReader.read(header).first?.location.words == "under the heading \u{201C}AI declaration\u{201D} in the page header")
    }

    @Test func firstColumnTable() throws {
        let f = try Self.only(["AI declaration", "Did you use AI?", "Yes", "AI tool(s) used", "co pilot", "How it was used", "summarise an article"])
        #expect(f.aiUse == .used)
        #expect(f.tools == [DeclarationFacts.Tool(asWritten: "co pilot", canonical: "Microsoft Copilot")])
        #expect(f.purposes.map(\.purpose) == [.summarising])
    }

    @Test func tableWithoutHeadingIsReadWhenItsQuestionsNameAI() throws {
        let f = try Self.only(["AI tool(s) used", "How it was used", "Gemini", "translate my notes into English"])
        #expect(f.tools.map(\.name) == ["Gemini"])
        #expect(f.purposes.map(\.purpose) == [.translation])
    }

    // MARK: Tool names and purposes

    @Test(arguments: [("chat gpt", "ChatGPT"), ("Chat-GPT", "ChatGPT"), ("chatgpt4o", "ChatGPT"), ("co pilot", "Microsoft Copilot"),
                      ("Snapchat My AI", "Snapchat My AI"), ("GitHub Copilot", "GitHub Copilot"), ("DALL-E", "DALL·E"), ("quill bot", "QuillBot"),
                      ("Google Translate", "Google Translate"), ("Magic Write", "Canva Magic Write"), ("Character.AI", "Character.AI"),
                      ("TeachMate AI", "TeachMate AI"), ("Aila", "Oak Aila"), ("MagicSchool", "MagicSchool"), ("Khanmigo", "Khanmigo"),
                      ("Perplexity", "Perplexity"), ("DeepL", "DeepL"), ("Notion AI", "Notion AI"), ("Meta AI", "Meta AI"), ("Otter.ai", "Otter.ai")])
    func toolSpellings(written: String, canonical: String) {
        #expect(ToolCatalogue.tools(in: "I used \(written) to check my spelling.") == [DeclarationFacts.Tool(asWritten: written, canonical: canonical)])
    }

    @Test func toolNamesDoNotMatchInsideWords() {
        #expect(ToolCatalogue.tools(in: "The Claudette and Geminids").isEmpty)
        #expect(ToolCatalogue.tools(in: "deep learning in the 19th century").isEmpty)
    }

    @Test(arguments: [("check my spelling", Purpose.proofreading), ("plan my essay", .ideaGeneration), ("explain what militarism means", .research),
                      ("translate my notes", .translation), ("summarise an article", .summarising), ("give me feedback on my draft", .feedback),
                      ("make a picture for my poster", .imageGeneration), ("debug my code", .coding), ("reword my sentences", .drafting)])
    func purposes(words: String, purpose: Purpose) {
        #expect(PurposeWords.purposes(in: words) == [DeclarationFacts.PurposeFact(asWritten: words, purpose: purpose)])
    }

    @Test func purposeInOtherWordsIsKeptWithoutAMapping() throws {
        let f = DeclarationReader.facts(of: "I used ChatGPT to make a timeline")
        #expect(f.purposes == [DeclarationFacts.PurposeFact(asWritten: "make a timeline", purpose: nil)])
        #expect(f.confidence == .partial)
    }

    // MARK: Not declarations

    @Test(arguments: ["AI is changing history teaching.", "ChatGPT was released in 2022.",
                      "\"Write me an essay about the causes of the First World War\" is a typical prompt students type into ChatGPT.",
                      "Marr, B. (2023) 'A short history of ChatGPT', Forbes, 19 May.",
                      "OpenAI (2023) ChatGPT: optimizing language models for dialogue. Available at: https://openai.com/blog/chatgpt/ (Accessed: 25 January 2025).",
                      "Many students used ChatGPT to write their essays last year.", "For example, I used ChatGPT to check my spelling.",
                      "AI use: a growing concern in schools", "Artificial intelligence was not used in the Industrial Revolution.",
                      "AI use: staff may use Copilot to draft emails.", "Use of AI: pupils must not use ChatGPT in assessments."])
    func mentionsAreNotDeclarations(text: String) {
        #expect(Self.read(["Essay text.", text]).isEmpty, "\(text)")
    }

    // MARK: Labels of other tools, fields, and our stamp

    @Test func w3cLabelsCarryFacts() throws {
        let none = try #require(DeclarationReader.read(DocumentText(streams: []), metadata: [MetadataEntry(key: "ai-disclosure", value: "human-only", location: Location(line: 4))]).first)
        #expect(none.facts?.aiUse == DeclarationFacts.AIUse.none)
        let used = try #require(DeclarationReader.read(DocumentText(streams: []), metadata: [
            MetadataEntry(key: "ai-disclosure", value: "ai-assisted", location: Location(line: 4)),
            MetadataEntry(key: "ai-model", value: "GPT-4o", location: Location(line: 5))]).first)
        #expect(used.facts?.aiUse == .used)
        #expect(used.facts?.tools == [DeclarationFacts.Tool(asWritten: "GPT-4o", canonical: "ChatGPT")])
    }

    @Test func ietfModeNoneIsNoAI() throws {
        let d = try #require(DeclarationReader.read(DocumentText(streams: []), metadata: [MetadataEntry(key: "ai-disclosure", value: "mode=none", location: Location(line: 4))]).first)
        #expect(d.kind == "ietf-header")
        #expect(d.facts?.aiUse == DeclarationFacts.AIUse.none)
    }

    @Test func frontMatterFields() throws {
        let md = "---\ntitle: Essay\nai_declaration: \"I used chat gpt to help me plan my essay\"\nai_tools: [ChatGPT]\n---\n\nThe essay.\n"
        let input = try SignalSamples.open(md, path: "essay.md")
        let found = DeclarationReader.read(input.text, metadata: input.metadata, raw: input.raw)
        let d = try #require(found.first)
        #expect(found.count == 1)
        #expect(d.kind == "labelled-field")
        #expect(d.location.line == 3)
        #expect(d.facts?.aiUse == .used)
        #expect(d.facts?.tools.map(\.name) == ["ChatGPT"])
        #expect(d.facts?.purposes.map(\.purpose) == [.ideaGeneration])
        let none = try SignalSamples.open("---\nai_use: none\n---\n\nText.\n", path: "n.md")
        #expect(DeclarationReader.read(none.text, metadata: none.metadata).first?.facts?.aiUse == DeclarationFacts.AIUse.none)
    }

    @Test func ourStampGivesClearFacts() {
        let f = Samples.disclosure.facts
        #expect(f.aiUse == .used)
        #expect(f.tools.map(\.asWritten) == Samples.disclosure.tools.map(\.name))
        #expect(f.purposes.map(\.purpose) == Samples.disclosure.purposes)
        #expect(f.date == Samples.disclosure.date)
        #expect(f.confidence == .clear)
    }

    @Test func factsEncodeEveryKey() throws {
        let d = Declaration(kind: "written-statement", location: Location(paragraph: 2), quote: "AI declaration: I used Blorbo to make a timeline",
                            explanation: "x", facts: DeclarationReader.facts(of: "AI declaration: I used Blorbo to make a timeline"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(d), as: UTF8.self)
        #expect(json.contains("\"facts\":{\"aiUse\":\"used\",\"confidence\":\"partial\",\"date\":null,\"purposes\":[{\"asWritten\":\"make a timeline\",\"purpose\":null}],\"tools\":[{\"asWritten\":\"Blorbo\",\"canonical\":null}]"), "\(json)")
        #expect(try JSONDecoder().decode(Declaration.self, from: Data(json.utf8)) == d)
        let bare = String(decoding: try encoder.encode(Declaration(kind: "c2pa", location: Location(), quote: "q", explanation: "e")), as: UTF8.self)
        #expect(bare.hasSuffix(",\"facts\":null,\"kind\":\"c2pa\",\"location\":{},\"quote\":\"q\"}"), "\(bare)")
    }

    @Test func legacyDeclaredOtherIsReadAsUnclear() throws {
        let line = #"{"path":"a.md","format":"markdown","status":"declared-other","declarations":[{"kind":"w3c-meta","location":{},"quote":"q","explanation":"e"}]}"#
        let record = try JSONDecoder().decode(AuditRecord.self, from: Data(line.utf8))
        #expect(record.status == .declaredUnclear)
        #expect(record.declarations.first?.facts == nil)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AuditStatus.self, from: Data(#""declared-maybe""#.utf8)) }
    }

    @Test func scannerAndReaderAgree() {
        let paragraphs = ["Essay.", "AI decleration: i used chat gpt to help me plan my essay", "I didnt use any AI for the bibliography."]
        let scanned = SignalSamples.scan(paragraphs).declarations
        #expect(scanned == Self.read(paragraphs))
        #expect(scanned.count == 2)
    }
}
