import ArgumentParser
import Foundation
import QuangBaStore

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Bring the SQLite index (.quangba/index.sqlite) up to date with content/.",
        discussion: "Every command that reads the index syncs it first; run this to see what changed or to rebuild it. The index is derived data: deleting it loses nothing."
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Throw the index away and build it again from content/.") var rebuild = false

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let start = Date()
            let index = try Index(repository: repo)
            let report = try index.sync(rebuild: rebuild)
            // The explicit command leaves nothing for later: a full-text index that `build` deferred is made now.
            let searchBuilt = try index.ensureSearch()
            let ms = Int(Date().timeIntervalSince(start) * 1000)
            if let why = report.rebuiltBecause { Console.out(Console.text("index.rebuilt.\(why)")) }
            if searchBuilt { Console.out(Console.text("index.search_built")) }
            Console.out(Console.text(report.fromWatcher ? "index.report_watched" : "index.report", ["folders": Console.count(report.folders), "added": Console.count(report.added), "updated": Console.count(report.updated),
                                                      "removed": Console.count(report.removed), "unchanged": Console.count(report.unchanged), "ms": Console.count(ms)]))
        }
    }
}
