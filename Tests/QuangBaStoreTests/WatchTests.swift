import Foundation
import GRDB
import Testing
import QuangBaCore
@testable import QuangBaStore

/// `quangba watch` (ContentWatcher) with real inotify, on a thread of the test process. After
/// every change the index must hold what a full walk of content/ finds: a watcher that missed
/// an event would leave an old signature behind.
@Suite struct WatchTests {
    /// Starts a watcher for `root` on its own thread; returns once it answers, with a semaphore
    /// signalled when the watcher has stopped.
    @discardableResult
    static func startWatcher(_ root: URL, checkEvery: Double = 30) throws -> DispatchSemaphore {
        let ended = DispatchSemaphore(value: 0)
        Thread {
            if let w = try? ContentWatcher(root: root, checkEvery: checkEvery) { w.run() }
            ended.signal()
        }.start()
        for _ in 0..<200 {
            if WatchSocket.status(root: root, timeout: 1) != nil { return ended }
            usleep(10_000)
        }
        Issue.record("the watcher did not answer")
        return ended
    }

    static func stopWatcher(_ root: URL) {
        #expect(WatchSocket.stop(root: root))
        for _ in 0..<200 where WatchSocket.status(root: root, timeout: 1) != nil { usleep(10_000) }
    }

    /// The folder signatures in the index against a full walk of content/ made now.
    static func expectIndexMatchesDisk(_ r: IndexedRepo, _ index: Index, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let disk = FileScanner.scan(contentDir: r.root.appendingPathComponent("content").path)
        let onDisk = Dictionary(uniqueKeysWithValues: disk.map { ($0.path, $0.signature) })
        let stored = try index.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT folder, signature FROM folder").map { ($0[0] as String, $0[1] as Int64) })
        }
        #expect(stored == onDisk, sourceLocation: sourceLocation)
    }

    @Test func syncsReadOnlyWhatTheWatcherSawChange() throws {
        let r = try IndexedRepo()
        let fm = FileManager.default
        let index = try r.index()
        try index.sync()
        try Self.startWatcher(r.root)
        defer { Self.stopWatcher(r.root) }

        // The first sync with a watcher has no token of it yet: it looks at everything.
        let first = try index.sync()
        #expect(!first.fromWatcher && first.unchanged == 7)
        let quiet = try index.sync()
        #expect(quiet.fromWatcher && quiet == SyncReport(folders: 7, unchanged: 7, fromWatcher: true))

        // An edit in place, synced at once: the watcher must have read its event first.
        try r.append("content/article/dan-ca-then/vi.md", "\nĐàn tính ngân vang bên bếp lửa.\n")
        let edited = try index.sync()
        #expect(edited.fromWatcher && edited.updated == 1 && edited.unchanged == 6)
        #expect(try index.search("dan tinh ngan vang").map(\.id) == ["dan-ca-then"])
        try Self.expectIndexMatchesDisk(r, index)

        // A new translation file, then its removal.
        let ko = r.root.appendingPathComponent("content/article/dan-ca-then/ko.md")
        try "---\ntitle: 텐 민요\nstatus: draft\n---\n".write(to: ko, atomically: false, encoding: .utf8)
        #expect(try index.sync().updated == 1)
        try fm.removeItem(at: ko)
        #expect(try index.sync().updated == 1)
        try Self.expectIndexMatchesDisk(r, index)

        // Touched only: the stamps are new, the content is not.
        try fm.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 5)],
                             ofItemAtPath: r.root.appendingPathComponent("content/article/dong-dang/vi.md").path)
        let touched = try index.sync()
        #expect(touched.fromWatcher && touched.updated == 0 && touched.unchanged == 7)
        try Self.expectIndexMatchesDisk(r, index)

        // Folders added (copied in whole), renamed and removed.
        let content = r.root.appendingPathComponent("content/article")
        try fm.copyItem(at: content.appendingPathComponent("dong-dang"), to: content.appendingPathComponent("dong-dang-2"))
        let added = try index.sync()
        #expect(added.fromWatcher && added.added == 1 && added.folders == 8)
        try fm.moveItem(at: content.appendingPathComponent("dong-dang-2"), to: content.appendingPathComponent("dong-dang-3"))
        let renamed = try index.sync()
        #expect(renamed.added == 1 && renamed.removed == 1 && renamed.folders == 8)
        // An edit inside the renamed folder: its watch must follow the new name.
        try r.append("content/article/dong-dang-3/vi.md", "\nCửa khẩu tấp nập xe hàng.\n")
        #expect(try index.sync().updated == 1)
        try fm.removeItem(at: content.appendingPathComponent("dong-dang-3"))
        let removed = try index.sync()
        #expect(removed.fromWatcher && removed.removed == 1 && removed.folders == 7)
        try Self.expectIndexMatchesDisk(r, index)

        // Many changes in a row, as a checkout or a script makes them.
        let files = try fm.subpathsOfDirectory(atPath: r.root.appendingPathComponent("content").path).filter { $0.hasSuffix(".md") }.sorted()
        for (k, f) in files.enumerated() { try r.append("content/\(f)", "\nDòng thêm \(k).\n") }
        let many = try index.sync()
        #expect(many.fromWatcher && many.updated == 7)
        try Self.expectIndexMatchesDisk(r, index)
    }

    /// A token from a watcher that has stopped means nothing to the next one: changes made in
    /// between were seen by no one, so the sync looks at everything.
    @Test func aNewWatcherDoesNotTrustAnOldToken() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        try Self.startWatcher(r.root)
        try index.sync()
        #expect(try index.sync().fromWatcher)
        Self.stopWatcher(r.root)

        try r.append("content/article/dan-ca-then/vi.md", "\nThêm khi không ai theo dõi.\n")
        try Self.startWatcher(r.root)
        defer { Self.stopWatcher(r.root) }
        let report = try index.sync()
        #expect(!report.fromWatcher && report.updated == 1)
        #expect(try index.sync().fromWatcher)
        try Self.expectIndexMatchesDisk(r, index)
    }

    /// No watcher: the stored token is dropped, so one started later cannot vouch for the
    /// syncs made without it.
    @Test func aSyncWithoutWatcherForgetsTheToken() throws {
        let r = try IndexedRepo()
        let index = try r.index()
        func token() throws -> String? { try index.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'watch'") } }
        try Self.startWatcher(r.root)
        try index.sync()
        // The control: with the watcher running the token is there, so its absence below is the drop.
        #expect(try token() != nil)
        Self.stopWatcher(r.root)
        try index.sync()
        #expect(try token() == nil)
    }

    /// Without content/ there is nothing to watch: refused, not a watcher that vouches for
    /// folders it cannot see.
    @Test func noContentFolderIsRefused() throws {
        let r = try IndexedRepo()
        let content = r.root.appendingPathComponent("content"), aside = r.root.appendingPathComponent("content-aside")
        try FileManager.default.moveItem(at: content, to: aside)
        #expect(throws: QuangBaError.self) { try ContentWatcher(root: r.root) }
        #expect(WatchSocket.status(root: r.root) == nil)
        // The control: with content/ back, the same question finds a watcher.
        try FileManager.default.moveItem(at: aside, to: content)
        try Self.startWatcher(r.root)
        defer { Self.stopWatcher(r.root) }
        #expect(WatchSocket.status(root: r.root) != nil)
    }

    /// Two watchers for one repository would answer for each other's tokens.
    @Test func oneWatcherPerRepository() throws {
        let r = try IndexedRepo()
        try Self.startWatcher(r.root)
        defer { Self.stopWatcher(r.root) }
        #expect(throws: QuangBaError(Message("watch.already_running", ["root": r.root.path]))) { try ContentWatcher(root: r.root) }
    }

    /// A socket address holds at most 107 bytes: deeper repositories get a socket in a private
    /// folder of /tmp, named after the repository, and work the same.
    @Test func deepRepositoriesGetTheirSocketInTmp() throws {
        let r = try IndexedRepo()
        let deep = r.root.appendingPathComponent(String(repeating: "thư-mục-rất-sâu/", count: 5) + "kho")
        try FileManager.default.createDirectory(at: deep.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: r.root.appendingPathComponent("content"), to: deep.appendingPathComponent("content"))
        let socket = WatchSocket.path(root: deep)
        #expect(socket.hasPrefix("/tmp/quangba-") && socket.utf8.count < 108)
        #expect(WatchSocket.path(root: r.root) == r.root.appendingPathComponent(".quangba/watch.sock").path)
        try Self.startWatcher(deep)
        defer { Self.stopWatcher(deep) }
        #expect(WatchSocket.status(root: deep)?["folders"] == "7")
    }

    /// A watcher whose socket was deleted (`.quangba/` removed to reset the index) can no
    /// longer be asked anything: it stops instead of running on unseen.
    @Test func aWatcherWhoseSocketIsGoneStops() throws {
        let r = try IndexedRepo()
        let ended = try Self.startWatcher(r.root, checkEvery: 0.1)
        // The control: with its socket in place it runs on through several checks.
        #expect(ended.wait(timeout: .now() + 0.5) == .timedOut)
        #expect(WatchSocket.status(root: r.root) != nil)
        try FileManager.default.removeItem(atPath: WatchSocket.path(root: r.root))
        #expect(ended.wait(timeout: .now() + 10) == .success)
    }
}
