import Foundation

/// Declarations written in the text: an "AI declaration" section, a statement that no AI
/// was used, a statement of how AI was used (JCQ-style "I confirm that..."), or an IBM AI
/// Attribution statement. Teachers read these; the scanner only finds and quotes them.
enum WrittenDeclarations {
    static let headings = [
        "ai declaration", "declaration of ai", "ai use declaration", "ai-use declaration", "ai use statement", "ai usage statement",
        "statement on ai use", "statement on the use of ai", "declaration of generative ai", "generative ai declaration",
        "generative ai statement", "generative ai disclosure", "ai acknowledgement", "ai acknowledgment", "acknowledgement of ai",
        "acknowledgment of ai", "use of ai declaration", "ai disclosure statement", "declaration on the use of ai",
        "ai transparency statement", "ai contribution statement", "declaration of the use of ai", "statement of ai use",
    ]

    /// Words that make a paragraph worth reading for a declaration (matched in the residue family's single pass).
    /// Labels that open a one-paragraph declaration: "AI disclosure: I used Grammarly to correct spelling."
    static let labels = ["ai declaration:", "ai disclosure:", "ai use:", "ai statement:", "use of ai:", "generative ai use:",
                         "declaration of ai use:", "ai use statement:", "ai acknowledgement:", "ai acknowledgment:", "ai assistance:"]

    /// A short credit line: "Generated with ChatGPT.", "Written by Claude", "ChatGPT-generated".
    static let credit = try! NSRegularExpression(pattern: "^\\W{0,3}(?:(?:text |content |this (?:text|page|post|article) (?:was )?)?(?:generated|written|created|produced|drafted|made|composed) (?:by|with|using|with the help of) " + tool + "|" + tool + "[- ](?:generated|written|assisted))\\b", options: [.caseInsensitive])

    static let anchorWords = ["ai", "a.i.", "artificial intelligence", "generative", "chatgpt", "copilot", "claude", "gemini",
                              "llm", "llms", "large language model", "gpt-4", "gpt-4o", "gpt-5", "aia", "grammarly", "quillbot", "deepseek"]

    static let tool = "(?:chatgpt|claude|gemini|copilot|bard|perplexity|grammarly(?: go)?|quillbot|deepseek|jasper|notion ai|gpt-?[345](?:\\.[0-9])?o?|(?:an? )?(?:generative )?(?:ai|a\\.i\\.|artificial intelligence)(?: tools?| assistants?| chatbots?| systems?| software| models?)?|large language models?|an llm|llms?)"
    static let work = "(?:work|essay|assignment|document|text|report|paper|submission|thesis|dissertation|article|piece|coursework|project|post|answer|answers|content)"

    /// What the tool was used for: writing work, so that a research paper's methods ("we used a language model to classify...") are not read as a declaration.
    static let purpose = "to (?:help (?:me |us )?|assist (?:me |us )?(?:in |with )?)?(?:write|draft|edit|proofread|check|correct|improve|revise|rephrase|paraphrase|reword|translate|summari[sz]e|brainstorm|generate|outline|polish|structure|research|plan|create|produce|prepare)|for (?:writing|editing|proofreading|grammar|spelling|translation|translating|brainstorming|drafting|summari[sz]ing|feedback|ideas|research|the (?:first )?draft|the outline|the introduction|the conclusion)|when (?:writing|drafting|editing|preparing)|while (?:writing|drafting|editing|preparing)|in (?:writing|preparing|drafting|editing) (?:this|the|my|our)"

    enum Meaning { case noAI, use, confirmation }

    static let patterns: [(NSRegularExpression, Meaning)] = {
        let specs: [(String, Meaning)] = [
            ("\\bno (?:generative |gen-?)?(?:ai|a\\.i\\.|artificial intelligence)(?:-based)?(?: tools?| systems?| software| assistance| assistants?| chatbots?)? (?:was|were|has been|have been) used\\b", .noAI),
            ("\\b(?:i|we) (?:did not|didn't|have not|haven't|do not|don't|never) (?:use|used)(?: any)? " + tool + "\\b", .noAI),
            ("\\b(?:this|the|my|our) " + work + " (?:was|is|has been) (?:entirely |wholly |completely )?(?:written|produced|created|completed|prepared|done)(?: entirely)?(?: by me| by us| by hand)? without (?:the use of |using |any |the help of |assistance from |help from )*" + tool, .noAI),
            ("\\b(?:i|we) (?:declare|confirm|certify|affirm) that no " + tool, .noAI),
            ("\\b(?:i|we) (?:used|have used|made use of|relied on|worked with) " + tool + "\\b.{0,80}?\\b(?:" + purpose + ")", .use),
            ("\\b(?:this|the|my|our) " + work + " (?:was|has been|is) (?:partly |partially |fully |entirely |mostly |largely )?(?:written|generated|drafted|created|produced|edited|proofread|translated|revised|summari[sz]ed|improved) (?:with the (?:help|assistance|support) of|with|using|by|in collaboration with) " + tool, .use),
            ("\\b" + tool + " (?:was|were|has been|have been) used (?:to (?:help |assist )?(?:write|draft|edit|proofread|generate|create|prepare|translate|summari[sz]e|brainstorm|check|improve|revise|outline)|in (?:the )?(?:writing|preparation|drafting|editing) of|in (?:this|my|our) " + work + ")", .use),
            ("\\b(?:i|we) (?:acknowledge|declare|disclose) (?:the |my |our )?(?:use of|using|that i used|that we used) " + tool, .use),
            ("\\bi (?:confirm|declare) that\\b.{0,200}?\\b(?:ai|artificial intelligence)\\b", .confirmation),
            ("\\b(?:i have|i've) (?:acknowledged|referenced|declared|disclosed) (?:all |any )?(?:use of |my use of )?(?:ai|artificial intelligence|generative ai)", .confirmation),
        ]
        return specs.compactMap { spec in (try? NSRegularExpression(pattern: spec.0, options: [.caseInsensitive])).map { ($0, spec.1) } }
    }()

