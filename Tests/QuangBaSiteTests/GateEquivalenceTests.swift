import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import QuangBaContent
import QuangBaCore
import QuangBaExport
import QuangBaSite
import QuangBaStore

/// The gate is stated once in Swift (`PublicationGate.evaluate`), and the index restates parts
/// of it in SQL: which items may be public (`Index.mayBePublic`), which records are live at a
/// moment and when they last changed (Harvest.swift, over the record ledger). This proves that
/// they agree. Random repositories are probed at moments before, at and after their embargoes
/// end, with edits by hand between some of them; at each moment the site, the full XML export
/// and OAI-PMH hold exactly the (item, language) pairs the gate lets out of what the
/// repository's reader loads, every record once public and no longer is listed as deleted (and
/// no other), the export since the last moment holds what OAI-PMH dates since, and datestamps
/// agree between the export and OAI-PMH, never go back, and move exactly when what a record
/// serves changes. A failure names the seed, the moment, the edits before it and, for each
/// record, its files' spec and the gate's reasons.
@Suite(.serialized) struct GateEquivalenceTests {
    /// Far ahead of the clock, which a site build's own sync dates changes with: no embargo
    /// ends by the clock during the test.
    static let t0 = Timestamp(parsing: "2031-03-01T00:00:00Z")!.secondsSince1970
    /// Embargoes end at t0, t0 + 100 and t0 + 200, and at t0 + 400 for those an edit sets.
    static let embargoes = [t0, t0 + 100, t0 + 200]
    static let laterEmbargo = t0 + 400
    /// Seconds after t0, and whether the repository is edited (and synced) at that moment (the
    /// first syncs the new repository). At the others only time passes: no sync, the SQL alone
    /// must see which embargoes ended.
    static let probes: [(at: Int64, edits: Bool)] = [(0, false), (99, false), (100, false), (150, true), (200, false), (260, true), (400, false)]
    static let domain = "oai:langson.quangba.example:"

    @Test(arguments: [1, 2, 3] as [UInt64])
    func outputsHoldExactlyWhatTheGateAllows(seed: UInt64) throws {
        let r = try RandomRepository(seed: seed, t0: Self.t0, embargoes: Self.embargoes, laterEmbargo: Self.laterEmbargo)
        let repo = try Repository(root: r.root)
        let index = try Index(repository: repo)
        let oai = try OAIProvider(index: index, endpoint: "http://127.0.0.1:8080/oai", pageSize: 20)
        let site = r.root.appendingPathComponent("_site")
        // Per record, the languages it was ever public in.
        var everPublic: [String: Set<String>] = [:]
        var previous: Observation?
        var controls = Controls()
        var firstEdits = true
        for probe in Self.probes {
            let at = Self.t0 + probe.at
            let now = Timestamp(secondsSince1970: at)
            var edits: [String] = []
            if previous == nil {
                try index.sync(now: now)
            } else if probe.edits {
                // What the edits take away was public until this moment.
                for (key, langs) in GateView(repo, now: at).languages { everPublic[key, default: []].formUnion(langs) }
                edits = try r.edit(count: 6, at: at, first: firstEdits)
                firstEdits = false
                try index.sync(now: now)
            }
            let gate = GateView(repo, now: at)
            if previous == nil {
                for (key, langs) in gate.withdrawnBeforeTheLedger() { everPublic[key, default: []].formUnion(langs) }
            }
            for (key, langs) in gate.languages { everPublic[key, default: []].formUnion(langs) }
            let c = Context(seed: seed, at: probe.at, edits: edits, gate: gate, repository: r)
            try checkSite(index, into: site, now: now, c)
            let exportDates = try checkExport(index, now: now, c)
            let headers = try checkHarvest(oai, languages: repo.config.languageCodes, now: now, everPublic: everPublic, c, &controls)
            let observation = Observation(at: at, headers: headers, visible: gate.visible(), stable: gate.stable(headers.keys))
            checkDatestamps(observation, previous: previous, export: exportDates, c)
            if let previous { try checkExport(index, now: now, since: previous.at, headers: headers, c) }
            if let previous, !probe.edits, gate.languages.keys.contains(where: { previous.visible[$0] == nil }) { controls.cameOutByTime = true }
            // Records that link to an item under embargo show it once the embargo ends, also
            // while another they link to is still under one (no edits yet to blur it).
            for linker in probe.at == 100 ? [r.forced(.linksToEmbargoed).key, r.forced(.linksToTwoEmbargoed).key] : [] {
                #expect(headers[linker]?.datestamp == at, "\(c.header): \(linker) dated \(headers[linker].map { "t0+\($0.datestamp - Self.t0)" } ?? "absent")")
            }
            controls.decisive.formUnion(gate.decisiveReasons())
            controls.deleted = controls.deleted || headers.values.contains(where: \.deleted)
            #expect(!gate.languages.isEmpty, "\(c.header): nothing public")
            previous = observation
        }
        // Not vacuous: each of the gate's reasons alone kept something out, an embargo ended
        // with no sync, records were deleted, whole and from one language's set.
        #expect(controls.decisive == GateView.reasonNames, "seed \(seed): never the only reason: \(GateView.reasonNames.subtracting(controls.decisive).sorted())")
        #expect(controls.cameOutByTime, "seed \(seed): no item came out by time alone")
        #expect(controls.deleted && controls.deletedFromALanguageOnly, "seed \(seed): deleted \(controls.deleted), from a language only \(controls.deletedFromALanguageOnly)")
    }

