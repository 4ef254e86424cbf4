import Foundation

/// The formats `disclose register export` writes.
public enum RegisterExportFormat: String, CaseIterable, Sendable {
    /// Comma-separated, one header row then one row per record (RFC 4180, CRLF, cells a
    /// spreadsheet would run as formulas neutralised as in the audit CSV).
    case csv
    /// One JSON object per record per line (the fields of ``RegisterRecord``).
    case jsonl
    /// A one-sheet workbook named "AI-use register" with the CSV's header and rows, every cell
    /// an inline string (never a formula), header frozen and filtered (``XLSXWriter``).
    case xlsx
}

extension AIUseRegister {
    /// The records rendered in `format`.
    public static func export(_ records: [RegisterRecord], format: RegisterExportFormat) throws -> Data {
        switch format {
        case .csv:
            var text = CSVReportWriter.row(RegisterRecord.columns)
            for record in records { text += CSVReportWriter.row(record.row) }
            return Data(text.utf8)
        case .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var out = Data()
            for record in records {
                out += try encoder.encode(record)
                out.append(0x0A)
            }
            return out
        case .xlsx:
            return try XLSXWriter(sheetName: "AI-use register").workbook(header: RegisterRecord.columns, rows: records.map(\.row))
        }
    }
}
