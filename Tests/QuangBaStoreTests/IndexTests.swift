import Foundation
import Testing
import QuangBaContent
import GRDB
import QuangBaCore
@testable import QuangBaStore

/// A private copy of Tests/Fixtures/repo with a fresh index.
final class IndexedRepo {
    let root: URL
    init() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/repo")
        root = FileManager.default.temporaryDirectory.appendingPathComponent("qb-store-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture, to: root)
        try? FileManager.default.removeItem(at: root.appendingPathComponent(".quangba"))
    }
    deinit { try? FileManager.default.removeItem(at: root) }
    func index() throws -> Index { try Index(repository: try Repository(root: root)) }
    func append(_ path: String, _ text: String) throws {
        let h = try FileHandle(forWritingTo: root.appendingPathComponent(path))
        h.seekToEndOfFile(); h.write(Data(text.utf8)); try h.close()
    }
}

@Suite struct SyncTests {
    @Test func incrementalSync() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        let first = try index.sync()
        #expect(first.rebuiltBecause == "missing")
        #expect(first.added == 7 && first.folders == 7)
        #expect(try index.sync() == SyncReport(folders: 7, added: 0, updated: 0, removed: 0, unchanged: 7, rebuiltBecause: nil))

        try r.append("content/article/dan-ca-then/vi.md", "\nThêm một câu.\n")
        #expect(try index.sync().updated == 1)

