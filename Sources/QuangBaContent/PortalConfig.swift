public import QuangBaCore
import Yams

/// `portal:` in quangba.yaml: how the public site presents the province as its official
/// portal. The logo and icon are files of `site-templates/assets/`; the hero is a public photo;
/// key figures and the contact are given per language.
public struct PortalConfig: Sendable {
    /// A figure on the home page ("Area: 8,310 km²").
    public struct Figure: Sendable {
        /// The unit's code: its UI string is `figure_<unit>` ("{n} km²"), none for a bare count.
        public enum Unit: String, CaseIterable, Sendable { case km2, km, ha, people, count, percent }
        public var value: Double
        public var unit: Unit
        public var label: [LanguageCode: String]
        /// When or where from ("2024, Cục Thống kê"), per language; optional.
        public var note: [LanguageCode: String] = [:]
    }

    public struct Contact: Sendable {
        public var organization: [LanguageCode: String] = [:]
        public var address: [LanguageCode: String] = [:]
        public var hours: [LanguageCode: String] = [:]
        public var phone: String?
        public var email: String?
    }

    /// A file name in `site-templates/assets/`: an SVG or PNG logo shown in the header.
    public var logo: String?
    /// A square PNG of at least 180 × 180 pixels: touch icon and favicon.
    public var icon: String?
    /// A public photo shown at the top of the home page and shared when a page has no picture.
    public var hero: ItemID?
    public var figures: [Figure] = []
    public var contact = Contact()
    public init() {}

    /// A name from `pick` in `l`, else in the source language.
    public static func text(_ byLanguage: [LanguageCode: String], _ l: LanguageCode, source: LanguageCode) -> String? {
        byLanguage[l] ?? byLanguage[source]
    }
}

extension RepositoryConfig {
    static func parsePortal(_ r: inout YAMLReader, _ node: Node, _ c: RepositoryConfig) -> PortalConfig {
        var p = PortalConfig()
        let f = r.mapping(node, allowed: ["logo", "icon", "hero", "figures", "contact"], context: "portal")
        for key in ["logo", "icon"] {
            guard let name = r.text(f, key, context: "portal") else { continue }
            // A plain file name: the file is looked up in site-templates/assets/ only.
            if name.isEmpty || name.hasPrefix(".") || name.contains("/") || name.contains("\\") {
                r.error(f[key]?.value, "config.bad_asset_name", ["field": "portal." + key, "value": YAMLReader.visible(name)])
            } else if key == "logo" { p.logo = name } else { p.icon = name }
        }
        if let hero = r.scalar(f, "hero", context: "portal") {
            if ItemID.isValid(hero) { p.hero = ItemID(hero) } else { r.error(f["hero"]?.value, "config.bad_item_id", ["field": "portal.hero", "value": YAMLReader.visible(hero)]) }
        }
        var figureNodes: [Node] = []
        if let (_, v) = f["figures"] {
            if case .sequence(let seq) = v { figureNodes = Array(seq) } else { r.error(v, "yaml.wrong_type", ["field": "portal.figures", "expected": "list"]) }
        }
        for (i, n) in figureNodes.enumerated() {
            let context = "portal.figures[\(i + 1)]"
            let g = r.mapping(n, allowed: ["value", "unit", "label", "note"], context: context)
            let value = r.decimal(g, "value", .figure, context: context, required: true, at: n)
            let unit = r.choice(g, "unit", PortalConfig.Figure.Unit.self, context: context) ?? .count
            let label = localizedTexts(&r, g, "label", c, context: context, required: true, at: n)
            let note = localizedTexts(&r, g, "note", c, context: context, required: false, at: n)
            if let value { p.figures.append(.init(value: value, unit: unit, label: label, note: note)) }
        }
        if let (_, cn) = f["contact"] {
            let g = r.mapping(cn, allowed: ["organization", "address", "hours", "phone", "email"], context: "portal.contact")
            p.contact.organization = localizedTexts(&r, g, "organization", c, context: "portal.contact", required: true, at: cn)
            p.contact.address = localizedTexts(&r, g, "address", c, context: "portal.contact", required: true, at: cn)
            p.contact.hours = localizedTexts(&r, g, "hours", c, context: "portal.contact", required: false, at: cn)
            if let phone = r.text(g, "phone", context: "portal.contact") {
                // Digits, spaces, +, -, ( and ): it also goes into a tel: link.
                if phone.allSatisfy({ $0.isASCII && ($0.isNumber || " +-()".contains($0)) }), phone.contains(where: \.isNumber) {
                    p.contact.phone = phone
                } else {
                    r.error(g["phone"]?.value, "config.bad_phone", ["value": YAMLReader.visible(phone)])
                }
            }
            if let email = r.text(g, "email", context: "portal.contact") {
                if WebAddress("mailto:" + email) != nil, email.contains("@"), !email.contains(where: { $0 == " " || $0 == "?" || $0 == "#" }) {
                    p.contact.email = email
                } else {
                    r.error(g["email"]?.value, "config.bad_email", ["value": YAMLReader.visible(email)])
                }
            }
        }
        return p
    }

    /// `key: {vi: …, en: …}`; the source language's text is required when the field is.
    private static func localizedTexts(_ r: inout YAMLReader, _ f: YAMLReader.Fields, _ key: String, _ c: RepositoryConfig,
                                       context: String, required: Bool, at parent: Node) -> [LanguageCode: String] {
        guard let (k, v) = f[key] else {
            if required { r.error(parent, "yaml.missing_field", ["field": context + "." + key]) }
            return [:]
        }
        var out: [LanguageCode: String] = [:]
        for (lang, n) in localized(&r, v, c, context: context + "." + key) {
            guard case .scalar(let s) = n else { r.error(n, "yaml.wrong_type", ["field": "\(context).\(key).\(lang)", "expected": "text"]); continue }
            r.checkText(s.string, field: "\(context).\(key).\(lang)", node: n)
            out[lang] = s.string
        }
        if required, out[c.sourceLanguage] == nil {
            r.error(k, "config.missing_name", ["list": context, "value": key, "lang": c.sourceLanguage.rawValue])
        }
        return out
    }
}
