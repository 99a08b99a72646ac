import Foundation
public import QuangBaCore

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
        out += interrupted(repo)
        return sorted(out)
    }

    /// What killed commands left: changes never finished, and hidden files every reader ignores.
    static func interrupted(_ repo: Repository) -> [Diagnostic] {
        let journals = ((try? FileManager.default.contentsOfDirectory(atPath: repo.root.appendingPathComponent("audit").path)) ?? [])
            .filter { $0.hasPrefix(".txn-") }.sorted()
        return journals.map { Diagnostic(.warning, Location(file: "audit/\($0)"), Message("repair.interrupted")) }
            + repo.leftovers().map { Diagnostic(.warning, Location(file: $0), Message("repair.leftover")) }
    }

    /// The rules between items (`CrossItemRules`) over every item read.
    public static func crossItem(_ loaded: [LoadedItem]) -> [Diagnostic] {
        let facts = loaded.map { CrossItemRules.Facts($0) }
        var byID: [ItemID: [CrossItemRules.Facts]] = [:]
        for case let f? in facts { byID[f.id, default: []].append(f) }
        var out: [Diagnostic] = []
        for (l, f) in zip(loaded, facts) {
            guard let f else { continue }
            let problems = CrossItemRules.problems(f) { byID[$0] ?? [] }
            out += CrossItemRules.diagnostics(problems, folder: l.folder, itemYAML: l.texts["item.yaml"])
        }
        return out
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
