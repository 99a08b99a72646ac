import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaExport

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the public content for other systems.",
        subcommands: [ExportXML.self]
    )
}

struct ExportXML: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xml",
        abstract: "Every public item as one XML document in QuangBa's format (Sources/QuangBaExport/Schema/quangba-1.xsd).",
        discussion: "Only what the publication gate allows. With --since, only items that changed since then, and the items withdrawn since then as <deleted> records. Written as it is read: memory stays flat."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only items changed at or after this time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, UTC), and deletions since then.", valueName: "datetime"))
    var since: String?
    @Option(help: "Only items of this kind.") var kind: ItemKind?
    @Option(help: ArgumentHelp("Write to this file (replaced whole, only when complete); - for standard output (the default).", valueName: "file"))
    var out: String = "-"
    @Option(name: .customLong("base-url"), help: ArgumentHelp("Public address of the site for page URLs (default: base_url of quangba.yaml).", valueName: "url"))
    var baseURL: String?

    func run() throws {
        try execute(global) {
            var options = XMLExport.Options()
            if let since {
                guard let t = Timestamp(parsing: since, allowDate: true), Timestamp.contentRange.contains(t) else {
                    throw QuangBaError(Message("export.bad_since", ["value": since, "years": Timestamp.contentYears]))
                }
                options.since = t
            }
            options.kind = kind
            options.baseURL = baseURL
            let repo = try global.repository()
            let index = try global.syncedIndex(repo)
            let report: XMLExport.Report
            if out == "-" {
                let stdout = FileHandle.standardOutput
                report = try XMLExport.write(index: index, options: options) { bytes in
                    stdout.write(Data(bytes))
                    return true
                }
            } else {
                // Whole or nothing: a temporary file beside the target, renamed when complete.
                let target = URL(fileURLWithPath: out)
                let temp = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp")
                guard FileManager.default.createFile(atPath: temp.path, contents: nil), let handle = FileHandle(forWritingAtPath: temp.path) else {
                    throw QuangBaError(Message("export.cannot_write", ["path": temp.path]))
                }
                do {
                    report = try XMLExport.write(index: index, options: options) { bytes in
                        (try? handle.write(contentsOf: Data(bytes))) != nil
                    }
                    try handle.synchronize()
                    try handle.close()
                    guard rename(temp.path, target.path) == 0 else { throw QuangBaError(Message("export.cannot_write", ["path": target.path])) }
                } catch {
                    try? handle.close()
                    try? FileManager.default.removeItem(at: temp)
                    throw error
                }
            }
            Console.err(Console.text("export.report", ["items": "\(report.items)", "deleted": "\(report.deleted)", "out": out == "-" ? "stdout" : out]))
        }
    }
}