        // Touched without a change in content: stamps are refreshed, nothing is re-read.
        let url = r.root.appendingPathComponent("content/article/dong-dang/vi.md")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 5)], ofItemAtPath: url.path)
        let touched = try index.sync()
        #expect(touched.updated == 0 && touched.unchanged == 7)

        try FileManager.default.removeItem(at: r.root.appendingPathComponent("content/article/dong-dang"))
        let removed = try index.sync()
        #expect(removed.removed == 1 && removed.folders == 6)
        #expect(try index.list(ListQuery()).count == 6)
    }

    /// Known folders are not listed again: a file added or removed must still be seen.
    @Test func addedAndRemovedFilesAreSeen() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try index.sync()
        func coverage() throws -> Coverage? { try index.coverage().first { $0.id == "dan-ca-then" && $0.language == "ko" }?.coverage }
        #expect(try coverage() == .missing)
        let ko = r.root.appendingPathComponent("content/article/dan-ca-then/ko.md")
        try "---\ntitle: 텐 민요\nstatus: draft\n---\n".write(to: ko, atomically: false, encoding: .utf8)
        #expect(try index.sync().updated == 1)
        #expect(try coverage() == .draft)
        try FileManager.default.removeItem(at: ko)
        #expect(try index.sync().updated == 1)
        #expect(try coverage() == .missing)
        #expect(try index.sync().unchanged == 7)
    }

    /// Folders whose own mtime is the recorded one are looked at file by file, without listing
    /// them (FileScanner): edits in place, new files and removed files must all still be seen.
    @Test func foldersWithAnOldMtimeAreCheckedFileByFile() throws {
        let r = try IndexedRepo()
        let fm = FileManager.default
        let content = r.root.appendingPathComponent("content")
        let hourAgo = Date(timeIntervalSinceNow: -3600)
        for case let url as URL in fm.enumerator(at: content, includingPropertiesForKeys: nil)! {
            try fm.setAttributes([.modificationDate: hourAgo], ofItemAtPath: url.path)
        }
        let index = try r.index()
        try index.sync()
        let trusted = try index.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM folder WHERE mtime > 0") }
        #expect(trusted == 7)
        // The short way gives the same signatures as listing: nothing looks changed.
        #expect(try index.sync().unchanged == 7)

        // An edit in place leaves the folder's mtime alone.
        let folder = r.root.appendingPathComponent("content/article/dan-ca-then")
        try r.append("content/article/dan-ca-then/vi.md", "\nCâu mới về hát then.\n")
        try fm.setAttributes([.modificationDate: hourAgo], ofItemAtPath: folder.path)
        #expect(try index.sync().updated == 1)
        #expect(try index.search("hát then").map(\.id).contains("dan-ca-then"))

        // A new file and a removed one change the folder's mtime: it is listed again.
        let ko = folder.appendingPathComponent("ko.md")
        try "---\ntitle: 텐 민요\nstatus: draft\n---\n".write(to: ko, atomically: false, encoding: .utf8)
        #expect(try index.sync().updated == 1)
        #expect(try index.coverage().first { $0.id == "dan-ca-then" && $0.language == "ko" }?.coverage == .draft)
        try fm.removeItem(at: ko)
        #expect(try index.sync().updated == 1)
        #expect(try index.coverage().first { $0.id == "dan-ca-then" && $0.language == "ko" }?.coverage == .missing)
        // Too recent to trust, so recorded as 0 until it is old enough.
        #expect(try index.read { try Int64.fetchOne($0, sql: "SELECT mtime FROM folder WHERE folder = 'content/article/dan-ca-then'") } == 0)
    }

    /// The full-text table keeps no copy of its text: an edit must remove the old words exactly.
    @Test func editsReplaceSearchableText() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try index.sync()
        #expect(try index.search("phở chua").map(\.id) == ["an-uong-xu-lang"])
        let path = r.root.appendingPathComponent("content/article/an-uong-xu-lang/vi.md")
        let text = try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: "phở chua", with: "bánh cuốn trứng")
        try text.write(to: path, atomically: true, encoding: .utf8)
        #expect(try index.sync().updated == 1)
        #expect(try index.search("phở chua").isEmpty)
        // No stale postings left behind in the full-text table itself.
        #expect(try index.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search WHERE search MATCH '\"pho\" AND \"chua\"'") } == 0)
        #expect(try index.search("banh cuon trung").map(\.id) == ["an-uong-xu-lang"])
        #expect(try index.search("谅山").map(\.id) == ["an-uong-xu-lang"])  // the untouched zh-Hans version
        try FileManager.default.removeItem(at: r.root.appendingPathComponent("content/article/an-uong-xu-lang"))
        try index.sync()
        #expect(try index.search("谅山").isEmpty)
        #expect(try index.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search WHERE search MATCH '\"谅山\"'") } == 0)
        try index.write { db in try db.execute(sql: "INSERT INTO search(search) VALUES ('integrity-check')") }
    }

    /// A fill that defers the full-text index (what `quangba build` asks for) leaves it empty;
    /// the first search builds it from the stored text, with the same rows a sync makes.
    @Test func deferredSearchIsBuiltByTheFirstSearch() throws {
        let plain = try IndexedRepo(), deferred = try IndexedRepo()
        let full = try plain.index(), lazy = try deferred.index()
        try full.sync()
        try lazy.sync(deferSearch: true)
        #expect(try lazy.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search_doc") } == 0)
        // Edits while deferred are synced without search rows, and then found.
        for r in [plain, deferred] {
            try r.append("content/article/dan-ca-then/vi.md", "\nĐàn tính ngân vang bên bếp lửa.\n")
        }
        #expect(try lazy.sync().updated == 1 && full.sync().updated == 1)
        #expect(try lazy.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search_doc") } == 0)
        for query in ["dan tinh", "phở chua", "谅山", "Lạng Sơn"] {
            #expect(try lazy.search(query) == full.search(query), "\(query)")
        }
        #expect(try !lazy.search("dan tinh").isEmpty)
        let docs = { (i: Index) in try i.read { try Row.fetchAll($0, sql: "SELECT folder, lang FROM search_doc ORDER BY folder, lang").map { "\($0[0] as String)/\($0[1] as String)" } } }
        #expect(try docs(lazy) == docs(full))
        #expect(try lazy.ensureSearch() == false)  // built once
        try lazy.write { db in try db.execute(sql: "INSERT INTO search(search) VALUES ('integrity-check')") }
        // From now on syncs keep it up to date, as for any index.
        try deferred.append("content/article/dan-ca-then/vi.md", "\nHát then đón xuân.\n")
        #expect(try lazy.sync().updated == 1)
        #expect(try lazy.search("don xuan").map(\.id) == ["dan-ca-then"])
    }

    /// The items a sync keeps parsed (what `quangba build` asks for) give the same public items
    /// as parsing the stored text; an item another process synced since is read from the
    /// index, not taken from what the sync kept.
    @Test func parsedItemsOfASyncAreTheStoredOnes() throws {
        let plain = try IndexedRepo(), keeping = try IndexedRepo()
        let full = try plain.index(), quick = try keeping.index()
        try full.sync()
        let filled = try quick.sync(keepParsed: true)
        let now = Timestamp.now
        let expected = try full.publicItems(now: now)
        #expect(expected.count == 4)  // published and public: the fixture's media, project and two articles
        #expect(try quick.publicItems(now: now, reusing: filled.parsed) == expected)

        #expect(try quick.sync(keepParsed: true).parsed.count == 0)  // nothing changed: nothing parsed
        try keeping.append("content/article/an-uong-xu-lang/vi.md", "\nPhở chua ngon.\n")
        let edited = try quick.sync(keepParsed: true)
        #expect(edited.parsed.count == 1)
        // Another process syncs a newer edit before the build reads the public items.
        try keeping.append("content/article/an-uong-xu-lang/vi.md", "\nBánh cuốn trứng.\n")
        #expect(try keeping.index().sync().updated == 1)
        let body = try quick.publicItems(now: now, reusing: edited.parsed).first { $0.item.id.rawValue == "an-uong-xu-lang" }?.translation(LanguageCode("vi"))?.body ?? ""
        #expect(body.contains("Bánh cuốn trứng."))
    }

    @Test func corruptAndOldIndexesAreRebuilt() throws {
        let r = try IndexedRepo()
        try r.index().sync()
        let db = r.root.appendingPathComponent(".quangba/index.sqlite")
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db.path + suffix) }
        try Data(repeating: 0x42, count: 8192).write(to: db)
        let index = try r.index()
        let report = try index.sync()
        #expect(report.rebuiltBecause == "corrupt")
        #expect(report.added == 7)

        // An index written by another schema version.
        try index.setUserVersionForTesting(99)
        let again = try r.index()
        #expect(try again.sync().rebuiltBecause == "schema")

        // A first build that stopped part-way (it runs without a journal) leaves version 0
        // and is thrown away, never read.
        try again.setUserVersionForTesting(0)
        let third = try r.index()
        let redone = try third.sync()
        #expect(redone.rebuiltBecause == "incomplete" && redone.added == 7)
        // A complete build is kept, in WAL mode again.
        let fourth = try r.index()
        #expect(try fourth.sync().rebuiltBecause == nil)
        #expect(try fourth.journalModeForTesting() == "wal")
    }

    /// A harvester's read never queues behind a sync's write: while a write transaction is
    /// open (and has changed a row), a read on another thread completes, and sees the index as
    /// it was before the write. Waits are bounded only to turn a deadlock into a failure.
    @Test func readsDoNotWaitForAWrite() throws {
        let r = try IndexedRepo()
        for fresh in [true, false] {
            let index = try r.index()
            if fresh { try index.sync(rebuild: true) } else { try index.sync() }
            let before = try index.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM item") ?? -1 }
            #expect(before > 0)
            let writing = DispatchSemaphore(value: 0), readDone = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
            let readWhileWriting = Locked(false)
            let writer = Thread {
                try? index.write { db in
                    try db.execute(sql: "DELETE FROM item")
                    writing.signal()
                    let answered = readDone.wait(timeout: .now() + 30) == .success
                    readWhileWriting.with { $0 = answered }
                    throw CancellationError()  // rolled back: the index stays whole
                }
                finished.signal()
            }
            writer.start()
            #expect(writing.wait(timeout: .now() + 30) == .success)
            let seen = try index.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM item") ?? -1 }
            readDone.signal()
            _ = finished.wait(timeout: .now() + 30)
            #expect(readWhileWriting.with { $0 }, "fresh: \(fresh): the read waited for the write to end")
            #expect(seen == before, "fresh: \(fresh): the read saw \(seen) items during the write, \(before) before")
        }
    }
}

