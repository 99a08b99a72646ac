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
            let itemID = try parseID(id)
            let loaded = try repo.load(itemID)
            guard let item = loaded.item else {
                throw QuangBaError(Message("item.unreadable", ["id": id]), at: Location(file: loaded.folder + "/item.yaml"), diagnostics: loaded.diagnostics)
            }
            let code = try lang.map { try Editing.languageArgument($0, repo, default: item.sourceLanguage) }
            let name = code.map { "\($0.rawValue).md" } ?? "item.yaml"
            let path = "\(loaded.folder)/\(name)"
            guard let original = loaded.texts[name] else {
                throw QuangBaError(Message("set.no_translation", ["id": id, "lang": lang ?? ""]), at: Location(file: path))
            }
            // Asked before the editor opens, so that no typed text waits on it.
            let editor = try Editing.editor(by, loaded, language: code)
            let work = repo.root.appendingPathComponent(".quangba/edit/\(itemID.rawValue).\(name)")
            try AtomicFile.write(original, to: work)
            var text = original
            while true {
                try runEditor(work.path)
                text = Normalization.nfc(String(decoding: FileManager.default.contents(atPath: work.path) ?? Data(), as: UTF8.self))
                if text == original {
                    try? FileManager.default.removeItem(at: work)
                    Console.err(Console.text("edit.unchanged"))
                    return
                }
                let problems = check(text, repo: repo, item: item, language: code, path: path)
                if problems.isEmpty { break }
                for d in problems { Console.err(Console.line(d)) }
                if let answer = Console.ask("edit.reopen", default: "y"), ["y", "yes", "c", "có", "co"].contains(answer.lowercased()) { continue }
                let rescue = repo.root.appendingPathComponent(".quangba/rescue/\(itemID.rawValue).\(name).\(Timestamp.now.secondsSince1970)")
                try AtomicFile.write(text, to: rescue)
                try? FileManager.default.removeItem(at: work)
                throw QuangBaError(Message("edit.kept", ["path": rescue.path]), at: Location(file: path))
            }
            try Editing.locked(repo) {
                // Someone may have changed the file while the editor was open: never overwrite their work.
                let current = try repo.load(itemID)
                guard current.texts[name] == original, var fresh = current.item else {
                    let rescue = repo.root.appendingPathComponent(".quangba/rescue/\(itemID.rawValue).\(name).\(Timestamp.now.secondsSince1970)")
                    try AtomicFile.write(text, to: rescue)
                    throw QuangBaError(Message("edit.conflict", ["path": rescue.path]), at: Location(file: path))
                }
                var reader = [Diagnostic]()
                if let code {
                    let t = repo.reader.parseTranslation(text, language: code, kind: item.kind, isSource: code == item.sourceLanguage, file: path, diagnostics: &reader)!
                    fresh.updated = .now
                    try repo.saveEdit(fresh, translations: [t], by: editor)
                } else {
                    var edited = repo.reader.parseItem(text, id: itemID, kind: item.kind, file: path, diagnostics: &reader)!
                    edited.updated = .now
                    try repo.saveEdit(edited, translations: [], by: editor)
                }
            }
            try? FileManager.default.removeItem(at: work)
            Console.err(Console.text("edit.saved", ["path": path]))
        }
    }

    /// Problems in the edited text, including a state change made by hand.
    private func check(_ text: String, repo: Repository, item: Item, language: LanguageCode?, path: String) -> [Diagnostic] {
        var d: [Diagnostic] = []
        if let language {
            _ = repo.reader.parseTranslation(text, language: language, kind: item.kind, isSource: language == item.sourceLanguage, file: path, diagnostics: &d)
        } else if let edited = repo.reader.parseItem(text, id: item.id, kind: item.kind, file: path, diagnostics: &d) {
            if edited.state != item.state || edited.published != item.published || edited.withdrawn != item.withdrawn {
                d.append(Diagnostic(.error, Location(file: path), Message("set.state_via_workflow")))
            }
        }
        return d.filter { $0.severity == .error }
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
