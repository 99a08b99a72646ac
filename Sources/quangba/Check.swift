import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaSite

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a built site: internal links and anchors, reciprocal hreflang, alt text, page language and title.",
        discussion: "Exit status 1 when anything is wrong, with one line per problem (file:line: what)."
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
            for p in result.problems {
                Console.out("\(p.file)\(p.line.map { ":\($0)" } ?? ""): \(Console.text(p.message))")
            }
            if result.problems.isEmpty {
                Console.out(Console.text("check.ok", ["pages": "\(result.pages)"]))
            } else {
                Console.err(Console.text("check.failed", ["pages": "\(result.pages)", "count": "\(result.problems.count)"]))
                throw ExitCode(1)
            }
        }
    }
}
