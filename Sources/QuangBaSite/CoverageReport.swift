public import QuangBaContent
public import QuangBaCore
public import QuangBaStore
import QuangBaText

/// The coverage report of `quangba status --format html`: one self-contained page (inline CSS
/// and SVG, no scripts, nothing fetched) for translation coordinators, in the UI language. Every
/// chart's numbers are also in a table, so the page reads the same without the pictures. Its
/// words come from `text` (the caller's message table: `report.*` and `status.*` keys).
public struct CoverageReport {
    let config: RepositoryConfig
    let languages: [LanguageCode]
    let rows: [CoverageRow]
    let details: StaleDetails
    let generated: Timestamp
    let ui: LanguageCode
    let text: (String, [String: String]) -> String
    /// The items left out of the counts, said at the top (`exclusionLine`).
    let excluded: CoverageExclusions
    let chosenStates: Bool

    public init(config: RepositoryConfig, languages: [LanguageCode], rows: [CoverageRow], details: StaleDetails, generated: Timestamp,
                ui: LanguageCode, text: @escaping (String, [String: String]) -> String, excluded: CoverageExclusions = CoverageExclusions(),
                chosenStates: Bool = false) {
        self.config = config
        self.languages = languages
        self.rows = rows
        self.details = details
        self.generated = generated
        self.ui = ui
        self.text = text
        self.excluded = excluded
        self.chosenStates = chosenStates
    }

    /// "Not counted — internal: 1, drafts not yet submitted: 2 (…)"; nil when nothing is left out.
    /// `chosen`: the states were chosen (--state), so the line does not explain the default.
    public static func exclusionLine(_ e: CoverageExclusions, chosen: Bool = false, text: (String, [String: String]) -> String) -> String? {
        let parts = [("status.excluded_internal", e.internalItems), ("status.excluded_drafts", e.drafts), ("status.excluded_withdrawn", e.withdrawn),
                     ("status.excluded_other_states", e.otherStates), ("status.excluded_unreadable", e.unreadable)]
            .filter { $0.1 > 0 }.map { text($0.0, ["count": "\($0.1)"]) }
        return parts.isEmpty ? nil : text(chosen ? "status.excluded_chosen" : "status.excluded", ["counts": parts.joined(separator: ", ")])
    }

    /// The message key of a kind's name: the report is in the UI language, kinds included.
    static func kindKey(_ kind: ItemKind) -> String {
        switch kind {
        case .article: "kind.article"
        case .clarification: "kind.clarification"
        case .media: "kind.media"
        case .project: "kind.project"
        case .event: "kind.event"
        case .publication: "kind.publication"
        }
    }

    private func kindName(_ code: String) -> String { ItemKind(rawValue: code).map { text(Self.kindKey($0), [:]) } ?? code }

    static let colours: [Coverage: String] = [.current: "#1b7f3b", .stale: "#c26a00", .missing: "#b91c1c", .draft: "#5b6575"]

    private func esc(_ s: String) -> String { HTMLText.escape(s) }
    private func stateName(_ c: Coverage) -> String { text("status.\(c.rawValue)", [:]) }

    public var html: String {
        let province = config.province[ui]?.name ?? config.province[config.sourceLanguage]?.name ?? ""
        let title = text("report.title", ["province": province])
        let excludedLine = Self.exclusionLine(excluded, chosen: chosenStates, text: text).map { "<p class=\"excluded\">\(esc($0))</p>\n" } ?? ""
        var page = """
            <!DOCTYPE html>
            <html lang="\(esc(ui.rawValue))">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(esc(title))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <header><h1>\(esc(title))</h1>
            <p>\(esc(text("report.generated", ["time": generated.description])))</p>
            \(legend)
            \(excludedLine)</header>
            <main>

            """
        for lang in languages { page += section(lang) }
        page += "</main>\n</body>\n</html>"
        return page
    }

    private var legend: String {
        "<ul class=\"legend\">" + Coverage.allCases.map {
            "<li><span class=\"swatch\" style=\"background:\(Self.colours[$0]!)\"></span>\(esc(stateName($0)))</li>"
        }.joined() + "</ul>"
    }

    // MARK: One language

    private func section(_ lang: LanguageCode) -> String {
        let mine = rows.filter { $0.language == lang.rawValue }
        let name = config.languages.first { $0.code == lang }?.name ?? lang.rawValue
        let heading = lang == config.sourceLanguage ? "\(name) (\(lang.rawValue), \(text("report.source_language", [:])))" : "\(name) (\(lang.rawValue))"
        let byKind = ItemKind.allCases.map(\.rawValue).filter { k in mine.contains { $0.kind == k } }.map { k in (k, kindName(k), mine.filter { $0.kind == k }) }
        let units = config.units.codes + Set(mine.map(\.unit)).subtracting(config.units.codes).sorted()
        let byUnit = units.filter { u in mine.contains { $0.unit == u } }
            .map { u in (u, config.units.name(u, ui, fallback: config.sourceLanguage), mine.filter { $0.unit == u }) }
        var s = "<section id=\"lang-\(esc(lang.rawValue))\" aria-labelledby=\"h-\(esc(lang.rawValue))\">\n"
        s += "<h2 id=\"h-\(esc(lang.rawValue))\">\(esc(heading))</h2>\n"
        s += "<p class=\"totals\">\(esc(summary(mine)))</p>\n"
        s += "<h3>\(esc(text("report.by_kind", [:])))</h3>\n"
        s += chart("chart-\(lang.rawValue)-kind", text("report.chart_kind", ["language": name]), byKind)
        s += countsTable("kind", text("report.kind", [:]), text("report.chart_kind", ["language": name]), byKind)
        s += "<h3>\(esc(text("report.by_unit", [:])))</h3>\n"
        s += chart("chart-\(lang.rawValue)-unit", text("report.chart_unit", ["language": name]), byUnit)
        s += countsTable("unit", text("report.unit", [:]), text("report.chart_unit", ["language": name]), byUnit)
        s += "<h3>\(esc(text("report.needs_work", [:])))</h3>\n"
        s += workTable(mine.filter { $0.coverage != .current })
        return s + "</section>\n"
    }

