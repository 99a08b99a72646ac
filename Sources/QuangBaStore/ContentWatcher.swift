public import Foundation
import QuangBaContent
public import QuangBaCore

/// `quangba watch`: keeps inotify watches on content/, its kind folders and every item folder,
/// and tells syncs which item folders changed since their last token (`WatchSocket`). With it
/// a sync looks at a handful of folders instead of stat-ing every file of the repository
/// (72,000 calls at 10,000 items), as git's fsmonitor daemon does for `git status`.
///
/// Being wrong is never allowed, being unsure is: whenever the watcher may have missed an event
/// (the kernel's queue overflowed, a kind folder came or went, the token is not its own) it
/// answers `full` and the sync looks at everything.
///
/// Runs on one thread: a `poll` loop over the events' descriptor and the listening socket.
public final class ContentWatcher {
    public let root: URL
    private let contentDir: String
    private let socketPath: String
    private let cookieDir: String
    private let events: Platform.FolderEvents
    private var listenFD: Int32 = -1

    /// Changes to a new random value whenever events may have been lost: older tokens then get `full`.
    private var epoch = ContentWatcher.newEpoch()
    /// Counts event batches; a token is `epoch:seq`.
    private var seq: UInt64 = 1
    /// Tokens older than this get `full` even in this epoch (a kind folder came or went).
    private var fullBefore: UInt64 = 1
    /// The last change of every item folder seen changing, by path (`content/KIND/ID`).
    private var changed: [String: UInt64] = [:]
    private enum Watched { case content, kind(ItemKind), item(String), cookies }
    private var watches: [Int32: Watched] = [:]
    private var itemWatches: [String: Int32] = [:]
    private var cookieCount = 0
    private var eventCount = 0
    private let started = Date()
    private var stopping = false
    /// Why the watcher stopped by itself, when a folder could not be watched: it would no longer
    /// see everything, so it stops and syncs go back to looking at every file.
    public private(set) var failure: QuangBaError?
    private var socketInode: ino_t = 0

    /// How often, in seconds, the watcher checks that its socket is still there.
    private let checkEvery: Double

    /// Sets up every watch, then listens on the socket: a sync can only ask once nothing can be
    /// missed. Throws `watch.*` errors (already running, too many folders for the system's
    /// inotify limit, no content/).
    public init(root: URL, checkEvery: Double = 30) throws {
        self.root = root
        self.checkEvery = checkEvery
        contentDir = root.appendingPathComponent("content").path
        socketPath = WatchSocket.path(root: root)
        cookieDir = root.appendingPathComponent(".quangba/watch-cookies").path
        do throws(SystemError) {
            events = try Platform.FolderEvents()
        } catch {
            throw QuangBaError(Message("watch.inotify_failed", ["reason": error.reason]))
        }
        try FileManager.default.createDirectory(atPath: cookieDir, withIntermediateDirectories: true)
        try addWatch(contentDir, .content, mask: Self.entriesMask, required: true)
        try addWatch(cookieDir, .cookies, mask: [.created, .onlyFolder], required: true)
        for kind in ItemKind.allCases { try watchKind(kind) }
        try listen()
    }

    deinit {
        // Not a socket that a newer watcher made after ours was deleted.
        if listenFD >= 0 { close(listenFD); if socketIsOurs() { unlink(socketPath) } }
    }

    /// The inode of the socket file this watcher listens on (for a signal handler that removes it).
    public var socketFileInode: UInt64 { UInt64(socketInode) }

    /// How many item folders are watched.
    public var folderCount: Int { itemWatches.count }

