import DisclosureKit
import Testing

@Suite struct IgnoreRulesTests {
    func ignored(_ text: String, _ path: String, folder: Bool = false) -> Bool {
        IgnoreStack(layers: [IgnoreRules(text: text)]).isIgnored(path.split(separator: "/").map(String.init), isFolder: folder)
    }

    @Test func commentsAndBlankLinesAreSkipped() {
        let rules = IgnoreRules(text: "# a comment\n\n*.tmp\n   \n")
        #expect(rules.patterns.map(\.source) == ["*.tmp"])
    }

    @Test func unanchoredNameMatchesAtAnyDepth() {
        #expect(ignored("*.tmp", "a.tmp"))
        #expect(ignored("*.tmp", "x/y/a.tmp"))
        #expect(!ignored("*.tmp", "x/a.md"))
    }

    @Test func leadingSlashAnchorsToTheFolder() {
        #expect(ignored("/build", "build", folder: true))
        #expect(!ignored("/build", "src/build", folder: true))
        #expect(ignored("docs/old", "docs/old", folder: true))
        #expect(!ignored("docs/old", "x/docs/old", folder: true))
    }

    @Test func trailingSlashMatchesFoldersOnly() {
        #expect(ignored("drafts/", "drafts", folder: true))
        #expect(!ignored("drafts/", "drafts", folder: false))
    }

    @Test func negationReincludesAndLastMatchWins() {
        let text = "*.md\n!keep.md\n"
        #expect(ignored(text, "a.md"))
        #expect(!ignored(text, "keep.md"))
        #expect(!ignored(text, "sub/keep.md"))
        #expect(ignored("!keep.md\n*.md\n", "keep.md"))
    }

    @Test func doubleStarMatchesAnyNumberOfFolders() {
        #expect(ignored("**/tmp", "tmp", folder: true))
        #expect(ignored("**/tmp", "a/b/tmp", folder: true))
        #expect(ignored("a/**/b.md", "a/b.md"))
        #expect(ignored("a/**/b.md", "a/x/y/b.md"))
        #expect(!ignored("a/**/b.md", "c/a/b.md"))
        #expect(ignored("logs/**", "logs/x/y.md"))
        #expect(!ignored("logs/**", "logs", folder: true))
    }

    @Test func classesAndQuestionMarks() {
        #expect(ignored("draft-[0-9].md", "draft-3.md"))
        #expect(!ignored("draft-[0-9].md", "draft-x.md"))
        #expect(ignored("?.md", "a.md"))
        #expect(!ignored("?.md", "ab.md"))
    }

    @Test func escapedHashIsAPattern() {
        #expect(ignored("\\#notes.md", "#notes.md"))
    }

    @Test func rulesApplyOnlyBelowTheirFolder() {
        let rules = IgnoreRules(text: "/a.md", base: ["sub"])
        #expect(rules.verdict(["sub", "a.md"], isFolder: false) == true)
        #expect(rules.verdict(["a.md"], isFolder: false) == nil)
        #expect(rules.verdict(["sub", "deeper", "a.md"], isFolder: false) == nil)
    }

    @Test func laterLayersOverrideEarlierOnes() {
        let stack = IgnoreStack(layers: [IgnoreRules(text: "*.md"), IgnoreRules(text: "!keep.md", base: ["sub"])])
        #expect(stack.isIgnored(["sub", "a.md"], isFolder: false))
        #expect(!stack.isIgnored(["sub", "keep.md"], isFolder: false))
        #expect(stack.isIgnored(["keep.md"], isFolder: false))
    }
}
