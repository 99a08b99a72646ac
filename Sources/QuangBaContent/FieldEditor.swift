import Foundation
public import QuangBaCore
import QuangBaText

/// Applies `FIELD=VALUE` assignments from the command line: typed by the one parser of each
/// kind of value (`TypedValue`, `MoneyText`), checked against the controlled lists,
/// NFC-normalized. `state` is not a field: it changes only through the workflow.
public struct FieldEditor {
    public let config: RepositoryConfig
    /// Names of the fixed choices (form, status) an editor may type instead of the code.
    public let choiceNames: ChoiceNames
    public init(config: RepositoryConfig, choiceNames: ChoiceNames = ChoiceNames()) { self.config = config; self.choiceNames = choiceNames }

    /// Splits `name=value` at the first `=`.
    public static func split(_ assignment: String) throws -> (String, String) {
        guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else {
            throw QuangBaError(Message("set.bad_assignment", ["text": assignment]))
        }
        return (String(assignment[..<eq]).trimmingCharacters(in: .whitespaces), Normalization.nfc(String(assignment[assignment.index(after: eq)...])))
    }

    /// Field names `set` accepts for an item of `kind` (without `--lang`).
    public static func itemFields(_ kind: ItemKind) -> [String] {
        var f = ["classification", "embargo", "unit", "topics", "channels", "pinned", "cover", "related", "attachments", "author"]
        switch kind {
        case .article, .clarification: break
        case .media: f += ["taken", "geo", "credit", "licence", "holder", "source", "video"]
        case .project: f += ["sector", "locality", "zone", "geo", "area_ha", "capital", "form", "status", "schedule", "contact_unit", "decision", "decision_date"]
        case .event: f += ["start", "end", "locality", "geo"]
        case .publication: f += ["pages", "isbn"]
        }
        // A media item's licence is its media.licence, above.
        if kind != .media { f.append("licence") }
        return f
    }

    public func apply(_ name: String, _ value: String, to item: inout Item) throws {
        do { try applyTyped(name, value, to: &item) } catch var e as QuangBaError {
            // The parsers do not know the item; the editor must see which one was refused.
            if e.location == Location() { e.location = Location(item: item.id) }
            throw e
        }
    }

    private func applyTyped(_ name: String, _ value: String, to item: inout Item) throws {
        let id = item.id, kind = item.kind
        func bad(_ expected: String) -> QuangBaError {
            QuangBaError(Message("set.bad_value", ["field": name, "value": value, "expected": expected]), at: Location(item: id))
        }
        func code(_ list: CodeList) throws -> String { try TypedValue.code(value.trimmingCharacters(in: .whitespaces), in: list, field: name) }
        func codes(_ list: CodeList) throws -> [String] { try listValue.map { try TypedValue.code($0, in: list, field: name) } }
        var listValue: [String] { value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        func ids() throws -> [ItemID] { try listValue.map { guard let i = ItemID($0) else { throw bad("item ids separated by commas") }; return i } }
        func time(allowNone: Bool = false) throws -> Timestamp? {
            if allowNone, value.isEmpty || value == "none" { return nil }
            return try TypedValue.instant(value, field: name)
        }
        func geo() throws -> GeoPoint? {
            if value.isEmpty || value == "none" { return nil }
            let parts = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw bad("lat,lon (e.g. 21.85,106.76)") }
            return GeoPoint(lat: try Self.decimal(parts[0], .latitude, field: name + ".lat", id), lon: try Self.decimal(parts[1], .longitude, field: name + ".lon", id))
        }
        func text() throws -> String {
            if !TextCheck.isXMLSafe(value) { throw QuangBaError(Message("text.forbidden_char", ["codepoint": "", "field": name]), at: Location(item: id)) }
            if !SecrecyStamp.lines(in: value).isEmpty { throw QuangBaError(Message("text.secrecy_stamp", ["field": name]), at: Location(item: id)) }
            return value
        }
        func licence() throws -> Licence {
            let key = TypedValue.nameKey(value)
            guard let l = Licence(value) ?? Licence.table.first(where: { TypedValue.nameKey($0.code) == key })?.licence else {
                throw bad(Licence.table.map(\.code).joined(separator: ", ") + (kind == .media ? "" : "; none for the repository's default"))
            }
            return l
        }
        func choice<T: RawRepresentable & CaseIterable>(_: T.Type) throws -> T where T.RawValue == String {
            try TypedValue.choice(value.trimmingCharacters(in: .whitespaces), T.self, names: choiceNames.byField[name] ?? [:], field: name)
        }

        guard Self.itemFields(item.kind).contains(name) else {
            if name == "state" { throw QuangBaError(Message("set.state_via_workflow"), at: Location(item: id)) }
            if item.kind.translatableFields.contains(name) || name == "body" { throw QuangBaError(Message("set.needs_lang", ["field": name]), at: Location(item: id)) }
            throw QuangBaError(Message("set.unknown_field", ["field": name, "allowed": Self.itemFields(item.kind).joined(separator: ", ")]), at: Location(item: id))
        }
        switch name {
        case "classification": item.classification = try choice(Classification.self)
        case "embargo": item.embargo = try time(allowNone: true)
        case "unit": item.unit = try code(config.units)
        case "topics": item.topics = try codes(config.topics)
        case "channels": item.channels = try codes(config.channels)
        case "pinned": guard let b = Bool(value.lowercased()) else { throw bad("true, false") }; item.pinned = b
        case "cover": item.relations.cover = value.isEmpty || value == "none" ? nil : try ids().first
        case "related": item.relations.related = try ids()
        case "attachments": item.relations.attachments = try ids()
        case "author": item.author = try text()
        case "licence" where item.kind != .media: item.licence = value.isEmpty || value == "none" ? nil : try licence()
        default: try applyDetail(name, value, to: &item, time: { try time() }, geo: geo, text: text, code: code, licence: licence, bad: bad,
                                 form: { try choice(InvestmentForm.self) }, status: { try choice(ProjectStatus.self) })
        }
    }

