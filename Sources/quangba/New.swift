import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new draft item and print its id.",
        discussion: """
        The id is made from the title (ASCII, e.g. "Chợ Kỳ Lừa" → cho-ky-lua) and never changes once published.
        Kind-specific fields are given as FIELD=VALUE, as for `quangba set`, e.g.
          quangba new project --title "…" --unit bql-kkt sector=logistics locality=dong-dang form=domestic status=calling contact_unit=bql-kkt
        At a terminal, missing required values are asked for. Photos and videos: use `quangba media add`.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "article, clarification, project, event or publication.") var kind: ItemKind
    @Option(help: "The title in the source language.") var title: String?
    @Option(help: ArgumentHelp("The language the item is written in (default: the repository's source language).", valueName: "lang"), completion: Completions.languages) var lang: String?
    @Option(help: ArgumentHelp("Owner unit (code from quangba.yaml).", valueName: "unit"), completion: Completions.units) var unit: String?
    @Option(name: .customLong("topic"), help: ArgumentHelp("A topic code; repeat for several.", valueName: "topic"), completion: Completions.topics) var topics: [String] = []
    @Option(help: ArgumentHelp("Author's name (default: QUANGBA_USER or ~/.config/quangba/user; asked at a terminal).", valueName: "name")) var by: String?
    @Option(help: ArgumentHelp("For a publication: the file (PDF, …) to store with it.", valueName: "path")) var file: String?
    @Argument(help: ArgumentHelp("Further fields as FIELD=VALUE.", valueName: "field=value")) var assignments: [String] = []

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let file = kind == .publication ? try self.file.map { try StoredFile(reading: $0, kind: kind) } : nil
            try ItemDraft.checkKind(kind, file: file)
            let language = try Editing.languageArgument(lang, repo, default: repo.config.sourceLanguage)
            var fields = try assignments.map(FieldEditor.split)
            // What the command line gives is read as the answers are, before any question.
            for (k, v) in fields { try repo.checkAnswer(k, v, kind: kind) }
            if let unit { try repo.checkAnswer("unit", unit, kind: kind) }
            let prompt = Prompt()
            do {
                var missing: [String] = []
                func value(_ given: String?, _ field: String, option: String) throws -> String? {
                    if let given, !given.isEmpty { return given }
                    guard Prompt.isInteractive else { missing.append(option); return nil }
                    return try Questions.ask(prompt, repo, field, option: option, kind: kind)
                }
                let theTitle = try value(title, "title", option: "--title")
                let theUnit = try value(unit, "unit", option: "--unit")
                for field in ItemDraft.requiredFields(kind) where !fields.contains(where: { $0.0 == field }) {
                    if let v = try value(nil, field, option: field) { fields.append((field, v)) }
                }
                guard let theTitle, let theUnit, missing.isEmpty else {
                    throw QuangBaError(Message("new.missing", ["list": missing.map { $0.hasPrefix("--") ? $0 : "\($0)=…" }.joined(separator: " ")]))
                }
                var draft = ItemDraft(kind: kind, title: theTitle, language: language, unit: theUnit, author: try Editing.person(by))
                draft.topics = topics
                draft.fields = fields
                draft.file = file
                let (id, same) = try Editing.locked(repo) { () throws -> (ItemID, [(id: ItemID, kind: ItemKind)]) in
                    let same = repo.itemsTitled(theTitle, language: language)
                    return (try repo.create(draft), same)
                }
                Console.out(id.rawValue)
                warnSameTitle(same, title: theTitle, new: id)
                Console.err(Console.text("new.done", ["id": id.rawValue, "folder": "content/\(kind.rawValue)/\(id.rawValue)"]))
            } catch {
                // Whatever stopped it, the answers typed so far come back as a command line.
                prompt.keepAnswers(given: Array(CommandLine.arguments.dropFirst()), root: repo.root)
                if error is Prompt.Ended { throw ExitCode(1) }
                throw error
            }
        }
    }
}

/// A warning for each item that already has the new item's title: which it is and how to open
/// it, so that a duplicate made by mistake is seen at once (the new item is made all the same).
func warnSameTitle(_ same: [(id: ItemID, kind: ItemKind)], title: String, new: ItemID) {
    for s in same {
        Console.err(Console.text("severity.warning") + ": " + Console.text("new.same_title", [
            "id": s.id.rawValue, "kind": Console.kindName(s.kind), "title": title, "new": new.rawValue,
        ]))
    }
}
