import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaText

/// The public site's UI strings of one language, from `locales/<lang>.yaml`.
struct UIStrings: Sendable {
    let language: LanguageCode
    let strings: [String: String]
    /// The strings that say a count, one form per plural category of the language.
    let plurals: [String: [PluralCategory: String]]
    /// The strings as templates see them (`{{t.key}}`; a plural string as `{{t.key.other}}`), made once.
    let value: TemplateValue

    init(language: LanguageCode, strings: [String: String], plurals: [String: [PluralCategory: String]] = [:]) {
        self.language = language
        self.strings = strings
        self.plurals = plurals
        let forms = plurals.map { entry in
            (entry.key, TemplateValue.map(TemplateMap(entry.value.map { ($0.key.rawValue, TemplateValue.text($0.value)) })))
        }
        self.value = .map(TemplateMap(strings.map { ($0.key, TemplateValue.text($0.value)) } + forms))
    }

    subscript(_ key: String) -> String { strings[key] ?? key }

    /// The string with its `{name}` placeholders filled in.
    func format(_ key: String, _ args: [String: String]) -> String { Message.fill(self[key], args) }

    /// The form of a plural string that goes with `count` in this language ("1 item",
    /// "2 items"; in Japanese "1件", "2件"), with `{n}` the count written the language's way.
    func format(_ key: String, count: Int, _ args: [String: String] = [:]) -> String {
        let category = PluralRules.category(of: Double(count), language: language)
        let text = plurals[key].flatMap { $0[category] ?? $0[.other] } ?? self[key]
        return Message.fill(text, args.merging(["n": LocaleFormat.number(Double(count), language: language, maxFractionDigits: 0)]) { a, _ in a })
    }

    /// The forms of a plural string, in CLDR's order, for a page script that picks one itself.
    func pluralForms(_ key: String) -> [(category: PluralCategory, text: String)] {
        (plurals[key] ?? [.other: self[key]]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Keys the build itself reads (besides those the templates name).
    static let codeKeys: Set<String> = {
        var keys: Set<String> = [
            "fallback_notice", "not_translated_notice", "page_n_of_m", "media_licence_reserved", "file_facts",
            "project_legal_value", "project_contact_text", "money_vnd", "money_usd",
            "area_ha", "capital_under", "capital_between", "capital_over", "filter_count", "items_count", "feed_title",
            "footer_about", "home", "breadcrumb", "language_switcher", "info_feedback", "sample_notice", "chooser_title",
        ]
        keys.formUnion(ItemKind.allCases.map { "kind_\($0.rawValue)" })
        keys.formUnion(ItemKind.allCases.map { "nav_" + SiteNav.navKey($0) })
        keys.formUnion(InvestmentForm.allCases.map { "form_" + $0.rawValue.replacingOccurrences(of: "-", with: "_") })
        keys.formUnion(ProjectStatus.allCases.map { "status_" + $0.rawValue })
        keys.formUnion(PortalConfig.Figure.Unit.allCases.map { "figure_" + $0.rawValue })
        for page in PageRenderer.InfoPage.allCases { keys.insert(page.rawValue + "_title"); keys.formUnion(page.paragraphs) }
        return keys
    }()

    /// Loads the file of every language and checks that each has every key that any file,
    /// template or the build uses. Problems are reported all at once, each with its file.
    static func load(folder: URL, languages: [LanguageCode], templateKeys: Set<String>) throws -> [LanguageCode: UIStrings] {
        var tables: [LanguageCode: [String: String]] = [:]
        var pluralTables: [LanguageCode: [String: [PluralCategory: String]]] = [:]
        var problems: [Diagnostic] = []
        for l in languages {
            let name = "locales/\(l.rawValue).yaml"
            let url = folder.appendingPathComponent("\(l.rawValue).yaml")
            guard let data = FileManager.default.contents(atPath: url.path) else {
                problems.append(Diagnostic(.error, Location(file: name), Message("site.locale_missing", ["language": l.rawValue])))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append(Diagnostic(.error, Location(file: name), Message("text.invalid_utf8")))
                continue
            }
            let (strings, plurals, diagnostics) = StringTable.parse(text, file: name)
            problems += diagnostics
            tables[l] = strings
            pluralTables[l] = plurals
        }
        let pluralKeys = pluralTables.values.reduce(Set<String>()) { $0.union($1.keys) }
        let required = tables.values.reduce(templateKeys.union(codeKeys)) { $0.union($1.keys) }.subtracting(pluralKeys)
        for l in languages {
            guard let table = tables[l], let plurals = pluralTables[l] else { continue }
            let file = Location(file: "locales/\(l.rawValue).yaml")
            for key in required.sorted() where table[key] == nil {
                problems.append(Diagnostic(.error, file, Message("site.locale_key_missing", ["key": key])))
            }
            // A count is said with exactly the plural forms the language has.
            let categories = PluralRules.categories(of: l)
            for key in pluralKeys.sorted() {
                guard let forms = plurals[key] else {
                    problems.append(Diagnostic(.error, file, Message("site.locale_key_missing", ["key": "\(key): " + categories.map(\.rawValue).joined(separator: ", ")])))
                    continue
                }
                for c in categories where forms[c] == nil {
                    problems.append(Diagnostic(.error, file, Message("site.locale_key_missing", ["key": "\(key): \(c.rawValue)"])))
                }
                for c in forms.keys.sorted() where !categories.contains(c) {
                    problems.append(Diagnostic(.error, file, Message("yaml.unknown_field", ["field": "\(key): \(c.rawValue)", "allowed": categories.map(\.rawValue).joined(separator: ", ")])))
                }
            }
        }
        if !problems.isEmpty {
            throw QuangBaError(Message("site.locales_invalid", ["count": "\(problems.count)"]), diagnostics: problems)
        }
        return Dictionary(uniqueKeysWithValues: tables.map { ($0.key, UIStrings(language: $0.key, strings: $0.value, plurals: pluralTables[$0.key] ?? [:])) })
    }
}
