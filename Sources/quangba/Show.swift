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
    @Argument(help: "The item id.", completion: Completions.ids) var id: String
    @Option(help: ArgumentHelp("Also print this language version's fields and body.", valueName: "lang"), completion: Completions.languages) var lang: String?
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
        case .notPublished(let s): Console.text("gate.not_published", ["state": Console.stateName(s)])
        case .internalClassification: Console.text("gate.internal")
        case .embargoed(let until): Console.text("gate.embargoed", ["until": when(until)])
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
        Console.out("\(item.id)  [\(Console.kindName(item.kind))]  \(loaded.translation(src)?.title ?? "")")
        Console.out("  " + Console.text("show.state", ["state": Console.stateName(item.state), "classification": Console.classificationName(item.classification), "author": item.author]))
        Console.out("  " + Console.text("show.unit", ["unit": name(c.units, item.unit)]))
        var dates = [Console.text("show.created", ["date": when(item.created)]), Console.text("show.updated", ["date": when(item.updated)])]
        if let p = item.published { dates.append(Console.text("show.published", ["date": when(p)])) }
        if let e = item.embargo { dates.append(Console.text("show.embargo", ["date": when(e)])) }
        if let w = item.withdrawn { dates.append(Console.text("show.withdrawn", ["date": when(w)])) }
        Console.out("  " + dates.joined(separator: " · "))
        if loaded.itemChangedSinceApproval { Console.out("  " + Console.styled(Console.text("show.changed_since_approval", ["id": item.id.rawValue]), .bold)) }
        if !item.topics.isEmpty { Console.out("  " + Console.text("show.topics", ["list": item.topics.map { name(c.topics, $0) }.joined(separator: ", ")])) }
        if !item.channels.isEmpty { Console.out("  " + Console.text("show.channels", ["list": item.channels.map { name(c.channels, $0) }.joined(separator: ", ")])) }
        for (rel, target) in item.relations.all { Console.out("  \(relationLabel(rel)) → \(target)") }
        if let l = item.licence { Console.out("  " + Console.text("show.licence", ["value": Console.licenceName(l)])) }
        for line in facts(item, c, ui) { Console.out("  " + line) }
        Console.out(Console.text("show.languages"))
        let sourceHash = loaded.translation(src)?.contentHash(kind: item.kind)
        for v in verdict.languages {
            let t = loaded.translation(v.language)
            let stale = v.language != src && t != nil && t?.sourceHash != sourceHash
            var state: String
            if verdict.isPublic && v.isPublic { state = Console.text("gate.public") }
            else {
                // A file that is there but broken is not "not translated": it is said once, as broken.
                let file = "\(loaded.folder)/\(v.language.rawValue).md"
                let broken = diagnostics.contains { $0.severity == .error && $0.location.file == file } && t == nil
                let reasons = (verdict.itemReasons + v.reasons).map { r -> String in
                    if case .missingTranslation = r, broken { return Console.text("show.file_broken", ["file": file]) }
                    return reasonText(r)
                }
                state = Console.text("gate.not_public", ["reasons": reasons.joined(separator: "; ")])
            }
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
            if let s = t.status { Console.out(Console.text("show.translation_status", ["value": Console.translationStatusName(s)])) }
            if let tr = t.translator { Console.out(Console.text("show.translator", ["value": tr])) }
            Console.out("")
            Console.out(t.body)
        }
    }

    /// A date and time as people of the UI language write it, in the province's time zone.
    /// Day and time apart, joined by the catalog: ICU 72 runs them together in Vietnamese
    /// ("lúc 07:06 22 tháng 11, 2026").
    private func when(_ t: Timestamp) -> String {
        let ui = LanguageCode(Console.language)
        return Console.text("show.datetime", ["date": LocaleFormat.date(t, language: ui), "time": LocaleFormat.date(t, language: ui, skeleton: "jmm")])
    }

    private func relationLabel(_ rel: String) -> String {
        switch rel {
        case "cover": Console.text("show.cover")
        case "related": Console.text("show.related")
        default: Console.text("show.attachments")
        }
    }

    /// The typed fields of the kind, as labelled lines in the UI language: codes from
    /// quangba.yaml with their names ("code (Tên)"), numbers and dates in the language's style.
    private func facts(_ item: Item, _ c: RepositoryConfig, _ ui: LanguageCode) -> [String] {
        let src = item.sourceLanguage
        func name(_ list: CodeList, _ code: String) -> String { "\(code) (\(list.name(code, ui, fallback: src)))" }
        func label(_ key: String, _ value: String) -> String { Console.text(key, ["value": value]) }
        func file(_ f: FileFacts) -> String {
            "\(f.file) (\(f.type), \(Console.text("show.bytes", ["count": Console.count(f.bytes)])))"
        }
        func day(_ s: String) -> String {
            Timestamp(parsing: s, allowDate: true).map { LocaleFormat.date($0, language: ui) } ?? s
        }
        switch item.details {
        case .none: return []
        case .media(let m):
            var out = [label("show.file", file(m.file))]
            if let w = m.width, let h = m.height {
                out.append(label("show.size", Console.text("show.pixels", ["width": Console.count(w), "height": Console.count(h)])))
            }
            out.append(label("show.credit", m.credit))
            out.append(label("show.licence", Console.licenceName(m.licence)))
            if let holder = m.holder { out.append(label("show.holder", holder)) }
            if let t = m.taken { out.append(label("show.taken", when(t))) }
            if let g = m.geo {
                out.append(label("show.geo", Console.text("show.geo_value", ["lat": Console.decimal(g.lat, digits: 6), "lon": Console.decimal(g.lon, digits: 6)])))
            }
            return out
        case .project(let p):
            var out = [label("show.sector", name(c.sectors, p.sector)), label("show.locality", name(c.localities, p.locality))]
            if let z = p.zone { out.append(label("show.zone", name(c.zones, z))) }
            if let a = p.areaHa { out.append(label("show.area", Console.text("show.hectares", ["count": LocaleFormat.number(a, language: ui)]))) }
            if let m = p.capital { out.append(label("show.capital", LocaleFormat.currency(m, language: ui))) }
            out.append(label("show.form", Console.formName(p.form)))
            out.append(label("show.status", Console.projectStatusName(p.status)))
            // Years, never grouped ("2.025" would be a number).
            if let s = p.scheduleStart { out.append(label("show.schedule", "\(s)–\(p.scheduleEnd.map(String.init) ?? "")")) }
            out.append(label("show.contact", name(c.units, p.contactUnit)))
            if let d = p.legalDecision { out.append(label("show.legal_basis", d + (p.legalDate.map { " (\(day($0)))" } ?? ""))) }
            return out
        case .event(let e):
            var out = [label("show.start", when(e.start)), label("show.end", when(e.end))]
            if let l = e.locality { out.append(label("show.locality", name(c.localities, l))) }
            if let g = e.geo {
                out.append(label("show.geo", Console.text("show.geo_value", ["lat": Console.decimal(g.lat, digits: 6), "lon": Console.decimal(g.lon, digits: 6)])))
            }
            return out
        case .publication(let p):
            var out = [label("show.file", file(p.file))]
            if let n = p.pages { out.append(label("show.pages", Console.count(n))) }
            if let i = p.isbn { out.append(label("show.isbn", i)) }
            return out
        }
    }

    private func json(_ item: Item, _ loaded: LoadedItem, _ verdict: PublicationGate.Verdict, _ diagnostics: [Diagnostic], _ wanted: LanguageCode?) -> [String: Any] {
        let sorted = Validator.sorted(diagnostics)
        var o: [String: Any] = [
            "id": item.id.rawValue, "kind": item.kind.rawValue, "state": item.state.rawValue, "classification": item.classification.rawValue,
            "source_lang": item.sourceLanguage.rawValue, "unit": item.unit, "topics": item.topics, "channels": item.channels, "pinned": item.pinned,
            "created": item.created.description, "updated": item.updated.description, "author": item.author,
            "public": verdict.isPublic, "item_reasons": verdict.itemReasons.map(reasonCode),
            "changed_since_approval": loaded.itemChangedSinceApproval,
            "errors": sorted.filter { $0.severity == .error }.map(JSONOutput.diagnostic),
            "warnings": sorted.filter { $0.severity == .warning }.map(JSONOutput.diagnostic),
            "relations": relations(item.relations),
        ]
        if let p = item.published { o["published"] = p.description }
        if let e = item.embargo { o["embargo"] = e.description }
        if let w = item.withdrawn { o["withdrawn"] = w.description }
        if let l = item.licence { o["licence"] = l.code }
        if let d = details(item.details) { o["details"] = d }
        o["translations"] = verdict.languages.map { v -> [String: Any] in
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

    private func relations(_ r: Relations) -> [String: Any] {
        var o: [String: Any] = ["related": r.related.map(\.rawValue), "attachments": r.attachments.map(\.rawValue)]
        if let c = r.cover { o["cover"] = c.rawValue }
        return o
    }

    /// The typed fields of the kind as stored: codes, numbers, UTC times, for scripts.
    private func details(_ d: Details) -> [String: Any]? {
        func geo(_ g: GeoPoint?) -> [String: Any]? { g.map { ["lat": $0.lat, "lon": $0.lon] } }
        func file(_ f: FileFacts) -> [String: Any] { ["file": f.file, "type": f.type, "sha256": f.sha256, "bytes": f.bytes] }
        var o: [String: Any]
        switch d {
        case .none: return nil
        case .media(let m):
            o = ["file": file(m.file), "credit": m.credit, "licence": m.licence.code]
            if let w = m.width { o["width"] = w }
            if let h = m.height { o["height"] = h }
            if let t = m.taken { o["taken"] = t.description }
            if let g = geo(m.geo) { o["geo"] = g }
            if let h = m.holder { o["holder"] = h }
            if let s = m.source { o["source"] = s.description }
            if let v = m.video { o["video"] = v.description }
        case .project(let p):
            o = ["sector": p.sector, "locality": p.locality, "form": p.form.rawValue, "status": p.status.rawValue, "contact_unit": p.contactUnit]
            if let z = p.zone { o["zone"] = z }
            if let g = geo(p.geo) { o["geo"] = g }
            if let a = p.areaHa { o["area_ha"] = a }
            if let c = p.capital { o["capital"] = ["amount": c.amount, "currency": c.currency.rawValue] }
            if let s = p.scheduleStart { o["schedule_start"] = s }
            if let e = p.scheduleEnd { o["schedule_end"] = e }
            if let d = p.legalDecision { o["decision"] = d }
            if let d = p.legalDate { o["decision_date"] = d }
        case .event(let e):
            o = ["start": e.start.description, "end": e.end.description]
            if let l = e.locality { o["locality"] = l }
            if let g = geo(e.geo) { o["geo"] = g }
        case .publication(let p):
            o = ["file": file(p.file)]
            if let n = p.pages { o["pages"] = n }
            if let i = p.isbn { o["isbn"] = i }
        }
        return o
    }
}
