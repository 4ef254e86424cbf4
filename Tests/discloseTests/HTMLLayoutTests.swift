import Foundation
import Testing

/// The HTML report in headless Chromium at 1280 and 390 px: screenshots are saved (their paths
/// are printed), and the page must be no wider than the window (no column overflows).
@Suite(.enabled(if: RealClients.chromium != nil, "Chromium is not installed; install it with Scripts/install-clients to run these tests"))
struct HTMLLayoutTests {
    /// A folder whose report has long paths, long excerpts and an unsupported file.
    func report() throws -> (folder: String, html: String) {
        let folder = try CLI.temporaryFolder()
        let long = "a-very-long-folder-name-for-a-department/another_long_subfolder_name_2026/" + String(repeating: "segment-", count: 12)
        try FileManager.default.createDirectory(atPath: folder + "/docs/" + long, withIntermediateDirectories: true)
        try "# Essay\n\nCertainly! Here is your essay about \(String(repeating: "unbrokenwordwithoutanyspaces", count: 8)).\n\nAs an AI language model, I cannot.\n"
            .write(toFile: folder + "/docs/" + long + "/essay-with-a-long-name.md", atomically: true, encoding: .utf8)
        try "picture".write(toFile: folder + "/docs/picture.png", atomically: true, encoding: .utf8)
        let r = try CLI.run(["audit", "docs", "--no-cache", "--format", "html", "--output", "report.html", "--fail-on", "none"], in: folder)
        #expect(r.exitCode == 0)
        return (folder, try String(contentsOfFile: folder + "/report.html", encoding: .utf8))
    }

    @Test(arguments: [1280, 390])
    func thePageFitsTheWindow(_ width: Int) throws {
        let (folder, html) = try report()
        #expect(!html.contains("data-signal=\"error\"><td data-label=\"File\" class=\"path\"><code>docs/<wbr>picture"))
        let screenshot = folder + "/report-\(width).png"
        let browser = RealClients.chromium!
        let common = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--window-size=\(width),900"]
        let (_, shot) = try RealClients.output(browser, common + ["--screenshot=\(screenshot)", "file://\(folder)/report.html"])
        #expect(shot == 0)
        #expect(FileManager.default.fileExists(atPath: screenshot))
        print("HTML report screenshot at \(width) px: \(screenshot)")
        // A copy without the CSP whose script reports the page's width to a wrapper page that
        // shows it in a frame exactly `width` px wide (headless windows are at least 500 px wide).
        var measured = html.replacingOccurrences(of: "<meta http-equiv=\"Content-Security-Policy\"", with: "<meta name=\"x-csp-removed\"")
        measured = measured.replacingOccurrences(of: "</body>", with: "<script>parent.postMessage('width=' + document.documentElement.scrollWidth + ' inner=' + window.innerWidth, '*')</script></body>")
        try measured.write(toFile: folder + "/measure.html", atomically: true, encoding: .utf8)
        try """
        <!DOCTYPE html><html><head><title>none</title></head><body style="margin:0">\
        <iframe src="measure.html" width="\(width)" height="900" style="border:0"></iframe>\
        <script>window.addEventListener('message', function (e) { document.title = e.data })</script></body></html>
        """.write(toFile: folder + "/frame.html", atomically: true, encoding: .utf8)
        let (dom, status) = try RealClients.output(browser, ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--window-size=1400,900",
                                                             "--virtual-time-budget=3000", "--dump-dom", "file://\(folder)/frame.html"])
        #expect(status == 0)
        let title = try #require(dom.range(of: #"<title>width=[0-9]+ inner=[0-9]+</title>"#, options: .regularExpression).map { String(dom[$0]) })
        let numbers = title.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        #expect(numbers.count == 2 && numbers[1] == width, "\(title)")
        #expect(numbers.first ?? .max <= width, "the page is \(numbers.first ?? 0) px wide in a \(width) px window")
    }
}
