@testable import DisclosureKit
import Testing

@Suite struct TOMLSourceMapTests {
    @Test func findsKeysPastMultiLineStringsAndArrays() {
        let m = Marked("""
            # a comment with key = "value"
            [statement]⟨statement⟩
            template = '''⟨template⟩
            fake = "inside the string"
            '''
            placement = "end"⟨placement⟩

            [[tools]]
            name = "A"⟨a⟩
            purposes = [⟨purposes⟩
              "drafting", # a comment ]
              "coding",⟨coding⟩
            ]
            [[tools]]
            "name" = "B"⟨b⟩
            """)
        let map = TOMLSourceMap(text: m.text)
        let statement = TOMLSourceMap.Section(name: "statement", index: nil)
        #expect(map.line(of: statement) == m["statement"])
        #expect(map.line(of: "template", in: statement) == m["template"])
        #expect(map.line(of: "placement", in: statement) == m["placement"])
        #expect(map.exactLine(of: "fake", in: statement) == nil)
        let first = TOMLSourceMap.Section(name: "tools", index: 0), second = TOMLSourceMap.Section(name: "tools", index: 1)
        #expect(map.line(of: "name", in: first) == m["a"])
        #expect(map.line(ofValue: "coding", key: "purposes", in: first) == m["coding"])
        #expect(map.line(of: "name", in: second) == m["b"])
        #expect(map.line(of: "users", in: second) == map.line(of: second), "absent keys fall back to the header")
    }

    @Test func windowsLineEndingsAndByteOrderMark() {
        let text = "\u{FEFF}[policy]\r\nid = \"p\"\r\n[[tools]]\r\nname = \"A\"\r\nusers = [1]\r\n"
        #expect(PolicyFixtures.error(text) == "disclose-policy.toml:5: key \"tools.users\": expected a list of strings, found an integer")
    }
}
