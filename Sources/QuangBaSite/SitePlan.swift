import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaStore

/// One file of the site and how to make it.
struct PlannedOutput: Sendable {
    enum Source: Sendable {
        case page(Page)
        case bytes([UInt8])
        /// A stored file of the repository, linked (or copied) into the site.
        case file(URL)
    }

    enum Page: Sendable {
        case chooser, rootNotFound, sitemapIndex, robots
        case home(LanguageCode), projects(LanguageCode), notFound(LanguageCode)
        case events(LanguageCode, page: Int, pages: Int)
        case feed(LanguageCode), sitemap(LanguageCode, listings: [String])
        case listing(ItemKind, LanguageCode, page: Int, pages: Int, ids: [ItemID])
        case terms(isTopic: Bool, LanguageCode, counts: [String: Int])
        case term(isTopic: Bool, code: String, LanguageCode, page: Int, pages: Int, ids: [ItemID])
        case item(ItemID, LanguageCode)
        case info(PageRenderer.InfoPage, LanguageCode)
    }

    /// The file, relative to the output folder.
    let path: String
    /// A digest of everything the file is made from.
    let input: String
    let source: Source
}

/// Every output file of the site with the digest of its inputs. Planning is cheap (no
/// rendering), so an incremental build can tell what changed before rendering anything.
struct SitePlan {
    private(set) var outputs: [PlannedOutput] = []
    let content: SiteContent
    let environment: String