    /// IBM AI Attribution statements: "AIA PAI Nc Hin R Claude 3.5 Sonnet v1.0".
    static let attribution = try! NSRegularExpression(pattern: "\\bAIA(?: [A-Z][A-Za-z]{0,3}){1,8}(?: [^\\n]{1,60}?)? v[0-9]+\\.[0-9]+\\b")

    /// - Parameter anchored: for each paragraph, whether it mentions AI or a tool (from ``ResidueSignals/scan(_:_:)``).
    static func scan(_ paragraphs: [TextParagraph], anchored: [Bool], _ context: ScanContext) {
        for (index, paragraph) in paragraphs.enumerated() {
            let text = paragraph.text
            guard anchored[index] else { continue }
            let setting = context.setting(of: paragraph)
            guard setting != .code else { continue }
            if text.utf8.count <= 600, case let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines),
               let label = labels.first(where: { trimmed.lowercased().hasPrefix($0) }), trimmed.count > label.count + 1, setting != .quoted {
                // A label with nothing after it is a heading, handled below with the paragraph that follows.
                context.declare(kind: "written-statement", at: paragraph.location, quote: trimmed,
                                explanation: "A labelled statement declares how AI was used (or not); read it for the details.")
                continue
            }
            if text.utf8.count <= 120, case let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines),
               credit.firstMatch(in: trimmed, range: NSRange(location: 0, length: (trimmed as NSString).length)) != nil,
               setting != .quoted {
                context.declare(kind: "written-statement", at: paragraph.location, quote: trimmed,
                                explanation: "A credit line says the text was made with an AI tool.")
                continue
            }
            if text.utf8.count <= 400, case let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines), trimmed.count <= 80 {
                let lower = trimmed.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ":.#*- "))
                if headings.contains(where: { lower.hasPrefix($0) && lower.count <= $0.count + 40 }) {
                    let next = paragraphs[(index + 1)...].first { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }?.text ?? ""
                    context.declare(kind: "written-statement", at: paragraph.location, quote: trimmed.trimmingCharacters(in: CharacterSet(charactersIn: ": ")) + (next.isEmpty ? "" : " — " + next),
                                    explanation: "The document has a section headed \"\(trimmed)\"; read it for what the author declares about AI use.")
                    continue
                }
            }
            let ns = text as NSString
            let whole = NSRange(location: 0, length: ns.length)
            if let m = attribution.firstMatch(in: text, range: whole) {
                context.declare(kind: "ai-attribution", at: paragraph.location, quote: ns.substring(with: m.range),
                                explanation: "An IBM AI Attribution statement describes how AI contributed to the work; read it for the details.")
                continue
            }
            for (regex, meaning) in patterns {
                guard let m = regex.firstMatch(in: text, range: whole) else { continue }
                if setting == .quoted || isQuoted(text, range: m.range, paragraph: paragraph, context) { break }
                let sentence = WrittenDeclarations.sentence(ns, around: m.range)
                let explanation: String
                switch meaning {
                case .noAI: explanation = "A written statement declares that no AI tools were used; a declaration of no AI use is still a declaration."
                case .use: explanation = "A written statement declares how AI tools were used in the work; read it for the details."
                case .confirmation: explanation = "A signed-style confirmation (JCQ-style) mentions AI use; read it for what the author declares."
                }
                context.declare(kind: "written-statement", at: paragraph.location, quote: sentence, explanation: explanation)
                break
            }
        }
    }

    static func isQuoted(_ text: String, range: NSRange, paragraph: TextParagraph, _ context: ScanContext) -> Bool {
        let ns = text as NSString
        let start = ns.substring(to: range.location).utf8.count
        let end = start + ns.substring(with: range).utf8.count
        var s = text
        return s.withUTF8 { ScanContext.isInsideQuotationMarks($0, start..<end) || context.isInQuotingElement(paragraph, $0, start..<end) }
    }

    /// The sentence containing `range`.
    static func sentence(_ ns: NSString, around range: NSRange) -> String {
        var start = range.location
        while start > 0 {
            let c = ns.character(at: start - 1)
            if c == 0x2E || c == 0x21 || c == 0x3F || c == 0x0A { break }
            start -= 1
        }
        var end = range.location + range.length
        while end < ns.length {
            let c = ns.character(at: end)
            end += 1
            if c == 0x2E || c == 0x21 || c == 0x3F || c == 0x0A { break }
        }
        return ns.substring(with: NSRange(location: start, length: end - start)).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
