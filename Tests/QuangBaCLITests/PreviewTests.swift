import Foundation
import Testing
import QuangBaTestSupport

/// The sample site as editors preview it, through `quangba serve`, in Debian's Chromium
/// (Tests/browser/site_in_browser.py, the checks of BrowserTests): every check passes and the
/// browser refuses nothing under the server's Content-Security-Policy, so the policy allows
/// what the site needs (its stylesheet, script, images) and no more.
@Suite(.serialized) struct PreviewTests {
    @Test func theSampleSiteWorksUnderTheServersPolicy() throws {
        for tool in ["chromium", "chromedriver"] where !FileManager.default.isExecutableFile(atPath: "/usr/bin/\(tool)") {
            Issue.record("\(tool) is not installed: run scripts/install-deps.sh --test")
            return
        }
        let cli = try CLI(fixture: false)
        defer { cli.cleanup() }
        for name in ["quangba.yaml", "content", "locales", "site-templates"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(name), to: cli.root.appendingPathComponent(name))
        }
        let built = try cli.run(["build"])
        #expect(built.status == 0, "\(built.err)")
        let server = try HarvestTests.Server(cli)
        let (status, output) = try runTool("python3", [CLI.packageRoot.appendingPathComponent("Tests/browser/site_in_browser.py").path,
                                                       cli.root.appendingPathComponent("_site").path, cli.root.appendingPathComponent("screenshots").path,
                                                       String(server.url.dropLast("/oai".count))])
        #expect(status == 0, "\(output.split(separator: "\n").filter { $0.hasPrefix("FAIL") }.joined(separator: "\n"))\n\(output.suffix(2000))")
        #expect(output.contains("ok: /en/projects/ shows the filter form"))
        #expect(output.contains("ok: no Content-Security-Policy violation"))
    }
}
