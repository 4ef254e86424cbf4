import Foundation

/// One line of a text: where it starts, where its content ends, where the next line starts.
struct TextLine {
    var start: Int
    var contentEnd: Int
    var next: Int
}

extension TextLine {
    static func split(_ bytes: [UInt8]) -> [TextLine] {
        var lines: [TextLine] = []
        bytes.withUnsafeBufferPointer { b in
            var start = 0
            var i = 0
            while i < b.count {
                if b[i] == 0x0A || b[i] == 0x0D {
                    let end = i
                    if b[i] == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }
                    lines.append(TextLine(start: start, contentEnd: end, next: i + 1))
                    start = i + 1
                }
                i += 1
            }
            if start < b.count { lines.append(TextLine(start: start, contentEnd: b.count, next: b.count)) }
        }
        return lines
    }

    func text(_ b: [UInt8]) -> String { String(decoding: b[start..<contentEnd], as: UTF8.self) }
}