@Suite struct QueryTests {
    @Test func titlesSortInVietnameseAlphabetOrder() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try index.sync()
        var q = ListQuery(); q.sort = .title; q.language = LanguageCode("vi")
        // a < ă < â … d < đ … u < ư (the Vietnamese alphabet), spaces before letters.
        #expect(try index.list(q).map(\.title) == ["An toàn giao thông dịp lễ hội", "Ảnh Mẫu Sơn", "Ăn uống xứ Lạng", "Dân ca Then",
                                                   "Dự án logistics Đồng Đăng", "Đồng Đăng", "Ưu đãi đầu tư"])
    }

    @Test func filters() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try index.sync()
        func ids(_ f: (inout ListQuery) -> Void) throws -> Set<String> { var q = ListQuery(); f(&q); return Set(try index.list(q).map(\.id)) }
        #expect(try ids { $0.kind = .media } == ["anh-mau-son"])
        #expect(try ids { $0.state = .draft } == ["dan-ca-then", "dong-dang"])
        #expect(try ids { $0.unit = "so-vhttdl" } == ["an-uong-xu-lang", "dan-ca-then", "anh-mau-son"])
        #expect(try ids { $0.topic = "investment" } == ["uu-dai-dau-tu", "du-an-logistics-dong-dang"])
        #expect(try ids { $0.channel = "foreign-media" } == ["an-uong-xu-lang"])
        #expect(try ids { $0.language = LanguageCode("zh-Hans") } == ["an-uong-xu-lang"])
        var byDate = ListQuery(); byDate.sort = .date
        let dated = try index.list(byDate).compactMap(\.updated)
        #expect(dated == dated.sorted(by: >))
    }

    @Test func searchIgnoresDiacriticsAndFindsCJK() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try index.sync()
        #expect(try index.search("da nang").map(\.id) == ["an-uong-xu-lang"])
        #expect(try index.search("thai binh").map(\.id) == ["an-uong-xu-lang"])
        #expect(try index.search("ĐÀ NẴNG").map(\.id) == ["an-uong-xu-lang"])
        #expect(try index.search("谅山", language: LanguageCode("zh-Hans")).map(\.id) == ["an-uong-xu-lang"])
        #expect(try index.search("母山").map(\.id) == ["an-uong-xu-lang"])
        #expect(try index.search("山省").map(\.language) == ["zh-Hans"])  // across a word boundary of the segmenter
        #expect(try index.search("mau son").map(\.id).contains("anh-mau-son"))
        #expect(try index.search("dinosaur").isEmpty)
        #expect(try index.search("\" OR 1=1 --").isEmpty)  // FTS syntax in a query is only text
        #expect(try index.search("  ").isEmpty)
    }

    @Test func coverageFindsStaleTranslations() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try index.sync()
        func coverage(_ id: String, _ lang: String) throws -> Coverage? { try index.coverage().first { $0.id == id && $0.language == lang }?.coverage }
        #expect(try coverage("an-toan-giao-thong-dip-le-hoi", "en") == .current)
        #expect(try coverage("du-an-logistics-dong-dang", "ja") == .draft)
        #expect(try coverage("dan-ca-then", "en") == .missing)
        try r.append("content/article/an-toan-giao-thong-dip-le-hoi/vi.md", "\nCâu mới trong bản nguồn.\n")
        try index.sync()
        #expect(try coverage("an-toan-giao-thong-dip-le-hoi", "en") == .stale)
    }
}

