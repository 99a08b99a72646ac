public import QuangBaCore
import Foundation
import Yams

/// A list of codes with a name per language, in file order (units, topics, channels, …).
public struct CodeList: Sendable {
    public let name: String
    public private(set) var codes: [String] = []
    private var names: [String: [LanguageCode: String]] = [:]

    init(name: String) { self.name = name }

    mutating func add(_ code: String, _ byLanguage: [LanguageCode: String]) {
        if names[code] == nil { codes.append(code) }
        names[code] = byLanguage
    }

    public subscript(code: String) -> [LanguageCode: String]? { names[code] }

    /// The name in `language`, else in `fallback`, else the code itself.
    public func name(_ code: String, _ language: LanguageCode, fallback: LanguageCode) -> String {
        names[code]?[language] ?? names[code]?[fallback] ?? code
    }
}

/// The repository's `quangba.yaml`.
public struct RepositoryConfig: Sendable {
    public enum MissingTranslationPolicy: String, CaseIterable, Sendable { case omit, fallback }

    public var isSample = false
    public var province: [LanguageCode: (name: String, description: String)] = [:]
    public var baseURL = ""
    public var adminEmail = ""
    /// `oai_url`: the OAI-PMH endpoint's address as harvesters reach it behind a reverse proxy.
    public var oaiURL: String?
    public var languages: [Language] = []
    public var units = CodeList(name: "units")
    public var topics = CodeList(name: "topics")
    public var channels = CodeList(name: "channels")
    public var sectors = CodeList(name: "sectors")
    public var localities = CodeList(name: "localities")
    public var zones = CodeList(name: "zones")
    /// Rights holders named on many items (the province's people's committee), with their name
    /// in each language; a media item's `holder:` may be one of these codes.
    public var holders = CodeList(name: "holders")
    public var missingTranslation = MissingTranslationPolicy.omit
    /// The licence of every item that names none (media always name theirs). All rights
    /// reserved unless quangba.yaml says otherwise: an open licence is never assumed.
    public var licence = Licence.allRightsReserved
    /// How the site presents the province (logo, hero photo, key figures, contact).
    public var portal = PortalConfig()
    /// `git:`: whether each change is committed, and the commit message's template.
    public var git = GitSettings()

    public var languageCodes: [LanguageCode] { languages.map(\.code) }
    public var sourceLanguage: LanguageCode { languages.first(where: \.isSource)?.code ?? LanguageCode("vi") }
    public func isConfigured(_ code: LanguageCode) -> Bool { languages.contains { $0.code == code } }

    /// The configured language someone meant by `typed`: its code in any letter case or with `_`
    /// (`EN`, `zh_hans`); a country code typed for a language (`jp`, `kr`, `vn`, `cn`); a bare
    /// language (`zh`) or a language with a region (`vi-VN`, `zh-CN`) when exactly one configured
    /// language has that language and no other script. `zh-TW` and `zh-Hant` never match
    /// `zh-Hans`: a reader of traditional characters is not served simplified ones.
    public func language(matching typed: String) -> LanguageCode? {
        var tag = typed.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
        let aliases = ["jp": "ja", "kr": "ko", "vn": "vi", "cn": "zh-hans", "zh-cn": "zh-hans", "zh-sg": "zh-hans",
                       "zh-tw": "zh-hant", "zh-hk": "zh-hant", "zh-mo": "zh-hant"]
        tag = aliases[tag] ?? tag
        if let exact = languageCodes.first(where: { $0.rawValue.lowercased() == tag }) { return exact }
        let parts = tag.split(separator: "-")
        guard let primary = parts.first else { return nil }
        // A script subtag (4 letters) must be matched exactly, above; a region (2 letters or 3
        // digits) only narrows the language, so `vi-VN` is `vi`.
        guard parts.dropFirst().allSatisfy({ $0.count != 4 }) else { return nil }
        let candidates = languageCodes.filter { $0.rawValue.lowercased().split(separator: "-").first == primary }
        return candidates.count == 1 ? candidates[0] : nil
    }

    public static let fileName = "quangba.yaml"

    /// Whether `text` can name the OAI-PMH endpoint (`oai_url`, `quangba serve --public-url`):
    /// an http(s) address with no query or fragment, since harvesters append the query.
    public static func isEndpointAddress(_ text: String) -> Bool {
        guard let a = WebAddress(text) else { return false }
        let t = a.text.lowercased()
        return (t.hasPrefix("http://") || t.hasPrefix("https://")) && !t.contains("?") && !t.contains("#")
    }

