import Foundation
import QuangBaContent
import QuangBaCore

/// The public site's UI strings of one language, from `locales/<lang>.yaml`.
struct UIStrings: Sendable {
    let language: LanguageCode
    let strings: [String: String]
    /// The strings as templates see them (`{{t.key}}`), made once.
    let value: TemplateValue

    init(language: LanguageCode, strings: [String: String]) {
        self.language = language
        self.strings = strings
        self.value = .map(TemplateMap(strings.map { ($0.key, TemplateValue.text($0.value)) }))
    }

    subscript(_ key: String) -> String { strings[key] ?? key }

    /// The string with its `{name}` placeholders filled in.
    func format(_ key: String, _ args: [String: String]) -> String { Message.fill(self[key], args) }

    /// Keys the build itself reads (besides those the templates name).
    static let codeKeys: Set<String> = {
        var keys: Set<String> = [
            "fallback_notice", "not_translated_notice", "page_n_of_m", "media_licence_reserved", "file_facts",
            "project_legal_value", "project_contact_text", "money_vnd", "money_vnd_scale", "money_usd", "money_usd_scale",
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
            let (strings, diagnostics) = StringTable.parse(text, file: name)
            problems += diagnostics
            tables[l] = strings
        }
        let required = tables.values.reduce(templateKeys.union(codeKeys)) { $0.union($1.keys) }
        for l in languages {
            guard let table = tables[l] else { continue }
            for key in required.sorted() where table[key] == nil {
                problems.append(Diagnostic(.error, Location(file: "locales/\(l.rawValue).yaml"), Message("site.locale_key_missing", ["key": key])))
            }
        }
        if !problems.isEmpty {
            throw QuangBaError(Message("site.locales_invalid", ["count": "\(problems.count)"]), diagnostics: problems)
        }
        return Dictionary(uniqueKeysWithValues: tables.map { ($0.key, UIStrings(language: $0.key, strings: $0.value)) })
    }
}
