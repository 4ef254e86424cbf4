import Foundation

/// An element we add children to (`office:meta`, `office:automatic-styles`, `office:styles`):
/// its start tag, whether it was self-closing, and its end tag. Adding to an empty element opens
/// it and marks our first child's start tag with ``ODF/emptyMark``; adding a missing element
/// writes its start tag as `<name >`; so removing our children gives back the original bytes.
struct ODFContainer {
    var start: Range<Int>
    var isEmpty: Bool
    /// Offset of the end tag's `<`; nil when self-closing.
    var endTag: Int?

    /// The qualified name as written in the start tag (`office:meta`).
    func name(in data: Data) -> String {
        let bytes = data[(data.startIndex + start.lowerBound + 1)...]
        return String(decoding: bytes.prefix { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ">")) }, as: UTF8.self)
    }

    /// Offset just after the end tag's `>`.
    func end(in data: Data) -> Int? {
        if isEmpty { return start.upperBound }
        guard let endTag, let gt = data[(data.startIndex + endTag)...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        return gt - data.startIndex + 1
    }

    /// The edit that adds `xml(marked)` as the container's last children. `keepMark`: our
    /// children being replaced were marked (the element was empty before our first stamp).
    func insertion(_ data: Data, keepMark: Bool, _ xml: (_ marked: Bool) -> String) -> (range: Range<Int>, replacement: Data)? {
        if isEmpty {
            let tag = data[(data.startIndex + start.lowerBound)..<(data.startIndex + start.upperBound)]
            guard tag.count >= 2, tag.suffix(2).elementsEqual("/>".utf8) else { return nil }
            return (start.upperBound - 2..<start.upperBound, Data((">" + xml(true) + "</\(name(in: data))>").utf8))
        }
        guard let endTag else { return nil }
        return (endTag..<endTag, Data(xml(keepMark).utf8))
    }

    /// A new element holding `xml`, for a part that has none, written with the ``ODF/emptyMark``
    /// start tag so unstamp knows to remove it whole.
    static func created(_ qualifiedName: String, _ xml: String) -> String {
        "<\(qualifiedName)\(ODF.emptyMark)" + xml + "</\(qualifiedName)>"
    }

    /// True when the start tag of the element at `range` ends in ``ODF/emptyMark``.
    static func isMarked(_ data: Data, _ range: Range<Int>) -> Bool {
        let slice = data[(data.startIndex + range.lowerBound)..<(data.startIndex + range.upperBound)]
        guard let gt = slice.firstIndex(of: UInt8(ascii: ">")), gt > slice.startIndex else { return false }
        return slice[gt - 1] == 0x20 && slice[slice.startIndex] == UInt8(ascii: "<")
    }

    /// The edits that remove `ours` (sorted, our children) and, when they are the element's
    /// whole content and the element was empty or missing before we stamped, close or remove it.
    func removal(_ data: Data, ours: [Range<Int>]) -> [(range: Range<Int>, replacement: Data)] {
        let sorted = ours.sorted { $0.lowerBound < $1.lowerBound }
        guard let first = sorted.first, let last = sorted.last, let endTag, let end = end(in: data) else {
            return sorted.map { ($0, Data()) }
        }
        let whole = first.lowerBound == start.upperBound && last.upperBound == endTag
            && zip(sorted, sorted.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }
        if whole && ODFContainer.isMarked(data, first) {
            // `<name …>ours</name>` was `<name …/>`.
            return [(start.upperBound - 1..<end, Data("/>".utf8))]
        }
        if whole && ODFContainer.isMarked(data, start) && start.count == name(in: data).utf8.count + 3 {
            return [(start.lowerBound..<end, Data())]
        }
        return sorted.map { ($0, Data()) }
    }

    /// The edits removing `ours` (our styles, adjacent) from the container `start`…`end` when
    /// together they are byte for byte `xml(false)` or `xml(true)` (an editor that rewrote them
    /// keeps its copy); nil when there is nothing of ours, or it is not ours byte for byte.
    static func removingOurs(_ data: Data, start: (range: Range<Int>, isEmpty: Bool), end: Int?, ours: [Range<Int>],
                             xml: (_ marked: Bool) -> String) -> [(range: Range<Int>, replacement: Data)]? {
        let sorted = ours.sorted { $0.lowerBound < $1.lowerBound }
        guard let first = sorted.first, let last = sorted.last else { return nil }
        let bytes = data[(data.startIndex + first.lowerBound)..<(data.startIndex + last.upperBound)]
        guard bytes.elementsEqual(xml(false).utf8) || bytes.elementsEqual(xml(true).utf8) else { return nil }
        return ODFContainer(start: start.range, isEmpty: start.isEmpty, endTag: end).removal(data, ours: [first.lowerBound..<last.upperBound])
    }
}
