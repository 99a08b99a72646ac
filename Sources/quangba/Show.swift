import ArgumentParser
import QuangBaContent
import QuangBaCore
import QuangBaText

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show an item and explain, per language, whether it is public and why not.",
        discussion: "Reads the files themselves, so it shows the item as it is on disk now."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item id.") var id: String
    @Option(help: ArgumentHelp("Also print this language version's fields and body.", valueName: "lang")) var lang: String?
    @Option(help: "Output format.") var format: OutputFormat = .table

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let loaded = try repo.load(try parseID(id))
            guard let item = loaded.item else {
                throw QuangBaError(Message("item.unreadable", ["id": id]), at: Location(file: loaded.folder + "/item.yaml"), diagnostics: loaded.diagnostics)
            }
            let langs = repo.config.languageCodes
            // Its own problems and those with other items, as `validate` and the index see them.
            let diagnostics = loaded.diagnostics + repo.crossItemDiagnostics(loaded)
            let errors = diagnostics.filter { $0.severity == .error }.count
            // What the public sees: the approved versions where an edit waits for approval.
            let view = loaded.publicView ?? (item, loaded.translations)
            let verdict = PublicationGate.evaluate(view.item, translations: view.translations, errors: errors, languages: langs, now: .now)
            let wanted = try lang.map { try Editing.language($0, repo) }
            switch format {
            case .json: Console.out(JSONOutput.string(json(item, loaded, verdict, diagnostics, wanted)))
            case .table: printTable(repo, item, loaded, verdict, diagnostics, wanted)
            }
        }
    }

    private func reasonText(_ r: PublicationGate.Reason) -> String {
        switch r {
        case .invalid(let n): Console.text("gate.invalid", ["count": "\(n)"])
        case .notPublished(let s): Console.text("gate.not_published", ["state": s.rawValue])
        case .internalClassification: Console.text("gate.internal")
        case .embargoed(let until): Console.text("gate.embargoed", ["until": until.description])
        case .missingTranslation: Console.text("gate.missing_translation")
        case .translationNotApproved: Console.text("gate.translation_not_approved")
        case .missingAltText: Console.text("gate.missing_alt")
        case .missingTitle: Console.text("gate.missing_title")
        }
    }

    private func reasonCode(_ r: PublicationGate.Reason) -> String {
        switch r {
        case .invalid: "invalid"
        case .notPublished: "not_published"
        case .internalClassification: "internal"
        case .embargoed: "embargoed"
        case .missingTranslation: "missing_translation"
        case .translationNotApproved: "translation_not_approved"
        case .missingAltText: "missing_alt_text"
        case .missingTitle: "missing_title"
        }
    }

    private func printTable(_ repo: Repository, _ item: Item, _ loaded: LoadedItem, _ verdict: PublicationGate.Verdict, _ diagnostics: [Diagnostic], _ wanted: LanguageCode?) {
        let c = repo.config
        let ui = LanguageCode(Console.language)
        let src = item.sourceLanguage
        func name(_ list: CodeList, _ code: String) -> String { "\(code) (\(list.name(code, ui, fallback: src)))" }
        Console.out("\(item.id)  [\(item.kind.rawValue)]  \(loaded.translation(src)?.title ?? "")")
        Console.out("  " + Console.text("show.state", ["state": item.state.rawValue, "classification": item.classification.rawValue, "author": item.author]))
        Console.out("  " + Console.text("show.unit", ["unit": name(c.units, item.unit)]))
        var dates = [Console.text("show.created", ["date": item.created.description]), Console.text("show.updated", ["date": item.updated.description])]
        if let p = item.published { dates.append(Console.text("show.published", ["date": p.description])) }
        if let e = item.embargo { dates.append(Console.text("show.embargo", ["date": e.description])) }
        if let w = item.withdrawn { dates.append(Console.text("show.withdrawn", ["date": w.description])) }
        Console.out("  " + dates.joined(separator: " · "))
        if loaded.itemChangedSinceApproval { Console.out("  " + Console.styled(Console.text("show.changed_since_approval", ["id": item.id.rawValue]), .bold)) }
        if !item.topics.isEmpty { Console.out("  " + Console.text("show.topics", ["list": item.topics.map { name(c.topics, $0) }.joined(separator: ", ")])) }
        if !item.channels.isEmpty { Console.out("  " + Console.text("show.channels", ["list": item.channels.map { name(c.channels, $0) }.joined(separator: ", ")])) }
        for (rel, target) in item.relations.all { Console.out("  \(rel) → \(target)") }
        for (k, v) in facts(item, c, ui) { Console.out("  \(k): \(v)") }
        Console.out(Console.text("show.languages"))
        let sourceHash = loaded.translation(src)?.contentHash(kind: item.kind)
        for v in verdict.languages {
            let t = loaded.translation(v.language)
            let stale = v.language != src && t != nil && t?.sourceHash != sourceHash
            var state: String
            if verdict.isPublic && v.isPublic { state = Console.text("gate.public") }
            else { state = Console.text("gate.not_public", ["reasons": (verdict.itemReasons + v.reasons).map(reasonText).joined(separator: "; ")]) }
            if stale { state += " · " + Console.text("show.stale") }
            if loaded.translationsChangedSinceApproval.contains(v.language) {
                state += " · " + Console.text("show.translation_changed", ["id": item.id.rawValue, "lang": v.language.rawValue])
            }
            Console.out("  \(DisplayWidth.fit(v.language.rawValue, 8)) \(state)" + (t.map { "  — \($0.title)" } ?? ""))
        }
        for d in Validator.sorted(diagnostics) { Console.out("  " + Console.line(d)) }
        if let wanted, let t = loaded.translation(wanted) {
            Console.out("")
            for f in item.kind.translatableFields { if let v = t.fields[f] { Console.out("\(f): \(v)") } }
            if let s = t.status { Console.out("status: \(s.rawValue)") }
            if let tr = t.translator { Console.out("translator: \(tr)") }
            Console.out("")
            Console.out(t.body)
        }
    }

    /// The typed fields of the kind, formatted for people in the UI language.
    private func facts(_ item: Item, _ c: RepositoryConfig, _ ui: LanguageCode) -> [(String, String)] {
        let src = item.sourceLanguage
        switch item.details {
        case .none: return []
        case .media(let m):
            var out = [("file", "\(m.file.file) (\(m.file.type), \(LocaleFormat.number(Double(m.file.bytes), language: ui)) bytes)")]
            if let w = m.width, let h = m.height { out.append(("size", "\(w)×\(h)")) }
            out.append(("credit", m.credit))
            out.append(("licence", m.licence.stored + (m.holder.map { " (\($0))" } ?? "")))
            if let t = m.taken { out.append(("taken", LocaleFormat.date(t, language: ui, skeleton: "yMMMMdjmm"))) }
            if let g = m.geo { out.append(("geo", "\(g.lat), \(g.lon)")) }
            return out
        case .project(let p):
            var out = [("sector", c.sectors.name(p.sector, ui, fallback: src)),
                       ("locality", c.localities.name(p.locality, ui, fallback: src) + (p.zone.map { " — " + c.zones.name($0, ui, fallback: src) } ?? ""))]
            if let a = p.areaHa { out.append(("area", LocaleFormat.number(a, language: ui) + " ha")) }
            if let m = p.capital { out.append(("capital", LocaleFormat.currency(m, language: ui))) }
            out.append(("form", p.form.rawValue))
            out.append(("status", p.status.rawValue))
            if let s = p.scheduleStart { out.append(("schedule", "\(s)–\(p.scheduleEnd.map(String.init) ?? "")")) }
            out.append(("contact", c.units.name(p.contactUnit, ui, fallback: src)))
            if let d = p.legalDecision { out.append(("legal basis", d + (p.legalDate.map { " (\($0))" } ?? ""))) }
            return out
        case .event(let e):
            var out = [("start", LocaleFormat.date(e.start, language: ui, skeleton: "yMMMMdjmm")), ("end", LocaleFormat.date(e.end, language: ui, skeleton: "yMMMMdjmm"))]
            if let l = e.locality { out.append(("locality", c.localities.name(l, ui, fallback: src))) }
            return out
        case .publication(let p):
            var out = [("file", "\(p.file.file) (\(p.file.type), \(LocaleFormat.number(Double(p.file.bytes), language: ui)) bytes)")]
            if let n = p.pages { out.append(("pages", "\(n)")) }
            if let i = p.isbn { out.append(("isbn", i)) }
            return out
        }
    }

    private func json(_ item: Item, _ loaded: LoadedItem, _ verdict: PublicationGate.Verdict, _ diagnostics: [Diagnostic], _ wanted: LanguageCode?) -> [String: Any] {
        var o: [String: Any] = [
            "id": item.id.rawValue, "kind": item.kind.rawValue, "state": item.state.rawValue, "classification": item.classification.rawValue,
            "source_language": item.sourceLanguage.rawValue, "unit": item.unit, "topics": item.topics, "channels": item.channels,
            "created": item.created.description, "updated": item.updated.description, "author": item.author,
            "public": verdict.isPublic, "item_reasons": verdict.itemReasons.map(reasonCode),
            "changed_since_approval": loaded.itemChangedSinceApproval,
            "errors": Validator.sorted(diagnostics).filter { $0.severity == .error }.map { Console.line($0) },
        ]
        if let p = item.published { o["published"] = p.description }
        if let e = item.embargo { o["embargo"] = e.description }
        if let w = item.withdrawn { o["withdrawn"] = w.description }
        o["languages"] = verdict.languages.map { v -> [String: Any] in
            var l: [String: Any] = ["lang": v.language.rawValue, "public": verdict.isPublic && v.isPublic, "reasons": v.reasons.map(reasonCode)]
            if let t = loaded.translation(v.language) {
                l["title"] = t.title
                if v.language != item.sourceLanguage {
                    l["stale"] = t.sourceHash != loaded.translation(item.sourceLanguage)?.contentHash(kind: item.kind)
                }
                if let s = t.status { l["status"] = s.rawValue }
                if v.language != item.sourceLanguage { l["changed_since_approval"] = loaded.translationsChangedSinceApproval.contains(v.language) }
                if let tr = t.translator { l["translator"] = tr }
            }
            return l
        }
        if let wanted, let t = loaded.translation(wanted) {
            o["translation"] = ["lang": wanted.rawValue, "fields": t.fields, "body": t.body] as [String: Any]
        }
        return o
    }
}
