#if canImport(Glibc)
import Glibc
#endif
import Foundation

// The only file that uses iconv. Every unsafe pointer to iconv stays here.

/// Character-set conversion through the C library's iconv.
enum Iconv {
    /// True when iconv knows the encoding.
    static func knows(_ encoding: String) -> Bool {
        Converter(from: encoding) != nil
    }

    /// Decodes one character (1 to 4 bytes) at the start of `bytes` into UTF-8.
    /// - Returns: the UTF-8 bytes and how many input bytes were used, or nil when the bytes are not valid.
    static func decodeCharacter(_ bytes: ArraySlice<UInt8>, converter: Converter) -> (utf8: [UInt8], used: Int)? {
        for length in 1...min(4, bytes.count) {
            if let out = converter.convert(Array(bytes.prefix(length))) { return (out, length) }
        }
        return nil
    }

    /// An open conversion to UTF-8, closed when released.
    final class Converter {
        private let cd: iconv_t

        init?(from encoding: String) {
            guard let cd = iconv_open("UTF-8", encoding), cd != iconv_t(bitPattern: -1) else { return nil }
            self.cd = cd
        }

        deinit { iconv_close(cd) }

        /// Converts a complete sequence; nil when it is invalid or incomplete.
        func convert(_ input: [UInt8]) -> [UInt8]? {
            iconv(cd, nil, nil, nil, nil)
            var inputCopy = input
            var output = [UInt8](repeating: 0, count: input.count * 4 + 8)
            let produced: Int? = inputCopy.withUnsafeMutableBufferPointer { inBuf in
                output.withUnsafeMutableBufferPointer { outBuf in
                    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var inLeft = inBuf.count
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuf.count
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    if r == -1 || inLeft != 0 { return nil }
                    return outBuf.count - outLeft
                }
            }
            guard let produced else { return nil }
            return Array(output.prefix(produced))
        }
    }
}
