import DisclosureKit
import Testing

@Suite struct ShardTests {
    let paths = (0..<2000).map { "team-\($0 % 37)/doc-\($0).md" }

    @Test(arguments: [1, 2, 3, 7, 16])
    func shardsAreDisjointAndCoverEveryPath(count: Int) throws {
        var seen: [String: Int] = [:]
        for k in 1...count {
            let shard = try Shard(index: k, count: count)
            for path in paths where shard.contains(relativePath: path) { seen[path, default: 0] += 1 }
        }
        #expect(seen.count == paths.count)
        #expect(seen.values.allSatisfy { $0 == 1 })
    }

    @Test func shardsAreRoughlyBalanced() throws {
        let sizes = try (1...4).map { k in try paths.filter { try Shard(index: k, count: 4).contains(relativePath: $0) }.count }
        #expect(sizes.allSatisfy { $0 > 400 && $0 < 600 })
    }

    @Test func hashIsFNV1a64() {
        #expect(Shard.fnv1a("") == 0xcbf2_9ce4_8422_2325)
        #expect(Shard.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(Shard.fnv1a("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func parsesKOverN() throws {
        #expect(try Shard(parsing: "2/5") == Shard(index: 2, count: 5))
        #expect(throws: DisclosureError.invalidInput("--shard 0/4: the shard must be K/N with 1 <= K <= N, e.g. --shard 1/4.")) {
            try Shard(parsing: "0/4")
        }
        #expect(throws: DisclosureError.self) { try Shard(parsing: "5/4") }
        #expect(throws: DisclosureError.self) { try Shard(parsing: "two") }
    }
}
