import Foundation

/// FlateDecode (ISO 32000-1 §7.4.4) for the streams we write: the zlib format (RFC 1950), a
/// two-byte header, a DEFLATE stream made by ``Zlib`` on one core (so the bytes never depend on
/// the machine), and the Adler-32 of the data.
enum PDFFlate {
    /// `data` compressed for a stream with `/Filter /FlateDecode`.
    /// - Throws: ``DisclosureError/writeFailed(path:reason:)`` when zlib fails (out of memory).
    static func compress(_ data: Data, path: String = "-") throws -> Data {
        let part: DeflatedPart
        do { part = try Zlib.deflate([data], cores: 1) } catch {
            throw DisclosureError.writeFailed(path: path, reason: "zlib could not compress a PDF stream")
        }
        var out = Data([0x78, 0x9C])
        out.append(part.compressed)
        let sum = Zlib.adler32(data)
        out.append(contentsOf: [UInt8(sum >> 24), UInt8(sum >> 16 & 0xFF), UInt8(sum >> 8 & 0xFF), UInt8(sum & 0xFF)])
        return out
    }
}
