import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaSite
import QuangBaStore

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the public multilingual site from the repository (only what the publication gate allows).",
        discussion: "Incremental: only pages whose inputs changed are rendered and written. Afterwards the output folder holds exactly what this repository publishes: pages of removed, withdrawn or embargoed items, files added or changed by hand and leftovers of an interrupted build are deleted or made again. Templates are in site-templates/, UI strings in locales/<lang>.yaml."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Output folder (default: _site in the repository).", valueName: "dir")) var out: String?
    @Option(name: .customLong("base-url"), help: ArgumentHelp("Public address of the site (default: base_url of quangba.yaml).", valueName: "url"))
    var baseURL: String?
    @Flag(help: "Empty the output folder and build everything again.") var clean = false
    @Option(help: "Output format.") var format: OutputFormat = .table

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            var options = SiteBuild.Options(out: out.map { URL(fileURLWithPath: $0) } ?? repo.root.appendingPathComponent("_site"))
            options.baseURL = baseURL
            options.clean = clean
            let bar = ProgressBar(label: Console.text("build.progress"))
            // The bar is cleared before anything else is printed, the report or an error.
            let report = try {
                defer { bar.finish() }
                return try SiteBuild(index: try Index(repository: repo), options: options).run { done, total in bar.update(done, total) }
            }()
            if format == .json {
                Console.out(JSONOutput.string(["outputs": report.outputs, "written": report.written, "unchanged": report.unchanged,
                                               "deleted": report.deleted, "seconds": report.seconds, "out": options.out.path]))
                return
            }
            Console.out(Console.text("build.report", [
                "outputs": Console.count(report.outputs), "written": Console.count(report.written), "unchanged": Console.count(report.unchanged),
                "deleted": Console.count(report.deleted), "seconds": Console.decimal(report.seconds), "out": options.out.path,
            ]))
        }
    }
}

/// Progress on a terminal: files done, rate and time left, redrawn in place. Silent when
/// standard error is not a terminal (CI logs get the summary line only).
final class ProgressBar {
    let label: String
    let enabled = isatty(2) == 1
    /// When rendering began (the first update), so the rate leaves out loading and planning.
    var started: Date?
    var drawn = false

    init(label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let start = started ?? Date()
        started = start
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Console.text("build.eta", ["seconds": Console.count(Int((Double(total - done) / rate).rounded()))]) : ""
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let text = "\r\(label) \(bar) \(Console.count(done))/\(Console.count(total))  \(Console.count(Int(rate)))/s  \(eta) "
        FileHandle.standardError.write(Data(text.utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
