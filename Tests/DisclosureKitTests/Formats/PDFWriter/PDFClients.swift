import Foundation
import Testing

/// Real PDF programs as checks, when installed: `qpdf --check` must find no errors or warnings,
/// `pdfinfo` must count the pages, `pdftotext` must find the words. Each missing program is
/// reported once in the test output and its checks skipped.
enum PDFClients {
    static func path(_ tool: String) -> String? {
        for dir in ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"] where FileManager.default.isExecutableFile(atPath: dir + "/" + tool) {
            return dir + "/" + tool
        }
        return nil
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String)? {
        guard let executable = path(tool) else {
            print("PDFClients: \(tool) is not installed; its check is skipped")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Writes `data` to a temporary file and checks it with every client present.
    static func check(_ data: Data, name: String, pages: Int, contains words: [String], absent: [String] = []) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("disclose-pdfwriter-\(UUID().uuidString)-\(name).pdf")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        if let (status, output) = try run("qpdf", ["--check", file.path]) {
            #expect(status == 0, "qpdf --check \(name): \(output)")
            #expect(output.contains("No syntax or stream encoding errors"), "qpdf --check \(name): \(output)")
        }
        if let (_, output) = try run("pdfinfo", [file.path]) {
            let line = output.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            #expect(line?.dropFirst(6).trimmingCharacters(in: .whitespaces) == String(pages), "pdfinfo \(name): \(output)")
        }
        if let (status, output) = try run("pdftotext", ["-enc", "UTF-8", file.path, "-"]) {
            #expect(status == 0)
            let flat = output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for word in words { #expect(flat.contains(word), "pdftotext \(name): '\(word)' not in \(flat)") }
            for word in absent { #expect(!flat.contains(word), "pdftotext \(name): '\(word)' still in \(flat)") }
        }
    }
}
