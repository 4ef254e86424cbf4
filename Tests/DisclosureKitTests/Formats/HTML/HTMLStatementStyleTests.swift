@testable import DisclosureKit
import Foundation
import Testing

/// The statement's default style: present unless asked not to, setting no font or colour,
/// never hiding the statement, and changing nothing else.
@Suite struct HTMLStatementStyleTests {
    func stamp(_ fixture: String, styled: Bool) throws -> (text: String, report: VerificationReport) {
        let (dir, path, _) = try TextFixtures.copy("html", fixture)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = StampOptions()
        options.styleStatement = styled
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: options)
        return (String(decoding: try TextFixtures.read(path), as: UTF8.self), try Verifier().verify(path: path))
    }

    @Test func styledByDefaultWithARuleAndPaddingInThePagesOwnFontAndColour() throws {
        let (text, report) = try stamp("main.html", styled: true)
        let style = try #require(text.range(of: #"data-disclose="statement"[^>]* style="([^"]*)""#, options: .regularExpression))
        let value = String(text[style])
        #expect(value.contains("border:1px solid;") && value.contains("padding:"))
        for property in ["font", "color:", "background", "display", "visibility", "opacity"] {
            #expect(!value.contains(property), "the style sets no \(property)")
        }
        #expect(report.checks.allSatisfy { $0.status == .pass || $0.status == .notApplicable }, "\(report.checks)")
    }

    @Test func noStyleLeavesTheAsideBareAndOnlyTheAttributeDiffers() throws {
        let styled = try stamp("article.html", styled: true)
        let bare = try stamp("article.html", styled: false)
        #expect(!bare.text.contains("style=\"margin"))
        #expect(bare.text.contains("<aside class=\"ai-disclosure\" data-disclose=\"statement\" role=\"note\" lang=\"en-GB\"><p>"))
        #expect(styled.text.replacingOccurrences(of: " style=\"\(HTMLMarkup.statementStyle)\"", with: "") == bare.text)
        #expect(bare.report.passed)
    }

    @Test func restampingWithoutStyleRemovesIt() throws {
        let (dir, path, _) = try TextFixtures.copy("html", "main.html")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Stamper().stamp(path: path, disclosure: Samples.disclosure)
        var options = StampOptions()
        options.styleStatement = false
        let result = try Stamper().stamp(path: path, disclosure: Samples.disclosure, options: options)
        #expect(result.replacedExisting && !result.unchanged)
        let text = String(decoding: try TextFixtures.read(path), as: UTF8.self)
        #expect(text.components(separatedBy: "data-disclose=\"statement\"").count == 2)
        #expect(!text.contains(HTMLMarkup.statementStyle))
    }
}
