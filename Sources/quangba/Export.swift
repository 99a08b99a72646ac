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
    @Option(help: "Format of the report (json needs --out: the XML goes to the file, the report to standard output).") var format: OutputFormat = .table

    func validate() throws {
        if format == .json, out == "-" { throw ValidationError(Console.text("export.json_needs_out")) }
    }

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
                // Whole or nothing, written as it is made.
                var made: XMLExport.Report?
                try AtomicFile.write(to: URL(fileURLWithPath: out), makingFolders: false) { emit in
                    var failure: (any Error)?
                    do {
                        made = try withoutActuallyEscaping(emit) { emit in
                            try XMLExport.write(index: index, options: options) { bytes in
                                do { try emit(bytes); return true } catch { failure = error; return false }
                            }
                        }
                    } catch { throw failure ?? error }
                }
                report = made!
            }
            if format == .json {
                Console.out(JSONOutput.string(["items": report.items, "deleted": report.deleted, "out": out]))
                return
            }
            Console.err(Console.text("export.report", ["items": Console.count(report.items), "deleted": Console.count(report.deleted), "out": out == "-" ? "stdout" : out]))
        }
    }
}
