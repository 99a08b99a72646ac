import Foundation
import QuangBaContent
import QuangBaCore

/// The sets ListSets names (by kind, language, topic and owner unit), each with its name in every
/// configured language. The words come from the repository's `locales/<lang>.yaml` (`kind_<kind>`
/// and the `oai_set_…` phrases, beside the site's strings), the names of topics and units from
/// quangba.yaml. A language without the words gets no title or description for the set, rather
/// than another language's words marked as its own.
enum OAISets {
    struct Set {
        let spec: String
        /// In the source language.
        let name: String
        let titles: [(LanguageCode, String)]
        let descriptions: [(LanguageCode, String)]
    }

    /// The phrases of each configured language's locale file that sets use.
    struct Texts {
        var strings: [LanguageCode: [String: String]] = [:]

        /// Reads what it can: a missing or broken locale file only means fewer names (the site
        /// build reports it).
        static func load(_ repo: Repository) -> Texts {
            var out = Texts()
            for lang in repo.config.languageCodes {
                let name = "locales/\(lang.rawValue).yaml"
                guard let data = FileManager.default.contents(atPath: repo.root.appendingPathComponent(name).path),
                      let text = String(data: data, encoding: .utf8) else { continue }
                out.strings[lang] = StringTable.parse(text, file: name).strings.filter { $0.key.hasPrefix("kind_") || $0.key.hasPrefix("oai_set_") }
            }
            return out
        }

        /// The phrase `key` of language `l` with its `{name}` placeholders filled in; nil when
        /// the phrase or a value is missing.
        func phrase(_ key: String, _ l: LanguageCode, _ values: [String: String?] = [:]) -> String? {
            guard var s = strings[l]?[key] else { return nil }
            for (name, value) in values {
                guard let value else { return nil }
                s = s.replacingOccurrences(of: "{\(name)}", with: value)
            }
            return s
        }
    }

    static func all(_ config: RepositoryConfig, texts: Texts, topics: [String]) -> [Set] {
        let langs = config.languageCodes
        let source = config.sourceLanguage
        func set(_ spec: String, fallback: String, title: (LanguageCode) -> String?, description: (LanguageCode, String?) -> String?) -> Set {
            let titles = langs.compactMap { l in title(l).map { (l, $0) } }
            let descriptions = langs.compactMap { l in description(l, title(l)).map { (l, $0) } }
            return Set(spec: spec, name: title(source) ?? fallback, titles: titles, descriptions: descriptions)
        }
        var out: [Set] = []
        for kind in ItemKind.allCases {
            out.append(set("kind:\(kind.rawValue)", fallback: kind.rawValue, title: { texts.phrase("kind_\(kind.rawValue)", $0) },
                           description: { texts.phrase("oai_set_kind", $0, ["kind": $1]) }))
        }
        for language in config.languages {
            out.append(set("lang:\(language.code.rawValue)", fallback: language.name,
                           title: { texts.phrase("oai_set_lang_title", $0, ["language": language.name]) },
                           description: { l, _ in texts.phrase("oai_set_lang", l, ["language": language.name]) }))
        }
        for topic in topics {
            out.append(set("topic:\(topic)", fallback: config.topics.name(topic, source, fallback: source), title: { config.topics[topic]?[$0] },
                           description: { texts.phrase("oai_set_topic", $0, ["topic": $1]) }))
        }
        for unit in config.units.codes {
            out.append(set("unit:\(unit)", fallback: config.units.name(unit, source, fallback: source), title: { config.units[unit]?[$0] },
                           description: { texts.phrase("oai_set_unit", $0, ["unit": $1]) }))
        }
        return out
    }
}
