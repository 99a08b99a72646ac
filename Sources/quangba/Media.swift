import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore

struct Media: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Photos, videos and documents.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a file into a new media item, filling type, size, sha256 and pixel dimensions.",
            discussion: "A file whose sha256 is already in the repository is refused, naming the item that has it."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The photo (JPEG, PNG, GIF, WebP, AVIF), video (MP4, WebM) or document (PDF), recognised by its content.") var file: String
        @Option(help: "Title in the source language (default: asked, or the file name).") var title: String?
        @Option(help: "Alternative text in the source language (needed before a photo can be public).") var alt: String?
        @Option(help: "Credit line (photographer or organisation).") var credit: String?
        @Option(help: ArgumentHelp("Licence: \(Licence.table.map(\.code).joined(separator: ", ")).", valueName: "code")) var licence: String?
        @Option(help: "Rights holder (required with all-rights-reserved).") var holder: String?
        @Option(help: ArgumentHelp("Owner unit (code).", valueName: "unit")) var unit: String?
        @Option(name: .customLong("topic"), help: ArgumentHelp("A topic code; repeat for several.", valueName: "topic")) var topics: [String] = []
        @Option(help: ArgumentHelp("Author's name (default: QUANGBA_USER or ~/.config/quangba/user; asked at a terminal).", valueName: "name")) var by: String?

        func run() throws {
            try execute(global) {
                let repo = try global.repository()
                let stored = try StoredFile(reading: file, kind: .media)
                let theTitle = title ?? Console.ask("new.ask_title", ["hint": "", "field": "title"]) ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
                guard let theUnit = unit ?? Console.ask("new.ask_unit", ["hint": Console.text("new.choices", ["list": repo.config.units.codes.joined(separator: ", ")]), "field": "unit"]) else {
                    throw QuangBaError(Message("new.missing", ["list": "--unit"]))
                }
                guard let theCredit = credit ?? Console.ask("new.ask_field", ["hint": "", "field": "credit"]) else {
                    throw QuangBaError(Message("new.missing", ["list": "--credit"]))
                }
                var draft = MediaDraft(file: stored, title: theTitle, credit: theCredit, unit: theUnit, author: try Editing.person(by))
                draft.alt = alt
                draft.licence = licence
                draft.holder = holder
                draft.topics = topics
                let (id, same) = try Editing.locked(repo) { () throws -> (ItemID, [(id: ItemID, kind: ItemKind)]) in
                    let same = repo.itemsTitled(theTitle, language: repo.config.sourceLanguage)
                    return (try repo.addMedia(draft, lookup: try global.syncedIndex(repo)), same)
                }
                Console.out(id.rawValue)
                Console.err(Console.text("media.added", ["id": id.rawValue, "type": stored.facts.type, "bytes": Console.count(stored.facts.bytes)]))
                warnSameTitle(same, title: theTitle, new: id)
            }
        }
    }
}
