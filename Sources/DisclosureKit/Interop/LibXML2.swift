internal import CLibXML2
import Foundation

// The only file that uses libxml2. Every unsafe pointer to libxml2 stays here.

// MARK: Loading libxml2

/// libxml2's functions, found with `dlsym` in the library `dlopen` opened the first time XML was
/// parsed (``XML2Library/loaded``). The binary does not link libxml2: loading it, with the ICU
/// libraries it needs, cost every run resident pages and thousands of symbol look-ups, and
/// Markdown and HTML runs never parse XML (docs/scale.md, "Start-up: libzip and libxml2 on
/// demand"). ``DynamicLibrary`` opens it, as it does libzip and libqpdf.
///
/// Each member has the C function's own name and its type from libxml2's headers
/// (`disclose_<name>_f` in `CLibXML2/shim.h`), so calls read as they would against the linked library.
struct XML2Library: OnDemandLibrary, @unchecked Sendable {  // immutable after loading: C function pointers only
    let xmlInitParser: disclose_xmlInitParser_f
    let xmlCreatePushParserCtxt: disclose_xmlCreatePushParserCtxt_f
    let xmlFreeParserCtxt: disclose_xmlFreeParserCtxt_f
    let xmlCtxtUseOptions: disclose_xmlCtxtUseOptions_f
    let xmlParseChunk: disclose_xmlParseChunk_f
    let xmlStopParser: disclose_xmlStopParser_f

    /// The names tried, in order: the library the headers came from (Debian's `libxml2`), then the
    /// development link, which points at whichever version is installed.
    static let candidates = ["libxml2.so.2", "libxml2.so"]

    /// What the error for a file says when libxml2 cannot be loaded (``OnDemandLibrary/unavailable(_:path:)``).
    static let missingWords = DynamicLibrary.MissingWords(
        uses: "reads the XML inside Word, PowerPoint and OpenDocument files",
        library: "libxml2", package: "libxml2", worksWithout: "Markdown and HTML files")

    /// The library, opened on first use (once per process; later calls return the same answer),
    /// with libxml2's global state (dictionaries, character tables, error handlers) set up once,
    /// before any parser: `xmlInitParser()` is not safe to race from parallel workers.
    static let loaded: Result<XML2Library, DynamicLibrary.LoadFailure> = {
        let result = load(candidates)
        if case .success(let library) = result { library.xmlInitParser() }
        return result
    }()

    init(_ symbols: DynamicLibrary.Symbols) throws {
        xmlInitParser = try symbols.function("xmlInitParser")
        xmlCreatePushParserCtxt = try symbols.function("xmlCreatePushParserCtxt")
        xmlFreeParserCtxt = try symbols.function("xmlFreeParserCtxt")
        xmlCtxtUseOptions = try symbols.function("xmlCtxtUseOptions")
        xmlParseChunk = try symbols.function("xmlParseChunk")
        xmlStopParser = try symbols.function("xmlStopParser")
    }
}

/// The loaded library. Only code reached after ``XMLScanner`` has checked that it loaded uses it
/// (the parser's callbacks run inside libxml2), so it is loaded by then.
private var libxml2: XML2Library {
    switch XML2Library.loaded {
    case .success(let library): return library
    case .failure(let failure): preconditionFailure("libxml2 used before it was checked to load: \(failure.detail)")
    }
}

extension XMLScanError {
    /// The error for the file at `path` when this scan failed because libxml2 could not be
    /// loaded (``XML2Library/unavailable(_:path:)``); nil for any other failure.
    func libraryUnavailable(path: String) -> DisclosureError? {
        libraryFailure.map { XML2Library.unavailable(DynamicLibrary.LoadFailure(detail: $0), path: path) }
    }
}

/// An attribute of an element.
struct XMLAttribute: Sendable {
    var localName: String
    var prefix: String?
    var value: String
}

/// A start tag, with its exact byte range in the input.
struct XMLStartTag {
    var localName: String
    var namespace: String?
    var prefix: String?
    /// Offset of the `<`.
    var tagStart: Int
    /// Offset just after the `>` (or `/>`).
    var tagEnd: Int
    var isEmpty: Bool
    /// Filled only when the handler asked for them.
    var attributes: [XMLAttribute]
    /// Namespace declarations on this element: prefix (nil for the default) and URI.
    var namespaceDeclarations: [(prefix: String?, uri: String)]

