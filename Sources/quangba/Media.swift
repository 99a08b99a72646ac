import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaStore
import QuangBaText

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
                let (facts, bytes) = try StoredFile.read(file, kind: .media)
                let theTitle = Normalization.nfc(title ?? Console.ask("new.ask_title", ["hint": "", "field": "title"]) ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
                guard let theUnit = unit ?? Console.ask("new.ask_unit", ["hint": Console.text("new.choices", ["list": repo.config.units.codes.joined(separator: ", ")]), "field": "unit"]) else {
                    throw QuangBaError(Message("new.missing", ["list": "--unit"]))
                }
                guard let theCredit = credit ?? Console.ask("new.ask_field", ["hint": "", "field": "credit"]) else {
                    throw QuangBaError(Message("new.missing", ["list": "--credit"]))
                }
                let author = try Editing.person(by)
                let id = try Editing.locked(repo) { () throws -> ItemID in
                    let index = try global.syncedIndex(repo)
                    if let existing = try index.itemWithFile(sha256: facts.sha256) {
                        throw QuangBaError(Message("media.duplicate", ["id": existing, "sha256": facts.sha256]))
                    }
                    let id = repo.newID(title: theTitle)
                    var item = Item(id: id, kind: .media, sourceLanguage: repo.config.sourceLanguage, created: .now, author: author, unit: theUnit)
                    item.topics = topics
                    var m = MediaDetails()
                    m.file = facts
                    if let d = ImageHeader.dimensions(bytes) { m.width = d.width; m.height = d.height }
                    m.credit = Normalization.nfc(theCredit)
                    if let licence {
                        guard let l = Licence(licence) else {
                            throw QuangBaError(Message("set.bad_value", ["field": "licence", "value": licence, "expected": Licence.table.map(\.code).joined(separator: ", ")]))
                        }
                        m.licence = l
                    }
                    m.holder = holder.map(Normalization.nfc)
                    item.details = .media(m)
                    var fields = ["title": theTitle]
                    if let alt { fields["alt"] = Normalization.nfc(alt) }
                    try repo.create(item, translations: [Translation(language: item.sourceLanguage, fields: fields)], storedFile: (facts.file, bytes))
                    return id
                }
                Console.out(id.rawValue)
                Console.err(Console.text("media.added", ["id": id.rawValue, "type": facts.type, "bytes": "\(facts.bytes)"]))
            }
        }
    }
}
