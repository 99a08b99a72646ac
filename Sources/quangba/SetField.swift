import ArgumentParser
import QuangBaContent
import QuangBaCore

struct SetField: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set fields of an item (or, with --lang, of one language version) from the command line.",
        discussion: """
        Values are typed and checked: numbers, dates, currencies and the controlled lists of quangba.yaml.
        Lists take commas: topics=culture,tourism. Dates: 2026-03-01 or 2026-03-01T08:00:00Z (UTC).
        Examples:
          quangba set cho-ky-lua embargo=2026-12-01 topics=culture,tourism
          quangba set nha-may-dien-gio capital="3400000000000 VND" area_ha=120.5 schedule=2026-2030
          quangba set cho-ky-lua --lang en title="Kỳ Lừa Market" summary="…"
        The state changes only through `quangba workflow`.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item id.") var id: String
    @Option(help: ArgumentHelp("Set translatable fields (title, summary, body, …) of this language version.", valueName: "lang")) var lang: String?
    @Argument(help: ArgumentHelp("One or more FIELD=VALUE.", valueName: "field=value")) var assignments: [String]
    @Option(help: ArgumentHelp("Who is editing (default: QUANGBA_USER or ~/.config/quangba/user); needed to edit approved text.", valueName: "name")) var by: String?

    func validate() throws {
        if assignments.isEmpty { throw ValidationError("Give at least one FIELD=VALUE.") }
    }

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let itemID = try parseID(id)
            let pairs = try assignments.map(FieldEditor.split)
            try Editing.locked(repo) {
                let loaded = try repo.load(itemID)
                guard var item = loaded.item else {
                    throw QuangBaError(Message("item.unreadable", ["id": id]), at: Location(file: loaded.folder + "/item.yaml"), diagnostics: loaded.diagnostics)
                }
                let editor = FieldEditor(config: repo.config)
                var changed: [Translation] = []
                if let lang {
                    let code = try Editing.languageArgument(lang, repo, default: item.sourceLanguage)
                    guard var t = loaded.translation(code) else {
                        throw QuangBaError(Message("set.no_translation", ["id": id, "lang": lang]), at: Location(item: itemID))
                    }
                    for (k, v) in pairs { try editor.apply(k, v, to: &t, kind: item.kind, item: itemID) }
                    changed = [t]
                } else {
                    for (k, v) in pairs { try editor.apply(k, v, to: &item) }
                }
                item.updated = .now
                try repo.saveEdit(item, translations: changed, by: Editing.editor(by, loaded, language: changed.first?.language))
            }
            Console.err(Console.text("set.done", ["id": id, "count": "\(pairs.count)"]))
        }
    }
}
