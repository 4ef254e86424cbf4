@testable import DisclosureKit
import Foundation
import Testing

/// A statement slide someone has hidden or made unreadable is reported, never passed as visible.
@Suite struct PPTXVisibilityTests {
    static let cases: [(change: String, from: String, to: String, problem: String)] = [
        ("hidden slide", "<p:sld xmlns", "<p:sld show=\"0\" xmlns", "the slide is hidden in the slide show"),
        ("tiny font", "sz=\"2000\"", "sz=\"800\"", "the font size is 8 pt, under 10 pt"),
        ("white on white", "sz=\"2000\" dirty=\"0\">", "sz=\"2000\" dirty=\"0\"><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill>",
         "the text colour is white or nearly white (FFFFFF) on a light slide"),
        ("off the slide", "<p:ph idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/>",
         "<p:ph idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"9144000\" y=\"0\"/><a:ext cx=\"100\" cy=\"100\"/></a:xfrm></p:spPr>",
         "the text is placed off the slide, where a slide show does not show it"),
        ("hidden shape", "name=\"AI use disclosure statement\" descr=\"disclose:statement\"",
         "name=\"AI use disclosure statement\" descr=\"disclose:statement\" hidden=\"1\"", "the statement's shape is hidden"),
    ]

    @Test(arguments: cases.indices)
    func reported(_ i: Int) throws {
        let c = Self.cases[i]
        let (dir, path) = try PPTXFixtures.copy("plain.pptx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        try DOCXFixtures.rewrite(path, part: "ppt/slides/slide4.xml") { xml in
            #expect(xml.contains(c.from), "\(c.change): the stamped slide has \(c.from)")
            return xml.replacingOccurrences(of: c.from, with: c.to)
        }
        let found = try DocumentLoader().open(path).findStamp()
        #expect(found.statement?.visibilityProblems == [c.problem], "\(c.change)")
        #expect(try !Verifier().verify(path: path).passed, "\(c.change)")
    }

    @Test func whiteTextOnADarkSlideIsReadable() throws {
        let (dir, path) = try PPTXFixtures.copy("plain.pptx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        try DOCXFixtures.rewrite(path, part: "ppt/slides/slide4.xml") {
            $0.replacingOccurrences(of: "<p:cSld name=\"AI use disclosure\">", with: "<p:cSld name=\"AI use disclosure\"><p:bg><p:bgPr><a:solidFill><a:srgbClr val=\"1F1F1F\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>")
                .replacingOccurrences(of: "sz=\"2000\" dirty=\"0\">", with: "sz=\"2000\" dirty=\"0\"><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill>")
        }
        #expect(try DocumentLoader().open(path).findStamp().statement?.visibilityProblems == [])
    }
}
