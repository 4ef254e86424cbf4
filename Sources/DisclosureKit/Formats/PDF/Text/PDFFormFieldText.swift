import Foundation

/// The text a viewer shows in a form field whose appearance it must build itself (ISO 32000-1
/// §12.7.3.3): when the form says `/NeedAppearances true` (§12.7.2), its widgets' appearance
/// streams are stale or empty placeholders, and a widget without `/AP` has none. Viewers and
/// pdftotext then draw the field's value; the text extractor reads it the same way.
enum PDFFormFieldText {
    /// A field value as drawn: its lines, top to bottom, and the font size (0: auto-sized).
    struct Value: Equatable {
        var lines: [String]
        var size: Double
    }

    /// Whether the catalog's `/AcroForm` asks viewers to build the fields' appearances.
    static func needAppearances(_ source: PDFObjectSource) throws -> Bool {
        let form = try source.dictionary(try source.catalog()?["AcroForm"])
        return try source.resolve(form?["NeedAppearances"]) == .bool(true)
    }

    /// The value a text field (or a combo box) widget shows, or nil for other fields, password
    /// fields and empty values. Field attributes are inherited from `/Parent` (§12.7.3.1).
    static func value(of widget: PDFDictionary, source: PDFObjectSource) throws -> Value? {
        guard try source.resolve(widget["Subtype"])?.nameValue == "Widget" else { return nil }
        let type = try inherited("FT", widget, source)?.nameValue
        let flags = try inherited("Ff", widget, source)?.integerValue ?? 0
        let isComboBox = type == "Ch" && flags & (1 << 17) != 0
        guard type == "Tx" || isComboBox, flags & (1 << 13) == 0 else { return nil }  // bit 14: password
        guard let text = try inherited("V", widget, source)?.textValue else { return nil }
        let lines = text.split(whereSeparator: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return nil }
        return Value(lines: lines, size: fontSize(try inherited("DA", widget, source)?.textValue ?? ""))
    }

    /// The value as a viewer lays it out: from the rectangle's left edge, one line vertically
    /// centred, or several from the top. Widths are estimated (half the font size a character):
    /// each line is one drawn unit, so only line and paragraph breaks depend on them.
    static func glyphs(_ value: Value, in rect: PDFVisibility.Box, hiddenBy: String?) -> [PDFDrawnGlyph] {
        let height = rect.y1 - rect.y0
        let size = value.size > 0 ? value.size : min(12, max(height * 0.7, 1))
        var y = value.lines.count > 1 ? rect.y1 - 2 - size : rect.y0 + max((height - size) / 2, 0) + 0.2 * size
        var glyphs: [PDFDrawnGlyph] = []
        for line in value.lines {
            let x = rect.x0 + 2
            glyphs.append(PDFDrawnGlyph(text: line, x: x, y: y, endX: x + 0.5 * size * Double(line.count), endY: y, size: size,
                                        renderMode: 0, color: .black, alpha: 1, hiddenBy: hiddenBy, mcid: nil))
            y -= 1.15 * size
        }
        return glyphs
    }

    /// The size operand of the last `Tf` of a default appearance string (`/Helv 11 Tf 0 g`).
    static func fontSize(_ appearance: String) -> Double {
        let tokens = appearance.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
        guard let tf = tokens.lastIndex(of: "Tf"), tf > 0, let size = Double(tokens[tf - 1]), size.isFinite, size >= 0 else { return 0 }
        return size
    }

    /// A field attribute from the widget or its nearest ancestor that has it (64 levels at most).
    private static func inherited(_ key: String, _ widget: PDFDictionary, _ source: PDFObjectSource) throws -> PDFObject? {
        var node: PDFDictionary? = widget
        for _ in 0..<64 {
            guard let current = node else { return nil }
            if let value = current[key] { return try source.resolve(value) }
            node = try source.dictionary(current["Parent"])
        }
        return nil
    }
}
