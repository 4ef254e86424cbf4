@testable import DisclosureKit
import Foundation
import Testing

/// `ChunkedArray` keeps a parse tree's copy in chunks of at most 64 KiB (issue 17): read by index
/// and in order, it must be the array it stands for, across chunk boundaries.
@Suite struct ChunkedArrayTests {
    @Test(arguments: [0, 1, 8191, 8192, 8193, 50_000])
    func readsAsTheArrayItStandsFor(count: Int) {
        var chunked = ChunkedArray<Int>()
        var plain: [Int] = []
        for i in 0..<count {
            let value = i &* 2_654_435_761 % 1_000_003
            chunked.append(value)
            plain.append(value)
        }
        #expect(chunked.count == count)
        #expect(Array(chunked) == plain)
        #expect(chunked.indices == plain.indices)
        for i in stride(from: 0, to: count, by: 997) { #expect(chunked[i] == plain[i]) }
        if count > 0 { #expect(chunked[count - 1] == plain[count - 1]) }
    }

    @Test func holdsValuesWithReferencesAndLargeStrides() {
        // Strings (heap storage) and a value wider than a chunk's share: each chunk holds at least one.
        var strings = ChunkedArray<String>()
        for i in 0..<5_000 { strings.append(String(repeating: "x", count: i % 40) + "\(i)") }
        #expect(strings.count == 5_000)
        #expect(strings[4_999] == String(repeating: "x", count: 4_999 % 40) + "4999")
        #expect(strings.first == "0")
        var wide = ChunkedArray<(Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64)>()
        for i in 0..<3_000 { wide.append((Int64(i), 0, 0, 0, 0, 0, 0, Int64(-i))) }
        #expect(wide.count == 3_000)
        #expect(wide[2_999].0 == 2_999 && wide[2_999].7 == -2_999)
        #expect(wide.map(\.0).elementsEqual((0..<3_000).map(Int64.init)))
    }
}
