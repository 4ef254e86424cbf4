import Foundation

/// The JSON line of an ``AuditRecord``, written by hand: byte for byte what `JSONEncoder` with
/// `[.sortedKeys, .withoutEscapingSlashes]` writes for it (keys in byte order, `null` where the
/// record's own `encode(to:)` writes absent values, absent keys left out where the synthesised
/// encoding leaves them out), without the Codable machinery's containers, boxes and dynamic
/// casts, which cost about a tenth of a cold audit's CPU time when every file's line was
/// encoded through it. A disclosure of ours that records a policy, a policy outcome or a
/// signature is still encoded by `JSONEncoder` (its nested value is the same bytes either way).
///
/// `AuditRecordJSONLineTests` compares both encodings over every record the tests audit.
struct JSONLineWriter {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1024) }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A string, escaped as swift-foundation's JSON writer escapes it: `"` and `\`, the short
    /// escapes `\b \t \n \f \r`, other bytes below 0x20 as `\u00xx` (lower-case hex), and
    /// everything else (slashes included, by `.withoutEscapingSlashes`) as its UTF-8 bytes.
    mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if i > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                start = i + 1
                bytes.append(0x5C)
                switch b {
                case 0x22, 0x5C: bytes.append(b)
                case 0x08: bytes.append(0x62)  // b
                case 0x09: bytes.append(0x74)  // t
                case 0x0A: bytes.append(0x6E)  // n
                case 0x0C: bytes.append(0x66)  // f
                case 0x0D: bytes.append(0x72)  // r
                default:
                    bytes.append(contentsOf: [0x75, 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 0x0F)]])  // u00xx
                }
            }
            if utf8.count > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count])) }
        }
        bytes.append(0x22)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func string(_ s: String?) {
        if let s { string(s) } else { raw("null") }
    }

    mutating func int(_ i: Int) {
        bytes.append(contentsOf: String(i).utf8)
    }

    mutating func int(_ i: Int?) {
        if let i { int(i) } else { raw("null") }
    }

    mutating func array<T>(_ items: [T], _ write: (inout JSONLineWriter, T) -> Void) {
        bytes.append(0x5B)
        for (n, item) in items.enumerated() {
            if n > 0 { bytes.append(0x2C) }
            write(&self, item)
        }
        bytes.append(0x5D)
    }

    /// A key of an object: the comma before it unless it is the first, then `"key":`.
    mutating func key(_ k: StaticString, first: inout Bool) {
        if !first { bytes.append(0x2C) }
        first = false
        bytes.append(0x22)
        raw(k)
        bytes.append(0x22)
        bytes.append(0x3A)
    }
}

extension JSONLineWriter {
    // Keys below are in byte order, as `.sortedKeys` writes them.

    mutating func record(_ r: AuditRecord) throws {
        var f = true
        raw("{")
        key("author", first: &f); string(r.author)
        key("checks", first: &f); array(r.checks) { $0.check($1) }
        key("declarations", first: &f); array(r.declarations) { $0.declaration($1) }
        key("disclosure", first: &f)
        if let disclosure = r.disclosure {
            try self.disclosure(disclosure)
        } else {
            raw("null")
        }
        key("error", first: &f); string(r.error)
        key("findings", first: &f); array(r.findings) { $0.finding($1) }
        key("format", first: &f); string(r.format?.rawValue)
        key("notes", first: &f); array(r.notes) { $0.string($1) }
        key("path", first: &f); string(r.path)
        key("sha256", first: &f); string(r.sha256)
        key("size", first: &f); int(r.size)
        key("status", first: &f); string(r.status.rawValue)
        raw("}")
    }

    /// Our disclosure (synthesised encoding: absent optional values left out); one with a policy,
    /// a policy outcome or a signature through `JSONEncoder`.
    mutating func disclosure(_ d: Disclosure) throws {
        guard d.policy == nil, d.policyOutcome == nil, d.signature == nil else {
            bytes.append(contentsOf: try AuditRecord.foundationEncoder().encode(d))
            return
        }
        var f = true
        raw("{")
        if let v = d.approval { key("approval", first: &f); string(v) }
        if let c = d.content {
            key("content", first: &f)
            var g = true
            raw("{")
            key("canonicalization", first: &g); string(c.canonicalization)
            key("format", first: &g); string(c.format.rawValue)
            if let m = c.paragraphMap {
                key("paragraphMap", first: &g)
                var h = true
                raw("{")
                key("digests", first: &h); string(m.digests)
                key("groupSize", first: &h); int(m.groupSize)
                raw("}")
            }
            key("paragraphs", first: &g); int(c.paragraphs)
            key("parts", first: &g); digest(c.parts)
            key("text", first: &g); digest(c.text)
            raw("}")
        }
        if let v = d.dataClasses { key("dataClasses", first: &f); array(v) { $0.string($1.rawValue) } }
        key("date", first: &f); string(d.date)
        key("declarant", first: &f); string(d.declarant)
        key("extent", first: &f); string(d.extent.rawValue)
        key("language", first: &f); string(d.language)
        if let v = d.note { key("note", first: &f); string(v) }
        if let v = d.organisation { key("organisation", first: &f); string(v) }
        key("purposes", first: &f); array(d.purposes) { $0.string($1.rawValue) }
        key("review", first: &f)
        var g = true
        raw("{")
        key("level", first: &g); string(d.review.level.rawValue)
        if let v = d.review.note { key("note", first: &g); string(v) }
        if let v = d.review.reviewer { key("reviewer", first: &g); string(v) }
        raw("}")
        key("schema", first: &f); string(d.schema)
        if let v = d.statement { key("statement", first: &f); string(v) }
        key("tools", first: &f)
        array(d.tools) { w, t in
            var f = true
            w.raw("{")
            if let v = t.dpia { w.key("dpia", first: &f); w.string(v) }
            if let v = t.model { w.key("model", first: &f); w.string(v) }
            w.key("name", first: &f); w.string(t.name)
            if let v = t.provider { w.key("provider", first: &f); w.string(v) }
            if let v = t.version { w.key("version", first: &f); w.string(v) }
            w.raw("}")
        }
        raw("}")
    }