    init(content: SiteContent, templates: Templates, portal: PortalAssets, environment: String, repositoryRoot: URL) {
        self.content = content
        self.environment = environment
        let langs = content.config.languageCodes

        add("index.html", .chooser, [])
        add("404.html", .rootNotFound, [])
        add("robots.txt", .robots, [])
        if let favicon = portal.favicon, let icon = portal.icon, let touch = portal.touchIcon {
            outputs.append(PlannedOutput(path: SitePaths.favicon, input: environment, source: .bytes(favicon)))
            outputs.append(PlannedOutput(path: icon.path, input: environment, source: .bytes(touch)))
        }
        for (name, bytes) in templates.assets { outputs.append(PlannedOutput(path: "assets/" + name, input: environment, source: .bytes(bytes))) }
        add("sitemap.xml", .sitemapIndex, langs.map { l in (content.views[l] ?? []).map(\.item.updated).max()?.iso8601 ?? "" })

        for l in langs {
            let views = content.views[l] ?? []
            var listingPaths = [SitePaths.language(l), SitePaths.listing(.project, l), SitePaths.topics(l), SitePaths.units(l)]

            // Home and the events listing: what they show depends on the moment (which events
            // are upcoming, in progress or past), so their inputs carry the day and each status.
            let schedule = EventSchedule(views.filter { $0.kind == .event }, now: content.now)
            let statuses = (schedule.upcoming + schedule.past).map { "\($0.id.rawValue):\(schedule.status($0).rawValue)" }
            let shown = views.filter { [.clarification, .article, .media, .project, .event].contains($0.kind) }
            add(SitePaths.file(for: SitePaths.language(l)), .home(l), ["day=" + content.now.day] + statuses + cards(shown))
            add(SitePaths.notFound(l), .notFound(l), [])
            for info in PageRenderer.InfoPage.allCases {
                add(SitePaths.file(for: info.path(l)), .info(info, l), [])
                listingPaths.append(info.path(l))
            }

            for kind in SiteNav.sections where kind != .project {
                listingPaths.append(SitePaths.listing(kind, l))
                guard kind != .event else {
                    for page in 1...schedule.pages {
                        let shownHere: [ItemView] = (page == 1 ? schedule.upcoming : []) + schedule.past(page: page)
                        add(SitePaths.file(for: SitePaths.listing(.event, l, page: page)), .events(l, page: page, pages: schedule.pages),
                            ["day=" + content.now.day, "\(page)/\(schedule.pages)"] + statuses + digestsWithCovers(shownHere.map(\.id)))
                    }
                    continue
                }
                let ids = views.filter { $0.kind == kind }.map(\.id)
                paginate(ids) { page, pages, slice in
                    (SitePaths.listing(kind, l, page: page), .listing(kind, l, page: page, pages: pages, ids: slice))
                }
            }
            add(SitePaths.file(for: SitePaths.listing(.project, l)), .projects(l), cards(views.filter { $0.kind == .project }))

            for isTopic in [true, false] {
                let codes = isTopic ? content.config.topics.codes : content.config.units.codes
                var counts: [String: Int] = [:]
                for code in codes {
                    let ids = views.filter { isTopic ? $0.item.topics.contains(code) : $0.item.unit == code }.map(\.id)
                    counts[code] = ids.count
                    paginate(ids) { page, pages, slice in
                        (isTopic ? SitePaths.topic(code, l, page: page) : SitePaths.unit(code, l, page: page),
                         .term(isTopic: isTopic, code: code, l, page: page, pages: pages, ids: slice))
                    }
                    listingPaths.append(isTopic ? SitePaths.topic(code, l) : SitePaths.unit(code, l))
                }
                add(SitePaths.file(for: isTopic ? SitePaths.topics(l) : SitePaths.units(l)), .terms(isTopic: isTopic, l, counts: counts),
                    codes.map { "\($0)=\(counts[$0] ?? 0)" })
            }

            // Item pages are most of the plan (41,000 digests at 10,000 items): made in parallel.
            let (content, environment) = (content, environment)
            outputs += parallelMap(views.count) { Self.itemOutput(views[$0], content: content, environment: environment) }
            add(SitePaths.feed(l), .feed(l), cards(Array(views.prefix(PageRenderer.feedSize))))
            add(SitePaths.sitemap(l), .sitemap(l, listings: listingPaths),
                listingPaths + views.filter { !$0.isFallback }.map { "\($0.id.rawValue)@\($0.item.updated.iso8601):\($0.languages.map(\.rawValue))" })
        }

        // Stored files, shared by every language.
        var files: [(String, URL, String)] = []
        for id in content.items.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            let item = content.items[id]!.item
            // A media item's file; each language's document of a publication.
            let stored = item.details.media.map { [$0.file] }
                ?? item.details.publication.map { $0.files(source: item.sourceLanguage, order: content.config.languageCodes).map(\.file) } ?? []
            for facts in stored where !facts.file.isEmpty {
                let url = repositoryRoot.appendingPathComponent("content/\(item.kind.rawValue)/\(id.rawValue)/\(facts.file)")
                files.append((SitePaths.file(id, facts.file), url, facts.sha256))
            }
        }
        for (path, url, sha) in files { outputs.append(PlannedOutput(path: path, input: sha, source: .file(url))) }
    }

    private mutating func add(_ path: String, _ page: PlannedOutput.Page, _ inputs: [String]) {
        outputs.append(Self.output(path, page, inputs, environment: environment))
    }

    private static func output(_ path: String, _ page: PlannedOutput.Page, _ inputs: [String], environment: String) -> PlannedOutput {
        let text = ([environment, path] + inputs).joined(separator: "\n")
        return PlannedOutput(path: path, input: SHA256.hex(Array(text.utf8)), source: .page(page))
    }

    /// The page of one item in one language. An item page shows the item (all its files), the
    /// items it points to and that point to it (their cards), and links to its other versions.
    static func itemOutput(_ v: ItemView, content: SiteContent, environment: String) -> PlannedOutput {
        let rel = v.item.relations
        let linked = (rel.cover.map { [$0] } ?? []) + rel.related + rel.attachments + (content.usedIn[v.id] ?? [])
        let inputs = ["versions=" + (content.shownIn[v.id] ?? ""), "fallback=\(v.isFallback)", content.digests[v.id]?.files ?? ""]
            + linked.map { (content.cardKey[$0] ?? $0.rawValue) + "@" + (content.shownIn[$0] ?? "") }
        return output(SitePaths.file(for: v.path), .item(v.id, v.language), inputs, environment: environment)
    }

    /// Pages of at most `perPage` items; an empty list still has its first page.
    private mutating func paginate(_ ids: [ItemID], _ make: (Int, Int, [ItemID]) -> (String, PlannedOutput.Page)) {
        let pages = max(1, (ids.count + PageRenderer.perPage - 1) / PageRenderer.perPage)
        for page in 1...pages {
            let slice = Array(ids.dropFirst((page - 1) * PageRenderer.perPage).prefix(PageRenderer.perPage))
            let (path, spec) = make(page, pages, slice)
            add(SitePaths.file(for: path), spec, ["\(page)/\(pages)"] + digestsWithCovers(slice))
        }
    }

    /// What a card shows depends on the item and on its cover photo.
    private func cards(_ views: [ItemView]) -> [String] { views.map { content.cardKey[$0.id] ?? "" } }

    private func digestsWithCovers(_ ids: [ItemID]) -> [String] { ids.map { content.cardKey[$0] ?? $0.rawValue } }

}