@Suite struct GateTests {
    /// Only what the gate allows comes out of the index: published, public, past embargo,
    /// approved translations, alt text for photos, and no item with errors.
    @Test func publicItems() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try index.sync()
        let items = try index.publicItems(now: Timestamp(parsing: "2030-01-01T00:00:00Z")!)
        #expect(Set(items.map(\.item.id.rawValue)) == ["an-toan-giao-thong-dip-le-hoi", "an-uong-xu-lang", "anh-mau-son", "du-an-logistics-dong-dang"])
        let photo = try #require(items.first { $0.item.id.rawValue == "anh-mau-son" })
        #expect(photo.translations.map(\.language.rawValue) == ["vi"])  // en has no alt text
        let project = try #require(items.first { $0.item.kind == .project })
        #expect(project.translations.map(\.language.rawValue) == ["vi"])  // ja is a draft

        // After the embargo the embargoed item appears.
        #expect(try index.publicItems(now: Timestamp(parsing: "2099-01-02T00:00:00Z")!).contains { $0.item.id.rawValue == "uu-dai-dau-tu" })

        // An item that stops validating drops out.
        let path = r.root.appendingPathComponent("content/article/an-uong-xu-lang/vi.md")
        try (String(contentsOf: path, encoding: .utf8) + "\nTUYỆT MẬT\n").write(to: path, atomically: true, encoding: .utf8)
        try index.sync()
        #expect(!(try index.publicItems()).contains { $0.item.id.rawValue == "an-uong-xu-lang" })
    }

    /// A repository older than the record ledger: an item.yaml that says the item was published
    /// and later withdrawn makes a deleted record; withdrawn but never published, or internal,
    /// makes none (its existence was never public).
    @Test func withdrawnItemsThatWerePublicAreDeletedRecords() throws {
        let r = try IndexedRepo()
        func withdraw(_ folder: String, _ extra: (String) -> String = { $0 }) throws {
            let path = r.root.appendingPathComponent("content/\(folder)/item.yaml")
            let text = try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: "state: published", with: "state: withdrawn\nwithdrawn: 2026-11-23T00:00:00Z")
            try extra(text).write(to: path, atomically: true, encoding: .utf8)
        }
        let others = ["an-uong-xu-lang", "dan-ca-then"]
        try withdraw("article/an-toan-giao-thong-dip-le-hoi")
        try withdraw("article/\(others[0])") { $0.replacingOccurrences(of: "classification: public", with: "classification: internal") }
        try withdraw("article/\(others[1])") { $0.split(separator: "\n").filter { !$0.hasPrefix("published:") }.joined(separator: "\n") + "\n" }
        let index = try r.index()
        try index.sync()
        let now = Timestamp(parsing: "2026-12-01T00:00:00Z")!
        #expect(try index.harvestHeader(ItemID("an-toan-giao-thong-dip-le-hoi")!, kind: .article, now: now)?.deleted == true)
        #expect(!(try index.publicItems()).contains { $0.item.id.rawValue == "an-toan-giao-thong-dip-le-hoi" })
        let fresh = index
        for id in others { #expect(try fresh.harvestHeader(ItemID(id)!, kind: .article, now: now) == nil, "\(id)") }
    }
}
