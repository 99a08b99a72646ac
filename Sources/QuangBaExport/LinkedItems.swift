import QuangBaContent
import QuangBaCore
import QuangBaStore

/// What a record may say of the items it links to, made from the gate's answers only: which of
/// them are public (with their kind), and the files of those public covers that are photos,
/// the preview image of the items they cover. An item that is not public is never read here,
/// so nothing of it (not even its file's name) can reach a record.
struct LinkedItems: Sendable {
    var kinds: [ItemID: ItemKind] = [:]
    var photos: [ItemID: FileFacts] = [:]

    /// For `items`: the public items among those they link to (one query), then the public
    /// photos among their covers (a second query, for those covers only).
    static func of(_ items: some Sequence<PublicItem>, index: Index, now: Timestamp) throws -> LinkedItems {
        let items = Array(items)
        var out = LinkedItems()
        out.kinds = try index.publicKinds(items.flatMap { $0.item.relations.all.map(\.target) }, now: now)
        let covers = Set(items.compactMap(\.item.relations.cover)).filter { out.kinds[$0] == .media }
        for (id, cover) in try index.publicItems(Array(covers), now: now) {
            if let m = cover.item.details.media, let photo = Self.photo(m) { out.photos[id] = photo }
        }
        return out
    }

    /// The image that shows `item`: its own file when it is a photo, else its cover's when that
    /// is a public photo; with the id of the item the file belongs to.
    func preview(of item: Item) -> (id: ItemID, file: FileFacts)? {
        if let m = item.details.media, let photo = Self.photo(m) { return (item.id, photo) }
        if let c = item.relations.cover, let photo = photos[c] { return (c, photo) }
        return nil
    }

    private static func photo(_ m: MediaDetails) -> FileFacts? { m.isImage && !m.file.file.isEmpty ? m.file : nil }
}

/// An item's rights as records state them: its licence (`Item.licence(default:)`) and, when all
/// rights are reserved, who holds them: a media item's holder (or its credit), else the owner
/// unit, in the source language.
struct Rights {
    let licence: Licence
    let holder: String?

    init(_ item: Item, _ config: RepositoryConfig) {
        licence = item.licence(default: config.licence)
        guard licence == .allRightsReserved else { holder = nil; return }
        let source = config.sourceLanguage
        let named = item.details.media.map { config.holder(of: item, in: item.sourceLanguage)?.text ?? $0.credit }
            ?? config.units.name(item.unit, source, fallback: source)
        holder = named.isEmpty ? nil : named
    }
}
