import Foundation
import Testing
import QuangBaTestSupport
import GRDB
import QuangBaContent
import QuangBaCore
@testable import QuangBaStore

/// The rules between items (broken, self and wrong-kind relations, duplicate ids) keep items out
/// of every public read of the index, after any sync, exactly as `validate` reports them.
@Suite struct CrossItemTests {
    static let later = Timestamp(parsing: "2030-01-01T00:00:00Z")!

    func publicIDs(_ index: Index) throws -> Set<String> {
        Set(try index.publicItems(now: Self.later).map(\.item.id.rawValue))
    }

    func move(_ r: IndexedRepo, _ from: String, _ to: String) throws {
        try FileManager.default.moveItem(at: r.root.appendingPathComponent(from), to: r.root.appendingPathComponent(to))
    }

    func edit(_ r: IndexedRepo, _ path: String, _ change: (String) -> String) throws {
        let url = r.root.appendingPathComponent(path)
        try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }

    /// an-uong-xu-lang has anh-mau-son as cover and an-toan-giao-thong-dip-le-hoi as related item:
    /// deleting either target (only that folder changes) takes it out; restoring puts it back.
    @Test func aDeletedTargetMakesThePointerInvalid() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try index.sync()
        #expect(try publicIDs(index).contains("an-uong-xu-lang"))
        for target in ["article/an-toan-giao-thong-dip-le-hoi", "media/anh-mau-son"] {
            try move(r, "content/\(target)", "gone")
            try index.sync()
            #expect(try !publicIDs(index).contains("an-uong-xu-lang"), "\(target)")
            #expect(try index.publicItem(ItemID("an-uong-xu-lang")!, now: Self.later) == nil)
            #expect(try index.list(ListQuery()).first { $0.id == "an-uong-xu-lang" }?.errors == 1)
            try move(r, "gone", "content/\(target)")
            try index.sync()
            #expect(try publicIDs(index).contains("an-uong-xu-lang"), "\(target)")
        }
    }

    /// A target that exists but is not public is not an error: withdrawing it leaves the
    /// pointing item public (outputs leave the link out).
    @Test func aWithdrawnTargetIsNotAnError() throws {
        let r = try IndexedRepo()
        try edit(r, "content/article/an-toan-giao-thong-dip-le-hoi/item.yaml") {
            $0.replacingOccurrences(of: "state: published", with: "state: withdrawn\nwithdrawn: 2026-11-23T00:00:00Z")
        }
        let index = try r.index()
        try index.sync()
        #expect(try publicIDs(index) == ["an-uong-xu-lang", "anh-mau-son", "du-an-logistics-dong-dang"])
        #expect(Validator.validate(try Repository(root: r.root)).filter { $0.severity == .error }.isEmpty)
    }

    /// A cover whose media item stops being an image: only the media folder changes, and the
    /// article pointing to it is out too.
    @Test func aCoverThatIsNoLongerAnImage() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try index.sync()
        try edit(r, "content/media/anh-mau-son/item.yaml") { $0.replacingOccurrences(of: "type: image/png", with: "type: application/pdf") }
        #expect(try index.sync().updated == 1)
        #expect(try !publicIDs(index).contains("an-uong-xu-lang"))
        try edit(r, "content/media/anh-mau-son/item.yaml") { $0.replacingOccurrences(of: "type: application/pdf", with: "type: image/png") }
        try index.sync()
        #expect(try publicIDs(index).contains("an-uong-xu-lang"))
    }

    /// Two folders of one name under two kinds: neither is public, neither leaves a tombstone,
    /// no read returns two items with one id; removing one makes the other public again.
    @Test func aDuplicateIDKeepsBothFoldersOut() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try index.sync()
        try FileManager.default.copyItem(at: r.root.appendingPathComponent("content/article/an-toan-giao-thong-dip-le-hoi"),
                                         to: r.root.appendingPathComponent("content/clarification/an-toan-giao-thong-dip-le-hoi"))
        try edit(r, "content/clarification/an-toan-giao-thong-dip-le-hoi/item.yaml") {
            $0.replacingOccurrences(of: "kind: article", with: "kind: clarification")
                .replacingOccurrences(of: "state: published", with: "state: withdrawn\nwithdrawn: 2026-11-23T00:00:00Z")
        }
        try index.sync()
        #expect(try !publicIDs(index).contains("an-toan-giao-thong-dip-le-hoi"))
        // The article had been public: now a deleted record; the copy never was: nothing.
        #expect(try index.harvestHeader(ItemID("an-toan-giao-thong-dip-le-hoi")!, kind: .article, now: Self.later)?.deleted == true)
        #expect(try index.harvestHeader(ItemID("an-toan-giao-thong-dip-le-hoi")!, kind: .clarification, now: Self.later) == nil)
        #expect(try index.list(ListQuery()).filter { $0.id == "an-toan-giao-thong-dip-le-hoi" }.map(\.errors) == [1, 1])
        try FileManager.default.removeItem(at: r.root.appendingPathComponent("content/clarification/an-toan-giao-thong-dip-le-hoi"))
        try index.sync()
        #expect(try publicIDs(index).contains("an-toan-giao-thong-dip-le-hoi"))
    }

    /// Random edits of relations, kinds, deletions and copies, each followed by a sync: every
    /// folder's error count in the index is what `validate` reports for it, and the same as a
    /// fresh index's. The seed is in the failure message.
    @Test(arguments: [11, 12, 13, 14])
    func theIndexCountsWhatValidateReports(seed: UInt64) throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try index.sync()
        var rng = SplitMix(seed: seed)
        func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
        let ids = ["an-toan-giao-thong-dip-le-hoi", "an-uong-xu-lang", "dan-ca-then", "dong-dang", "uu-dai-dau-tu", "anh-mau-son",
                   "du-an-logistics-dong-dang", "khong-co"]
        let fm = FileManager.default
        for step in 0..<14 {
            let folders = Repository.folders(r.root)
            let folder = pick(folders)
            var done = ""
            switch rng.next() % 6 {
            case 0, 1:
                let relation = pick(["cover", "related", "attachments"])
                let value = relation == "cover" ? pick(ids) : "[\(pick(ids)), \(pick(ids))]"
                try edit(r, "\(folder)/item.yaml") { text in
                    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    lines.removeAll { $0.hasPrefix("relations:") || $0.hasPrefix("  cover:") || $0.hasPrefix("  related:") || $0.hasPrefix("  attachments:") }
                    lines.insert("relations:\n  \(relation): \(value)", at: 1)
                    return lines.joined(separator: "\n")
                }
                done = "\(folder): \(relation) = \(value)"
            case 2:
                try fm.moveItem(at: r.root.appendingPathComponent(folder), to: r.root.appendingPathComponent("trash-\(step)"))
                done = "deleted \(folder)"
            case 3:
                let trash = (try fm.contentsOfDirectory(atPath: r.root.path)).filter { $0.hasPrefix("trash-") }.sorted()
                guard let t = trash.first else { continue }
                let name = "content/" + pick(["article", "clarification", "media", "publication"]) + "/" + pick(ids)
                guard !fm.fileExists(atPath: r.root.appendingPathComponent(name).path) else { continue }
                try fm.createDirectory(at: r.root.appendingPathComponent(name).deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.moveItem(at: r.root.appendingPathComponent(t), to: r.root.appendingPathComponent(name))
                done = "restored \(t) as \(name)"
            case 4:
                let kind = pick(["article", "clarification", "media", "event"])
                let copy = "content/\(kind)/\(folder.split(separator: "/").last!)"
                guard !fm.fileExists(atPath: r.root.appendingPathComponent(copy).path) else { continue }
                try fm.createDirectory(at: r.root.appendingPathComponent("content/\(kind)"), withIntermediateDirectories: true)
                try fm.copyItem(at: r.root.appendingPathComponent(folder), to: r.root.appendingPathComponent(copy))
                done = "copied \(folder) to \(copy)"
            default:
                try edit(r, "\(folder)/item.yaml") { $0.replacingOccurrences(of: "type: image/png", with: "type: application/pdf") }
                done = "\(folder): not an image"
            }
            try index.sync()
            let fromValidate = Self.errorsByFolder(Validator.validate(try Repository(root: r.root)))
            let stored = try Self.storedErrors(index)
            #expect(stored == fromValidate, "seed \(seed), step \(step): \(done)")
            let fresh = try Index(repository: try Repository(root: r.root))
            try fresh.sync(rebuild: true)
            #expect(try Self.storedErrors(fresh) == stored, "seed \(seed), step \(step): \(done)")
            // No read hands out two items with one id.
            let items = try index.publicItems(now: Self.later).map(\.item.id)
            #expect(Set(items).count == items.count, "seed \(seed), step \(step)")
        }
    }

    static func errorsByFolder(_ diagnostics: [Diagnostic]) -> [String: Int] {
        var out: [String: Int] = [:]
        for d in diagnostics where d.severity == .error {
            guard let file = d.location.file else { continue }
            let folder = file.split(separator: "/").prefix(3).joined(separator: "/")
            out[folder, default: 0] += 1
        }
        return out
    }

    static func storedErrors(_ index: Index) throws -> [String: Int] {
        try index.read { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT folder, errors FROM item WHERE errors > 0") { out[row[0]] = row[1] }
            return out
        }
    }
}

extension Repository {
    /// Every item folder, as `content/KIND/ID`, in order.
    static func folders(_ root: URL) -> [String] {
        (try? Repository(root: root))?.itemFolders().items.map { "content/\($0.0.rawValue)/\($0.1)" } ?? []
    }
}
