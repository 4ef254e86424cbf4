@testable import DisclosureKit
import Foundation
import Testing

/// ``HTMLEncoding/declaredLabel(_:)`` reads the head's bytes without Foundation where it can.
/// These tests compare it with the code it replaced (kept here as `reference`) on many heads.
@Suite struct HTMLEncodingLabelTests {
    static let metaCharset = try! NSRegularExpression(pattern: #"<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)"#)
    static let xmlEncoding = try! NSRegularExpression(pattern: #"encoding\s*=\s*["']([a-z0-9_\-:.]+)"#)

    static func first(_ regex: NSRegularExpression, _ text: String) -> Range<String.Index>? {
        let found = regex.rangeOfFirstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count))
        return found.location == NSNotFound ? nil : Range(found, in: text)
    }

    /// The implementation before 7 December 2026.
    static func reference(_ data: Data) -> String? {
        let head = String(decoding: data.prefix(1024).map { $0 >= 0x80 ? 0x20 : ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) }, as: UTF8.self)
        if let r = first(metaCharset, head) {
            let match = String(head[r])
            if let eq = match.range(of: "charset", options: .backwards) {
                return match[eq.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "=\"' \t"))
            }
        }
        if head.hasPrefix("<?xml"), let r = first(xmlEncoding, head) {
            return String(head[r]).components(separatedBy: CharacterSet(charactersIn: "\"'")).dropFirst().first
        }
        return nil
    }

    static var heads: [String] {
        var heads = [
            "", "<html>", "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title>",
            "<meta charset=UTF-8>", "<META CHARSET='Shift_JIS'>", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
            "<meta charset = \" \t iso-8859-1\">", "<meta charset=\"utf-8\" data-charset=\"x\">", "<meta name=x charset=gbk charset=euc-jp>",
            "<meta content=\"charset\" charset=\"utf-8\">", "<meta>charset=utf-8", "<meta charset=>", "<meta\ncharset\n=\n\"koi8-r\">",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html>", "<?xml version='1.0' encoding='windows-1252'?>",
            "<?xml version=\"1.0\"?><html>", "<html><?xml encoding=\"x\"?>", "<?XML encoding=\"utf-8\"?>",
            "<?xml encoding=\"latin1\"?><meta charset=\"utf-8\">", "<meta charset=\"café\">", "é<meta charset=\"utf-8\">",
            "<meta charset=\"\u{1}utf-8\">", "<meta charset=\"utf-8\"\r\n>", "<meta charset=\"utf-8'\">", "<meta charset=\"a:b.c_d-e\">",
        ]
        heads.append(String(repeating: " ", count: 1020) + "<meta charset=\"utf-8\">")
        heads.append(String(repeating: "x", count: 1010) + "<meta charset=\"utf-8\">")
        return heads
    }

    /// The byte matcher finds the range ICU's backtracking finds, on heads built from the pieces
    /// that matter: `<meta`, `charset`, `=`, quotes, ICU's white space, `>` and value characters.
    @Test func theByteMatcherFindsThePatternsMatch() {
        let pieces = ["<meta", "<meta ", "charset", "charset", "=", "\"", "'", " ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{1C}",
                      ">", "<", "utf-8", "a", "-", ":", ".", "_", "9", "x", "/", ";", "content=", "<meta charset=", "m", "é"]
        var generator = SystemRandomNumberGenerator()
        var matched = 0
        for round in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...(round % 10 == 0 ? 60 : 14), using: &generator) { text += pieces.randomElement(using: &generator)! }
            // Made as declaredLabel makes its head: ASCII, lower case, other bytes as spaces.
            let head = HTMLEncoding.asciiHead(Data(text.utf8))
            let string = String(decoding: head, as: UTF8.self)
            let expected = Self.first(Self.metaCharset, string).map { string.utf8.distance(from: string.startIndex, to: $0.lowerBound)..<string.utf8.distance(from: string.startIndex, to: $0.upperBound) }
            let found = HTMLEncoding.metaCharsetMatch(head)
            #expect(found == expected, "\(string.debugDescription)")
            if found != nil { matched += 1 }
        }
        #expect(matched > 1_000, "the random heads include many matches (\(matched))")
    }

    @Test func readsTheLabelAsBefore() {
        for head in Self.heads {
            for data in [Data(head.utf8), Data([0xEF, 0xBB, 0xBF] + Array(head.utf8)), Data(head.utf8).dropFirst(0)] {
                #expect(HTMLEncoding.declaredLabel(data) == Self.reference(data), "\(head.debugDescription)")
            }
        }
        // A slice that does not start at index 0.
        let padded = Data(Array("xxxx<meta charset=\"gbk\">".utf8))
        #expect(HTMLEncoding.declaredLabel(padded.dropFirst(4)) == Self.reference(padded.dropFirst(4)))
        #expect(HTMLEncoding.declaredLabel(padded.dropFirst(4)) == "gbk")
    }
}
