import Foundation
import Testing

/// Headless Chromium renders the styled statement differently from the bare one (the rule and
/// padding are drawn), and the page around it the same (when Chromium is installed).
@Suite(.enabled(if: RealClients.chromium != nil, "Chromium is not installed; install it with Scripts/install-clients to run these tests"))
struct ChromiumStatementStyleTests {
    func screenshot(_ page: String, folder: String, name: String) throws -> Data {
        let png = folder + "/\(name).png"
        let (_, status) = try RealClients.output(RealClients.chromium!, [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(folder)/profile-\(name)",
            "--window-size=800,1200", "--screenshot=\(png)", URL(fileURLWithPath: page).absoluteString,
        ], timeout: 120)
        guard status == 0, let data = FileManager.default.contents(atPath: png) else {
            throw RealClients.Failure(message: "Chromium could not take a screenshot of \(page) (status \(status))")
        }
        return data
    }

    @Test func theStyleIsDrawnAndNoStyleLeavesItOut() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let styled = try CLI.copyFixture("sample/open-day.html", to: folder)
        let bare = folder + "/bare.html"
        try FileManager.default.copyItem(atPath: styled, toPath: bare)
        #expect(try CLI.run(["stamp", styled, "--placement", "start"] + CLI.sampleFacts).exitCode == 0)
        #expect(try CLI.run(["stamp", bare, "--placement", "start", "--no-style"] + CLI.sampleFacts).exitCode == 0)
        let withStyle = try screenshot(styled, folder: folder, name: "styled")
        let without = try screenshot(bare, folder: folder, name: "bare")
        #expect(withStyle.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "a PNG")
        #expect(withStyle != without, "the rule and padding change what readers see")
        let (dom, _) = try RealClients.output(RealClients.chromium!, [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder)/profile-dom", "--dump-dom", URL(fileURLWithPath: styled).absoluteString,
        ], timeout: 120)
        #expect(dom.contains("border-inline-start-width: 4px") || dom.contains("border-inline-start-width:4px"), "Chromium kept the style")
    }
}
