import DisclosureKit

/// A streaming `multipart/form-data` parser (RFC 7578): bytes go in as they arrive, and each
/// part's headers, body bytes and end come out through the callbacks, so a 50 MiB file is never
/// held in memory. Delimiters are found with `ByteSearch` (`memchr`, then `memcmp`); only the last few bytes of a chunk that
/// could begin a delimiter are held back.
final class FormDataParser {
    enum Failure: Error { case malformed(String) }

    private enum Phase { case preamble, afterDelimiter, headers, body, epilogue }

    private let delimiter: [UInt8]
    private var pending: [UInt8]
    private var phase = Phase.preamble
    var onHeader: (String, String) -> Void = { _, _ in }
    var onBody: (UnsafeRawBufferPointer) -> Void = { _ in }
    var onPartComplete: () -> Void = {}

    /// The most header bytes one part may have.
    static let maxHeaderBytes = 16 << 10

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The body opens with `--boundary`; a leading CRLF makes every delimiter look alike.
        pending = Array("\r\n".utf8)
    }

    /// True once the closing delimiter has been read.
    var isFinished: Bool { phase == .epilogue }

    func execute(_ bytes: UnsafeRawBufferPointer) throws {
        guard phase != .epilogue else { return }
        pending.append(contentsOf: bytes)
        try advance()
    }

    /// Checks that the body ended with the closing delimiter (an aborted upload does not).
    func finish() throws {
        guard phase == .epilogue else { throw Failure.malformed("the upload ended before its last part was complete") }
    }

    /// The offset of `needle` in `pending` from `start` (``ByteSearch``).
    private func find(_ needle: [UInt8], from start: Int = 0) -> Int? {
        pending.withUnsafeBytes { haystack in needle.withUnsafeBytes { ByteSearch.firstOffset(of: $0, in: haystack, from: start) } }
    }

    private func advance() throws {
        while true {
            switch phase {
            case .epilogue:
                pending = []
                return
            case .preamble:
                guard let at = find(delimiter) else {
                    if pending.count > delimiter.count { pending.removeFirst(pending.count - delimiter.count) }
                    return
                }
                pending.removeFirst(at + delimiter.count)
                phase = .afterDelimiter
            case .afterDelimiter:
                guard pending.count >= 2 else { return }
                if pending[0] == UInt8(ascii: "-") && pending[1] == UInt8(ascii: "-") {
                    phase = .epilogue
                    continue
                }
                // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
                var skip = 0
                while skip < pending.count, pending[skip] == 0x20 || pending[skip] == 0x09 { skip += 1 }
                guard pending.count >= skip + 2 else { return }
                guard pending[skip] == 0x0D, pending[skip + 1] == 0x0A else { throw Failure.malformed("a part boundary is not followed by a line break") }
                pending.removeFirst(skip + 2)
                phase = .headers
            case .headers:
                let end = Array("\r\n\r\n".utf8)
                if pending.starts(with: Array("\r\n".utf8)) {
                    pending.removeFirst(2)
                    phase = .body
                    continue
                }
                guard let at = find(end) else {
                    if pending.count > Self.maxHeaderBytes { throw Failure.malformed("a part's headers are too long") }
                    return
                }
                let text = String(decoding: pending[..<at], as: UTF8.self)
                for line in text.split(separator: "\r\n") {
                    guard let colon = line.firstIndex(of: ":") else { throw Failure.malformed("a part header has no colon") }
                    onHeader(String(line[..<colon]).trimmingCharacters(in: .whitespaces), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
                }
                pending.removeFirst(at + end.count)
                phase = .body
            case .body:
                if let at = find(delimiter) {
                    if at > 0 { pending.withUnsafeBytes { onBody(UnsafeRawBufferPointer(rebasing: $0[..<at])) } }
                    onPartComplete()
                    pending.removeFirst(at + delimiter.count)
                    phase = .afterDelimiter
                } else {
                    let safe = pending.count - (delimiter.count - 1)
                    if safe > 0 {
                        pending.withUnsafeBytes { onBody(UnsafeRawBufferPointer(rebasing: $0[..<safe])) }
                        pending.removeFirst(safe)
                    }
                    return
                }
            }
        }
    }
}
