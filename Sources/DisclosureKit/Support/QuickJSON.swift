import Foundation

/// Decodes JSON through the types' own `init(from:)`, several times faster than `JSONDecoder`
/// for the records a warm audit reads back from its cache, and with exactly its results.
///
/// `JSONDecoder` builds a dictionary of every object's keys and instantiates generic metadata for
/// every value; reading a cached audit record cost about 186,000 instructions, five times the
/// rest of a warm audit's work for that file. Here the bytes are parsed once into a flat list of
/// nodes, a key is found by comparing its bytes, and values are read straight from the input.
///
/// The parser is strict (RFC 8259: no comments, no trailing commas, no leading zeros, no control
/// characters in strings, no lone surrogates, nothing after the value) and refuses duplicate keys,
/// escaped keys, keys that are not ASCII and nesting deeper than ``maximumDepth``. It also steps aside for whatever
/// `JSONDecoder` treats specially (`Data`, `Date`, `URL`, `Decimal`, `Float`, integers written
/// with a fraction or an exponent, `superDecoder`). In every such case, and whenever decoding
/// throws, `JSONDecoder` decodes the same bytes, so the value or the error is always the one it
/// gives (`QuickJSONTests` compares the two on every kind of record and on broken input).
enum QuickJSON {
    /// Objects and arrays nested deeper than this are left to `JSONDecoder`.
    static let maximumDepth = 64

    /// Decodes `type` from `data`; see ``QuickJSON``.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if let value = quickly(type, from: data) { return value }
        return try JSONDecoder().decode(type, from: data)
    }

    /// The value when this decoder gives it without stepping aside; nil otherwise.
    static func quickly<T: Decodable>(_ type: T.Type, from data: Data) -> T? {
        guard let tree = JSONTree(data) else { return nil }
        guard let value = try? T(from: JSONTreeDecoder(tree: tree, node: 0)), !tree.steppedAside else { return nil }
        return value
    }
}

/// A parsed JSON text: its bytes and a flat list of nodes in document order. An object's node is
/// followed by its members (a key node, then the value's nodes); an array's by its elements.
final class JSONTree {
    enum Kind: UInt8 { case null, bool, number, string, array, object }

    struct Node {
        var kind: Kind
        /// `true` for a true boolean, an escaped string, or a number with a fraction or exponent.
        var flag: Bool
        /// The value's bytes (a string's without its quotes).
        var start: Int32, end: Int32
        /// Members or elements, for objects and arrays.
        var count: Int32
        /// The index of the node after this value's nodes.
        var next: Int32
    }

    let bytes: [UInt8]
    /// A `let`, so reading it needs no exclusivity check.
    let nodes: [Node]
    /// Set when a value was asked for that `JSONDecoder` reads in its own way: the result is not used.
    var steppedAside = false

