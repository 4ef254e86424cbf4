import Foundation

/// Typographic artefacts. Weak only: each has ordinary human causes, and none is ever
/// enough on its own (the engine's threshold sees to that; the catalogue marks them weak).
/// U+202F (narrow no-break space, French typography), U+00A0 and the C2PA text wrapper are never reported.
enum TypographySignals {
    static let emDashes = SignalDescriptor(
        id: "typography.em-dashes", family: "typography", strength: .weak, title: "Many em dashes",
        rationale: "The text has at least 10 em dashes (—) and more than one per 100 words. Chat assistants use them heavily; the count is visible to anyone. Doubled dashes (——, Chinese punctuation) are not counted.",
        falsePositives: "Many writers love em dashes, and Word turns \"--\" into dashes as you type. Weak, never enough alone.")
    static let invisible = SignalDescriptor(
        id: "typography.invisible-characters", family: "typography", strength: .weak, title: "Invisible characters in the text",
        rationale: "Zero-width spaces (U+200B), word joiners (U+2060), stray byte-order marks (U+FEFF) or Unicode tag characters inside the text. Some AI tools and copy paths insert them, and they can hide text.",
        falsePositives: "Web pages and CMS editors insert zero-width spaces for line breaking; tag characters are part of some flag emoji (those are skipped), and a C2PA text wrapper is a declaration, not this signal.")
    static let spaces = SignalDescriptor(
        id: "typography.unusual-spaces", family: "typography", strength: .weak, title: "Unusual Unicode spaces",
        rationale: "A space from the U+2000–U+200A range or U+205F standing alone between two letters, where a keyboard space belongs; keyboards do not type these, so they come in with pasted text.",
        falsePositives: "Typeset text that uses thin or em spaces between words on purpose. Spaces around symbols and digits (typeset maths), runs of them (indentation, form fields), U+202F (French narrow no-break space) and U+00A0 are never reported.")

    static let descriptors = [emDashes, invisible, spaces]

    /// Counts for the whole document, reported once at the end.
    struct Tally {
        var dashes = 0
        var words = 0
        var firstDash: (TextParagraph, String)?
    }

    static func scan(_ paragraph: TextParagraph, tally: inout Tally, _ context: ScanContext) {
        var text = paragraph.text
        var invisibleAt: Int?
        var spaceAt: Int?
        var localDashes = 0
        var firstDashAt: Int?
        text.withUTF8 { b in
            var i = 0
            let n = b.count
            var inWord = false
            while i < n {
                let c = b[i]
                if c < 0x80 {
                    let word = c > 0x20
                    if word && !inWord { tally.words += 1 }
                    inWord = word
                    i += 1
                    continue
                }
                inWord = true
                if c == 0xE2, i + 2 < n {
                    let c1 = b[i + 1], c2 = b[i + 2]
                    if c1 == 0x80 && c2 == 0x94 {
                        // A doubled dash (——) is ordinary Chinese punctuation: not counted.
                        let doubled = (i + 5 < n && b[i + 3] == 0xE2 && b[i + 4] == 0x80 && b[i + 5] == 0x94)
                            || (i >= 3 && b[i - 3] == 0xE2 && b[i - 2] == 0x80 && b[i - 1] == 0x94)
                        if !doubled { localDashes += 1; if firstDashAt == nil { firstDashAt = i } }
                    }
                    else if c1 == 0x80 && c2 == 0x8B { if invisibleAt == nil { invisibleAt = i } }                 // U+200B
                    else if c1 == 0x81 && c2 == 0xA0 { if invisibleAt == nil { invisibleAt = i } }                 // U+2060
                    else if (c1 == 0x80 && c2 >= 0x80 && c2 <= 0x8A) || (c1 == 0x81 && c2 == 0x9F) {              // U+2000–200A, U+205F
                        // Only a single space between two letters, where a keyboard space belongs; spaces
                        // around symbols and digits (typeset maths) and runs (indentation, form fields) are typesetting.
                        if spaceAt == nil, i > 0, i + 3 < n, isLetter(b[i - 1]), isLetter(b[i + 3]) { spaceAt = i }
                    }
                    i += 3
                    continue
                }
                if c == 0xEF, i + 2 < n, b[i + 1] == 0xBB, b[i + 2] == 0xBF {                                         // U+FEFF
                    let followedBySelector = i + 5 < n && ((b[i + 3] == 0xEF && b[i + 4] == 0xB8) || (b[i + 3] == 0xF3 && b[i + 4] == 0xA0))
                    if i > 0, !followedBySelector, invisibleAt == nil { invisibleAt = i }
                    i += 3
                    continue
                }
                if c == 0xF3, i + 3 < n, b[i + 1] == 0xA0, b[i + 2] == 0x80 || b[i + 2] == 0x81 {                     // U+E0000–E007F tags
                    if !followsWavingBlackFlag(b, i), invisibleAt == nil { invisibleAt = i }
                    i += 4
                    continue
                }
                i += 1
            }
            guard invisibleAt != nil || spaceAt != nil || localDashes > 0, context.setting(of: paragraph) != .code else {
                localDashes = 0
                return
            }
            if let at = invisibleAt {
                context.add(invisible, at: paragraph.location, excerpt: visible(b, at),
                            explanation: "The paragraph contains invisible characters, which some AI tools and copy paths insert; weak evidence on its own.")
            }
            if let at = spaceAt {
                context.add(spaces, at: paragraph.location, excerpt: visible(b, at),
                            explanation: "The paragraph contains unusual Unicode spaces that keyboards do not type, which often arrive with pasted text; weak evidence on its own.")
            }
            if let at = firstDashAt, tally.firstDash == nil {
                tally.firstDash = (paragraph, Snippet.around(b, at..<(at + 3)))
            }
        }
        tally.dashes += localDashes
    }

    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    /// Tag characters after U+1F3F4 (waving black flag) spell subdivision flags (England, Scotland, Wales).
    static func followsWavingBlackFlag(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        var j = i
        while j >= 4, b[j - 4] == 0xF3, b[j - 3] == 0xA0 { j -= 4 }
        return j >= 4 && b[j - 4] == 0xF0 && b[j - 3] == 0x9F && b[j - 2] == 0x8F && b[j - 1] == 0xB4
    }

    /// The text around `at`, with invisible and unusual characters written as `⟨U+XXXX⟩`.
    static func visible(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> String {
        let raw = Snippet.around(b, at..<(at + 1))
        var out = ""
        for scalar in raw.unicodeScalars {
            let v = scalar.value
            if v == 0x200B || v == 0x2060 || v == 0xFEFF || (0x2000...0x200A).contains(v) || v == 0x205F || (0xE0000...0xE007F).contains(v) {
                out += String(format: "⟨U+%04X⟩", v)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func finish(_ tally: Tally, _ context: ScanContext) {
        guard tally.dashes >= 10, tally.dashes * 100 > tally.words, let (paragraph, excerpt) = tally.firstDash else { return }
        context.add(emDashes, at: paragraph.location, excerpt: excerpt,
                    explanation: "The text has \(tally.dashes) em dashes in about \(tally.words) words; chat assistants use them heavily, but so do many writers, so this is weak evidence on its own.")
    }
}