    mutating func digest(_ d: NamedDigest) {
        var f = true
        raw("{")
        key("algorithm", first: &f); string(d.algorithm)
        key("value", first: &f); string(d.value)
        raw("}")
    }

    /// Synthesised encoding: absent optional values are left out.
    mutating func location(_ l: Location) {
        var f = true
        raw("{")
        if let v = l.byteOffset { key("byteOffset", first: &f); int(v) }
        if let v = l.column { key("column", first: &f); int(v) }
        if let v = l.line { key("line", first: &f); int(v) }
        if let v = l.paragraph { key("paragraph", first: &f); int(v) }
        if let v = l.part { key("part", first: &f); string(v) }
        if let v = l.words { key("where", first: &f); string(v) }
        raw("}")
    }

    /// Synthesised encoding: absent `location` and `state` are left out.
    mutating func check(_ c: CheckResult) {
        var f = true
        raw("{")
        key("id", first: &f); string(c.id.rawValue)
        if let l = c.location { key("location", first: &f); location(l) }
        key("message", first: &f); string(c.message)
        if let s = c.state { key("state", first: &f); string(s) }
        key("status", first: &f); string(c.status.rawValue)
        raw("}")
    }

    mutating func declaration(_ d: Declaration) {
        var f = true
        raw("{")
        key("explanation", first: &f); string(d.explanation)
        key("facts", first: &f)
        if let facts = d.facts { self.facts(facts) } else { raw("null") }
        key("kind", first: &f); string(d.kind.rawValue)
        key("location", first: &f); location(d.location)
        key("quote", first: &f); string(d.quote)
        raw("}")
    }

    mutating func facts(_ x: DeclarationFacts) {
        var f = true
        raw("{")
        key("aiUse", first: &f); string(x.aiUse.rawValue)
        key("confidence", first: &f); string(x.confidence.rawValue)
        key("date", first: &f); string(x.date)
        key("purposes", first: &f)
        array(x.purposes) { w, p in
            var f = true
            w.raw("{")
            w.key("asWritten", first: &f); w.string(p.asWritten)
            w.key("purpose", first: &f); w.string(p.purpose?.rawValue)
            w.raw("}")
        }
        key("tools", first: &f)
        array(x.tools) { w, t in
            var f = true
            w.raw("{")
            w.key("asWritten", first: &f); w.string(t.asWritten)
            w.key("canonical", first: &f); w.string(t.canonical)
            w.raw("}")
        }
        key("words", first: &f); string(x.words)
        raw("}")
    }

    mutating func finding(_ x: Finding) {
        var f = true
        raw("{")
        key("excerpt", first: &f); string(x.excerpt)
        key("explanation", first: &f); string(x.explanation)
        key("location", first: &f); location(x.location)
        key("signal", first: &f); string(x.signal.rawValue)
        key("strength", first: &f); string(x.strength.rawValue)
        raw("}")
    }
}

extension JSONLineWriter {
    /// `line` (a record's JSON line as ``record(_:)`` writes it) with its top-level `path` value
    /// `old` replaced by `new`, by splicing bytes; nil when the line is not in that shape.
    ///
    /// The top-level `"path"` key is the last `,"path":` in the line: only `sha256` (hex or null),
    /// `size` (a number or null) and `status` (a word) follow it, and inside a JSON string a `"` is
    /// always escaped, so `,"` never occurs in one. The value found must be `old` as this writer
    /// escapes it, followed by `,"sha256":`; anything else gives nil, and the caller decodes.
    static func replacingTopLevelPath(in line: Data, from old: String, to new: String) -> Data? {
        let key: [UInt8] = Array(#","path":"#.utf8)
        var oldValue = JSONLineWriter()
        oldValue.string(old)
        var newValue = JSONLineWriter()
        newValue.string(new)
        let next: [UInt8] = Array(#","sha256":"#.utf8)
        return line.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Data? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count >= key.count else { return nil }
            var at = bytes.count - key.count
            while true {
                if bytes[at] == key[0], zip(bytes[at..<at + key.count], key).allSatisfy({ $0 == $1 }) { break }
                if at == 0 { return nil }
                at -= 1
            }
            let valueStart = at + key.count
            let valueEnd = valueStart + oldValue.bytes.count
            guard valueEnd + next.count <= bytes.count,
                  bytes[valueStart..<valueEnd].elementsEqual(oldValue.bytes),
                  bytes[valueEnd..<valueEnd + next.count].elementsEqual(next) else { return nil }
            var out = Data(capacity: bytes.count - oldValue.bytes.count + newValue.bytes.count)
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<valueStart]))
            out.append(contentsOf: newValue.bytes)
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[valueEnd...]))
            return out
        }
    }
}