    /// The site, built from the index as `quangba build` builds it: its item pages, the
    /// language versions each names, and the stored files it publishes.
    func checkSite(_ index: Index, into site: URL, now: Timestamp, _ c: Context) throws {
        var options = SiteBuild.Options(out: site)
        options.now = now
        try SiteBuild(index: index, options: options).run()
        let pages = Self.itemPages(site, languages: index.repository.config.languageCodes)
        c.expectSame("site item pages", pages, c.gate.languages)
        for (key, langs) in pages where c.gate.languages[key] == langs {
            let kind = ItemKind(rawValue: String(key.split(separator: "/")[0]))!, id = ItemID(String(key.split(separator: "/")[1]))!
            for lang in langs {
                let html = (try? String(contentsOf: site.appendingPathComponent(PublicPath.item(kind, id, LanguageCode(lang)) + "index.html"), encoding: .utf8)) ?? ""
                let versions = Set(html.matches(of: /<link rel="alternate" hreflang="([^"]+)"/).map { String($0.1) }).subtracting(["x-default"])
                #expect(versions == langs, "\(c.header): \(key) \(lang) page names the versions \(versions.sorted()); \(c.explain(key))")
            }
        }
        let files = Set(SampleRepo.files(site).filter { $0.hasPrefix("files/") }.map { String($0.split(separator: "/")[1]) })
        let storing = Set(c.gate.languages.keys.filter { $0.hasPrefix("media/") || $0.hasPrefix("publication/") }.map { String($0.split(separator: "/")[1]) })
        #expect(files == storing, "\(c.header): site files of \(files.symmetricDifference(storing).sorted().map { "\($0) [\(c.explain(c.gate.key(of: $0)))]" })")
    }

    /// The full XML export: its items, their languages and the items they link to. Returns
    /// the datestamp of each item.
    func checkExport(_ index: Index, now: Timestamp, _ c: Context) throws -> [String: Int64] {
        var options = XMLExport.Options()
        options.now = now
        var bytes: [UInt8] = []
        _ = try XMLExport.write(index: index, options: options) { bytes += $0; return true }
        let export = try #require(ParsedXML.parse(bytes), "\(c.header): the export does not parse")
        var exported: [String: Set<String>] = [:]
        var dates: [String: Int64] = [:]
        for item in export.children where item.name == "item" {
            let key = "\(item.attributes["kind"] ?? "")/\(item.attributes["id"] ?? "")"
            exported[key] = Set(item.children.filter { $0.name == "text" }.compactMap { $0.attributes["xml:lang"] })
            dates[key] = Timestamp(parsing: item.attributes["datestamp"] ?? "")?.secondsSince1970
            let links = Set(item.children.filter { $0.name == "relation" }.compactMap { $0.attributes["ref"] })
            #expect(links == c.gate.linkedPublic(key), "\(c.header): export of \(key) links to \(links.sorted()), public targets \(c.gate.linkedPublic(key).sorted()); \(c.explain(key))")
        }
        c.expectSame("export items and languages", exported, c.gate.languages)
        return dates
    }

