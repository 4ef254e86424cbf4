import Foundation

/// Writes a one-sheet XLSX workbook (Office Open XML spreadsheet) of text cells: a bold header
/// row, frozen and auto-filtered, column widths set from the longest value, every cell an
/// inline string (so no value is ever read as a formula). Made with the project's own zip code
/// (libzip, `Interop/LibZip.swift`); opens in Excel, LibreOffice Calc and openpyxl.
///
/// ```swift
/// let bytes = try XLSXWriter(sheetName: "Register").workbook(header: ["file", "person"], rows: [["a.docx", "Amelia Khan"]])
/// ```
public struct XLSXWriter: Sendable {
    /// The value of `Application` in `docProps/app.xml`, which is the workbook's first entry and
    /// stored uncompressed, so that a later audit recognises the file as a Disclose report.
    public static let applicationMarker = "Disclose register (disclose-audit-report)"

    /// The sheet's name (at most 31 characters, as Excel requires).
    public var sheetName: String

    /// Creates a writer.
    public init(sheetName: String) {
        self.sheetName = String(sheetName.prefix(31))
    }

    /// The workbook's bytes.
    /// - Parameters:
    ///   - header: the header row's cells.
    ///   - rows: the other rows (each as long as `header` or shorter).
    /// - Throws: ``DisclosureError/writeFailed(path:reason:)`` when the archive cannot be made.
    public func workbook(header: [String], rows: [[String]]) throws -> Data {
        let entries: [(name: String, bytes: Data, store: Bool)] = [
            ("docProps/app.xml", Data(appXML.utf8), true),
            ("[Content_Types].xml", Data(Self.contentTypes.utf8), false),
            ("_rels/.rels", Data(Self.rootRels.utf8), false),
            ("xl/workbook.xml", Data(workbookXML(rowCount: rows.count + 1, columnCount: header.count).utf8), false),
            ("xl/_rels/workbook.xml.rels", Data(Self.workbookRels.utf8), false),
            ("xl/styles.xml", Data(Self.styles.utf8), false),
            ("xl/worksheets/sheet1.xml", Data(sheetXML(header: header, rows: rows).utf8), false),
        ]
        do {
            return try ZipRebuilder.write(entries: entries)
        } catch {
            throw DisclosureError.writeFailed(path: "the XLSX workbook", reason: "\(error)")
        }
    }

    /// `A` for 0, `Z` for 25, `AA` for 26.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// Widths in characters: the longest value in the column (header included), between 8 and 60.
    static func widths(header: [String], rows: [[String]]) -> [Int] {
        header.indices.map { i in
            let longest = ([header[i]] + rows.map { i < $0.count ? $0[i] : "" }).map(\.count).max() ?? 0
            return min(60, max(8, longest + 2))
        }
    }

    func sheetXML(header: [String], rows: [[String]]) -> String {
        let lastColumn = Self.columnName(max(header.count - 1, 0))
        let lastRow = rows.count + 1
        var out = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <dimension ref="A1:\(lastColumn)\(lastRow)"/>\
        <sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
        <selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>\
        <sheetFormatPr defaultRowHeight="15"/><cols>
        """
        for (i, width) in Self.widths(header: header, rows: rows).enumerated() {
            out += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        out += "</cols><sheetData>"
        out += row(header, number: 1, style: 1)
        for (i, cells) in rows.enumerated() { out += row(cells, number: i + 2, style: 0) }
        out += "</sheetData><autoFilter ref=\"A1:\(lastColumn)\(lastRow)\"/></worksheet>"
        return out
    }

    func row(_ cells: [String], number: Int, style: Int) -> String {
        var out = "<row r=\"\(number)\">"
        for (i, cell) in cells.enumerated() where !cell.isEmpty {
            let preserve = cell.first!.isWhitespace || cell.last!.isWhitespace ? " xml:space=\"preserve\"" : ""
            out += "<c r=\"\(Self.columnName(i))\(number)\" t=\"inlineStr\"\(style > 0 ? " s=\"\(style)\"" : "")><is><t\(preserve)>\(Self.escape(cell))</t></is></c>"
        }
        return out + "</row>"
    }

    func workbookXML(rowCount: Int, columnCount: Int) -> String {
        let sheet = Self.escape(sheetName).replacingOccurrences(of: "'", with: "''")
        return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <bookViews><workbookView/></bookViews>\
        <sheets><sheet name="\(Self.escape(sheetName))" sheetId="1" r:id="rId1"/></sheets>\
        <definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'\(sheet)'!$A$1:$\(Self.columnName(max(columnCount - 1, 0)))$\(rowCount)</definedName></definedNames>\
        </workbook>
        """
    }

    var appXML: String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>\(Self.applicationMarker)</Application></Properties>
        """
    }

    /// `text` safe in XML element content: `& < >` escaped, characters XML 1.0 forbids shown as `\u{..}`.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { out += ReportText.escaped(scalar) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
    <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
    <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
    </Types>
    """

    static let rootRels = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
    </Relationships>
    """

    static let workbookRels = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
    </Relationships>
    """

    /// Two cell formats: 0 plain, 1 bold (the header row).
    static let styles = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
    <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
    <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
    <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
    <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
    <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
    <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
    </styleSheet>
    """
}

/// The class register as an XLSX workbook: one sheet named "Register" with the same rows as
/// ``RegisterCSVWriter`` (header, one row per file, the note row), cells as written (an XLSX
/// cell is never a formula, so nothing needs neutralising).
public struct RegisterXLSXWriter: AuditReportWriter {
    /// Creates the writer.
    public init() {}

    /// The workbook's bytes.
    public func render(_ report: AuditReport) throws -> Data {
        var note = Array(repeating: "", count: ClassRegister.columns.count)
        note[0] = "# Note: " + AuditReport.standingNote
        return try XLSXWriter(sheetName: "Register").workbook(header: ClassRegister.columns, rows: ClassRegister(report).rows + [note])
    }
}