    /// Parses the text of quangba.yaml; problems come back as diagnostics (errors make it unusable).
    public static func parse(_ text: String, file: String = fileName) -> (RepositoryConfig, [Diagnostic]) {
        var r = YAMLReader(file: file)
        var c = RepositoryConfig()
        guard let root = r.compose(text) else { return (c, r.diagnostics) }
        let top = r.mapping(root, allowed: ["sample", "province", "base_url", "admin_email", "languages", "units", "topics",
                                            "channels", "sectors", "localities", "zones", "missing_translation", "oai_url", "licence",
                                            "holders", "portal", "git"], context: "")
        c.isSample = r.bool(top, "sample") ?? false
        c.baseURL = r.text(top, "base_url", required: true, at: root) ?? ""
        if !c.baseURL.isEmpty, !(c.baseURL.hasPrefix("https://") || c.baseURL.hasPrefix("http://")) || !c.baseURL.hasSuffix("/") {
            r.error(top["base_url"]?.value, "config.bad_base_url", ["value": c.baseURL])
        }
        c.adminEmail = r.text(top, "admin_email") ?? ""
        if let url = r.text(top, "oai_url") {
            if isEndpointAddress(url) { c.oaiURL = url } else { r.error(top["oai_url"]?.value, "config.bad_oai_url", ["value": url]) }
        }
        c.missingTranslation = r.choice(top, "missing_translation", MissingTranslationPolicy.self) ?? .omit
        if let l = r.scalar(top, "licence") {
            if let lic = Licence(l) { c.licence = lic } else {
                r.error(top["licence"]?.value, "config.bad_licence", ["value": l, "allowed": Licence.table.map { "\($0.code) (\($0.stored))" }.joined(separator: ", ")])
            }
        }

        if let (_, langs) = top["languages"] {
            if case .sequence(let seq) = langs {
                for n in seq {
                    let f = r.mapping(n, allowed: ["code", "name", "source"], context: "languages")
                    guard let code = r.text(f, "code", context: "languages", required: true, at: n) else { continue }
                    let lc = LanguageCode(code)
                    if !lc.isWellFormed { r.error(f["code"]?.value, "config.bad_language_code", ["value": code]) }
                    if c.languages.contains(where: { $0.code == lc }) { r.error(n, "config.duplicate_code", ["value": code, "list": "languages"]) }
                    c.languages.append(Language(code: lc, name: r.text(f, "name", context: "languages", required: true, at: n) ?? code,
                                                isSource: r.bool(f, "source", context: "languages") ?? false))
                }
            } else {
                r.error(langs, "yaml.wrong_type", ["field": "languages", "expected": "list"])
            }
        } else {
            r.error(root, "yaml.missing_field", ["field": "languages"])
        }
        if !c.languages.isEmpty, c.languages.filter(\.isSource).count != 1 {
            r.error(top["languages"]?.value, "config.one_source_language")
        }

        if let (_, p) = top["province"] {
            for (lang, node) in localized(&r, p, c, context: "province") {
                let f = r.mapping(node, allowed: ["name", "description"], context: "province.\(lang)")
                c.province[lang] = (r.text(f, "name", context: "province.\(lang)", required: true, at: node) ?? "",
                                    r.text(f, "description", context: "province.\(lang)") ?? "")
            }
        } else {
            r.error(root, "yaml.missing_field", ["field": "province"])
        }
        if c.province[c.sourceLanguage] == nil, !c.languages.isEmpty {
            r.error(top["province"]?.value, "config.missing_name", ["list": "province", "value": "", "lang": c.sourceLanguage.rawValue])
        }

        for (key, path) in [("units", \RepositoryConfig.units), ("topics", \.topics), ("channels", \.channels),
                            ("sectors", \.sectors), ("localities", \.localities), ("zones", \.zones), ("holders", \.holders)] as [(String, WritableKeyPath<RepositoryConfig, CodeList>)] {
            guard let (_, node) = top[key] else { continue }
            guard case .mapping(let m) = node else { r.error(node, "yaml.wrong_type", ["field": key, "expected": "mapping"]); continue }
            for (k, v) in m {
                let code = k.scalar?.string ?? ""
                if !ItemID.isValid(code) { r.error(k, "config.bad_code", ["value": code, "list": key]) }
                var names: [LanguageCode: String] = [:]
                if case .scalar(let s) = v {
                    names[c.sourceLanguage] = s.string   // a single name: the source language's
                } else {
                    for (lang, n) in localized(&r, v, c, context: "\(key).\(code)") {
                        if case .scalar(let s) = n { r.checkText(s.string, field: "\(key).\(code).\(lang)", node: n); names[lang] = s.string }
                    }
                }
                if names[c.sourceLanguage] == nil {
                    r.error(k, "config.missing_name", ["list": key, "value": code, "lang": c.sourceLanguage.rawValue])
                }
                c[keyPath: path].add(code, names)
            }
        }
        if let (_, p) = top["portal"] { c.portal = parsePortal(&r, p, c) }
        if let (_, g) = top["git"] {
            let f = r.mapping(g, allowed: ["commit", "message"], context: "git")
            c.git.commit = r.bool(f, "commit", context: "git") ?? true
            c.git.message = r.text(f, "message", context: "git")
        }
        return (c, r.diagnostics)
    }

    /// The `<lang>: value` pairs of a mapping, reporting languages that are not configured.
    static func localized(_ r: inout YAMLReader, _ node: Node, _ c: RepositoryConfig, context: String) -> [(LanguageCode, Node)] {
        guard case .mapping(let m) = node else {
            r.error(node, "yaml.wrong_type", ["field": context, "expected": "mapping of language: text"])
            return []
        }
        return m.compactMap { k, v in
            let lang = LanguageCode(k.scalar?.string ?? "")
            if !c.isConfigured(lang) {
                r.error(k, "config.unknown_language", ["field": context, "lang": lang.rawValue, "known": c.languageCodes.map(\.rawValue).joined(separator: ", ")])
                return nil
            }
            return (lang, v)
        }
    }
}

/// The `git:` section of quangba.yaml (docs/content-format.md).
public struct GitSettings: Sendable {
    /// Each change a command makes is one git commit (when the repository is a git work tree).
    public var commit = true
    /// The commit message, with `{by}`, `{what}`, `{command}`, `{items}`; nil: the tool's own
    /// message in the repository's source language (Vietnamese or English).
    public var message: String?
    public init() {}
}