    /// The export of what changed since a moment (`quangba export --since`): the records
    /// OAI-PMH dates at or after it, live ones as items and the others as deletions.
    func checkExport(_ index: Index, now: Timestamp, since: Int64, headers: [String: Header], _ c: Context) throws {
        var options = XMLExport.Options()
        options.now = now
        options.since = Timestamp(secondsSince1970: since)
        var bytes: [UInt8] = []
        _ = try XMLExport.write(index: index, options: options) { bytes += $0; return true }
        let export = try #require(ParsedXML.parse(bytes), "\(c.header): the export since t0+\(since - Self.t0) does not parse")
        func keys(_ element: String) -> Set<String> {
            Set(export.children.filter { $0.name == element }.map { "\($0.attributes["kind"] ?? "")/\($0.attributes["id"] ?? "")" })
        }
        let changed = headers.filter { $0.value.datestamp >= since }
        let (items, deleted) = (keys("item"), keys("deleted"))
        let expected = (items: Set(changed.filter { !$0.value.deleted }.keys), deleted: Set(changed.filter(\.value.deleted).keys))
        let wrong = items.symmetricDifference(expected.items).union(deleted.symmetricDifference(expected.deleted)).sorted().map { "\($0) [\(c.explain($0))]" }
        #expect(wrong.isEmpty, "\(c.header): the export since t0+\(since - Self.t0) differs from OAI-PMH's datestamps in \(wrong.joined(separator: "; "))")
    }