    /// Serves until asked to stop (`quangba watch stop`), until content/ itself goes away, or
    /// until its socket does (`.quangba/` deleted to reset the index, `git clean -x`): nobody
    /// could ask it anything any more.
    public func run() {
        var fds = [pollfd(fd: events.fd, events: Int16(POLLIN), revents: 0), pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0)]
        while !stopping {
            let n = poll(&fds, nfds_t(fds.count), Int32(checkEvery * 1000))
            if n < 0 { if errno == EINTR { continue }; break }
            if n == 0 { if !socketIsOurs() { break }; continue }
            if fds[0].revents != 0 { readEvents() }
            if fds[1].revents != 0 { serveOne() }
        }
    }

    /// The socket file is still the one this watcher made.
    private func socketIsOurs() -> Bool {
        var st = stat()
        return stat(socketPath, &st) == 0 && st.st_ino == socketInode
    }

    // MARK: Watches

    /// Entries coming and going (content/, a kind folder), and the folder itself going.
    private static let entriesMask: Platform.FolderEvents.Mask = [.created, .deleted, .movedFrom, .movedTo, .deletedSelf, .movedSelf, .onlyFolder]
    /// `dontFollow`: a kind or item folder that is a link is not watched through it (the sync refuses it).
    private static let kindMask = entriesMask.union(.dontFollow)
    private static let itemMask = entriesMask.union([.modified, .attributesChanged, .closedAfterWriting, .dontFollow])

    /// `required`: content/ and the cookie folder must be watched; an item or kind folder may be
    /// gone already, which its parent's event says.
    private func addWatch(_ path: String, _ what: Watched, mask: Platform.FolderEvents.Mask, required: Bool = false) throws {
        let wd: Int32
        switch events.add(path, for: mask) {
        case .success(let w): wd = w
        case .failure(let error):
            if !required, error.code == ENOENT || error.code == ENOTDIR { return }
            if error.code == ENOSPC {
                throw QuangBaError(Message("watch.too_many_folders", ["limit": Platform.FolderEvents.watchLimit ?? "?"]))
            }
            throw QuangBaError(Message("watch.inotify_failed", ["reason": "\(path): \(error.reason)"]))
        }
        watches[wd] = what
        if case .item(let p) = what { itemWatches[p] = wd }
    }

    /// Watches a kind folder, then every item folder in it. The kind folder first: an item
    /// folder made while they are listed is then seen by its event.
    private func watchKind(_ kind: ItemKind) throws {
        let dir = "\(contentDir)/\(kind.rawValue)"
        try addWatch(dir, .kind(kind), mask: Self.kindMask)
        for id in FileScanner.entries(dir) { try watchItem("content/\(kind.rawValue)/\(id)") }
    }

    private func watchItem(_ path: String) throws {
        try addWatch(root.appendingPathComponent(path).path, .item(path), mask: Self.itemMask)
    }

    private func unwatchItem(_ path: String) {
        guard let wd = itemWatches.removeValue(forKey: path) else { return }
        events.remove(wd)
        watches[wd] = nil
    }

    // MARK: Events

    /// Reads what the kernel has queued (blocking until something is) and records it.
    /// Returns the names of cookies that arrived.
    @discardableResult
    private func readEvents() -> [String] {
        var cookies: [String] = []
        let batch = events.read()
        guard !batch.isEmpty else { return cookies }
        seq += 1
        for event in batch {
            eventCount += 1
            if let cookie = record(wd: event.watch, mask: event.mask, name: event.name) { cookies.append(cookie) }
        }
        return cookies
    }

    /// Records one event; returns a cookie's name when it is one.
    private func record(wd: Int32, mask: Platform.FolderEvents.Mask, name: String) -> String? {
        if mask.contains(.overflowed) {
            // Events were dropped: no earlier token can be trusted.
            epoch = Self.newEpoch()
            fullBefore = seq
            changed.removeAll()
            return nil
        }
        guard let what = watches[wd] else { return nil }
        if mask.contains(.watchRemoved) {
            watches[wd] = nil
            if case .item(let p) = what, itemWatches[p] == wd { itemWatches[p] = nil; changed[p] = seq }
            return nil
        }
        let isDir = mask.contains(.isFolder)
        switch what {
        case .cookies:
            return name
        case .content:
            if !mask.isDisjoint(with: [.deletedSelf, .movedSelf]) { stopping = true }
            // A kind folder came or went: look at everything once, and watch what is there now.
            if isDir, let kind = ItemKind(rawValue: name) {
                fullBefore = seq
                if !mask.isDisjoint(with: [.created, .movedTo]) { watchOrStop { try watchKind(kind) } }
            }
        case .kind(let kind):
            if !mask.isDisjoint(with: [.deletedSelf, .movedSelf]) { fullBefore = seq; return nil }
            // Hidden names are skipped by the sync too. A link is looked at (the sync records
            // it as an invalid item), not watched.
            guard !name.hasPrefix(".") else { return nil }
            let path = "content/\(kind.rawValue)/\(name)"
            changed[path] = seq
            if !isDir { return nil }
            if !mask.isDisjoint(with: [.created, .movedTo]) {
                // A folder moved in may hold anything: the sync lists it whole (it is new to it).
                watchOrStop { try watchItem(path) }
            } else {
                unwatchItem(path)
            }
        case .item(let path):
            if !name.hasPrefix(".") || !mask.isDisjoint(with: [.deletedSelf, .movedSelf]) { changed[path] = seq }
        }
        return nil
    }

    private func watchOrStop(_ add: () throws -> Void) {
        do { try add() } catch {
            failure = error as? QuangBaError ?? QuangBaError(Message("watch.inotify_failed", ["reason": "\(error)"]))
            stopping = true
        }
    }

    /// Waits until every event queued before now has been read, by making a file in a watched
    /// folder and reading events until its own arrives (git's fsmonitor calls them cookies).
    /// Without this an edit saved just before `quangba index` could be reported one sync late.
    private func flush() -> Bool {
        cookieCount += 1
        let name = "\(getpid())-\(cookieCount)"
        let path = "\(cookieDir)/\(name)"
        let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        close(fd)
        defer { unlink(path) }
        var pfd = pollfd(fd: events.fd, events: Int16(POLLIN), revents: 0)
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline {
            guard poll(&pfd, 1, 100) > 0 else { continue }
            if readEvents().contains(name) { return true }
        }
        return false
    }

    // MARK: Serving

    private func listen() throws {
        let path = socketPath
        if !path.hasPrefix(root.path) {
            // The long-path fallback folder in /tmp: this user's only.
            mkdir((path as NSString).deletingLastPathComponent, 0o700)
        }
        // A socket file that nobody answers on is left over from a watcher that died.
        if WatchSocket.request(root: root, "status", timeout: 2) != nil {
            throw QuangBaError(Message("watch.already_running", ["root": root.path]))
        }
        unlink(path)
        listenFD = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listenFD >= 0,
              WatchSocket.withAddress(path, { bind(listenFD, $0, $1) }) == 0,
              Glibc.listen(listenFD, 16) == 0 else {
            throw QuangBaError(Message("watch.socket_failed", ["path": path, "reason": String(cString: strerror(errno))]))
        }
        chmod(path, 0o600)
        var st = stat()
        if stat(path, &st) == 0 { socketInode = st.st_ino }
    }

    private func serveOne() {
        let client = accept(listenFD, nil, nil)
        guard client >= 0 else { return }
        _ = fcntl(client, F_SETFD, FD_CLOEXEC)
        defer { close(client) }
        WatchSocket.setTimeout(client, 5)
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.count < 4096, read(client, &byte, 1) == 1, byte != UInt8(ascii: "\n") { line.append(byte) }
        let words = String(decoding: line, as: UTF8.self).split(separator: " ", maxSplits: 1).map(String.init)
        let answer: [String]
        switch words.first {
        case "changes": answer = changes(since: words.count > 1 ? words[1] : "-")
        case "status":
            answer = ["pid=\(getpid())", "root=\(root.path)", "folders=\(itemWatches.count)", "events=\(eventCount)",
                      "uptime=\(Int(Date().timeIntervalSince(started)))"]
        case "stop":
            stopping = true
            answer = ["stopping"]
        default: answer = ["unknown request"]
        }
        _ = WatchSocket.writeAll(client, WatchSocket.encode(answer))
    }

    private func changes(since token: String) -> [String] {
        // Unsure whether every event has been read, or a folder is not watched: everything is looked at.
        let ready = flush() && failure == nil
        let now = "\(epoch):\(seq)"
        guard ready else { return [now, "full"] }
        let parts = token.split(separator: ":")
        guard parts.count == 2, parts[0] == epoch, let then = UInt64(parts[1]), then >= fullBefore, then <= seq else {
            return [now, "full"]
        }
        return [now, "since"] + changed.filter { $0.value > then }.keys.sorted()
    }

    private static func newEpoch() -> String { String(UInt64.random(in: 1...UInt64.max), radix: 16) }
}
