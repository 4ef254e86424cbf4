@testable import DisclosureKit
import Testing

/// Attribute values and property text are unescaped after a byte check for `&`.
struct XMLBytesUnescapeTests {
    @Test(arguments: [
        ("plain text, no entity", "plain text, no entity"),
        ("", ""),
        ("Tom &amp; Jerry &lt;3 &gt; &quot;q&quot; &apos;a&apos;", "Tom & Jerry <3 > \"q\" 'a'"),
        ("caf&#233; &#x2014; &#X1F600;", "café — 😀"),
        ("a &unknown; b", "a &unknown; b"),
        ("dangling & no semicolon", "dangling & no semicolon"),
        ("&#xD800; is no scalar", "&#xD800; is no scalar"),
        ("é&amp;ü", "é&ü"),
    ])
    func unescapes(_ escaped: String, _ expected: String) {
        #expect(XMLBytes.unescape(escaped) == expected)
    }
}