    /// Nil when the text is not strict JSON as described in ``QuickJSON``.
    init?(_ data: Data) {
        guard !data.isEmpty, data.count < Int(Int32.max) / 2, TextFile.firstInvalidUTF8(data) == nil else { return nil }
        let bytes = [UInt8](data)
        let parsed: [Node]? = bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(bytes: buffer)
            parser.nodes.reserveCapacity(buffer.count / 8 + 4)
            guard parser.value(depth: 0) else { return nil }
            parser.skipSpace()
            return parser.position == buffer.count ? parser.nodes : nil
        }
        guard let parsed else { return nil }
        self.bytes = bytes
        nodes = parsed
    }

    /// A string's text as written (a key's, or a value's without escapes).
    func text(_ node: Node) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(node.start)..<Int(node.end)]), as: UTF8.self) }
    }

    /// An escaped string's text; nil for a lone surrogate (`\ud800` alone).
    func unescaped(_ node: Node) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(Int(node.end - node.start))
        var i = Int(node.start)
        let end = Int(node.end)
        func hex(_ at: Int) -> UInt32 {
            var value: UInt32 = 0
            for k in at..<(at + 4) {
                let c = bytes[k]
                value = value << 4 | UInt32(c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10)
            }
            return value
        }
        while i < end {
            let c = bytes[i]
            guard c == 0x5C else { out.append(c); i += 1; continue }
            let e = bytes[i + 1]
            switch e {
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = hex(i + 2)
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 11 < end, bytes[i + 6] == 0x5C, bytes[i + 7] == 0x75 else { return nil }
                    let low = hex(i + 8)
                    guard (0xDC00...0xDFFF).contains(low) else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    return nil
                }
                guard let s = Unicode.Scalar(scalar) else { return nil }
                out.append(contentsOf: UTF8.encode(s)!)
                i += 4
            default: out.append(e)  // " \ /
            }
            i += 2
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value node of the member of `object` whose key is `name`; nil when there is none.
    func member(of object: Int, named name: String) -> Int? {
        var name = name
        return name.withUTF8 { wanted -> Int? in
            nodes.withUnsafeBufferPointer { nodes -> Int? in
                bytes.withUnsafeBufferPointer { bytes -> Int? in
                    var index = object + 1
                    for _ in 0..<Int(nodes[object].count) {
                        let key = nodes[index]
                        if Int(key.end - key.start) == wanted.count,
                           wanted.isEmpty || memcmp(bytes.baseAddress! + Int(key.start), wanted.baseAddress!, wanted.count) == 0 {
                            return index + 1
                        }
                        index = Int(nodes[index + 1].next)
                    }
                    return nil
                }
            }
        }
    }

    /// The integer at a number node written without fraction or exponent; nil when it does not fit `T`.
    func integer<T: FixedWidthInteger>(_ node: Node, as type: T.Type) -> T? {
        bytes.withUnsafeBufferPointer { bytes -> T? in
            var i = Int(node.start)
            let negative = bytes[i] == 0x2D
            if negative { i += 1 }
            var value: T = 0
            while i < Int(node.end) {
                let (times, o1) = value.multipliedReportingOverflow(by: 10)
                let digit = T(truncatingIfNeeded: bytes[i] &- 0x30)
                let (next, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                if o1 || o2 { return nil }
                value = next
                i += 1
            }
            return value
        }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var nodes: [Node] = []

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipSpace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) -> Bool {
            skipSpace()
            guard position < bytes.count else { return false }
            switch bytes[position] {
            case 0x7B: return depth < QuickJSON.maximumDepth && object(depth: depth)
            case 0x5B: return depth < QuickJSON.maximumDepth && array(depth: depth)
            case 0x22: return string()
            case 0x74: return literal("true", .bool, true)
            case 0x66: return literal("false", .bool, false)
            case 0x6E: return literal("null", .null, false)
            case 0x2D, 0x30...0x39: return number()
            default: return false
            }
        }

        private mutating func open(_ kind: Kind) -> Int {
            nodes.append(Node(kind: kind, flag: false, start: Int32(position), end: 0, count: 0, next: 0))
            position += 1
            return nodes.count - 1
        }

        private mutating func close(_ index: Int, count: Int32) {
            position += 1
            nodes[index].end = Int32(position)
            nodes[index].count = count
            nodes[index].next = Int32(nodes.count)
        }

        private mutating func object(depth: Int) -> Bool {
            let index = open(.object)
            var keys: [Int] = []
            skipSpace()
            if position < bytes.count, bytes[position] == 0x7D { close(index, count: 0); return true }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == 0x22, string(), !nodes[nodes.count - 1].flag else { return false }
                let key = nodes[nodes.count - 1]
                // Keys are compared by their bytes, as String's canonical equivalence compares
                // ASCII text; a key with other characters (U+212A, the Kelvin sign, equals "K")
                // is left to JSONDecoder.
                var at = Int(key.start)
                while at < Int(key.end) {
                    if bytes[at] >= 0x80 { return false }
                    at += 1
                }
                var k = 0
                while k < keys.count {
                    if sameBytes(nodes[keys[k]], key) { return false }
                    k += 1
                }
                keys.append(nodes.count - 1)
                skipSpace()
                guard position < bytes.count, bytes[position] == 0x3A else { return false }
                position += 1
                guard value(depth: depth + 1) else { return false }
                skipSpace()
                guard position < bytes.count else { return false }
                if bytes[position] == 0x2C { position += 1; continue }
                guard bytes[position] == 0x7D else { return false }
                close(index, count: Int32(keys.count))
                return true
            }
        }

        private func sameBytes(_ a: Node, _ b: Node) -> Bool {
            let length = Int(a.end - a.start)
            guard length == Int(b.end - b.start) else { return false }
            return memcmp(bytes.baseAddress! + Int(a.start), bytes.baseAddress! + Int(b.start), length) == 0
        }

        private mutating func array(depth: Int) -> Bool {
            let index = open(.array)
            var count: Int32 = 0
            skipSpace()
            if position < bytes.count, bytes[position] == 0x5D { close(index, count: 0); return true }
            while true {
                guard value(depth: depth + 1) else { return false }
                count += 1
                skipSpace()
                guard position < bytes.count else { return false }
                if bytes[position] == 0x2C { position += 1; continue }
                guard bytes[position] == 0x5D else { return false }
                close(index, count: count)
                return true
            }
        }

        /// A string, a value's or a key's.
        private mutating func string() -> Bool {
            position += 1
            let start = position
            var escaped = false
            while position < bytes.count {
                let c = bytes[position]
                if c == 0x22 {
                    nodes.append(Node(kind: .string, flag: escaped, start: Int32(start), end: Int32(position), count: 0, next: Int32(nodes.count + 1)))
                    position += 1
                    return true
                }
                if c < 0x20 { return false }
                if c == 0x5C {
                    escaped = true
                    guard position + 1 < bytes.count else { return false }
                    switch bytes[position + 1] {
                    case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: position += 2
                    case 0x75:
                        guard position + 5 < bytes.count else { return false }
                        for k in (position + 2)...(position + 5) {
                            switch bytes[k] {
                            case 0x30...0x39, 0x41...0x46, 0x61...0x66: continue
                            default: return false
                            }
                        }
                        position += 6
                    default: return false
                    }
                    continue
                }
                position += 1
            }
            return false
        }

        private mutating func literal(_ word: StaticString, _ kind: Kind, _ flag: Bool) -> Bool {
            let length = word.utf8CodeUnitCount
            guard position + length <= bytes.count,
                  memcmp(bytes.baseAddress! + position, word.utf8Start, length) == 0 else { return false }
            nodes.append(Node(kind: kind, flag: flag, start: Int32(position), end: Int32(position + length), count: 0, next: Int32(nodes.count + 1)))
            position += length
            return true
        }

        /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        private mutating func number() -> Bool {
            let start = position
            func digits() -> Int {
                let from = position
                while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
                return position - from
            }
            if bytes[position] == 0x2D { position += 1 }
            guard position < bytes.count else { return false }
            if bytes[position] == 0x30 { position += 1 } else if digits() == 0 { return false }
            var plain = true
            if position < bytes.count, bytes[position] == 0x2E {
                position += 1
                plain = false
                guard digits() > 0 else { return false }
            }
            if position < bytes.count, bytes[position] == 0x45 || bytes[position] == 0x65 {
                position += 1
                plain = false
                if position < bytes.count, bytes[position] == 0x2B || bytes[position] == 0x2D { position += 1 }
                guard digits() > 0 else { return false }
            }
            nodes.append(Node(kind: .number, flag: !plain, start: Int32(start), end: Int32(position), count: 0, next: Int32(nodes.count + 1)))
            return true
        }
    }
}