    private func applyDetail(_ name: String, _ value: String, to item: inout Item, time: () throws -> Timestamp?, geo: () throws -> GeoPoint?,
                             text: () throws -> String, code: (CodeList) throws -> String, licence: () throws -> Licence, bad: (String) -> QuangBaError,
                             form: () throws -> InvestmentForm, status: () throws -> ProjectStatus) throws {
        switch item.details {
        case .media(var m):
            switch name {
            case "taken": m.taken = value.isEmpty ? nil : try time()
            case "geo": m.geo = try geo()
            case "credit": m.credit = try text()
            case "licence": m.licence = try licence()
            case "holder":
                m.holder = value.isEmpty ? nil : try text()
                if value.isEmpty { m.holderTranslations = [:] }
            case "source", "video":
                var address: WebAddress?
                if !value.isEmpty {
                    guard let a = WebAddress(value) else { throw bad(WebAddress.acceptedForms) }
                    address = a
                    _ = try text()
                }
                if name == "source" { m.source = address } else { m.video = address }
            default: break
            }
            item.details = .media(m)
        case .project(var p):
            switch name {
            case "sector": p.sector = try code(config.sectors)
            case "locality": p.locality = try code(config.localities)
            case "zone": p.zone = value.isEmpty || value == "none" ? nil : try code(config.zones)
            case "geo": p.geo = try geo()
            case "area_ha": p.areaHa = value.isEmpty || value == "none" ? nil : try TypedValue.decimal(value, .areaHa, field: name)
            case "capital": p.capital = value.isEmpty || value == "none" ? nil : try MoneyText.parse(value, field: name).money
            case "form": p.form = try form()
            case "status": p.status = try status()
            case "schedule":
                let years = value.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard years.count == 2, let a = years[0], let b = years[1], (1900...2200).contains(a), b >= a, b <= 2200 else { throw bad("START-END years, e.g. 2026-2030") }
                p.scheduleStart = a; p.scheduleEnd = b
            case "contact_unit": p.contactUnit = try code(config.units)
            case "decision": p.legalDecision = value.isEmpty ? nil : try text()
            case "decision_date": p.legalDate = value.isEmpty ? nil : try TypedValue.day(value, field: name)
            default: break
            }
            item.details = .project(p)
        case .event(var e):
            switch name {
            case "start": e.start = try time() ?? e.start
            case "end": e.end = try time() ?? e.end
            case "locality": e.locality = value.isEmpty ? nil : try code(config.localities)
            case "geo": e.geo = try geo()
            default: break
            }
            item.details = .event(e)
        case .publication(var p):
            switch name {
            case "pages": guard let n = Int(value), (1...100_000).contains(n) else { throw bad("whole number 1–100000") }; p.pages = n
            case "isbn": guard value.isEmpty || ISBN.isValid(value) else { throw bad("a valid ISBN-10 or ISBN-13") }; p.isbn = value.isEmpty ? nil : value
            default: break
            }
            item.details = .publication(p)
        case .none: break
        }
    }

