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
        .quangba/rescue/ (the path is printed) so nothing typed is lost; `--recover` takes it up again.
        The state changes only through `quangba workflow`. Without VISUAL or EDITOR, nano is used when
        installed, else vi.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item id.", completion: Completions.ids) var id: String
    @Option(help: ArgumentHelp("Edit this language version.", valueName: "lang"), completion: Completions.languages) var lang: String?
    @Option(help: ArgumentHelp("Who is editing (default: QUANGBA_USER or ~/.config/quangba/user); needed to edit approved text.", valueName: "name")) var by: String?
    @Flag(help: "Take up the text an earlier edit kept in .quangba/rescue/ (the newest for this item and file): it opens in the editor to finish, is checked, and is saved as any edit; the rescued copy is removed once saved.")
    var recover = false

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let edit = try FileEdit(repo, id: try parseID(id), language: try lang.map { try Editing.language($0, repo) })
            var start = edit.original
            var recovered: URL?
            if recover {
                let kept = edit.rescues()
                guard let newest = kept.first else {
                    throw QuangBaError(Message("edit.nothing_to_recover", ["path": edit.path]), at: Location(file: edit.path))
                }
                if kept.count > 1 {
                    Console.err(Console.text("edit.recover_several", ["count": Console.count(kept.count), "path": newest.path]))
                    for k in kept.dropFirst() { Console.err("  " + k.path) }
                } else {
                    Console.err(Console.text("edit.recovering", ["path": newest.path]))
                }
                guard let data = FileManager.default.contents(atPath: newest.path) else {
                    throw QuangBaError(Message("media.cannot_read", ["path": newest.path]))
                }
                start = Normalization.nfc(String(decoding: data, as: UTF8.self))
                recovered = newest
            }
            // Asked before the editor opens, so that no typed text waits on it.
            let editor = try Editing.editor(by, edit.loaded, language: edit.language)
            let program = try chooseEditor()
            let work = repo.root.appendingPathComponent(".quangba/edit/\(edit.item.id.rawValue).\(URL(fileURLWithPath: edit.path).lastPathComponent)")
            try AtomicFile.write(start, to: work)
            // Removed once its text is saved or rescued (an editor or a save that fails leaves it,
            // with whatever was typed in it).
            func done() { try? FileManager.default.removeItem(at: work) }
            var text = start
            while true {
                try runEditor(program, work.path)
                text = Normalization.nfc(String(decoding: FileManager.default.contents(atPath: work.path) ?? Data(), as: UTF8.self))
                if text == edit.original {
                    // A recovered text the file already holds is saved as much as it can be.
                    if let recovered { try? FileManager.default.removeItem(at: recovered) }
                    done(); Console.err(Console.text("edit.unchanged")); return
                }
                let problems = edit.problems(in: text)
                if problems.isEmpty { break }
                for d in problems { Console.err(Console.line(d)) }
                // Ctrl-D at the question is a no: the text is rescued below.
                if Prompt.isInteractive, (try? Prompt().confirm(Console.text("edit.reopen"), default: true)) == true { continue }
                let kept = try edit.rescue(text)
                // The new copy holds everything the recovered one did, and more.
                if let recovered, recovered.standardizedFileURL != kept.standardizedFileURL { try? FileManager.default.removeItem(at: recovered) }
                done()
                throw QuangBaError(Message("edit.kept", ["path": kept.path]), at: Location(file: edit.path))
            }
            try Editing.locked(repo) { try edit.save(text, by: editor) }
            done()
            if let recovered { try? FileManager.default.removeItem(at: recovered) }
            Console.err(Console.text("edit.saved", ["path": edit.path]))
        }
    }

    /// VISUAL, else EDITOR; else nano when installed (easier for a newcomer than vi), else vi,
    /// saying which and how to choose another.
    private func chooseEditor() throws -> String {
        let env = ProcessInfo.processInfo.environment
        if let chosen = [env["VISUAL"], env["EDITOR"]].compactMap({ $0 }).first(where: { !$0.isEmpty }) { return chosen }
        let path = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["nano", "vi"] {
            if let found = path.map({ URL(fileURLWithPath: $0).appendingPathComponent(name).path }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
                Console.err(Console.text("edit.default_editor", ["editor": name, "path": found]))
                return "'\(found)'"
            }
        }
        throw QuangBaError(Message("edit.no_editor"))
    }

    private func runEditor(_ editor: String, _ path: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Through the shell so that EDITOR may carry arguments ("code --wait").
        p.arguments = ["-c", "\(editor) \"$1\"", "quangba-edit", path]
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw QuangBaError(Message("edit.editor_failed", ["editor": editor, "status": "\(p.terminationStatus)"])) }
    }
}
