import QuangBaContent
import QuangBaCore
import QuangBaText

/// Numbers, money, areas, dates and sizes as each language writes them: the digits and
/// separators come from ICU (QuangBaText), the units from the language's UI strings.
struct Formats: Sendable {
    let strings: UIStrings
    var language: LanguageCode { strings.language }

    func date(_ t: Timestamp) -> String { LocaleFormat.date(t, language: language) }

    func number(_ v: Double, digits: Int = 2) -> String { LocaleFormat.number(v, language: language, maxFractionDigits: digits) }

    /// "2.900 tỷ đồng", "VND 2,900 billion", "29,000亿越南盾": the amount in the unit the
    /// language uses for large sums (`money_vnd_scale` in the locale file).
    func money(_ m: Money) -> String {
        let key = m.currency == .VND ? "money_vnd" : "money_usd"
        let scale = Double(strings[key + "_scale"]) ?? 1
        return strings.format(key, ["n": number(m.amount / scale)])
    }

    func area(_ ha: Double) -> String { strings.format("area_ha", ["n": number(ha)]) }

    /// A file size in kB or MB with the language's decimal separator.
    func size(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? number(Double(bytes) / 1_000_000, digits: 1) + " MB" : number(max(1, Double(bytes) / 1000).rounded(), digits: 0) + " kB"
    }

    /// "PDF, 2,4 MB" from a media type and size.
    func fileFacts(type: String, bytes: Int) -> String {
        let short = type.split(separator: "/").last.map { $0.uppercased() } ?? type
        return strings.format("file_facts", ["type": short, "size": size(bytes)])
    }

    /// A key figure of the province with its unit, as the language writes it ("8.310 km²",
    /// "781,655 people", "781,655人").
    func figure(_ v: Double, unit: PortalConfig.Figure.Unit) -> String {
        strings.format("figure_" + unit.rawValue, ["n": number(v)])
    }
}
