import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every rule of the content format; print each problem as path:line: message.",
        discussion: "Exit status 1 when there is any error. Warnings alone exit 0."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Output format: table (path:line: message lines) or json.") var format: OutputFormat = .table

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let diagnostics = Validator.validate(repo)
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            switch format {
            case .json:
                let rows: [[String: Any]] = diagnostics.map { d in
                    var o: [String: Any] = ["severity": d.severity.rawValue, "code": d.message.key, "message": Console.text(d.message)]
                    if let f = d.location.file { o["file"] = f }
                    if let l = d.location.line { o["line"] = l }
                    if let i = d.location.item { o["item"] = i.rawValue }
                    return o
                }
                Console.out(JSONOutput.string(["errors": errors, "warnings": warnings, "problems": rows]))
            case .table:
                for d in diagnostics { Console.out(Console.line(d)) }
                let items = repo.itemFolders().items.count
                Console.err(Console.text(errors == 0 ? "validate.ok" : "validate.failed",
                                         ["items": "\(items)", "errors": "\(errors)", "warnings": "\(warnings)"]))
            }
            if errors > 0 { throw ExitCode(1) }
        }
    }
}

enum JSONOutput {
    static func string(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
