import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new repository in DIR that builds, validates and serves at once.",
        discussion: """
        The repository gets quangba.yaml, the tool's site templates (site-templates/), the UI strings of its
        languages (locales/), empty content/ and audit/, .gitignore and .gitattributes; then, when git is
        installed, `git init` and a first commit. With --from-sample it is a copy of the sample repository.
        DIR must be missing or empty. The tool's own files are found in $QUANGBA_SHARE, else
        <prefix>/share/quangba beside the executable's bin folder, else the package it was built from.
        """
    )

    @Argument(help: "Folder to create the repository in (created if missing; must be empty).") var dir: String
    @Option(help: "The province's name in the source language.") var province = "Tỉnh"
    @Flag(name: .customLong("from-sample"), help: "Start from the sample repository (a province's sample content) instead of an empty one.")
    var fromSample = false
    @Option(name: .customLong("ui-lang"), help: ArgumentHelp("Language of messages: vi or en.", valueName: "lang")) var uiLang: String?

    func run() throws {
        Console.configure(uiLanguage: uiLang)
        do {
            let url = URL(fileURLWithPath: dir).standardizedFileURL
            let share = try ToolShare.locate()
            try Repository.initialize(at: url, provinceName: province, share: share, fromSample: fromSample)
            let repo = try Repository(root: url)
            let person = Identity.configured() ?? "quangba"
            let message = Editing.commitText(Editing.repositoryLanguage(repo), fromSample ? "commit.init_sample" : "commit.init", [:])
            switch RepositoryHistory.start(at: url, person: person, message: message) {
            case .committed: break
            case .gitMissing: Console.err(Console.text("init.git_missing"))
            case .failed(let said): Console.err(Console.text("init.git_failed", ["said": said]))
            }
            Console.out(Console.text(fromSample ? "init.done_sample" : "init.done", ["path": url.path]))
        } catch let e as QuangBaError {
            Console.report(e)
            throw ExitCode(1)
        } catch let e as CocoaError {
            Console.err(Console.text("severity.error") + ": " + Console.text("io.failed", ["reason": e.localizedDescription]))
            throw ExitCode(1)
        }
    }
}
