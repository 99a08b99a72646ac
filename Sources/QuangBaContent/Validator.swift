import QuangBaCore

/// Every rule of docs/content-format.md over a whole repository: each item's own problems
/// (from `ItemReader`) plus the rules that need all items at once.
public enum Validator {
    public static func validate(_ repo: Repository) -> [Diagnostic] {
        let loaded = repo.loadAll()
        var out = repo.configWarnings
        out += repo.itemFolders().strays
        out += crossItem(loaded)
        let history = SourceHistory(repo)
        for l in loaded {
            out += l.diagnostics
            if let item = l.item { out += history.problems(item) }
        }
        do { _ = try repo.auditEntries() } catch let e as QuangBaError { out.append(Diagnostic(.error, e.location, e.message)) } catch {}
        return sorted(out)
    }

    /// Rules between items: unique ids across kinds, relations that resolve to the right kind.
    public static func crossItem(_ loaded: [LoadedItem]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var byID: [ItemID: [LoadedItem]] = [:]
        for l in loaded { if let i = l.item { byID[i.id, default: []].append(l) } }
        for (id, ls) in byID where ls.count > 1 {
            for l in ls {
                let others = ls.filter { $0.folder != l.folder }.map(\.folder).joined(separator: ", ")
                out.append(Diagnostic(.error, Location(file: "\(l.folder)/item.yaml", line: 1), Message("item.duplicate_id", ["id": id.rawValue, "other": others])))
            }
        }
        for l in loaded {
            guard let item = l.item else { continue }
            let yaml = l.texts["item.yaml"] ?? ""
            for (name, target) in item.relations.all {
                let at = Location(file: "\(l.folder)/item.yaml", line: lineMentioning(target.rawValue, in: yaml))
                guard let t = byID[target]?.first?.item else {
                    out.append(Diagnostic(.error, at, Message("item.broken_relation", ["relation": name, "target": target.rawValue])))
                    continue
                }
                if target == item.id {
                    out.append(Diagnostic(.error, at, Message("item.self_relation", ["relation": name])))
                } else if name == "cover", t.kind != .media || !(t.details.media?.isImage ?? false) {
                    out.append(Diagnostic(.error, at, Message("item.relation_kind", ["relation": name, "target": target.rawValue, "expected": "media (image)"])))
                } else if name == "attachments", t.kind != .media && t.kind != .publication {
                    out.append(Diagnostic(.error, at, Message("item.relation_kind", ["relation": name, "target": target.rawValue, "expected": "media, publication"])))
                }
            }
        }
        return out
    }

    /// The first line of `text` where `word` stands as a whole value, for messages about relations.
    static func lineMentioning(_ word: String, in text: String) -> Int? {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let tokens = line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
            if tokens.contains(where: { $0 == word }) { return i + 1 }
        }
        return nil
    }

    /// In file order, then line order, as a person reads them.
    public static func sorted(_ d: [Diagnostic]) -> [Diagnostic] {
        d.sorted { a, b in
            let fa = a.location.file ?? "", fb = b.location.file ?? ""
            if fa != fb { return fa < fb }
            return (a.location.line ?? 0) < (b.location.line ?? 0)
        }
    }
}
