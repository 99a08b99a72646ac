import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaSite
import QuangBaStore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a built site: that it holds exactly what the repository publishes, its internal links and anchors, reciprocal hreflang, alt text, page language and title.",
        discussion: "Inside a repository, also lists the files of the site that no build of the repository produces, the missing ones, and those changed by hand or by an interrupted build (`quangba build` repairs all of them). Exit status 1 when anything is wrong, with one line per problem (file:line: what)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The built site (default: _site in the repository).", valueName: "dir")) var dir: String?
    @Option(name: .customLong("base-url"), help: ArgumentHelp("The address the site was built for (default: base_url of quangba.yaml).", valueName: "url"))
    var baseURL: String?

    func run() throws {
        try execute(global) {
            let repo = try? global.repository()
            let folder = dir.map { URL(fileURLWithPath: $0) } ?? (repo?.root ?? URL(fileURLWithPath: ".")).appendingPathComponent("_site")
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
                throw QuangBaError(Message("check.no_site", ["path": folder.path]))
            }
            let result = SiteCheck.run(folder: folder, baseURL: baseURL ?? repo?.config.baseURL ?? "")
            var problems = result.problems
            if let repo {
                var options = SiteBuild.Options(out: folder)
                options.baseURL = baseURL
                problems = try SiteBuild(index: Index(repository: repo), options: options).audit() + problems
            }
            for p in problems {
                Console.out("\(p.file)\(p.line.map { ":\($0)" } ?? ""): \(Console.text(p.message))")
            }
            if problems.isEmpty {
                Console.out(Console.text("check.ok", ["pages": Console.count(result.pages)]))
            } else {
                Console.err(Console.text("check.failed", ["pages": Console.count(result.pages), "count": Console.count(problems.count)]))
                throw ExitCode(1)
            }
        }
    }
}
