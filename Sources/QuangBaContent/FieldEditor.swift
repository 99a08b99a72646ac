import Foundation
import QuangBaCore
import QuangBaText

/// Applies `FIELD=VALUE` assignments from the command line: typed, checked against the
/// controlled lists, NFC-normalized. `state` is not a field: it changes only through the workflow.
public struct FieldEditor {
    public let config: RepositoryConfig
    public init(config: RepositoryConfig) { self.config = config }

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
        return f
    }

    public func apply(_ name: String, _ value: String, to item: inout Item) throws {
        let id = item.id
        func bad(_ expected: String) -> QuangBaError {
            QuangBaError(Message("set.bad_value", ["field": name, "value": value, "expected": expected]), at: Location(item: id))
        }
        func code(_ list: CodeList) throws -> String {
            guard list[value] != nil else {
                throw QuangBaError(Message("yaml.unknown_code", ["field": name, "value": value, "list": list.name, "known": list.codes.joined(separator: ", ")]), at: Location(item: id))
            }
            return value
        }
        func codes(_ list: CodeList) throws -> [String] {
            try listValue.map { v in
                guard list[v] != nil else {
                    throw QuangBaError(Message("yaml.unknown_code", ["field": name, "value": v, "list": list.name, "known": list.codes.joined(separator: ", ")]), at: Location(item: id))
                }
                return v
            }
        }
        var listValue: [String] { value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        func ids() throws -> [ItemID] { try listValue.map { guard let i = ItemID($0) else { throw bad("item ids separated by commas") }; return i } }
        func time(allowNone: Bool = false) throws -> Timestamp? {
            if allowNone, value.isEmpty || value == "none" { return nil }
            guard let t = Timestamp(parsing: value, allowDate: true) else { throw bad("YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD (UTC)") }
            return try Self.inContentRange(t, name, value, id)
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
        func choice<T: RawRepresentable & CaseIterable>(_: T.Type) throws -> T where T.RawValue == String {
            guard let v = T(rawValue: value) else { throw bad(T.allCases.map(\.rawValue).joined(separator: ", ")) }
            return v
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
        default: try applyDetail(name, value, to: &item, time: { try time() }, geo: geo, text: text, code: code, bad: bad)
        }
    }

    private func applyDetail(_ name: String, _ value: String, to item: inout Item, time: () throws -> Timestamp?, geo: () throws -> GeoPoint?,
                             text: () throws -> String, code: (CodeList) throws -> String, bad: (String) -> QuangBaError) throws {
        switch item.details {
        case .media(var m):
            switch name {
            case "taken": m.taken = value.isEmpty ? nil : try time()
            case "geo": m.geo = try geo()
            case "credit": m.credit = try text()
            case "licence": guard let l = Licence(value) else { throw bad(Licence.table.map(\.code).joined(separator: ", ")) }; m.licence = l
            case "holder": m.holder = value.isEmpty ? nil : try text()
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
            case "area_ha": p.areaHa = try Self.decimal(value, .areaHa, field: name, item.id)
            case "capital":
                // "2900000000000 VND", "25000000 USD"; thousands separators and underscores are ignored.
                let parts = value.split(separator: " ").map(String.init)
                guard parts.count == 2, let cur = Money.Currency(rawValue: parts[1].uppercased()) else { throw bad("AMOUNT CURRENCY, e.g. 2900000000000 VND or 25000000 USD") }
                let digits = parts[0].replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "").replacingOccurrences(of: ".", with: "")
                p.capital = Money(amount: try Self.decimal(digits, .amount, field: name, item.id), currency: cur)
            case "form": guard let f = InvestmentForm(rawValue: value) else { throw bad(InvestmentForm.allCases.map(\.rawValue).joined(separator: ", ")) }; p.form = f
            case "status": guard let s = ProjectStatus(rawValue: value) else { throw bad(ProjectStatus.allCases.map(\.rawValue).joined(separator: ", ")) }; p.status = s
            case "schedule":
                let years = value.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard years.count == 2, let a = years[0], let b = years[1], (1900...2200).contains(a), b >= a, b <= 2200 else { throw bad("START-END years, e.g. 2026-2030") }
                p.scheduleStart = a; p.scheduleEnd = b
            case "contact_unit": p.contactUnit = try code(config.units)
            case "decision": p.legalDecision = value.isEmpty ? nil : try text()
            case "decision_date":
                guard value.count == 10, let t = Timestamp(parsing: value, allowDate: true) else { throw bad("YYYY-MM-DD") }
                _ = try Self.inContentRange(t, name, value, item.id)
                p.legalDate = value
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

    /// A number `rule` accepts, or the message that shows the accepted forms (as `validate` says it).
    private static func decimal(_ value: String, _ rule: DecimalRule, field: String, _ id: ItemID) throws -> Double {
        guard let v = rule.accept(value) else {
            throw QuangBaError(Message("yaml.bad_decimal", rule.messageArguments(field: field, value: value)), at: Location(item: id))
        }
        return v
    }

    private static func inContentRange(_ t: Timestamp, _ field: String, _ value: String, _ id: ItemID) throws -> Timestamp {
        guard Timestamp.contentRange.contains(t) else {
            throw QuangBaError(Message("yaml.time_out_of_range", ["field": field, "value": value, "years": Timestamp.contentYears]), at: Location(item: id))
        }
        return t
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
