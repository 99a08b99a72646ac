import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaText

/// The investment-project listing: the full table is in the HTML; the filter form, which
/// site.js shows and drives, narrows it by sector, district, form and capital range.
extension PageRenderer {
    /// Capital ranges per currency (amounts are never converted: no exchange rate is invented).
    static let capitalRanges: [(currency: Money.Currency, from: Double?, to: Double?)] = [
        (.VND, nil, 1e12), (.VND, 1e12, 3e12), (.VND, 3e12, nil),
        (.USD, nil, 5e7), (.USD, 5e7, nil),
    ]

    static func capitalRange(_ m: Money) -> Int? {
        capitalRanges.firstIndex { r in r.currency == m.currency && (r.from.map { m.amount >= $0 } ?? true) && (r.to.map { m.amount < $0 } ?? true) }
    }

    func projects(_ l: LanguageCode) -> [UInt8] {
        let path = SitePaths.listing(.project, l)
        let t = strings[l]!
        let fmt = Formats(strings: t)
        let title = t["nav_projects"]
        var f = frame(path, l, title: title, everyLanguage: { SitePaths.listing(.project, $0) })
        f.navCurrent = path
        f.breadcrumbs.append((title, nil))
        let list = content.list(l, kind: .project)
        var sectors = Set<String>(), localities = Set<String>(), forms = Set<String>(), ranges = Set<Int>()
        let rows = list.map { v -> TemplateValue in
            let d = v.item.details.project ?? ProjectDetails()
            sectors.insert(d.sector); localities.insert(d.locality); forms.insert(d.form.rawValue)
            let range = d.capital.flatMap(Self.capitalRange)
            if let range { ranges.insert(range) }
            var row: TemplateMap = [
                "title": .text(v.title), "href": .text(link(path, v.path)),
                "sector": .text(config.sectors.name(d.sector, l, fallback: source)), "sectorCode": .text(d.sector),
                "locality": .text(config.localities.name(d.locality, l, fallback: source)), "localityCode": .text(d.locality),
                "form": .text(t["form_" + d.form.rawValue.replacingOccurrences(of: "-", with: "_")]), "formCode": .text(d.form.rawValue),
                "status": .text(t["status_" + d.status.rawValue]),
                "capital": .text(d.capital.map(fmt.money) ?? ""), "capitalRange": .text(range.map { "\($0)" } ?? ""),
            ]
            if v.isFallback { row["textLang"] = .text(v.text.language.rawValue) }
            return .map(row)
        }
        let collation = Collation.forLanguage(l.rawValue)
        let options = { (codes: Set<String>, name: (String) -> String) -> TemplateValue in
            .list(codes.map { (value: $0, name: name($0)) }
                .sorted { collation.compare($0.name, $1.name) != 0 ? collation.compare($0.name, $1.name) < 0 : $0.value < $1.value }
                .map { ["value": .text($0.value), "name": .text($0.name)] })
        }
        let rangeOptions = ranges.sorted().map { i -> TemplateValue in
            let r = Self.capitalRanges[i]
            let a = r.from.map { fmt.money(Money(amount: $0, currency: r.currency)) } ?? ""
            let b = r.to.map { fmt.money(Money(amount: $0, currency: r.currency)) } ?? ""
            let name = r.from == nil ? t.format("capital_under", ["b": b]) : r.to == nil ? t.format("capital_over", ["a": a]) : t.format("capital_between", ["a": a, "b": b])
            return ["value": .number(i), "name": .text(name)]
        }
        let body: TemplateMap = [
            "heading": .text(title), "rows": .list(rows), "total": .number(rows.count),
            "sectors": options(sectors) { config.sectors.name($0, l, fallback: source) },
            "localities": options(localities) { config.localities.name($0, l, fallback: source) },
            "forms": options(forms) { t["form_" + $0.replacingOccurrences(of: "-", with: "_")] },
            "ranges": .list(rangeOptions),
            // site.js picks the form for the number shown with Intl.PluralRules.
            "countForms": .list(t.pluralForms("filter_count").map { ["category": .text($0.category.rawValue), "text": .text($0.text)] }),
        ]
        return page(f, template: "projects", body)
    }
}
