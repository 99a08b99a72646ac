import Foundation
import Testing
import QuangBaTestSupport

/// The sample site in a real browser: Debian's Chromium driven by Selenium
/// (Tests/browser/site_in_browser.py), installed by `scripts/install-deps.sh --test`.
@Suite struct BrowserTests {
    @Test func theSiteWorksInChromium() throws {
        for tool in ["chromium", "chromedriver"] where (try? runTool("which", [tool]))?.status != 0 {
            Issue.record("\(tool) is not installed: run scripts/install-deps.sh --test")
            return
        }
        let r = try SampleRepo()
        try r.build()
        // Screenshots stay where people can look at them after the run.
        let shots = SampleRepo.package.appendingPathComponent(".build/test-output/screenshots")
        try? FileManager.default.removeItem(at: shots)
        let script = SampleRepo.package.appendingPathComponent("Tests/browser/site_in_browser.py").path
        let result = try runTool("python3", [script, r.out.path, shots.path])
        #expect(result.status == 0, "\(result.output.split(separator: "\n").filter { $0.hasPrefix("FAIL") }.joined(separator: "\n"))\n\(result.output.suffix(2000))")
        #expect(result.output.contains("ok: switcher en -> ja"))
        #expect(result.output.contains("ok: /en/projects/ shows the filter form"))
        let pngs = (try? FileManager.default.contentsOfDirectory(atPath: shots.path))?.filter { $0.hasSuffix(".png") } ?? []
        #expect(pngs.count >= 10, "screenshots in \(shots.path): \(pngs)")
    }
}
