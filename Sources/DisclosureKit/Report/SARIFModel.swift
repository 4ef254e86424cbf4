import Foundation

/// The part of SARIF 2.1.0 the audit writes. Optional fields that are nil are left out.
enum SARIF {
    static let version = "2.1.0"
    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    struct Log: Encodable {
        var schema = SARIF.schemaURI
        var version = SARIF.version
        var runs: [Run]
        /// `{"format": "disclose-audit-report"}`: the marker a later audit recognises (``ReportMarker``).
        var properties = ["format": ReportMarker.token]

        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs, properties }
    }

    struct Run: Encodable {
        var tool: Tool
        var invocations: [Invocation]
        var originalUriBaseIds: [String: ArtifactLocation]?
        var artifacts: [Artifact]
        var results: [Result]
        var columnKind = "unicodeCodePoints"
        var properties: [String: JSONValue]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String?
        var fullDescription: Message
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var name: String?
        var shortDescription: Message
        var fullDescription: Message?
        var help: Message?
        var defaultConfiguration: Configuration
        var properties: [String: JSONValue]?
    }

    struct Configuration: Encodable { var level: String }

    struct Message: Encodable { var text: String }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]?
    }

    struct Notification: Encodable {
        var level: String
        var message: Message
        var locations: [Location]?
    }

    struct Artifact: Encodable {
        var location: ArtifactLocation
        var length: Int?
        var hashes: [String: String]?
        var properties: [String: JSONValue]?
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
        var index: Int?
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]?
        var properties: [String: JSONValue]?
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation?
        var logicalLocations: [LogicalLocation]?
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct Region: Encodable {
        var startLine: Int?
        var startColumn: Int?
        var byteOffset: Int?
    }

    struct LogicalLocation: Encodable {
        var name: String
        var fullyQualifiedName: String?
        var kind: String
    }
}

/// A JSON value for SARIF property bags.
enum JSONValue: Encodable, Equatable {
    case string(String)
    case int(Int)
    case array([JSONValue])
    case object([String: JSONValue])

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

extension SARIF {
    /// `path` as a relative URI reference: every byte outside the unreserved set and `/`
    /// percent-encoded (so `#`, `?`, `%`, spaces, `<` and non-ASCII are safe).
    static func uriReference(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
