import Foundation
import QuangBaCore
import QuangBaStore

#if canImport(Glibc)
import Glibc
#endif

/// Writes files into the output folder: whole or not at all (a temporary file renamed into
/// place), only when the bytes differ from what is there, and stored files as copies.
struct OutputWriter: Sendable {
    let root: URL
    /// Folders known to exist, so each is created (or looked at) once per build.
    private let folders = Locked<Set<String>>([])
    /// The output folder, open: outputs are looked up relative to it, without walking its path
    /// each time (a no-change build looks at every output).
    private let rootFolder: FolderHandle

    init(root: URL) {
        self.root = root
        rootFolder = FolderHandle(root.path)
    }

    private func full(_ path: String) -> String { root.path + "/" + path }

    func exists(_ path: String) -> Bool {
        rootFolder.fd >= 0 ? faccessat(rootFolder.fd, path, F_OK, 0) == 0 : access(full(path), F_OK) == 0
    }

    /// Makes one output; returns its record and whether anything was written.
    func produce(_ o: PlannedOutput, previous: BuildRecord?, renderer: PageRenderer) throws -> (BuildRecord, Bool) {
        switch o.source {
        case .file(let url):
            try link(url, to: o.path)
            return (BuildRecord(path: o.path, input: o.input), true)
        case .bytes(let bytes):
            return (BuildRecord(path: o.path, input: o.input), try write(bytes, o.path, compare: previous != nil))
        case .page(let page):
            return (BuildRecord(path: o.path, input: o.input), try write(renderer.render(page), o.path, compare: previous != nil))
        }
    }

    /// Writes the file unless it already holds exactly these bytes (inputs changed but the page
    /// did not, say a related item's unrelated field); true when it wrote.
    private func write(_ bytes: [UInt8], _ path: String, compare: Bool) throws -> Bool {
        if compare, let old = FileManager.default.contents(atPath: full(path)), old.count == bytes.count, old == Data(bytes) { return false }
        try makeParent(path)
        let target = full(path)
        // A file the last build did not make is most likely new: write it without a name and
        // link it into place once complete (no temporary name to create and rename away).
        if !compare, try writeUnnamed(bytes, target, path) { return true }
        let temp = target + ".qb-tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(path) }
        let ok = writeAll(fd, bytes)
        close(fd)
        guard ok, rename(temp, target) == 0 else {
            unlink(temp)
            throw failure(path)
        }
        return true
    }

    /// Linux's O_TMPFILE (`__O_TMPFILE | O_DIRECTORY` on x86-64 and arm64), which Glibc's
    /// Swift module does not export.
    private static let unnamedFile: Int32 = 0o20000000 | O_DIRECTORY

    /// Writes `bytes` into an unnamed file in the target's folder and gives it the target's name:
    /// whole or not at all, like a rename. False, having written nothing, when the name is taken
    /// or the file system has no unnamed files: the caller then renames a temporary file.
    private func writeUnnamed(_ bytes: [UInt8], _ target: String, _ path: String) throws -> Bool {
        let fd = open((target as NSString).deletingLastPathComponent, Self.unnamedFile | O_WRONLY | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard writeAll(fd, bytes) else { throw failure(path) }
        // linkat through /proc needs no privilege (AT_EMPTY_PATH would).
        return linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, target, AT_SYMLINK_FOLLOW) == 0
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buf in
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

    /// A copy of the repository's file: a hard link would give it a second name, which the
    /// item reader refuses (`FileRefusal.hardLink`).
    private func link(_ source: URL, to path: String) throws {
        try makeParent(path)
        let target = full(path)
        unlink(target)
        let temp = target + ".qb-tmp-\(getpid())"
        unlink(temp)
        do {
            try FileManager.default.copyItem(atPath: source.path, toPath: temp)
        } catch {
            throw failure(path)
        }
        guard rename(temp, target) == 0 else { unlink(temp); throw failure(path) }
    }

    /// Deletes an output and the folders it leaves empty; false when it was already gone.
    func remove(_ path: String) throws -> Bool {
        guard exists(path) else { return false }
        guard unlink(full(path)) == 0 else { throw failure(path) }
        var dir = (path as NSString).deletingLastPathComponent
        while !dir.isEmpty, rmdir(full(dir)) == 0 { dir = (dir as NSString).deletingLastPathComponent }
        return true
    }

    private func makeParent(_ path: String) throws {
        let dir = (full(path) as NSString).deletingLastPathComponent
        if folders.with({ $0.contains(dir) }) { return }
        if mkdir(dir, 0o755) != 0, errno != EEXIST {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw failure(path)
            }
        }
        folders.with { _ = $0.insert(dir) }
    }

    private func failure(_ path: String) -> QuangBaError {
        QuangBaError(Message("site.write_failed", ["path": full(path), "reason": String(cString: strerror(errno))]))
    }
}

extension PageRenderer {
    func render(_ page: PlannedOutput.Page) -> [UInt8] {
        switch page {
        case .chooser: chooser()
        case .rootNotFound: notFound(nil)
        case .sitemapIndex: Array(sitemapIndex().utf8)
        case .robots: Array(robots().utf8)
        case .home(let l): home(l)
        case .projects(let l): projects(l)
        case .gallery(let l): gallery(l)
        case .notFound(let l): notFound(l)
        case .feed(let l): Array(feed(l).utf8)
        case .sitemap(let l, let listings): Array(sitemap(l, listings: listings).utf8)
        case .listing(let kind, let l, let page, let pages, let ids): listing(kind, l, page: page, pages: pages, ids: ids)
        case .terms(let isTopic, let l, let counts): terms(isTopic: isTopic, l, counts: counts)
        case .term(let isTopic, let code, let l, let page, let pages, let ids): term(isTopic: isTopic, code: code, l, page: page, pages: pages, ids: ids)
        case .item(let id, let l): itemPage(id, l)
        }
    }
}

/// An open folder, closed when the last user lets go of it.
final class FolderHandle: Sendable {
    let fd: Int32
    init(_ path: String) { fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
    deinit { if fd >= 0 { close(fd) } }
}
