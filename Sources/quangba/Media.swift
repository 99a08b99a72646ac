import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaStore

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
        @Option(help: ArgumentHelp("Owner unit (code).", valueName: "unit"), completion: Completions.units) var unit: String?
        @Option(name: .customLong("topic"), help: ArgumentHelp("A topic code; repeat for several.", valueName: "topic"), completion: Completions.topics) var topics: [String] = []
        @Option(help: ArgumentHelp("Author's name (default: QUANGBA_USER or ~/.config/quangba/user; asked at a terminal).", valueName: "name")) var by: String?

        func run() throws {
            try execute(global) {
                let repo = try global.repository()
                let stored = try StoredFile(reading: file, kind: .media)
                // What the command line gives is read before any question.
                if let unit { try repo.checkAnswer("unit", unit, kind: .media) }
                if let licence, Licence(licence) == nil {
                    throw QuangBaError(Message("set.bad_value", ["field": "licence", "value": licence, "expected": Licence.table.map(\.code).joined(separator: ", ")]))
                }
                // A file the repository already holds is named before any question (and again under the lock).
                if let existing = try global.syncedIndex(repo).itemWithFile(sha256: stored.facts.sha256) {
                    throw QuangBaError(Message("media.duplicate", ["id": existing, "sha256": stored.facts.sha256]))
                }
                let prompt = Prompt()
                do {
                    var missing: [String] = []
                    func value(_ given: String?, _ field: String, option: String, default fallback: String? = nil, required: Bool = true) throws -> String? {
                        if let given, !given.isEmpty { return given }
                        guard Prompt.isInteractive else {
                            if fallback == nil, required { missing.append(option) }
                            return fallback
                        }
                        return try Questions.ask(prompt, repo, field, option: option, kind: .media, default: fallback, required: required)
                    }
                    let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
                    let theTitle = try value(title, "title", option: "--title", default: stem) ?? stem
                    let theUnit = try value(unit, "unit", option: "--unit")
                    let theCredit = try value(credit, "credit", option: "--credit")
                    var theLicence = licence
                    if theLicence == nil, Prompt.isInteractive { theLicence = try Questions.licence(prompt) }
                    // All rights reserved (said, or the repository's default) names who holds them.
                    let reserved = (theLicence.flatMap(Licence.init) ?? repo.config.licence) == .allRightsReserved
                    let theHolder = reserved ? try value(holder, "holder", option: "--holder") : holder
                    let theAlt = stored.facts.type.hasPrefix("image/") ? try value(alt, "alt", option: "--alt", required: false) : alt
                    guard let theUnit, let theCredit, missing.isEmpty else {
                        throw QuangBaError(Message("new.missing", ["list": missing.joined(separator: " ")]))
                    }
                    var draft = MediaDraft(file: stored, title: theTitle, credit: theCredit, unit: theUnit, author: try Editing.person(by))
                    draft.alt = theAlt
                    draft.licence = theLicence
                    draft.holder = theHolder
                    draft.topics = topics
                    let (id, same) = try Editing.locked(repo) { () throws -> (ItemID, [(id: ItemID, kind: ItemKind)]) in
                        let same = repo.itemsTitled(theTitle, language: repo.config.sourceLanguage)
                        return (try repo.addMedia(draft, lookup: try global.syncedIndex(repo)), same)
                    }
                    Console.out(id.rawValue)
                    Console.err(Console.text("media.added", ["id": id.rawValue, "type": stored.facts.type, "bytes": Console.count(stored.facts.bytes)]))
                    warnSameTitle(same, title: theTitle, new: id)
                } catch {
                    prompt.keepAnswers(given: Array(CommandLine.arguments.dropFirst()), root: repo.root)
                    if error is Prompt.Ended { throw ExitCode(1) }
                    throw error
                }
            }
        }
    }
}
