import Foundation

/// Links carrying the tracking parameters that chat assistants add to the sources they cite.
enum LinkSignals {
    static let tracking = SignalDescriptor(
        id: "residue.tracking-parameter", family: "residue", strength: .moderate, title: "Link copied from a chat reply",
        rationale: "A link carries a referral parameter that chat assistants add to the sources they cite: `utm_source=chatgpt.com`, `utm_source=openai`, `utm_source=copilot.com`, `utm_source=perplexity`, `utm_source=gemini`, `utm_source=claude.ai`, or a `ref=`/`referrer=` parameter naming one of these tools (`ref=copilot.microsoft.com`). Read from link targets (Markdown links, HTML `href`/`src`, DOCX hyperlinks) and from URLs written in the text.",
        falsePositives: "A person who found a page through a chat assistant's search and kept the link: the assistant was used for research, maybe not for writing. An article explaining these parameters (in quotation marks they are weak, in code silent). Links to openai.com and similar sites without these parameters are never reported.")

    static let descriptors = [tracking]

    static let sources = ["chatgpt", "openai", "copilot", "perplexity", "gemini", "claude", "bard", "deepseek", "grok", "mistral"]
    static let matcher = PhraseMatcher(sources.flatMap { ["utm_source=" + $0, "utm_source%3d" + $0, "ref=" + $0, "referrer=" + $0, "referer=" + $0] }.map { ($0, 0) }, wordStart: false, wordEnd: false)

    /// The URL around a match: from the scheme (or the start of the token) to white space, a quote or a bracket.
    static func url(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        func isDelimiter(_ c: UInt8) -> Bool { c <= 0x20 || c == 0x22 || c == 0x27 || c == 0x3C || c == 0x3E || c == 0x28 || c == 0x29 || c == 0x5B || c == 0x5D }
        var s = range.lowerBound
        while s > 0, !isDelimiter(b[s - 1]), range.lowerBound - s < 400 { s -= 1 }
        var e = range.upperBound
        while e < b.count, !isDelimiter(b[e]), e - range.upperBound < 400 { e += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)
    }

    /// `ref=` matches only as a query parameter (after `?` or `&`).
    static func isParameter(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard PhraseMatcher.lower(b[range.lowerBound]) == 0x72 else { return true } // utm_source...; ref=, referrer= need a separator
        return range.lowerBound > 0 && (b[range.lowerBound - 1] == 0x3F || b[range.lowerBound - 1] == 0x26 || b[range.lowerBound - 1] == 0x3B)
    }

    /// Scans `text` (a link target or a paragraph) and reports each URL once per document.
    /// - Parameter setting: where the text sits, asked only when a link matched (code is skipped, quotations are weak).
    static func scan(_ text: String, at location: Location, setting: (UnsafeBufferPointer<UInt8>, Range<Int>) -> ScanContext.Setting, seen: inout Set<String>, _ context: ScanContext) {
        var s = text
        s.withUTF8 { b in
            guard let base = b.baseAddress, memchr(base, 0x3D, b.count) != nil || memchr(base, 0x25, b.count) != nil else { return }
            for m in matcher.matches(in: b).prefix(200) where isParameter(b, m.range) && context.count(tracking) < context.maxFindingsPerSignal {
                let place = setting(b, m.range)
                if place == .code { continue }
                let quoted = place == .quoted
                let found = url(b, m.range)
                guard !seen.contains(found) else { continue }
                seen.insert(found)
                context.add(tracking, at: location, excerpt: found,
                            explanation: quoted ? "A link with a chat assistant's tracking parameter appears inside a quotation; it may be an example."
                                : "This link carries a tracking parameter that chat assistants add to the sources they cite, so it was probably copied from a chat reply; please check with the author.",
                            strength: quoted ? .weak : nil)
            }
        }
    }
}

/// Attributes that chat web pages leave in HTML copied from them, found in the raw markup.
enum MarkupSignals {
    static let chatMarkup = SignalDescriptor(
        id: "residue.chat-markup", family: "residue", strength: .strong, title: "Chat page markup in the file",
        rationale: "Attributes and classes from a chat application's web page, kept when a reply is copied as HTML: `data-message-author-role`, `data-testid=\"conversation-turn-…\"`, `data-message-id`, `font-claude-message`, `font-claude-response`, `data-is-streaming`. Only counted inside a tag, not when the page merely shows them as text.",
        falsePositives: "A saved copy of a chat page kept on purpose (an archived conversation), or a page documenting these attributes in live markup.")
    static let offsets = SignalDescriptor(
        id: "residue.chat-offsets", family: "residue", strength: .moderate, title: "Character-offset attributes from a chat reply",
        rationale: "Three or more elements carry numeric `data-start=\"…\"` and `data-end=\"…\"` attributes together; ChatGPT's reply markup puts them on every paragraph and list item, and they survive pasting into HTML editors.",
        falsePositives: "Sliders, timelines and media players that use `data-start`/`data-end` for their own numbers.")

    static let descriptors = [chatMarkup, offsets]

    static let needles: [[UInt8]] = ["data-message-author-role", "data-testid=\"conversation-turn-", "data-message-id=", "font-claude-message",
                                      "font-claude-response", "data-is-streaming="].map { Array($0.utf8) }
    static let dataStart = Array("data-start=\"".utf8)
    static let dataEnd = Array("data-end=\"".utf8)

    /// True when `offset` lies inside a tag: the nearest `<` or `>` before it is `<`.
    static func insideTag(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> Bool {
        var i = offset - 1
        while i >= 0, offset - i < 8192 {
            if raw[i] == 0x3E { return false }
            if raw[i] == 0x3C { return raw[i + 1] != 0x21 } // not inside a comment's opening
            i -= 1
        }
        return false
    }

    static func scan(_ context: ScanContext) {
        let hits: [(Int, String)] = context.withRaw { raw in
            var out: [(Int, String)] = []
            guard ByteSearch.contains(Array("data-".utf8), in: raw) || ByteSearch.contains(Array("font-claude".utf8), in: raw) else { return out }
            for needle in needles {
                for o in ByteSearch.all(needle, in: raw, limit: 5) where insideTag(raw, o) {
                    out.append((o, String(decoding: needle, as: UTF8.self)))
                    break
                }
            }
            return out
        }
        for (offset, name) in hits {
            context.add(chatMarkup, at: context.rawLocation(offset), excerpt: context.rawExcerpt(offset, length: 70),
                        explanation: "The markup contains \(name.trimmingCharacters(in: CharacterSet(charactersIn: "=\""))), which chat assistants' web pages use, so this content was probably copied from a chat; please check with the author.")
        }
        let pairs: [Int] = context.withRaw { raw in
            var out: [Int] = []
            for o in ByteSearch.all(dataStart, in: raw, limit: 200) {
                var i = o + dataStart.count
                var digits = 0
                while i < raw.count, raw[i] >= 0x30, raw[i] <= 0x39 { i += 1; digits += 1 }
                guard digits > 0, i < raw.count, raw[i] == 0x22 else { continue }
                let windowEnd = min(raw.count, i + 40)
                if ByteSearch.contains(dataEnd, in: UnsafeRawBufferPointer(rebasing: raw[i..<windowEnd])), insideTag(raw, o) { out.append(o) }
            }
            return out
        }
        if pairs.count >= 3 {
            context.add(offsets, at: context.rawLocation(pairs[0]), excerpt: context.rawExcerpt(pairs[0], length: 60),
                        explanation: "\(pairs.count) elements carry data-start and data-end offsets like those in ChatGPT's reply markup, which suggests the content was pasted from a chat; please check with the author.")
        }
    }
}