    /// The stored value of a typed field as the editor should check it, e.g. `capital: 2 900 000
    /// 000 000 VND (2.900 tỷ đồng)`, `taken: 2026-05-01T01:30:00Z`, `locality: cao-loc (Cao Lộc)`;
    /// nil for text and for fields that hold what was typed.
    public func readBack(_ name: String, of item: Item, language: LanguageCode) -> String? {
        func named(_ code: String?, _ list: CodeList) -> String? {
            code.map { c in
                let n = list.name(c, language, fallback: config.sourceLanguage)
                return n == c ? c : "\(c) (\(n))"
            }
        }
        let none = "—"
        switch name {
        case "classification": return item.classification.rawValue
        case "embargo": return item.embargo?.description ?? none
        case "unit": return named(item.unit, config.units)
        case "topics": return item.topics.compactMap { named($0, config.topics) }.joined(separator: ", ")
        case "channels": return item.channels.compactMap { named($0, config.channels) }.joined(separator: ", ")
        case "licence" where item.kind != .media: return item.licence?.code ?? "\(config.licence.code) (\(RepositoryConfig.fileName))"
        default: break
        }
        switch item.details {
        case .media(let m):
            switch name {
            case "taken": return m.taken?.description ?? none
            case "licence": return m.licence.code
            default: return nil
            }
        case .project(let p):
            switch name {
            case "capital": return p.capital.map { MoneyText.readBack($0, language: language) } ?? none
            case "area_ha": return p.areaHa.map { DecimalRule.format($0) + " ha" } ?? none
            case "sector": return named(p.sector, config.sectors)
            case "locality": return named(p.locality, config.localities)
            case "zone": return named(p.zone, config.zones) ?? none
            case "contact_unit": return named(p.contactUnit, config.units)
            case "form": return p.form.rawValue
            case "status": return p.status.rawValue
            case "decision_date": return p.legalDate ?? none
            default: return nil
            }
        case .event(let e):
            switch name {
            case "start": return e.start.description
            case "end": return e.end.description
            case "locality": return named(e.locality, config.localities) ?? none
            default: return nil
            }
        default: return nil
        }
    }

    /// A number `rule` accepts, or the message that shows the accepted forms (as `validate` says it).
    private static func decimal(_ value: String, _ rule: DecimalRule, field: String, _ id: ItemID) throws -> Double {
        guard let v = rule.accept(value) else {
            throw QuangBaError(Message("yaml.bad_decimal", rule.messageArguments(field: field, value: value)), at: Location(item: id))
        }
        return v
    }

    /// Sets a translatable field (or `body`) of a language version.
    public func apply(_ name: String, _ value: String, to t: inout Translation, kind: ItemKind, item: ItemID) throws {
        if ["status", "source_hash"].contains(name) { throw QuangBaError(Message("set.status_via_workflow"), at: Location(item: item)) }
        guard kind.translatableFields.contains(name) || name == "body" || name == "translator" else {
            throw QuangBaError(Message("set.unknown_field", ["field": name, "allowed": (kind.translatableFields + ["body", "translator"]).joined(separator: ", ")]), at: Location(item: item))
        }
        if !TextCheck.isXMLSafe(value) { throw QuangBaError(Message("text.forbidden_char", ["codepoint": "", "field": name]), at: Location(item: item)) }
        if !SecrecyStamp.lines(in: value).isEmpty { throw QuangBaError(Message("text.secrecy_stamp", ["field": name]), at: Location(item: item)) }
        switch name {
        case "body": t.body = value
        case "translator": t.translator = value.isEmpty ? nil : value
        default: if value.isEmpty, name != "title" { t.fields[name] = nil } else { t.fields[name] = value }
        }
    }
}

extension Repository {
    /// Sets fields of an item (`language` nil) or of one language version, as `quangba set` does
    /// (the caller holds the repository lock): every value read by `FieldEditor`'s rules, the
    /// item dated, the change checked and saved whole. `editor`: who is editing, asked once the
    /// item is loaded (a change to approved text needs a name for the audit log). Returns the
    /// item as saved.
    @discardableResult
    public func setFields(_ pairs: [(String, String)], of id: ItemID, language: LanguageCode?,
                          editor: (LoadedItem, LanguageCode?) throws -> String?) throws -> Item {
        let loaded = try load(id)
        guard var item = loaded.item else {
            throw QuangBaError(Message("item.unreadable", ["id": id.rawValue]), at: Location(file: loaded.folder + "/item.yaml"), diagnostics: loaded.diagnostics)
        }
        let fields = FieldEditor(config: config, choiceNames: .load(self))
        var changed: [Translation] = []
        if let language {
            guard var t = loaded.translation(language) else {
                throw QuangBaError(Message("set.no_translation", ["id": id.rawValue, "lang": language.rawValue]), at: Location(item: id))
            }
            for (k, v) in pairs { try fields.apply(k, v, to: &t, kind: item.kind, item: id) }
            changed = [t]
        } else {
            for (k, v) in pairs { try fields.apply(k, v, to: &item) }
        }
        item.updated = .now
        try saveEdit(item, translations: changed, by: editor(loaded, language))
        return item
    }
}
