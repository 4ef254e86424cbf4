/// The parts of a run of bytes that splicing some ranges out keeps.
enum KeptRanges {
    /// The ranges of `0..<count` that splicing out `removed` keeps (what `XMLBytes.splice` copies
    /// when every replacement is empty), in order: so the bytes can be hashed or written where
    /// they are instead of copied into a new buffer first. Text stamps and the DOCX main part's
    /// digest use it.
    static func of(count: Int, removing removed: [Range<Int>]) -> [Range<Int>] {
        var kept: [Range<Int>] = []
        var cursor = 0
        for range in removed.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let lower = max(range.lowerBound, cursor)
            if lower > cursor { kept.append(cursor..<min(lower, count)) }
            cursor = max(cursor, range.upperBound)
        }
        if cursor < count { kept.append(cursor..<count) }
        return kept.filter { !$0.isEmpty }
    }
}
