/// An array kept in chunks of at most 64 KiB: appended to at the end, then read by index.
///
/// For copying a parse tree out while the tree is freed node by node (cmark-gfm's, gumbo's): a
/// chunk is below glibc's mmap threshold (128 KiB), so each new one is carved from the heap the
/// freed nodes leave, where one array made at its final size up front is new pages on top of the
/// whole tree at the parse's peak, and a growing one copies itself (issue 17). Chunks hold a power
/// of two of values, so an index is a shift and a mask.
struct ChunkedArray<Element>: RandomAccessCollection {
    private var chunks: [[Element]] = []
    /// log2 of the values per chunk.
    private let shift: Int
    private let mask: Int
    /// How many values were appended.
    private(set) var count = 0

    init() {
        let stride = Swift.max(1, MemoryLayout<Element>.stride)
        var shift = 0
        while (stride << (shift + 1)) <= (64 << 10) { shift += 1 }
        self.shift = shift
        mask = (1 << shift) - 1
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(i: Int) -> Element {
        precondition(i >= 0 && i < count, "ChunkedArray index out of range")
        return chunks[i >> shift][i & mask]
    }

    mutating func append(_ value: Element) {
        if count & mask == 0 {
            var chunk: [Element] = []
            chunk.reserveCapacity(mask + 1)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(value)
        count += 1
    }
}
