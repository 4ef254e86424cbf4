import Foundation

extension Disclosure {
    /// The canonical JSON encoding: UTF-8, keys sorted, no insignificant white space,
    /// `/` not escaped. Used for storage and (without `signature.value`, ``SignaturePayload``) for signing.
    public func canonicalJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// ``canonicalJSON()`` as a string.
    public func canonicalJSONString() throws -> String {
        String(decoding: try canonicalJSON(), as: UTF8.self)
    }

    /// Human-friendly JSON (pretty-printed, sorted keys), for `show --format json`.
    public func prettyJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Decodes a disclosure from JSON.
    /// - Throws: ``DisclosureError/invalidDisclosure(path:reason:)`` with the decoding problem in words.
    public static func decode(json: Data, path: String) throws -> Disclosure {
        do {
            return try QuickJSON.decode(Disclosure.self, from: json)
        } catch let DecodingError.dataCorrupted(ctx) {
            throw DisclosureError.invalidDisclosure(path: path, reason: describe(ctx))
        } catch let DecodingError.keyNotFound(key, _) {
            throw DisclosureError.invalidDisclosure(path: path, reason: "the field \"\(key.stringValue)\" is missing")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw DisclosureError.invalidDisclosure(path: path, reason: "wrong type at \(describe(ctx))")
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw DisclosureError.invalidDisclosure(path: path, reason: "missing value at \(describe(ctx))")
        } catch {
            throw DisclosureError.invalidDisclosure(path: path, reason: "not valid JSON")
        }
    }

    private static func describe(_ ctx: DecodingError.Context) -> String {
        let where_ = ctx.codingPath.map(\.stringValue).joined(separator: ".")
        let what = ctx.debugDescription.hasPrefix("The given data was not valid JSON") ? "not valid JSON" : ctx.debugDescription
        return where_.isEmpty ? what : "\(where_): \(what)"
    }

    /// The key facts stored as separate fields (custom properties, meta tags), in a fixed order.
    /// Keys: `tools`, `purposes`, `extent`, `review`, `declarant`, `date`.
    public var keyFacts: [(key: String, value: String)] {
        [
            ("tools", tools.map(\.displayName).joined(separator: "; ")),
            ("purposes", purposes.map(\.rawValue).joined(separator: ", ")),
            ("extent", extent.rawValue),
            ("review", review.level.rawValue + (review.reviewer.map { " by \($0)" } ?? "")),
            ("declarant", declarant),
            ("date", date),
        ]
    }

    /// Problems that make this disclosure incomplete or contradictory; empty when valid.
    public var problems: [String] {
        var found: [String] = []
        if schema != Disclosure.currentSchema {
            found.append("unknown schema \"\(schema)\" (this version reads \(Disclosure.currentSchema))")
        }
        if extent != .none && tools.isEmpty { found.append("at least one tool is needed when AI was used (extent \(extent.rawValue))") }
        if extent != .none && purposes.isEmpty { found.append("at least one purpose is needed when AI was used") }
        if tools.contains(where: { QuickTrim.whitespaces($0.name).isEmpty }) { found.append("a tool has an empty name") }
        if QuickTrim.whitespaces(declarant).isEmpty { found.append("the declarant is empty") }
        if !Disclosure.isISO8601(date) { found.append("the date \"\(date)\" is not ISO 8601 (use YYYY-MM-DD)") }
        return found
    }

    static func isISO8601(_ s: String) -> Bool {
        if s.utf8.count == 10 {
            // YYYY-MM-DD, checked by arithmetic: this runs for every file an audit reads.
            return CivilDate.fields(s.utf8[...]) != nil
        }
        let f = ISO8601DateFormatter()
        if f.date(from: s) != nil { return true }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: s) != nil
    }
}

extension Tool {
    /// "Microsoft 365 Copilot 2.1 (GPT-4o, Microsoft)".
    public var displayName: String {
        var s = name
        if let version, !version.isEmpty { s += " \(version)" }
        let extra = [model, provider].compactMap { $0 }.filter { !$0.isEmpty }
        if !extra.isEmpty { s += " (\(extra.joined(separator: ", ")))" }
        return s
    }
}

extension Disclosure {
    /// Today's date in UTC, `YYYY-MM-DD`, the default declaration date.
    public static func today(_ now: Date = Date()) -> String {
        if let quick = CivilDate.isoDay(now) { return quick }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: now)
    }
}
