import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore

struct Translate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a language version from the source, stamped with the source's hash.",
        discussion: """
        With --restamp, records in an existing translation that it now matches the current source (after the
        translator has brought it up to date), so it is no longer reported stale: a workflow action by a named
        person (--by), recorded in the audit log; it changes no approval.
        The new file is a draft with every field empty, the source text above each as a comment and the source
        body as comments too, and an empty body: the translator writes the text (quangba edit ID --lang L).
        Until then `quangba validate` warns that it is not translated, and approval refuses it. Its source_hash
        records which source text it was made from, so `quangba status` can tell when the source changes later.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item id.", completion: Completions.ids) var id: String
    @Option(help: ArgumentHelp("The language to translate into.", valueName: "lang"), completion: Completions.languages) var to: String
    @Option(help: ArgumentHelp("The translator's name (default: QUANGBA_USER or ~/.config/quangba/user; asked at a terminal).", valueName: "name")) var by: String?
    @Option(help: "With --restamp: a note for the audit log.") var note: String?
    @Flag(help: "The translation exists and now matches the current source: record the current source hash in it.") var restamp = false

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let itemID = try parseID(id)
            let target = try Editing.languageArgument(to, repo, default: repo.config.sourceLanguage)
            let person = try Editing.person(by)
            try Editing.locked(repo) {
                let loaded = try repo.load(itemID)
                guard let item = loaded.item, let source = loaded.translation(item.sourceLanguage) else {
                    throw QuangBaError(Message("item.unreadable", ["id": id]), at: Location(file: loaded.folder), diagnostics: loaded.diagnostics)
                }
                if target == item.sourceLanguage { throw QuangBaError(Message("translate.is_source", ["lang": target.rawValue]), at: Location(item: itemID)) }
                if restamp {
                    _ = try repo.restamp(itemID, language: target, by: person, note: note)
                    return
                }
                if loaded.translation(target) != nil {
                    throw QuangBaError(Message("translate.exists", ["id": id, "lang": target.rawValue]), at: Location(file: "\(loaded.folder)/\(target.rawValue).md"))
                }
                _ = try repo.startTranslation(of: item, source: source, language: target, translator: person)
            }
            if restamp {
                Console.err(Console.text("translate.restamped", ["id": id, "lang": target.rawValue]))
                return
            }
            Console.out("\(repo.folderURL(repo.kind(of: itemID)!, itemID).path)/\(target.rawValue).md")
            Console.err(Console.text("translate.done", ["id": id, "lang": target.rawValue]))
        }
    }
}
