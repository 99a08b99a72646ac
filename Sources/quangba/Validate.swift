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
                Console.out(JSONOutput.string(["error_count": errors, "warning_count": warnings, "problems": diagnostics.map(JSONOutput.diagnostic)]))
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
