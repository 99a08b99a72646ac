import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaText

struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open an item's file in $VISUAL or $EDITOR; check it on save.",
        discussion: """
        Without --lang, edits item.yaml; with --lang, that language's .md file. The text is checked when the
        editor closes: if it has errors you may reopen it, and if you stop, your text is kept in
        .quangba/rescue/ (the path is printed) so nothing typed is lost. The state changes only through
        `quangba workflow`.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item id.") var id: String
    @Option(help: ArgumentHelp("Edit this language version.", valueName: "lang")) var lang: String?
    @Option(help: ArgumentHelp("Who is editing (default: QUANGBA_USER or ~/.config/quangba/user); needed to edit approved text.", valueName: "name")) var by: String?

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let edit = try FileEdit(repo, id: try parseID(id), language: try lang.map { try Editing.language($0, repo) })
            // Asked before the editor opens, so that no typed text waits on it.
            let editor = try Editing.editor(by, edit.loaded, language: edit.language)
            let work = repo.root.appendingPathComponent(".quangba/edit/\(edit.item.id.rawValue).\(URL(fileURLWithPath: edit.path).lastPathComponent)")
            try AtomicFile.write(edit.original, to: work)
            // Removed once its text is saved or rescued (an editor or a save that fails leaves it,
            // with whatever was typed in it).
            func done() { try? FileManager.default.removeItem(at: work) }
            var text = edit.original
            while true {
                try runEditor(work.path)
                text = Normalization.nfc(String(decoding: FileManager.default.contents(atPath: work.path) ?? Data(), as: UTF8.self))
                if text == edit.original { done(); Console.err(Console.text("edit.unchanged")); return }
                let problems = edit.problems(in: text)
                if problems.isEmpty { break }
                for d in problems { Console.err(Console.line(d)) }
                if let answer = Console.ask("edit.reopen", default: "y"), ["y", "yes", "c", "có", "co"].contains(answer.lowercased()) { continue }
                let kept = try edit.rescue(text)
                done()
                throw QuangBaError(Message("edit.kept", ["path": kept.path]), at: Location(file: edit.path))
            }
            try Editing.locked(repo) { try edit.save(text, by: editor) }
            done()
            Console.err(Console.text("edit.saved", ["path": edit.path]))
        }
    }

    private func runEditor(_ path: String) throws {
        let env = ProcessInfo.processInfo.environment
        let editor = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Through the shell so that EDITOR may carry arguments ("code --wait").
        p.arguments = ["-c", "\(editor) \"$1\"", "quangba-edit", path]
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw QuangBaError(Message("edit.editor_failed", ["editor": editor, "status": "\(p.terminationStatus)"])) }
    }
}