    /// OAI-PMH: every record, live ones in their lang: sets and with their texts, deleted ones
    /// exactly those once public and no longer, in the sets they were in; the same in each
    /// language's set. Returns the headers of the whole harvest.
    func checkHarvest(_ oai: OAIProvider, languages: [LanguageCode], now: Timestamp, everPublic: [String: Set<String>], _ c: Context, _ controls: inout Controls) throws -> [String: Header] {
        var headers: [String: Header] = [:]
        var texts: [String: Set<String>] = [:]
        for record in try Self.harvest(oai, [("verb", "ListRecords"), ("metadataPrefix", "quangba")], now: now, c) {
            guard let h = record.child("header").flatMap(Header.init) else { Issue.record("\(c.header): a record without a header"); continue }
            headers[h.key] = h
            if !h.deleted { texts[h.key] = Set(record.child("metadata")?.child("item")?.children.filter { $0.name == "text" }.compactMap { $0.attributes["xml:lang"] } ?? []) }
        }
        let gate = c.gate
        c.expectSame("OAI-PMH live records and their lang: sets", headers.filter { !$0.value.deleted }.mapValues(\.languages), gate.languages)
        c.expectSame("OAI-PMH records' texts", texts, gate.languages)
        c.expectSame("OAI-PMH deleted records and the lang: sets they were in", headers.filter(\.value.deleted).mapValues(\.languages),
                     everPublic.filter { gate.languages[$0.key] == nil })
        let identifiers = try Self.harvest(oai, [("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc")], now: now, c).compactMap(Header.init)
        #expect(Dictionary(identifiers.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }) == headers && identifiers.count == headers.count,
                "\(c.header): ListIdentifiers and ListRecords disagree")
        for lang in languages.map(\.rawValue) {
            let inSet = try Self.harvest(oai, [("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "lang:" + lang)], now: now, c).compactMap(Header.init)
            let live = gate.languages.filter { $0.value.contains(lang) }.keys
            let left = everPublic.filter { $0.value.contains(lang) && !(gate.languages[$0.key]?.contains(lang) ?? false) }.keys
            c.expectSame("OAI-PMH set lang:\(lang)", Dictionary(inSet.map { ($0.key, [$0.deleted ? "deleted" : "live"]) }, uniquingKeysWith: { a, _ in a }),
                         Dictionary(live.map { ($0, ["live"]) } + left.map { ($0, ["deleted"]) }, uniquingKeysWith: { a, _ in a }))
            if left.contains(where: { gate.languages[$0] != nil }) { controls.deletedFromALanguageOnly = true }
        }
        return headers
    }

    /// Datestamps: the export's and OAI-PMH's agree; none is in the future or before an
    /// embargo its record shows the end of; none goes back; each moves past the last moment
    /// exactly when what its record serves changes.
    func checkDatestamps(_ now: Observation, previous: Observation?, export: [String: Int64], _ c: Context) {
        for (key, date) in export where now.headers[key]?.datestamp != date {
            Issue.record("\(c.header): \(key) is dated t0+\(date - Self.t0) in the export, \(now.headers[key].map { "t0+\($0.datestamp - Self.t0)" } ?? "absent") in OAI-PMH; \(c.explain(key))")
        }
        for (key, h) in now.headers {
            let why = "\(c.header): \(key) dated t0+\(h.datestamp - Self.t0)"
            #expect(h.datestamp <= now.at, "\(why), in the future; \(c.explain(key))")
            if let floor = c.gate.embargoFloor(key) { #expect(h.datestamp >= floor, "\(why), before the embargo it shows ended (t0+\(floor - Self.t0)); \(c.explain(key))") }
            guard let previous else {
                #expect(h.datestamp == now.at, "\(why) at the first sync; \(c.explain(key))")
                continue
            }
            guard let before = previous.headers[key] else {
                #expect(h.datestamp > previous.at, "\(why), new since t0+\(previous.at - Self.t0); \(c.explain(key))")
                continue
            }
            #expect(h.datestamp >= before.datestamp, "\(why), was t0+\(before.datestamp - Self.t0); \(c.explain(key))")
            if previous.visible[key] != now.visible[key] {
                #expect(h.datestamp > previous.at, "\(why): it serves \(now.visible[key] ?? "nothing"), not \(previous.visible[key] ?? "nothing"), since t0+\(previous.at - Self.t0); \(c.explain(key))")
            } else if previous.stable[key] == now.stable[key] {
                #expect(h.datestamp == before.datestamp, "\(why), was t0+\(before.datestamp - Self.t0), and nothing it serves changed; \(c.explain(key))")
            }
        }
        if let previous {
            let lost = Set(previous.headers.keys).subtracting(now.headers.keys)
            #expect(lost.isEmpty, "\(c.header): records no longer listed at all: \(lost.sorted())")
        }
    }

    struct Controls {
        var decisive: Set<String> = []
        var cameOutByTime = false
        var deleted = false
        var deletedFromALanguageOnly = false
    }

    /// What one probe saw, for the next to compare with.
    struct Observation {
        let at: Int64
        let headers: [String: Header]
        /// Public records: their languages and the public items they link to.
        let visible: [String: String]
        /// Every listed record: its files and those of the items it links to.
        let stable: [String: String]
    }

    /// The failure messages' context: the seed and moment to replay, and why the gate decided.
    struct Context {
        let seed: UInt64
        let at: Int64
        let edits: [String]
        let gate: GateView
        let repository: RandomRepository

        var header: String { "seed \(seed) at t0+\(at)" + (edits.isEmpty ? "" : " after edits [\(edits.joined(separator: "; "))]") }

        func explain(_ key: String) -> String {
            func words(_ reasons: [PublicationGate.Reason]) -> String { "[" + reasons.map { GateView.describe($0, t0: GateEquivalenceTests.t0) }.joined(separator: ", ") + "]" }
            let verdict = gate.verdicts[key].map { v in
                "item \(words(v.itemReasons)); " + v.languages.map { "\($0.language.rawValue) \(words($0.reasons))" }.joined(separator: ", ")
            } ?? "not read"
            return "[\(repository.describe(key))] gate: \(verdict)"
        }

        func expectSame(_ what: String, _ actual: [String: Set<String>], _ expected: [String: Set<String>], sourceLocation: SourceLocation = #_sourceLocation) {
            let wrong = Set(actual.keys).union(expected.keys).filter { actual[$0] != expected[$0] }.sorted()
            let lines = wrong.map { "  \($0): has \(actual[$0]?.sorted() ?? []), expected \(expected[$0]?.sorted() ?? []); \(explain($0))" }
            #expect(wrong.isEmpty, "\(header): \(what) differ from the gate:\n\(lines.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
    }

    /// An OAI-PMH header as a harvester reads it.
    struct Header: Equatable {
        let key: String
        let datestamp: Int64
        let deleted: Bool
        let sets: [String]
        var languages: Set<String> { Set(sets.filter { $0.hasPrefix("lang:") }.map { String($0.dropFirst(5)) }) }

        init?(_ e: ParsedXML) {
            guard e.name == "header", let id = e.child("identifier")?.text, id.hasPrefix(GateEquivalenceTests.domain),
                  let date = e.child("datestamp").flatMap({ Timestamp(parsing: $0.text) }) else { return nil }
            key = String(id.dropFirst(GateEquivalenceTests.domain.count))
            datestamp = date.secondsSince1970
            deleted = e.attributes["status"] == "deleted"
            sets = e.children.filter { $0.name == "setSpec" }.map(\.text)
        }
    }

    /// Every record or header of a list request, following resumption tokens.
    static func harvest(_ oai: OAIProvider, _ first: [(String, String)], now: Timestamp, _ c: Context) throws -> [ParsedXML] {
        var out: [ParsedXML] = []
        var args = first
        while true {
            guard let doc = ParsedXML.parse(try oai.respond(args, now: now)) else {
                Issue.record("\(c.header): the answer to \(args) does not parse")
                return out
            }
            if let error = doc.child("error") {
                if error.attributes["code"] != "noRecordsMatch" { Issue.record("\(c.header): \(args): \(error.attributes["code"] ?? "") \(error.text)") }
                return out
            }
            guard let list = doc.children.first(where: { $0.name == first[0].1 }) else {
                Issue.record("\(c.header): no \(first[0].1) in the answer to \(args)")
                return out
            }
            out += list.children.filter { $0.name == "record" || $0.name == "header" }
            guard let token = list.child("resumptionToken")?.text, !token.isEmpty else { return out }
            args = [("verb", first[0].1), ("resumptionToken", token)]
        }
    }

    /// The item pages of a built site, as (record, languages), read from their paths.
    static func itemPages(_ site: URL, languages: [LanguageCode]) -> [String: Set<String>] {
        let folders = Dictionary(uniqueKeysWithValues: languages.map { (String(PublicPath.language($0).dropLast()), $0.rawValue) })
        let sections = Dictionary(uniqueKeysWithValues: ItemKind.allCases.map { (PublicPath.section($0), $0.rawValue) })
        var out: [String: Set<String>] = [:]
        for file in SampleRepo.files(site) {
            let parts = file.split(separator: "/").map(String.init)
            guard parts.count == 4, parts[3] == "index.html", parts[2] != "page", let lang = folders[parts[0]], let kind = sections[parts[1]] else { continue }
            out["\(kind)/\(parts[2])", default: []].insert(lang)
        }
        return out
    }
}

/// What the gate says at one moment of every item the repository's reader loads, with the
/// errors `quangba validate` finds (its own, and those between items): what every output must
/// hold, found without the index.
struct GateView {
    /// Public records (`kind/id`) and their public languages.
    var languages: [String: Set<String>] = [:]
    var verdicts: [String: PublicationGate.Verdict] = [:]
    /// What the gate judged of each item read: its public view.
    var items: [String: Item] = [:]
    var ownErrors: [String: Int] = [:]
    var errors: [String: Int] = [:]
    /// Per id, a digest of the files of its folders.
    var files: [String: String] = [:]

    static let reasonNames: Set<String> = ["invalid (own)", "invalid (between items)", "not published", "internal", "embargoed",
                                           "missing translation", "translation not approved", "missing alt text", "missing title"]

    init(_ repo: Repository, now: Int64) {
        let loaded = repo.loadAll()
        var between: [String: Int] = [:]
        for d in Validator.crossItem(loaded) where d.severity == .error {
            if let file = d.location.file { between[file.split(separator: "/").dropLast().joined(separator: "/"), default: 0] += 1 }
        }
        for l in loaded {
            let key = String(l.folder.dropFirst("content/".count))
            files[String(key.split(separator: "/")[1]), default: ""] += Self.digest(repo.root.appendingPathComponent(l.folder))
            guard let view = l.publicView else { continue }
            let own = l.diagnostics.filter { $0.severity == .error }.count
            let verdict = PublicationGate.evaluate(view.item, translations: view.translations, errors: own + (between[l.folder] ?? 0),
                                                   languages: repo.config.languageCodes, now: Timestamp(secondsSince1970: now))
            items[key] = view.item
            ownErrors[key] = own
            errors[key] = own + (between[l.folder] ?? 0)
            verdicts[key] = verdict
            if verdict.isPublic { languages[key] = Set(verdict.publicLanguages.map(\.rawValue)) }
        }
    }

    private static func digest(_ folder: URL) -> String {
        var sha = SHA256()
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
            sha.update(Array(name.utf8) + [0])
            sha.update(Array((try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data()) + [0])
        }
        return sha.finalize().hexString
    }

    func key(of id: String) -> String { items.keys.first { $0.hasSuffix("/" + id) } ?? id }

    var publicIDs: Set<String> { Set(languages.keys.map { String($0.split(separator: "/")[1]) }) }

    /// The public items a record links to: what its records show of its relations.
    func linkedPublic(_ key: String) -> Set<String> {
        let ids = publicIDs
        return Set((items[key]?.relations.all ?? []).map(\.target.rawValue).filter { ids.contains($0) })
    }

    /// Per public record, what it serves as far as the gate decides: its languages and the
    /// public items it links to.
    func visible() -> [String: String] {
        var out: [String: String] = [:]
        for (key, langs) in languages {
            out[key] = langs.sorted().joined(separator: ",") + " linking to " + linkedPublic(key).sorted().joined(separator: ",")
        }
        return out
    }

    /// Per record, its files and those of every item it links to: while they stay the same,
    /// nothing it serves can change but what the gate decides by time.
    func stable(_ keys: some Sequence<String>) -> [String: String] {
        var out: [String: String] = [:]
        for key in keys {
            let id = String(key.split(separator: "/")[1])
            out[key] = ([id] + (items[key]?.relations.all ?? []).map(\.target.rawValue)).map { "\($0)=\(files[$0] ?? "")" }.joined(separator: " ")
        }
        return out
    }

    /// The latest embargo a public record shows the end of (its own, or a linked item's): its
    /// datestamp is no earlier.
    func embargoFloor(_ key: String) -> Int64? {
        guard languages[key] != nil, let item = items[key] else { return nil }
        let linked = linkedPublic(key)
        let shown = [item.embargo] + items.filter { linked.contains($0.value.id.rawValue) && languages[$0.key] != nil }.map(\.value.embargo)
        return shown.compactMap { $0?.secondsSince1970 }.max()
    }

    /// Items withdrawn before the record ledger existed count as once public, from their
    /// `published` and `withdrawn` times (docs/harvesting.md): published before the withdrawal
    /// and before their embargo, if any, ended; and, as the gate has it, public in some language.
    func withdrawnBeforeTheLedger() -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for (key, item) in items where item.state == .withdrawn && item.classification == .public && errors[key] == 0 {
            guard let published = item.published else { continue }
            let end = item.withdrawn ?? item.updated
            guard published < end, item.embargo.map({ $0 < end }) ?? true else { continue }
            let langs = verdicts[key]!.languages.filter(\.isPublic).map(\.language.rawValue)
            if !langs.isEmpty { out[key] = Set(langs) }
        }
        return out
    }

    /// The reasons that alone kept an item, or one language of it, out at this moment.
    func decisiveReasons() -> Set<String> {
        var out = Set<String>()
        for (key, v) in verdicts {
            if v.itemReasons.count == 1, v.languages.contains(where: \.isPublic) {
                if case .invalid = v.itemReasons[0] { out.insert(ownErrors[key]! > 0 ? "invalid (own)" : "invalid (between items)") }
                else { out.insert(Self.name(v.itemReasons[0])) }
            }
            if v.itemReasons.isEmpty {
                for l in v.languages where l.reasons.count == 1 { out.insert(Self.name(l.reasons[0])) }
            }
        }
        return out
    }

    /// A reason in a message, with what it carries.
    static func describe(_ r: PublicationGate.Reason, t0: Int64) -> String {
        switch r {
        case .invalid(let errors): "\(errors) errors"
        case .notPublished(let state): state.rawValue
        case .embargoed(let until): "embargoed until t0+\(until.secondsSince1970 - t0)"
        default: name(r)
        }
    }

    static func name(_ r: PublicationGate.Reason) -> String {
        switch r {
        case .invalid: "invalid"
        case .notPublished: "not published"
        case .internalClassification: "internal"
        case .embargoed: "embargoed"
        case .missingTranslation: "missing translation"
        case .translationNotApproved: "translation not approved"
        case .missingAltText: "missing alt text"
        case .missingTitle: "missing title"
        }
    }
}

/// An XML document read back by a real parser (libxml2, under Foundation's XMLParser), as a tree.
final class ParsedXML {
    let name: String
    let attributes: [String: String]
    var children: [ParsedXML] = []
    var text = ""

    init(_ name: String, _ attributes: [String: String]) { self.name = name; self.attributes = attributes }

    func child(_ name: String) -> ParsedXML? { children.first { $0.name == name } }

    static func parse(_ bytes: [UInt8]) -> ParsedXML? {
        let builder = Builder()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = builder
        return parser.parse() ? builder.root : nil
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [ParsedXML] = []
        var root: ParsedXML?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let e = ParsedXML(name, attributes)
            if let parent = stack.last { parent.children.append(e) } else { root = e }
            stack.append(e)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { stack.removeLast() }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
    }
}
