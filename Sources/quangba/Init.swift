import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new, valid, empty repository in DIR.")

    @Argument(help: "Folder to create the repository in (created if missing).") var dir: String
    @Option(help: "The province's name in the source language.") var province = "Tỉnh"
    @Option(name: .customLong("ui-lang"), help: ArgumentHelp("Language of messages: vi or en.", valueName: "lang")) var uiLang: String?

    func run() throws {
        Console.configure(uiLanguage: uiLang)
        do {
            let url = URL(fileURLWithPath: dir)
            try Repository.initialize(at: url, provinceName: province)
            Console.out(Console.text("init.done", ["path": url.standardizedFileURL.path]))
        } catch let e as QuangBaError {
            Console.report(e)
            throw ExitCode(1)
        }
    }
}
