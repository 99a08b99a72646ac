import ArgumentParser
import QuangBaContent
import QuangBaCore

struct SetField: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set fields of an item (or, with --lang, of one language version) from the command line.",
        discussion: """
        Values are read exactly or refused, never guessed; what was stored is printed back.
        Money: an amount and VND (đồng, đ, ₫) or USD (US$, $, đô la Mỹ), before or after:
          2900000000000 VND, 2.900.000.000.000 VND, 2 900 000 000 000 VND; without a scale word the
          amount is whole, and a single "." or "," (2.5 USD, 2.900 VND) is refused as ambiguous.
          With triệu/tỷ/nghìn tỷ, "." groups and "," marks decimals: 2.900 tỷ đồng, 1,5 triệu USD.
          With million/billion/trillion, "," groups and "." marks decimals: USD 1.5 million, VND 2.9 trillion.
        Decimals (area_ha): 46,5 or 46.5; "1.234" or "1,234" alone is refused (write 1234 or 1,2340).
        Times: 2026-05-01T08:30:00+07:00 (stored in UTC), 2026-05-01T01:30Z, 2026-05-01; a time
          without Z or an offset is refused. Days: 2026-05-01 or day first 10/06/2025 (10 June).
        Codes of quangba.yaml (unit, topics, sector, locality…) and form/status: the code or the
          name in any configured language, case and accents aside: locality="Đồng Đăng".
        Lists take commas: topics=culture,tourism.
        Examples:
          quangba set cho-ky-lua embargo=2026-12-01 topics=culture,tourism
          quangba set nha-may-dien-gio capital="3.400 tỷ đồng" area_ha=120,5 schedule=2026-2030
          quangba set cho-ky-lua --lang en title="Kỳ Lừa Market" summary="…"
        The state changes only through `quangba workflow`.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item id.", completion: Completions.ids) var id: String
    @Option(help: ArgumentHelp("Set translatable fields (title, summary, body, …) of this language version.", valueName: "lang"), completion: Completions.languages) var lang: String?
    @Argument(help: ArgumentHelp("One or more FIELD=VALUE.", valueName: "field=value")) var assignments: [String]
    @Option(help: ArgumentHelp("Who is editing (default: QUANGBA_USER or ~/.config/quangba/user); needed to edit approved text.", valueName: "name")) var by: String?

    func validate() throws {
        if assignments.isEmpty { throw ValidationError(Console.text("set.needs_assignment")) }
    }

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let itemID = try parseID(id)
            let pairs = try assignments.map(FieldEditor.split)
            let language = try lang.map { try Editing.language($0, repo) }
            let item = try Editing.locked(repo) {
                try repo.setFields(pairs, of: itemID, language: language) { loaded, language in try Editing.editor(by, loaded, language: language) }
            }
            // What was stored, read back, so a value read otherwise than meant is seen at once.
            if language == nil {
                let fields = FieldEditor(config: repo.config, choiceNames: .load(repo))
                for (k, _) in pairs {
                    if let shown = fields.readBack(k, of: item, language: LanguageCode(Console.language)) {
                        Console.err(Console.text("set.read_back", ["field": k, "value": shown]))
                    }
                }
            }
            Console.err(Console.text("set.done", ["id": id, "count": "\(pairs.count)"]))
        }
    }
}
