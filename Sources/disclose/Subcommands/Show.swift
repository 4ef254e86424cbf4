import ArgumentParser
import DisclosureKit
import Foundation

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
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
            return out + "  no disclosure from Disclose found\n"
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
                out += "  " + (fact.label + ":").padding(toLength: width, withPad: " ", startingAt: 0) + fact.value + "\n"
            }
        }
        for problem in r.found.problems { out += "  problem: \(problem)\n" }
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

    init(_ r: ShowResult) {
        path = r.path
        format = r.format
        statement = r.found.statement?.text
        statementLocation = r.found.statement?.location
        metadataLocation = r.found.metadata?.location
        disclosure = r.disclosure
        problems = r.found.problems + (r.decodeProblem.map { [$0] } ?? [])
    }
}