/// A `Decoder` over one node of a ``JSONTree``.
struct JSONTreeDecoder: Decoder {
    let tree: JSONTree
    let node: Int

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard tree.nodes[node].kind == .object else { throw JSONTreeDecoder.mismatch([String: Int].self, tree.nodes[node]) }
        return KeyedDecodingContainer(JSONTreeKeyed<Key>(tree: tree, node: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard tree.nodes[node].kind == .array else { throw JSONTreeDecoder.mismatch([Int].self, tree.nodes[node]) }
        return JSONTreeUnkeyed(tree: tree, node: node)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        JSONTreeSingle(tree: tree, node: node)
    }

    static func mismatch(_ type: Any.Type, _ node: JSONTree.Node) -> DecodingError {
        DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "found \(node.kind)"))
    }

    /// Reads the value at `node` as `T`: the JSON scalars directly, anything else through its `init(from:)`.
    static func value<T: Decodable>(_ type: T.Type, at node: Int, in tree: JSONTree) throws -> T {
        let n = tree.nodes[node]
        if T.self == String.self, n.kind == .string { return try string(tree, node) as! T }
        if T.self == Data.self || T.self == Date.self || T.self == URL.self || T.self == Decimal.self {
            return try stepAside(tree)
        }
        // Only an optional decodes null (asked only for null: the check is a dynamic cast).
        if n.kind == .null, !(T.self is any OptionalMarker.Type) {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: [], debugDescription: "null"))
        }
        return try T(from: JSONTreeDecoder(tree: tree, node: node))
    }

    static func stepAside<T>(_ tree: JSONTree) throws -> T {
        tree.steppedAside = true
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "left to JSONDecoder"))
    }

    static func bool(_ tree: JSONTree, _ node: Int) throws -> Bool {
        let n = tree.nodes[node]
        guard n.kind == .bool else { throw mismatch(Bool.self, n) }
        return n.flag
    }

    static func string(_ tree: JSONTree, _ node: Int) throws -> String {
        let n = tree.nodes[node]
        guard n.kind == .string else { throw mismatch(String.self, n) }
        if n.flag {
            guard let text = tree.unescaped(n) else { return try stepAside(tree) }
            return text
        }
        return tree.text(n)
    }

    /// An integer written as one (no fraction, no exponent, not `-0`) that fits `T`.
    static func integer<T: FixedWidthInteger>(_ type: T.Type, _ tree: JSONTree, _ node: Int) throws -> T {
        let n = tree.nodes[node]
        guard n.kind == .number else { throw mismatch(T.self, n) }
        guard !n.flag else { return try stepAside(tree) }
        guard let value = tree.integer(n, as: T.self), !(value == 0 && tree.bytes[Int(n.start)] == 0x2D) else { return try stepAside(tree) }
        return value
    }

    static func double(_ tree: JSONTree, _ node: Int) throws -> Double {
        let n = tree.nodes[node]
        guard n.kind == .number else { throw mismatch(Double.self, n) }
        guard let value = Double(String(decoding: tree.bytes[Int(n.start)..<Int(n.end)], as: UTF8.self)), value.isFinite else { return try stepAside(tree) }
        return value
    }
}

