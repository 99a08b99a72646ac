import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaSite
import QuangBaStore
import QuangBaText

enum StatusFormat: String, ExpressibleByArgument, CaseIterable { case table, json, html }

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Translation coverage per language: current, stale, missing and draft.",
        discussion: """
        Counts only what is meant to be translated: public items submitted for review or beyond (review,
        approved, published). A line says how many items it leaves out: internal, drafts not yet submitted,
        withdrawn, unreadable. --state chooses other states (--state draft counts drafts too).
        current: approved and made from the source text as it is now.
        stale: the source changed since the translation was made (its source_hash no longer matches); --items
        names the fields that changed, and `quangba diff ID --lang L` shows how.
        missing: no file for that language.  draft: present but not approved yet.
        --fail-on stale,missing makes the command exit 1 when any translation is in one of those states (a CI gate).
        --format html --out FILE writes a report page for translation coordinators.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only this language.", valueName: "lang"), completion: Completions.languages) var lang: String?
    @Option(help: ArgumentHelp("Only items of this unit (a code from quangba.yaml).", valueName: "unit"), completion: Completions.units) var unit: String?
    @Option(help: ArgumentHelp("Only items of this kind.", valueName: "kind")) var kind: String?
    @Option(help: ArgumentHelp("Only items in these states, a comma list (default: review, approved, published).", valueName: "states")) var state: String?
    @Flag(help: "Also list every item that is not current, per language.") var items = false
    @Option(help: "Output format (html needs --out).") var format: StatusFormat = .table
    @Option(help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "file")) var out: String?
    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit 1 when any translation is in one of these states: a comma list of stale, missing, draft.", valueName: "states"))
    var failOn: String?

    static let failStates: [Coverage] = [.stale, .missing, .draft]

    func validate() throws {
        Console.configure(uiLanguage: global.uiLang)
        _ = try failingStates()
        _ = try kindFilter()
        _ = try stateFilter()
        if format == .html, out == nil { throw ValidationError(Console.text("status.html_needs_out")) }
    }

    /// The states named by --fail-on (none without it); a usage error names the valid ones.
    func failingStates() throws -> Set<Coverage> {
        guard let failOn else { return [] }
        var states = Set<Coverage>()
        for name in failOn.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let c = Coverage(rawValue: name), Self.failStates.contains(c) else {
                throw ValidationError(Console.text("status.bad_fail_on", ["value": name, "known": Self.failStates.map(\.rawValue).joined(separator: ", ")]))
            }
            states.insert(c)
        }
        return states
    }

    func kindFilter() throws -> ItemKind? {
        guard let kind else { return nil }
        guard let k = ItemKind(rawValue: kind.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError(Console.text("status.unknown_kind", ["value": kind, "known": ItemKind.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        return k
    }

    /// The states named by --state (nil without it: what is meant to be translated).
    func stateFilter() throws -> Set<ItemState>? {
        guard let state else { return nil }
        var states = Set<ItemState>()
        for name in state.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let s = ItemState(rawValue: name) else {
                throw ValidationError(Console.text("status.unknown_state", ["value": name, "known": ItemState.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
            states.insert(s)
        }
        return states
    }

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let code = try lang.map { try Editing.language($0, repo) }
            let index = try global.syncedIndex(repo)
            var query = CoverageQuery()
            query.language = code
            query.unit = unit
            query.kind = try kindFilter()
            query.states = try stateFilter()
            let result = try index.coverage(query)
            let rows = result.rows
            let pending = try index.changedSinceApproval().filter { p in code.map { p.language == $0.rawValue } ?? true }
            let langs = code.map { [$0] } ?? repo.config.languageCodes
            // Which fields changed is read from the files, and only when it is shown.
            let details = items || format == .html ? StaleDetails(repo, rows) : StaleDetails()
            // Without git the rest of the report is still right: say so once, carry on.
            if let w = details.warning { Console.err(Console.text("severity.warning") + ": " + Console.text(w.message)) }
            let text: String = switch format {
            case .json: JSONOutput.string(json(rows, langs, details, pending, result.excluded))
            case .table: table(rows, langs, details, pending, result.excluded)
            case .html: CoverageReport(config: repo.config, languages: langs, rows: rows, details: details, generated: .now,
                                       ui: LanguageCode(Console.language), text: Console.text, excluded: result.excluded,
                                       chosenStates: state != nil).html
            }
            if let out {
                let url = URL(fileURLWithPath: out)
                try AtomicFile.write(text + "\n", to: url)
                Console.err(Console.text("status.written", ["path": url.path]))
            } else {
                Console.out(text)
            }
            try failIfNeeded(rows)
        }
    }

    /// For --fail-on: a one-line count per failing state on standard error, then exit status 1.
    private func failIfNeeded(_ rows: [CoverageRow]) throws {
        let states = try failingStates()
        let failing = Self.failStates.filter(states.contains).compactMap { c -> String? in
            let n = rows.filter { $0.coverage == c }.count
            return n == 0 ? nil : "\(n) \(Console.text("status.\(c.rawValue)"))"
        }
        guard !failing.isEmpty else { return }
        Console.err(Console.text("status.failed", ["counts": failing.joined(separator: ", ")]))
        throw ExitCode(1)
    }

    private func counts(_ rows: [CoverageRow]) -> [String: [Coverage: Int]] {
        var counts: [String: [Coverage: Int]] = [:]
        for r in rows { counts[r.language, default: [:]][r.coverage, default: 0] += 1 }
        return counts
    }

    private func json(_ rows: [CoverageRow], _ langs: [LanguageCode], _ details: StaleDetails, _ pending: [(id: String, language: String?)],
                      _ excluded: CoverageExclusions) -> [String: Any] {
        let counts = counts(rows)
        var o: [String: Any] = ["counts": langs.map { l -> [String: Any] in
            var d: [String: Any] = ["lang": l.rawValue]
            for c in Coverage.allCases { d[c.rawValue] = counts[l.rawValue]?[c] ?? 0 }
            return d
        }]
        o["excluded"] = ["unreadable": excluded.unreadable, "withdrawn": excluded.withdrawn, "internal": excluded.internalItems,
                         "drafts": excluded.drafts, "other_states": excluded.otherStates]
        o["changed_since_approval"] = pending.map { p -> [String: Any] in p.language.map { ["id": p.id, "lang": $0] } ?? ["id": p.id] }
        if items {
            o["items"] = rows.filter { $0.coverage != .current }.map { r -> [String: Any] in
                var d: [String: Any] = ["id": r.id, "kind": r.kind, "unit": r.unit, "lang": r.language, "coverage": r.coverage.rawValue]
                if r.coverage == .stale {
                    let s = details[r]
                    d["changed"] = s?.fields ?? NSNull()
                    d["history"] = s?.origin.rawValue ?? StaleDetails.Origin.notFound.rawValue
                }
                return d
            }
        }
        return o
    }

    private func table(_ rows: [CoverageRow], _ langs: [LanguageCode], _ details: StaleDetails, _ pending: [(id: String, language: String?)],
                       _ excluded: CoverageExclusions) -> String {
        let counts = counts(rows)
        let head = [Console.text("status.lang")] + Coverage.allCases.map { Console.text("status.\($0.rawValue)") }
        var lines = [head.map { DisplayWidth.fit($0, 12) }.joined(separator: " ")]
        for l in langs {
            let cells = [l.rawValue] + Coverage.allCases.map { "\(counts[l.rawValue]?[$0] ?? 0)" }
            lines.append(cells.map { DisplayWidth.fit($0, 12) }.joined(separator: " "))
        }
        if let line = CoverageReport.exclusionLine(excluded, chosen: state != nil, text: Console.text) { lines.append(line) }
        if items {
            lines.append("")
            for r in rows where r.coverage != .current {
                var line = "\(DisplayWidth.fit(r.language, 8)) \(DisplayWidth.fit(Console.text("status.\(r.coverage.rawValue)"), 12)) \(r.id)"
                if r.coverage == .stale { line += "  (\(details.describe(r) { Console.text($0) }))" }
                lines.append(line)
            }
        }
        if !pending.isEmpty {
            lines.append("")
            lines.append(Console.text("status.changed_since_approval", ["count": "\(pending.count)"]))
            for p in pending { lines.append("  \(p.id)" + (p.language.map { " [\($0)]" } ?? "")) }
        }
        return lines.joined(separator: "\n")
    }
}
