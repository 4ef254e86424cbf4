import ArgumentParser
import DisclosureKit
import Foundation

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the disclosure found in documents, and where it is.")

    @Argument(help: "The documents to read.")
    var files: [String]

    @Option(help: "Output format: text, json, or http-header (the value of the AI-Disclosure response header for web servers).")
    var format: ShowFormat = .text

    func run() throws {
        let inspector = Inspector()
        var tracker = ExitTracker()
        var json: [ShowJSON] = []
        for file in files {
            do {
                let result = try inspector.show(path: file)
                switch format {
                case .text: Output.stdout(Show.text(result))
                case .json: json.append(ShowJSON(result))
                case .httpHeader:
                    if let d = result.disclosure {
                        Output.line(files.count > 1 ? "\(file): AI-Disclosure: \(d.httpHeaderValue)" : "AI-Disclosure: \(d.httpHeaderValue)")
                    } else {
                        Output.error("\(file): no disclosure from Disclose found, so there is no header to serve. Stamp the page first.")
                        tracker.record(1)
                    }
                }
                if result.decodeProblem != nil { tracker.record(1) }
            } catch let error as DisclosureError {
                tracker.record(error.exitCode)
                Output.error(error.description)
            }
        }
        if format == .json { Output.line(try VerificationJSON.encode(json)) }
        try tracker.finish()
    }

    static func text(_ r: ShowResult) -> String {
        var out = "\(r.path) (\(r.format))\n"
        if r.found.isEmpty {
            return out + "  no disclosure from Disclose found\n" + declarations(r.declarations)
        }
        if let s = r.found.statement {
            out += "  statement at \(s.location):\n    \(s.text)\n"
        } else {
            out += "  no visible statement found\n"
        }
        if let m = r.found.metadata {
            out += "  metadata in \(m.location)\n"
        } else {
            out += "  no machine-readable metadata found\n"
        }
        if let problem = r.decodeProblem { out += "  problem: \(problem)\n" }
        if let d = r.disclosure {
            // Every recorded fact, from the library's one list, so that new fields appear here too.
            let facts = d.recordedFacts + [Disclosure.RecordedFact(label: "signed", value: d.signature.map {
                "yes (\($0.algorithm), key id \($0.keyID)\($0.signedAt.map { ", at \($0)" } ?? ""))" } ?? "no")]
            let width = max(14, (facts.map(\.label.count).max() ?? 0) + 2)
            for fact in facts {
                out += "  " + (fact.label + ":").column(width) + fact.value + "\n"
            }
        }
        for problem in r.found.problems { out += "  problem: \(problem)\n" }
        return out + declarations(r.declarations)
    }

    /// The other declarations found, with their facts, as the audit reports them.
    static func declarations(_ list: [Declaration]) -> String {
        guard !list.isEmpty else { return "" }
        var out = "  other declarations found (\(list.count)):\n"
        for d in list {
            out += "    \(d.kind) at \(d.location): \"\(d.quote)\"\n"
            guard let f = d.facts else {
                out += "      facts:      not read; check by eye\n"
                continue
            }
            let ai: String
            switch f.aiUse {
            case .none: ai = "no AI used"
            case .used: ai = "AI used"
            case .unclear: ai = "unclear; check by eye"
            }
            out += "      AI use:     \(ai) (\(f.confidence.rawValue))\n"
            if !f.tools.isEmpty {
                let names = f.tools.map { tool -> String in
                    guard let canonical = tool.canonical else { return "\"\(tool.asWritten)\" (not recognised)" }
                    return canonical == tool.asWritten ? canonical : "\(canonical) (\"\(tool.asWritten)\")"
                }
                out += "      tools:      \(names.joined(separator: "; "))\n"
            }
            if !f.purposes.isEmpty {
                out += "      purposes:   \(f.purposes.map { p in p.purpose.map { "\($0.rawValue) (\"\(p.asWritten)\")" } ?? "\"\(p.asWritten)\"" }.joined(separator: "; "))\n"
            }
            if let date = f.date { out += "      date:       \(date)\n" }
        }
        return out
    }
}

struct ShowJSON: Codable {
    var path: String
    var format: String
    var statement: String?
    var statementLocation: Location?
    var metadataLocation: Location?
    var disclosure: Disclosure?
    var problems: [String]
    var declarations: [Declaration]

    init(_ r: ShowResult) {
        path = r.path
        format = r.format.rawValue
        statement = r.found.statement?.text
        statementLocation = r.found.statement?.location
        metadataLocation = r.found.metadata?.location
        disclosure = r.disclosure
        problems = r.found.problems + (r.decodeProblem.map { [$0] } ?? [])
        declarations = r.declarations
    }
}
