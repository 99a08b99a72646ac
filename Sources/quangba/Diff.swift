import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed in the source since a translation was made, or (--approved) since approval.",
        discussion: """
        Compares the source text the translation was made from with the source as it is now, field by field:
        short fields as -old/+new lines, the body as a unified diff with 3 lines of context (line numbers count
        from the first line of the body). The old source is the copy kept in the item's .translated-from/ folder
        when the translation was stamped, else the version in git history whose hash is the translation's
        source_hash. After updating the translation, record it with `quangba translate ID --to L --restamp`.
        With --approved, shows instead the edit that waits for approval: the approved version (what the public
        sees) against the working files — item.yaml and the source text without --lang, that translation with it.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item id.", completion: Completions.ids) var id: String
    @Option(help: ArgumentHelp("The translation's language.", valueName: "lang"), completion: Completions.languages) var lang: String?
    @Flag(help: "Show the edit waiting for approval: the approved version against the working files.") var approved = false
    @Option(help: "Output format.") var format: OutputFormat = .table

    func validate() throws {
        if lang == nil, !approved { throw ValidationError(Console.text("diff.needs_lang")) }
    }

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let itemID = try parseID(id)
            let loaded = try repo.load(itemID)
            guard let item = loaded.item, let source = loaded.translation(item.sourceLanguage) else {
                throw QuangBaError(Message("item.unreadable", ["id": id]), at: Location(file: loaded.folder), diagnostics: loaded.diagnostics)
            }
            if approved {
                try pending(loaded, item, language: try lang.map { try Editing.language($0, repo) })
                return
            }
            let target = try Editing.language(lang!, repo)
            let lang = target.rawValue
            if target == item.sourceLanguage {
                throw QuangBaError(Message("diff.is_source", ["id": id, "lang": lang]), at: Location(item: itemID))
            }
            guard let translation = loaded.translation(target) else {
                throw QuangBaError(Message("set.no_translation", ["id": id, "lang": lang]), at: Location(item: itemID))
            }
            let file = "\(loaded.folder)/\(lang).md"
            let args = ["id": id, "lang": lang, "file": file]
            switch try SourceHistory(repo).staleness(of: translation, source: source, item: item) {
            case .current:
                if format == .json { Console.out(JSONOutput.string(["id": id, "lang": lang, "changes": [Any]()])) }
                (format == .json ? Console.err : Console.out)(Console.text("diff.no_changes", args))
            case .notStamped:
                throw QuangBaError(Message("diff.not_stamped", args), at: Location(file: file))
            case .historyNotFound:
                throw QuangBaError(Message("diff.no_history", args.merging(["hash": translation.sourceHash ?? ""]) { $1 }), at: Location(file: file))
            case .changed(let old, let fields):
                let changes = fields.map { FieldChange(field: $0, old: old.source, new: source) }
                let sourceFile = "\(loaded.folder)/\(item.sourceLanguage.rawValue).md"
                if format == .json {
                    Console.out(JSONOutput.string(json(old, source, item, changes)))
                } else {
                    printDiff(old, sourceFile: sourceFile, changes)
                }
                Console.err(Console.text("diff.then", args))
            }
        }
    }

    /// `--approved`: what the public sees against the working files.
    private func pending(_ loaded: LoadedItem, _ item: Item, language: LanguageCode?) throws {
        let lang = language ?? item.sourceLanguage
        let args = ["id": id, "lang": lang.rawValue]
        var changes: [FieldChange] = []
        if lang == item.sourceLanguage, loaded.approved.recordChanged(item),
           let old = loaded.texts[ApprovedFiles.item], let new = loaded.texts["item.yaml"] {
            changes.append(FieldChange(field: "item.yaml", oldText: old, newText: new))
        }
        if let t = loaded.translation(lang), let old = loaded.approved.translations[lang], old.contentHash(kind: item.kind) != t.contentHash(kind: item.kind) {
            changes += t.changedFields(since: old, kind: item.kind).map { FieldChange(field: $0, old: old, new: t) }
        }
        if changes.isEmpty {
            if format == .json { Console.out(JSONOutput.string(["id": id, "lang": lang.rawValue, "changes": [Any]()])) }
            (format == .json ? Console.err : Console.out)(Console.text("diff.no_pending", args))
            return
        }
        if format == .json {
            Console.out(JSONOutput.string(["id": id, "lang": lang.rawValue, "changes": changes.map(\.json)]))
            return
        }
        Console.out(Console.styled("--- \(Console.text("diff.approved"))", .bold))
        Console.out(Console.styled("+++ \(Console.text("diff.now"))", .bold))
        for c in changes {
            Console.out(Console.styled("[\(c.field)]", .bold))
            if c.field == "body" || c.field == "item.yaml" {
                for h in c.hunks {
                    Console.out(Console.styled(h.header, .cyan))
                    for l in h.lines { Console.out(styled(l)) }
                }
            } else {
                for l in c.shortLines { Console.out(styled(l)) }
            }
        }
        Console.err(Console.text("diff.pending_then", args))
    }

    private func originText(_ o: SourceHistory.Origin) -> String {
        switch o {
        case .snapshot(let file): Console.text("diff.from_snapshot", ["file": file])
        case .git(let commit): Console.text("diff.from_git", ["commit": String(commit.prefix(12))])
        }
    }

    /// Unified-diff style: a header naming both versions, then each changed field.
    private func printDiff(_ old: SourceHistory.Version, sourceFile: String, _ changes: [FieldChange]) {
        Console.out(Console.text("diff.summary", ["id": id, "lang": lang ?? "", "fields": changes.map(\.field).joined(separator: ", ")]))
        Console.out(Console.styled("--- \(sourceFile) (\(originText(old.origin)))", .bold))
        Console.out(Console.styled("+++ \(sourceFile) (\(Console.text("diff.now")))", .bold))
        for c in changes {
            Console.out(Console.styled("[\(c.field)]", .bold))
            if c.field == "body" {
                for h in c.hunks {
                    Console.out(Console.styled(h.header, .cyan))
                    for l in h.lines { Console.out(styled(l)) }
                }
            } else {
                for l in c.shortLines { Console.out(styled(l)) }
            }
        }
    }

    private func styled(_ l: LineDiff.Line) -> String {
        switch l.op {
        case .equal: l.unified
        case .delete: Console.styled(l.unified, .red)
        case .insert: Console.styled(l.unified, .green)
        }
    }

    private func json(_ old: SourceHistory.Version, _ source: Translation, _ item: Item, _ changes: [FieldChange]) -> [String: Any] {
        let history: [String: Any] = switch old.origin {
        case .snapshot(let file): ["snapshot": file]
        case .git(let commit): ["git": commit]
        }
        return ["id": id, "lang": lang, "source_lang": item.sourceLanguage.rawValue,
                "from": old.source.contentHash(kind: item.kind), "to": source.contentHash(kind: item.kind),
                "history": history, "changes": changes.map(\.json)]
    }
}

/// One changed field of the source: old and new text, and the lines that differ.
private struct FieldChange {
    let field: String
    let old: String
    let new: String

    init(field: String, old: Translation, new: Translation) {
        self.field = field
        self.old = field == "body" ? old.body : old.fields[field] ?? ""
        self.new = field == "body" ? new.body : new.fields[field] ?? ""
    }

    init(field: String, oldText: String, newText: String) {
        self.field = field; self.old = oldText; self.new = newText
    }

    var hunks: [LineDiff.Hunk] { LineDiff.hunks(old, new, context: 3) }

    /// A short field whole: every old line removed, every new line added.
    var shortLines: [LineDiff.Line] {
        LineDiff.split(old).map { LineDiff.Line(.delete, $0) } + LineDiff.split(new).map { LineDiff.Line(.insert, $0) }
    }

    var json: [String: Any] {
        guard field == "body" || field == "item.yaml" else { return ["field": field, "old": old, "new": new] }
        return ["field": field, "hunks": hunks.map { h in
            ["header": h.header, "old_start": h.oldStart, "old_count": h.oldCount, "new_start": h.newStart, "new_count": h.newCount,
             "lines": h.lines.map(\.unified)] as [String: Any]
        }]
    }
}
