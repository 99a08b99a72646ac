import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaExport
import QuangBaStore

struct Xliff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exchange translations with translators' CAT tools as OASIS XLIFF 2.0.",
        discussion: "The workflow, step by step: docs/translation.md.",
        subcommands: [XliffExportCommand.self, XliffImportCommand.self]
    )
}

struct XliffExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the source text of items to translate as one XLIFF 2.0 file.",
        discussion: """
        One <file> per item, one <unit> per translatable field, one <segment> per block of the body.
        The current translation, where there is one, comes along as targets. Without ids, --stale or
        --missing: every item (not withdrawn) whose source language is --from. Internal items never leave.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The language to translate into.", valueName: "lang"), completion: Completions.languages) var to: String
    @Option(help: ArgumentHelp("The source language of the items (default: the repository's).", valueName: "lang"), completion: Completions.languages) var from: String?
    @Flag(help: "Items whose translation into --to is stale.") var stale = false
    @Flag(help: "Items with no version in --to.") var missing = false
    @Option(help: ArgumentHelp("The XLIFF file to write (replaced whole, only when complete).", valueName: "xlf-file")) var out: String
    @Argument(help: "Only these items.", completion: Completions.ids) var ids: [String] = []

    /// The named items, narrowed by --stale/--missing; without names, all that match (all not withdrawn).
    private func select(_ explicit: [ItemID], repo: Repository, target: LanguageCode) throws -> [ItemID] {
        guard explicit.isEmpty || stale || missing else { return explicit }
        let rows = try global.syncedIndex(repo).coverage(language: target)
        let wanted: Set<Coverage> = stale || missing ? Set((stale ? [.stale] : []) + (missing ? [.missing] : [])) : Set(Coverage.allCases)
        let matching = rows.filter { wanted.contains($0.coverage) }.compactMap { ItemID($0.id) }
        return explicit.isEmpty ? matching : explicit.filter(Set(matching).contains)
    }

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let source = try Editing.languageArgument(from, repo, default: repo.config.sourceLanguage)
            let target = try Editing.language(to, repo)
            if target == source { throw QuangBaError(Message("xliff.same_language", ["lang": target.rawValue])) }
            let explicit = try ids.map(parseID)
            let chosen = try select(explicit, repo: repo, target: target)
            let (entries, unreadable) = try XliffExport.entries(repo, chosen, from: source, to: target, named: !explicit.isEmpty)
            for id in unreadable { Console.err(Console.text("xliff.skipped_unreadable", ["id": id.rawValue])) }
            guard !entries.isEmpty else {
                Console.err(Console.text("xliff.nothing", ["lang": target.rawValue]))
                return
            }
            let (bytes, report) = try XliffExport.document(entries, from: source, to: target)
            try AtomicFile.write(bytes, to: URL(fileURLWithPath: out), makingFolders: false)
            Console.err(Console.text("xliff.exported", ["out": out, "files": "\(report.files)", "segments": "\(report.segments)",
                                                        "translated": "\(report.translated)", "characters": "\(report.characters)"]))
        }
    }
}

struct XliffImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Put the targets of an XLIFF 2.0 file back into the language files, as drafts.",
        discussion: """
        The Markdown body is rebuilt block by block with the source's structure; source_hash records the
        source text the file was exported from; each translation's status becomes draft, for review and
        `quangba workflow approve ID --lang L`. All or nothing: if anything in the file is wrong (the source
        changed since export, ids or inline codes damaged, a segment without target, an unconfigured language),
        every problem is listed and no file changes. Items with no target at all are left as they are.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The XLIFF file from the translator.", valueName: "xlf-file")) var file: String

    /// The first 100 problems, then how many more: a file of the wrong version can have
    /// thousands, and the first ones show what to do.
    static func shortened(_ e: QuangBaError) -> QuangBaError {
        let shown = 100
        guard e.diagnostics.count > shown else { return e }
        var short = e
        short.diagnostics = Array(e.diagnostics.prefix(shown))
        short.diagnostics.append(Diagnostic(.error, Location(file: e.location.file), Message("xliff.more_problems", ["count": "\(e.diagnostics.count - shown)"])))
        return short
    }
    @Option(help: ArgumentHelp("The translator's name, recorded in each language file.", valueName: "name")) var by: String?

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            guard let data = FileManager.default.contents(atPath: file) else {
                throw QuangBaError(Message("xliff.cannot_read", ["file": file]), at: Location(file: file))
            }
            let translator = try Editing.person(by)
            let outcome = try Editing.locked(repo) { () throws -> XliffImport.Outcome in
                let outcome = try XliffImport.read([UInt8](data), file: file, repository: repo, translator: translator).mapError(Self.shortened).get()
                let now = Timestamp.now
                try repo.saveAll(outcome.changes.map { c in
                    var item = c.item
                    item.updated = now
                    return (item, [c.translation], [AuditEntry(at: now, by: translator, action: "import-translation:\(outcome.targetLanguage.rawValue)", item: c.item.id,
                                                               from: nil, to: nil, note: "XLIFF \(URL(fileURLWithPath: file).lastPathComponent)", statement: nil)])
                })
                return outcome
            }
            for w in outcome.warnings { Console.err(Console.line(w)) }
            let lang = outcome.targetLanguage.rawValue
            for c in outcome.changes { Console.out("\(lang)  \(c.item.id)") }
            if !outcome.untouched.isEmpty {
                Console.err(Console.text("xliff.untouched", ["count": "\(outcome.untouched.count)", "ids": outcome.untouched.map(\.rawValue).joined(separator: ", ")]))
            }
            Console.err(Console.text("xliff.imported", ["count": "\(outcome.changes.count)", "lang": lang]))
        }
    }
}