    func attribute(_ name: String) -> String? {
        attributes.first { $0.localName == name }?.value
    }
}

/// An end tag, with the offset just after it.
struct XMLEndTag {
    var localName: String
    var namespace: String?
    /// Offset just after the `>` of the end tag (or of `/>` for an empty element).
    var tagEnd: Int
}

/// Receives the events of ``XMLScanner``.
protocol XMLScanHandler: AnyObject {
    /// Whether text events are wanted now.
    var wantsText: Bool { get }
    /// Whether the attributes of an element with this local name are wanted.
    func wantsAttributes(_ localName: String) -> Bool
    func didStart(_ tag: XMLStartTag) throws
    func didEnd(_ tag: XMLEndTag) throws
    func didRead(text: String)
}

/// Why a part could not be parsed.
struct XMLScanError: Error {
    var message: String
    var line: Int?
    var column: Int?
    /// Set when libxml2 could not be loaded: the names tried and what the dynamic loader said.
    var libraryFailure: String? = nil
}

/// A streaming, non-validating XML scanner over libxml2's SAX2 push parser that reports
/// exact byte offsets. It never loads a DTD, never expands entities and never touches the
/// network: input with a document type declaration is refused before parsing.
enum XMLScanner {
    static let chunkSize = 1 << 18

    /// Scans `data`, calling `handler` for each event.
    /// - Throws: ``XMLScanError`` for input that is not well-formed, has a DTD, is not UTF-8, or nests deeper than `maxDepth`.
    static func scan(_ data: Data, maxDepth: Int, handler: XMLScanHandler) throws {
        try checkProlog(data)
        try data.withUnsafeBytes { raw in
            guard raw.baseAddress != nil, raw.count > 0 else { throw XMLScanError(message: "the part is empty") }
            try parse(maxDepth: maxDepth, handler: handler) { feed in
                var offset = 0
                repeat {
                    let n = min(chunkSize, raw.count - offset)
                    guard try feed(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)]), offset + n >= raw.count) else { return }
                    offset += n
                } while offset < raw.count
            }
        }
    }

    /// Scans a document that arrives in pieces (a zip entry as it is inflated), so it is never
    /// held whole: `produce` calls its argument with each piece in order (valid only during the
    /// call) and returns at the end. Offsets in the events count from the first byte of the first
    /// piece, as ``scan(_:maxDepth:handler:)`` reports them for the same bytes. The prolog is
    /// checked as there before anything reaches the parser (it is held until it is decided).
    /// - Throws: ``XMLScanError`` as ``scan(_:maxDepth:handler:)`` does; whatever `produce` throws.
    static func scan(maxDepth: Int, handler: XMLScanHandler,
                     pieces produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        var head: Data? = Data()
        // The held prolog is checked again each time it has doubled, so a long one costs linear time.
        var checkAt = 0
        var sawBytes = false
        try parse(maxDepth: maxDepth, handler: handler) { nonEscapingFeed in
            try withoutActuallyEscaping(nonEscapingFeed) { feed in
                var stopped = false
                do {
                    try produce { piece in
                        if stopped { throw StoppedFeeding() } // the parser has failed: no need to read on
                        guard piece.count > 0 else { return }
                        sawBytes = true
                        if var held = head {
                            head = nil // one owner, so the append does not copy
                            held.append(contentsOf: piece)
                            if held.count >= checkAt {
                                if try checkProlog(held, isComplete: false) {
                                    stopped = try !held.withUnsafeBytes { try feed($0, false) }
                                    return
                                }
                                checkAt = held.count * 2
                            }
                            head = held
                        } else {
                            stopped = try !feed(piece, false)
                        }
                    }
                } catch is StoppedFeeding {}
                guard !stopped, sawBytes else { return }
                if let held = head {
                    try checkProlog(held)
                    _ = try held.withUnsafeBytes { try feed($0, true) }
                } else {
                    _ = try feed(UnsafeRawBufferPointer(start: nil, count: 0), true)
                }
            }
        }
        if !sawBytes { throw XMLScanError(message: "the part is empty") }
    }

    /// Runs one push parser: `input` calls `feed(bytes, isLast)` for each piece, which returns
    /// false once the parser has stopped (the rest need not be fed).
    private static func parse(maxDepth: Int, handler: XMLScanHandler,
                              input: ((UnsafeRawBufferPointer, Bool) throws -> Bool) throws -> Void) throws {
        // Loads libxml2 and runs `xmlInitParser()` once, before any parser (``XML2Library/loaded``).
        if case .failure(let failure) = XML2Library.loaded {
            throw XMLScanError(message: "the libxml2 library could not be loaded (\(failure.detail))", libraryFailure: failure.detail)
        }
        let box = ScanBox(handler: handler, maxDepth: maxDepth)
        let unmanaged = Unmanaged.passRetained(box)
        defer { unmanaged.release() }

        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = startCallback
        sax.endElementNs = endCallback
        sax.characters = textCallback
        sax.cdataBlock = textCallback
        sax.serror = errorCallback

        guard let ctxt = libxml2.xmlCreatePushParserCtxt(&sax, unmanaged.toOpaque(), nil, 0, nil) else {
            throw XMLScanError(message: "the XML parser could not start")
        }
        defer { libxml2.xmlFreeParserCtxt(ctxt) }
        _ = libxml2.xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue))
        box.context = ctxt

        try input { bytes, last in
            guard box.failure == nil else { return false }
            var offset = 0
            // Pieces of at most chunkSize, as libxml2 takes an Int32 count.
            repeat {
                let n = min(chunkSize, bytes.count - offset)
                let isLast: Int32 = last && offset + n >= bytes.count ? 1 : 0
                let base = bytes.baseAddress.map { ($0 + offset).assumingMemoryBound(to: CChar.self) }
                _ = libxml2.xmlParseChunk(ctxt, base, Int32(n), isLast)
                offset += n
                if box.failure != nil { return false }
            } while offset < bytes.count
            return true
        }
        if let failure = box.failure { throw failure }
        if ctxt.pointee.wellFormed == 0 {
            throw box.firstError ?? XMLScanError(message: "not well-formed XML")
        }
    }

    /// Refuses document type declarations (entity attacks) and non-UTF-8 input.
    /// - Parameter isComplete: false when `data` is only the start of the document (it is
    ///   arriving in pieces): what cannot be decided yet is left undecided, not passed.
    /// - Returns: true when the prolog is decided (the root element's start was reached, or
    ///   `data` is complete); false when more bytes are needed.
    @discardableResult
    static func checkProlog(_ data: Data, isComplete: Bool = true) throws -> Bool {
        if !isComplete && data.count < 4 { return false }
        // Over the bytes themselves: a byte at a time through `Data`'s subscript cost tens of
        // thousands of instructions per part, for every part Disclose parses (issue 17).
        let decided: Bool? = try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool? in
            let end = raw.count
            if end >= 2 {
                let b0 = raw[0], b1 = raw[1]
                if (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF) || (b0 == 0x00 && b1 == 0x3C) || (b0 == 0x3C && b1 == 0x00) {
                    throw XMLScanError(message: "the part is encoded as UTF-16, which Disclose does not edit")
                }
            }
            // Look at everything before the root element's start.
            var i = 0
            while i < end {
                var lt = i
                while lt < end, raw[lt] != UInt8(ascii: "<") { lt += 1 }
                guard lt < end else { return isComplete }
                let next = lt + 1
                guard next < end else { return isComplete }
                let c = raw[next]
                if c == UInt8(ascii: "?") || c == UInt8(ascii: "!") {
                    let probeEnd = min(end, next + 9)
                    if !isComplete && probeEnd - next < 9 { return false }
                    if XMLScanner.hasPrefix(raw, from: next, to: probeEnd, "!DOCTYPE") {
                        throw XMLScanError(message: "the part declares a document type (DTD), which Word documents never do; it is refused because DTDs can expand entities without limit or read other files")
                    }
                    if c == UInt8(ascii: "?"), XMLScanner.hasPrefix(raw, from: next, to: probeEnd, "?xml") {
                        var declEnd = next
                        while declEnd < end, raw[declEnd] != UInt8(ascii: ">") { declEnd += 1 }
                        if declEnd == end && !isComplete { return false }
                        if let value = XMLScanner.declaredEncoding(UnsafeRawBufferPointer(rebasing: raw[next..<declEnd])),
                           !["utf-8", "utf8"].contains(value) {
                            throw XMLScanError(message: "the part declares the encoding \"\(value)\"; Disclose edits UTF-8 parts only")
                        }
                    }
                    i = next
                    continue
                }
                return true
            }
            return nil
        }
        return decided ?? isComplete
    }

    /// True when the bytes `from..<to` of `raw` start with `prefix` (ASCII).
    private static func hasPrefix(_ raw: UnsafeRawBufferPointer, from: Int, to: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard to - from >= count else { return false }
        let p = prefix.utf8Start
        for k in 0..<count where raw[from + k] != p[k] { return false }
        return true
    }

    /// The value of `encoding=` in an XML declaration's bytes (from `?xml` to before `>`), lower
    /// case, as the declaration's text gives it: the characters after the one following `=` up
    /// to a quote. Nil when there is none.
    static func declaredEncoding(_ decl: UnsafeRawBufferPointer) -> String? {
        guard decl.allSatisfy({ $0 < 0x80 }) else {
            // Not ASCII: by characters, as a declaration's text reads.
            let text = String(decoding: decl, as: UTF8.self).lowercased()
            guard let r = text.range(of: "encoding=") else { return nil }
            return String(text[r.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" })
        }
        // ASCII: a character is a byte (but CR LF, which is one), lower case is A-Z folded.
        let needle = Array("encoding=".utf8)
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        var at = 0
        while at + needle.count <= decl.count {
            var k = 0
            while k < needle.count, lower(decl[at + k]) == needle[k] { k += 1 }
            if k == needle.count { break }
            at += 1
        }
        guard at + needle.count <= decl.count else { return nil }
        var start = at + needle.count
        if start < decl.count {
            start += decl[start] == 0x0D && start + 1 < decl.count && decl[start + 1] == 0x0A ? 2 : 1
        }
        var stop = start
        while stop < decl.count, decl[stop] != 0x22, decl[stop] != 0x27 { stop += 1 }
        return String(decoding: decl[start..<stop].map(lower), as: UTF8.self)
    }
}

/// Ends the pieces' producer early once the parser has failed.
private struct StoppedFeeding: Error {}

private final class ScanBox {
    let handler: XMLScanHandler
    let maxDepth: Int
    var context: xmlParserCtxtPtr?
    var depth = 0
    var failure: Error?
    var firstError: XMLScanError?
    var names: [UnsafeRawPointer: String] = [:]
    /// A small table in front of `names`, by the pointer's bits (no hashing): a document uses a
    /// few dozen names over and over, and this lookup runs for every name of every element.
    private static let slotCount = 64
    private let slots: UnsafeMutablePointer<(key: UnsafeRawPointer?, name: String)>

    init(handler: XMLScanHandler, maxDepth: Int) {
        self.handler = handler
        self.maxDepth = maxDepth
        slots = .allocate(capacity: ScanBox.slotCount)
        slots.initialize(repeating: (nil, ""), count: ScanBox.slotCount)
    }

    deinit {
        slots.deinitialize(count: ScanBox.slotCount)
        slots.deallocate()
    }

    /// The name libxml2 interned at `p` (its dictionary keeps one pointer per name for the parse).
    func name(_ p: UnsafePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        let key = UnsafeRawPointer(p)
        let slot = (Int(bitPattern: key) >> 3) & (ScanBox.slotCount - 1)
        if slots[slot].key == key { return slots[slot].name }
        let s: String
        if let known = names[key] {
            s = known
        } else {
            s = String(cString: p)
            names[key] = s
        }
        slots[slot] = (key, s)
        return s
    }

    func stop(_ error: Error) {
        if failure == nil { failure = error }
        if let context { libxml2.xmlStopParser(context) }
    }

    var offset: Int { Int(disclose_xml_offset(context)) }
}

private func box(_ ctx: UnsafeMutableRawPointer?) -> ScanBox? {
    guard let ctx else { return nil }
    return Unmanaged<ScanBox>.fromOpaque(ctx).takeUnretainedValue()
}

private let startCallback: startElementNsSAX2Func = { ctx, localname, prefix, uri, nbNamespaces, namespaces, nbAttributes, _, attributes in
    guard let b = box(ctx), b.failure == nil, let context = b.context else { return }
    b.depth += 1
    if b.depth > b.maxDepth {
        b.stop(XMLScanError(message: "elements are nested more than \(b.maxDepth) deep"))
        return
    }
    let local = b.name(localname) ?? ""
    let cur = b.offset
    let isEmpty = disclose_xml_current_byte(context) == Int32(UInt8(ascii: "/"))
    // Find the tag's "<" by walking back from the current position; attribute values cannot contain "<".
    var start = cur - 1
    if let input = context.pointee.input, let here = input.pointee.cur, let base = input.pointee.base, here >= base {
        // Through the input buffer itself; before its start every byte reads as 0 (as
        // `disclose_xml_byte_at` gives), so the walk then goes on down to offset 0.
        let behind = here - base
        var delta = -1
        while start > 0 {
            if -delta > behind {
                start = 0
                break
            }
            if here[delta] == UInt8(ascii: "<") { break }
            delta -= 1
            start -= 1
        }
    } else {
        while start > 0 && disclose_xml_byte_at(context, Int(start - cur)) != Int32(UInt8(ascii: "<")) { start -= 1 }
    }
    var attrs: [XMLAttribute] = []
    if nbAttributes > 0, let attributes, b.handler.wantsAttributes(local) {
        attrs.reserveCapacity(Int(nbAttributes))
        for i in 0..<Int(nbAttributes) {
            let base = i * 5
            let valueStart = attributes[base + 3]
            let valueEnd = attributes[base + 4]
            var value = ""
            if let vs = valueStart, let ve = valueEnd {
                let bytes = UnsafeBufferPointer(start: vs, count: ve - vs)
                value = String(decoding: bytes, as: UTF8.self)
                // Only a value with an "&" has references to replace (a byte check here: the
                // string's own would walk it again).
                if memchr(vs, Int32(UInt8(ascii: "&")), ve - vs) != nil { value = XMLBytes.unescape(value) }
            }
            attrs.append(XMLAttribute(localName: b.name(attributes[base]) ?? "", prefix: b.name(attributes[base + 1]), value: value))
        }
    }
    var declarations: [(prefix: String?, uri: String)] = []
    if nbNamespaces > 0, let namespaces {
        for i in 0..<Int(nbNamespaces) {
            declarations.append((b.name(namespaces[2 * i]), b.name(namespaces[2 * i + 1]) ?? ""))
        }
    }
    let tag = XMLStartTag(
        localName: local, namespace: b.name(uri), prefix: b.name(prefix), tagStart: start,
        tagEnd: cur + (isEmpty ? 2 : 1), isEmpty: isEmpty, attributes: attrs, namespaceDeclarations: declarations)
    do { try b.handler.didStart(tag) } catch { b.stop(error) }
}

private let endCallback: endElementNsSAX2Func = { ctx, localname, _, uri in
    guard let b = box(ctx), b.failure == nil else { return }
    b.depth -= 1
    let tag = XMLEndTag(localName: b.name(localname) ?? "", namespace: b.name(uri), tagEnd: b.offset)
    do { try b.handler.didEnd(tag) } catch { b.stop(error) }
}

private let textCallback: charactersSAXFunc = { ctx, ch, len in
    guard let b = box(ctx), b.failure == nil, b.handler.wantsText, let ch, len > 0 else { return }
    b.handler.didRead(text: String(decoding: UnsafeBufferPointer(start: ch, count: Int(len)), as: UTF8.self))
}

private let errorCallback: xmlStructuredErrorFunc = { ctx, error in
    guard let b = box(ctx), let error else { return }
    if b.firstError == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
        var message = error.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "not well-formed"
        if error.pointee.code == XML_ERR_INTERNAL_ERROR.rawValue && message.contains("Huge input lookup")
            || error.pointee.code == XML_ERR_ATTRIBUTE_NOT_FINISHED.rawValue && message.contains("AttValue length too long") {
            // libxml2's own guard: one text or attribute value over 10 MB.
            message = "a single text or attribute value is over 10 MB, over the safety limit for one value"
        }
        b.firstError = XMLScanError(message: message, line: Int(error.pointee.line), column: Int(error.pointee.int2))
    }
}
