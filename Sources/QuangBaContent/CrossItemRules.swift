import Foundation
public import QuangBaCore

/// The rules between items, defined once. `quangba validate` applies them to the whole
/// repository, the index after every sync to the items the sync could have affected, and
/// `quangba show` to one item; each only finds the other items its own way (`others`).
///
/// - An id is its folder's name: two folders of one name (under two kinds) are both in error,
///   whatever their files say, and neither is public.
/// - A relation must name an item folder that exists, other than the item's own, of the right
///   kind: a cover is a media item whose file is an image, an attachment a media item or a
///   publication. A target that exists but is not public (a draft, a withdrawn item, one with
///   errors of its own) is not an error: outputs leave that link out, and it comes back when
///   the target is published again. A target whose folder is deleted is an error.
public enum CrossItemRules {
    /// What the rules know of one item folder.
    public struct Facts: Hashable, Sendable {
        public var folder: String
        public var id: ItemID
        public var kind: ItemKind
        /// For a media item, whether its file is an image; nil when unknown (its item.yaml
        /// could not be read: that is its own error, and a cover pointing to it is not judged).
        public var isImage: Bool?
        /// (relation name as in item.yaml, target), in item.yaml order.
        public var relations: [Relation]

        public init(folder: String, id: ItemID, kind: ItemKind, isImage: Bool?, relations: [Relation]) {
            self.folder = folder; self.id = id; self.kind = kind; self.isImage = isImage; self.relations = relations
        }

        /// The facts of an item as read from its folder; nil when the folder's name is not an id.
        public init?(_ loaded: LoadedItem) {
            let parts = loaded.folder.split(separator: "/")
            guard parts.count == 3, let kind = ItemKind(rawValue: String(parts[1])), let id = ItemID(String(parts[2])) else { return nil }
            let item = loaded.item
            self.init(folder: loaded.folder, id: id, kind: kind, isImage: item?.details.media?.isImage,
                      relations: item?.relations.all.map { Relation(name: $0.name, target: $0.target) } ?? [])
        }
    }

    public struct Relation: Hashable, Sendable {
        public var name: String
        public var target: ItemID
        public init(name: String, target: ItemID) { self.name = name; self.target = target }
    }

    /// One broken rule; `target` is the relation it is about (its line in item.yaml), if any.
    public struct Problem: Hashable, Sendable {
        public var message: Message
        public var target: ItemID?
    }

    /// What is wrong with `item` among the others. `others(id)` gives every item folder with
    /// that id (for the item's own id, itself included). Every problem is an error.
    public static func problems(_ item: Facts, others: (ItemID) -> [Facts]) -> [Problem] {
        var out: [Problem] = []
        let twins = others(item.id).filter { $0.folder != item.folder }.map(\.folder).sorted()
        if !twins.isEmpty {
            out.append(Problem(message: Message("item.duplicate_id", ["id": item.id.rawValue, "other": twins.joined(separator: ", ")])))
        }
        for r in item.relations {
            if r.target == item.id {
                out.append(Problem(message: Message("item.self_relation", ["relation": r.name]), target: r.target))
                continue
            }
            let targets = others(r.target)
            if targets.isEmpty {
                out.append(Problem(message: Message("item.broken_relation", ["relation": r.name, "target": r.target.rawValue]), target: r.target))
                continue
            }
            // A duplicated target is in error itself; the link is judged by any of its folders.
            let expected: String
            let fits: (Facts) -> Bool
            switch r.name {
            case "cover": (expected, fits) = ("media (image)", { $0.kind == .media && $0.isImage != false })
            case "attachments": (expected, fits) = ("media, publication", { $0.kind == .media || $0.kind == .publication })
            default: continue
            }
            if !targets.contains(where: fits) {
                out.append(Problem(message: Message("item.relation_kind", ["relation": r.name, "target": r.target.rawValue, "expected": expected]), target: r.target))
            }
        }
        return out
    }

    /// Problems as diagnostics of the item's item.yaml, at the line that names the relation's
    /// target (line 1 for a duplicate id).
    public static func diagnostics(_ problems: [Problem], folder: String, itemYAML: String?) -> [Diagnostic] {
        problems.map { p in
            let line = p.target.map { t in itemYAML.flatMap { lineMentioning(t.rawValue, in: $0) } } ?? 1
            return Diagnostic(.error, Location(file: "\(folder)/item.yaml", line: line), p.message)
        }
    }

    /// The first line of `text` where `word` stands as a whole value.
    static func lineMentioning(_ word: String, in text: String) -> Int? {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let tokens = line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
            if tokens.contains(where: { $0 == word }) { return i + 1 }
        }
        return nil
    }
}

extension Repository {
    /// The facts of every item folder named `id`, read from disk (a stat per kind, and the
    /// item.yaml of the folders found): the rules between items for one item, without the others.
    public func crossItemFacts(_ id: ItemID) -> [CrossItemRules.Facts] {
        ItemKind.allCases.compactMap { kind -> CrossItemRules.Facts? in
            let url = folderURL(kind, id)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
            let folder = "content/\(kind.rawValue)/\(id.rawValue)"
            var ignored: [Diagnostic] = []
            let text = reader.readText("\(folder)/item.yaml", into: &ignored)
            let item = text.flatMap { reader.parseItem($0, id: id, kind: kind, file: "\(folder)/item.yaml", diagnostics: &ignored) }
            return CrossItemRules.Facts(folder: folder, id: id, kind: kind, isImage: item?.details.media?.isImage,
                                        relations: item?.relations.all.map { CrossItemRules.Relation(name: $0.name, target: $0.target) } ?? [])
        }
    }

    /// The rules between items for one item as read from its folder, against the repository
    /// on disk now.
    public func crossItemDiagnostics(_ loaded: LoadedItem) -> [Diagnostic] {
        guard let facts = CrossItemRules.Facts(loaded) else { return [] }
        let problems = CrossItemRules.problems(facts) { id in
            id == facts.id ? [facts] + crossItemFacts(id).filter { $0.folder != facts.folder } : crossItemFacts(id)
        }
        return CrossItemRules.diagnostics(problems, folder: loaded.folder, itemYAML: loaded.texts["item.yaml"])
    }
}