    private func count(_ rows: [CoverageRow], _ c: Coverage) -> Int { rows.filter { $0.coverage == c }.count }

    /// "30 current, 2 stale, 5 missing, 1 draft".
    private func summary(_ rows: [CoverageRow]) -> String {
        Coverage.allCases.map { "\(count(rows, $0)) \(stateName($0))" }.joined(separator: ", ")
    }

    // MARK: Charts and tables

    /// Horizontal stacked bars, one per group: the group's name above its bar, the total after it.
    /// Bars share one scale (the largest group fills the width), so lengths compare across groups.
    private func chart(_ id: String, _ title: String, _ groups: [(code: String, label: String, rows: [CoverageRow])]) -> String {
        let rowHeight = 44, barWidth = 520.0, width = 600
        let height = max(1, groups.count) * rowHeight + 8
        let scale = barWidth / Double(max(1, groups.map(\.rows.count).max() ?? 1))
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"\(esc(id))-t\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
        s += "<title id=\"\(esc(id))-t\">\(esc(title))</title>\n"
        for (i, g) in groups.enumerated() {
            let y = i * rowHeight
            s += "<text x=\"0\" y=\"\(y + 16)\">\(esc(g.label))</text>\n"
            var x = 0.0
            for c in Coverage.allCases {
                let n = count(g.rows, c)
                guard n > 0 else { continue }
                let w = Double(n) * scale
                s += "<rect x=\"\(Self.number(x))\" y=\"\(y + 22)\" width=\"\(Self.number(w))\" height=\"16\" fill=\"\(Self.colours[c]!)\">"
                s += "<title>\(esc(g.label)): \(n) \(esc(stateName(c)))</title></rect>\n"
                x += w
            }
            s += "<text x=\"\(Self.number(x + 6))\" y=\"\(y + 35)\">\(g.rows.count)</text>\n"
        }
        return s + "</svg>\n"
    }

    /// The chart's numbers as a table; cells carry the state as their class.
    private func countsTable(_ dimension: String, _ header: String, _ caption: String, _ groups: [(code: String, label: String, rows: [CoverageRow])]) -> String {
        var s = "<table class=\"counts \(dimension)\">\n<caption>\(esc(caption))</caption>\n<thead><tr><th scope=\"col\">\(esc(header))</th>"
        for c in Coverage.allCases { s += "<th scope=\"col\">\(esc(stateName(c)))</th>" }
        s += "<th scope=\"col\">\(esc(text("report.total", [:])))</th></tr></thead>\n<tbody>\n"
        for g in groups {
            s += "<tr data-code=\"\(esc(g.code))\"><th scope=\"row\">\(esc(g.label))</th>"
            for c in Coverage.allCases { s += "<td class=\"\(c.rawValue)\">\(count(g.rows, c))</td>" }
            s += "<td class=\"total\">\(g.rows.count)</td></tr>\n"
        }
        return s + "</tbody>\n</table>\n"
    }

    /// Every translation that is not current, with the command that moves it on.
    private func workTable(_ work: [CoverageRow]) -> String {
        guard !work.isEmpty else { return "<p>\(esc(text("report.nothing", [:])))</p>\n" }
        let heads = ["report.id", "report.kind", "report.unit", "report.state", "report.changed", "report.command"].map { text($0, [:]) }
        var s = "<table class=\"work\">\n<thead><tr>" + heads.map { "<th scope=\"col\">\(esc($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for r in work {
            let unit = config.units.name(r.unit, ui, fallback: config.sourceLanguage)
            let changed = r.coverage == .stale ? details.describe(r) { text($0, [:]) } : ""
            s += "<tr class=\"\(r.coverage.rawValue)\"><td>\(esc(r.id))</td><td>\(esc(kindName(r.kind)))</td><td>\(esc(unit))</td>"
            s += "<td>\(esc(stateName(r.coverage)))</td><td>\(esc(changed))</td><td><code>\(esc(command(r)))</code></td></tr>\n"
        }
        return s + "</tbody>\n</table>\n"
    }

    private func command(_ r: CoverageRow) -> String {
        if r.language == config.sourceLanguage.rawValue { return "quangba validate" }  // a missing source file
        switch r.coverage {
        case .stale: return "quangba diff \(r.id) --lang \(r.language)"
        case .missing: return "quangba translate \(r.id) --to \(r.language)"
        case .draft: return "quangba workflow approve \(r.id) --lang \(r.language) --by NAME"
        case .current: return ""
        }
    }

    /// SVG coordinates with at most two decimals.
    static func number(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    static let css = """
        body{font-family:system-ui,"Noto Sans",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2328;line-height:1.45}
        h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:2px solid #d0d7de;padding-bottom:.3rem}
        svg{display:block;max-width:100%;height:auto;font-size:13px}svg text{fill:#1f2328}
        table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left}
        td.current,td.stale,td.missing,td.draft,td.total{text-align:right;font-variant-numeric:tabular-nums}
        caption{text-align:left;font-style:italic;padding:.25rem 0}code{font-size:.9em}
        .legend{list-style:none;padding:0;display:flex;gap:1.2rem;flex-wrap:wrap}
        .swatch{display:inline-block;width:.9rem;height:.9rem;margin-right:.35rem;vertical-align:-.1rem}
        """
}