/// Lets ``JSONTreeDecoder/value(_:at:in:)`` tell optionals (which decode `null`) from other types.
protocol OptionalMarker {}
extension Optional: OptionalMarker {}

struct JSONTreeKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let tree: JSONTree
    let node: Int

    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] {
        var keys: [Key] = []
        var index = node + 1
        for _ in 0..<Int(tree.nodes[node].count) {
            if let key = Key(stringValue: tree.text(tree.nodes[index])) { keys.append(key) }
            index = Int(tree.nodes[index + 1].next)
        }
        return keys
    }

    /// The value node for `key`, or nil when the object has no such member.
    private func find(_ key: Key) -> Int? {
        tree.member(of: node, named: key.stringValue)
    }

    private func require(_ key: Key) throws -> Int {
        guard let value = find(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "no value for \(key.stringValue)"))
        }
        return value
    }

    /// The value node for `key`, nil when it is absent or null.
    private func present(_ key: Key) -> Int? {
        guard let value = find(key), tree.nodes[value].kind != .null else { return nil }
        return value
    }

    private func notNull(_ value: Int, _ type: Any.Type) throws -> Int {
        guard tree.nodes[value].kind != .null else { throw DecodingError.valueNotFound(type, .init(codingPath: [], debugDescription: "null")) }
        return value
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { tree.nodes[try require(key)].kind == .null }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try JSONTreeDecoder.bool(tree, notNull(require(key), type)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try JSONTreeDecoder.string(tree, notNull(require(key), type)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try JSONTreeDecoder.double(tree, notNull(require(key), type)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try JSONTreeDecoder.stepAside(tree) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try JSONTreeDecoder.integer(type, tree, notNull(require(key), type)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try JSONTreeDecoder.integer(type, tree, notNull(require(key), type)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try JSONTreeDecoder.integer(type, tree, notNull(require(key), type)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try JSONTreeDecoder.integer(type, tree, notNull(require(key), type)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try JSONTreeDecoder.integer(type, tree, notNull(require(key), type)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try JSONTreeDecoder.integer(type, tree, notNull(require(key), type)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try JSONTreeDecoder.integer(type, tree, notNull(require(key), type)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try JSONTreeDecoder.integer(type, tree, notNull(require(key), type)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try JSONTreeDecoder.integer(type, tree, notNull(require(key), type)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try JSONTreeDecoder.integer(type, tree, notNull(require(key), type)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try JSONTreeDecoder.value(type, at: require(key), in: tree)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key).map { try JSONTreeDecoder.bool(tree, $0) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key).map { try JSONTreeDecoder.string(tree, $0) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key).map { try JSONTreeDecoder.integer(type, tree, $0) } }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key).map { try JSONTreeDecoder.value(type, at: $0, in: tree) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try JSONTreeDecoder(tree: tree, node: require(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONTreeDecoder(tree: tree, node: require(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { try JSONTreeDecoder.stepAside(tree) }
    func superDecoder(forKey key: Key) throws -> any Decoder { try JSONTreeDecoder.stepAside(tree) }
}

struct JSONTreeUnkeyed: UnkeyedDecodingContainer {
    let tree: JSONTree
    let node: Int
    private var next: Int
    private(set) var currentIndex = 0

    init(tree: JSONTree, node: Int) {
        self.tree = tree
        self.node = node
        next = node + 1
    }

    var codingPath: [any CodingKey] { [] }
    var count: Int? { Int(tree.nodes[node].count) }
    var isAtEnd: Bool { currentIndex >= Int(tree.nodes[node].count) }

    /// The next element's node, moving past it.
    private mutating func advance(_ type: Any.Type) throws -> Int {
        guard !isAtEnd else { throw DecodingError.valueNotFound(type, .init(codingPath: [], debugDescription: "at the end of the array")) }
        let element = next
        next = Int(tree.nodes[element].next)
        currentIndex += 1
        return element
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw DecodingError.valueNotFound(Never.self, .init(codingPath: [], debugDescription: "at the end of the array")) }
        guard tree.nodes[next].kind == .null else { return false }
        _ = try advance(Never.self)
        return true
    }

    mutating func decode(_ type: String.Type) throws -> String {
        let element = try advance(type)
        guard tree.nodes[element].kind != .null else { throw DecodingError.valueNotFound(type, .init(codingPath: [], debugDescription: "null")) }
        return try JSONTreeDecoder.string(tree, element)
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONTreeDecoder.value(type, at: advance(type), in: tree)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try JSONTreeDecoder(tree: tree, node: advance(type)).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try JSONTreeDecoder(tree: tree, node: advance([Any].self)).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try JSONTreeDecoder.stepAside(tree) }
}

struct JSONTreeSingle: SingleValueDecodingContainer {
    let tree: JSONTree
    let node: Int

    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { tree.nodes[node].kind == .null }

    private func notNull(_ type: Any.Type) throws -> Int {
        guard tree.nodes[node].kind != .null else { throw DecodingError.valueNotFound(type, .init(codingPath: [], debugDescription: "null")) }
        return node
    }

    func decode(_ type: Bool.Type) throws -> Bool { try JSONTreeDecoder.bool(tree, notNull(type)) }
    func decode(_ type: String.Type) throws -> String { try JSONTreeDecoder.string(tree, notNull(type)) }
    func decode(_ type: Double.Type) throws -> Double { try JSONTreeDecoder.double(tree, notNull(type)) }
    func decode(_ type: Float.Type) throws -> Float { try JSONTreeDecoder.stepAside(tree) }
    func decode(_ type: Int.Type) throws -> Int { try JSONTreeDecoder.integer(type, tree, notNull(type)) }
    func decode(_ type: Int8.Type) throws -> Int8 { try JSONTreeDecoder.integer(type, tree, notNull(type)) }
    func decode(_ type: Int16.Type) throws -> Int16 { try JSONTreeDecoder.integer(type, tree, notNull(type)) }
    func decode(_ type: Int32.Type) throws -> Int32 { try JSONTreeDecoder.integer(type, tree, notNull(type)) }
    func decode(_ type: Int64.Type) throws -> Int64 { try JSONTreeDecoder.integer(type, tree, notNull(type)) }
    func decode(_ type: UInt.Type) throws -> UInt { try JSONTreeDecoder.integer(type, tree, notNull(type)) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try JSONTreeDecoder.integer(type, tree, notNull(type)) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try JSONTreeDecoder.integer(type, tree, notNull(type)) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try JSONTreeDecoder.integer(type, tree, notNull(type)) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try JSONTreeDecoder.integer(type, tree, notNull(type)) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONTreeDecoder.value(type, at: node, in: tree) }
}
