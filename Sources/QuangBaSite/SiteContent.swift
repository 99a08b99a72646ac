import QuangBaContent
import QuangBaStore
import QuangBaCore

/// One item as a page of one language shows it. A class: lists of views are filtered and
/// passed around a great deal, and a copy of the struct retained every string of the item.
final class ItemView: Sendable {
    let item: Item
    /// The text shown: the page language's translation, or the source text when falling back.
    let text: Translation
    let language: LanguageCode
    /// True when the page language has no public translation and the source text stands in.
    let isFallback: Bool
    /// The languages with a public translation of their own: the item's hreflang set.
    let languages: [LanguageCode]

    init(item: Item, text: Translation, language: LanguageCode, isFallback: Bool, languages: [LanguageCode]) {
        self.item = item; self.text = text; self.language = language; self.isFallback = isFallback; self.languages = languages
    }

    var id: ItemID { item.id }
    var kind: ItemKind { item.kind }
    /// The date the site shows and sorts by: first publication, else the last update.
    var date: Timestamp { item.published ?? item.updated }
    var path: String { SitePaths.item(item.kind, item.id, language) }
    var title: String { text.title }
}

/// Everything public, arranged for the site: per language, which items it shows and how.
struct SiteContent: Sendable {
    let config: RepositoryConfig
    let items: [ItemID: PublicItem]
    /// Per item, digests of its files: pages are rebuilt when a digest they depend on changes.
    let digests: [ItemID: ItemDigest]
    /// Per language, the items it shows, newest first.
    let views: [LanguageCode: [ItemView]]
    private let byID: [LanguageCode: [ItemID: ItemView]]
    /// Per item, the public items that point to it (cover, related, attachment), in id order.
    let usedIn: [ItemID: [ItemID]]
    /// Per item, the languages that show it (own translation or fallback), as `vi,en,…`.
    let shownIn: [ItemID: String]
    /// Per item, what its card (and every page but its own) depends on: its listing key (its
    /// files without the bodies) and its cover photo's.
    let cardKey: [ItemID: String]
    let now: Timestamp

    init(config: RepositoryConfig, publicItems: [PublicItem], digests: [ItemID: ItemDigest], now: Timestamp) {
        self.config = config
        self.now = now
        self.digests = digests
        var items: [ItemID: PublicItem] = [:]
        for p in publicItems { items[p.item.id] = p }
        self.items = items
        var views: [LanguageCode: [ItemView]] = [:]
        for l in config.languageCodes {
            var list: [ItemView] = []
            for p in publicItems {
                let own = p.translations.map(\.language)
                if let t = p.translation(l) {
                    list.append(ItemView(item: p.item, text: t, language: l, isFallback: false, languages: own))
                } else if config.missingTranslation == .fallback, let source = p.translation(p.item.sourceLanguage) {
                    list.append(ItemView(item: p.item, text: source, language: l, isFallback: true, languages: own))
                }
            }
            list.sort { $0.date != $1.date ? $0.date > $1.date : $0.id.rawValue < $1.id.rawValue }
            views[l] = list
        }
        self.views = views
        self.byID = views.mapValues { Dictionary(uniqueKeysWithValues: $0.map { ($0.id, $0) }) }
        var used: [ItemID: [ItemID]] = [:]
        for p in publicItems {
            for target in Set(p.item.relations.all.map(\.target)) where items[target] != nil {
                used[target, default: []].append(p.item.id)
            }
        }
        self.usedIn = used.mapValues { $0.sorted { $0.rawValue < $1.rawValue } }
        var shownIn: [ItemID: [String]] = [:]
        for l in config.languageCodes { for v in views[l] ?? [] { shownIn[v.id, default: []].append(l.rawValue) } }
        self.shownIn = shownIn.mapValues { $0.joined(separator: ",") }
        // Digests are SHA-256 in hex; 16 digits (64 bits) tell versions of one item apart.
        var cardKey: [ItemID: String] = [:]
        for p in publicItems {
            let id = p.item.id
            cardKey[id] = id.rawValue + "=" + (digests[id]?.listing.prefix(16) ?? "") + (p.item.relations.cover.map { "+" + (digests[$0]?.listing.prefix(16) ?? "") } ?? "")
        }
        self.cardKey = cardKey
    }

    func view(_ id: ItemID, _ l: LanguageCode) -> ItemView? { byID[l]?[id] }

    func list(_ l: LanguageCode, kind: ItemKind) -> [ItemView] { (views[l] ?? []).filter { $0.kind == kind } }

}
