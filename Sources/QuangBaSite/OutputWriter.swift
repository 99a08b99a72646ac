import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaStore

#if canImport(Glibc)
import Glibc
#endif

/// Writes files into the output folder: whole or not at all (`AtomicFile`, without flushing each
/// to disk: a build writes thousands, and can always make them again), only when the bytes
/// differ from what is there, never through a symbolic link. It notes the folders whose entries
/// it changed, whose signatures the manifest must then take again.
struct OutputWriter: Sendable {
    let root: URL
    /// Folders known to exist, so each is created (or looked at) once per build.
    private let folders = Locked<Set<String>>([])
    /// Paths (relative, folders with a trailing `/`) whose folder this build changed.
    private let touched = Locked<Set<String>>([])
    /// The output folder, open: outputs are looked up relative to it, without walking its path
    /// each time (a no-change build looks at every output).
    private let rootFolder: FolderHandle

    init(root: URL) {
        self.root = root
        rootFolder = FolderHandle(root.path)
    }

    private func full(_ path: String) -> String { root.path + "/" + path }

    /// Makes one output; returns its manifest entry and whether anything was written.
    /// `present`: something is at its path already, which the manifest cannot vouch for.
    func produce(_ o: PlannedOutput, present: Bool, renderer: PageRenderer) throws -> (SiteManifest.File, Bool) {
        let wrote: Bool
        switch o.source {
        case .file(let url): wrote = try write(try storedFile(url, sha256: o.input, path: o.path), o.path, compare: present)
        case .bytes(let bytes): wrote = try write(bytes, o.path, compare: present)
        case .page(let page): wrote = try write(renderer.render(page), o.path, compare: present)
        }
        guard let (signature, kind) = FileSignature.of(o.path, in: rootFolder.fd), kind == .file else { throw failure(o.path) }
        return (SiteManifest.File(input: o.input, signature: signature), wrote)
    }

    /// The paths of every folder whose entries this build changed, and of their parents.
    var changedFolders: Set<String> { touched.with { $0 } }

    private func touch(_ path: String) {
        var dir = path
        var changed: [String] = []
        while let slash = dir.dropLast().lastIndex(of: "/") {
            dir = String(dir[...slash])
            changed.append(dir)
        }
        touched.with { $0.formUnion(changed) }
    }

    /// The signature of a folder of the output, if it is one.
    func folderSignature(_ path: String) -> FileSignature? {
        guard let (s, kind) = FileSignature.of(path, in: rootFolder.fd), kind == .folder else { return nil }
        return s
    }

    /// Writes the file unless it already holds exactly these bytes (inputs changed but the page
    /// did not, say a related item's unrelated field); true when it wrote.
    private func write(_ bytes: [UInt8], _ path: String, compare: Bool) throws -> Bool {
        if compare, let old = contents(path), old == bytes { return false }
        try makeParent(path)
        touch(path)
        let target = full(path)
        // A file that is not there yet is written without a name and linked into place.
        func place(replacing: Bool) throws {
            try AtomicFile.replace(target, durable: false, replacing: replacing) { emit in try bytes.withUnsafeBytes { try emit($0) } }
        }
        do {
            try place(replacing: compare)
        } catch let refused as AtomicFile.Failure where refused.error.code == EISDIR {
            // A folder stands where the file goes (made by hand, or a page that became a file).
            do { try FileManager.default.removeItem(atPath: target) } catch { throw failure(path, refused.error) }
            do { try place(replacing: true) } catch let again as AtomicFile.Failure { throw failure(path, again.error) }
        } catch let refused as AtomicFile.Failure {
            throw failure(path, refused.error)
        }
        return true
    }

    /// What a regular file of the output holds now (never through a symbolic link, nor from a
    /// FIFO or a file with other names).
    private func contents(_ path: String) -> [UInt8]? {
        try? readFile(at: rootFolder.fd, path, rule: .content).get()
    }

    /// The bytes of a stored file of the repository, for a copy in the site (never a link: a
    /// link would let an edit of the site change the repository, and the repository's file
    /// would have two names). Only a regular file, never through a symbolic link, and only
    /// with the content its item.yaml declares.
    private func storedFile(_ source: URL, sha256: String, path: String) throws -> [UInt8] {
        let bytes: [UInt8]
        switch readFile(source.path, rule: .content) {
        case .success(let b): bytes = b
        case .failure(let refusal): throw QuangBaError(refusal.fileMessage(source.path))
        }
        guard SHA256.hex(bytes) == sha256 else {
            throw QuangBaError(Message("site.stored_file_changed", ["path": source.path]))
        }
        return bytes
    }

    /// Deletes an entry of the output (a folder with all it holds; a symbolic link itself, not
    /// what it points to) and the folders it leaves empty; false when it was already gone.
    func remove(_ path: String) throws -> Bool {
        let target = full(path.hasSuffix("/") ? String(path.dropLast()) : path)
        var st = stat()
        guard lstat(target, &st) == 0 else { return false }
        touch(path)
        if st.st_mode & S_IFMT == S_IFDIR {
            do { try FileManager.default.removeItem(atPath: target) } catch { throw failure(path) }
        } else {
            guard unlink(target) == 0 else { throw failure(path) }
        }
        removeEmptyParents(of: path)
        return true
    }

    /// Deletes the folder at `path` if it is empty, and then its parents that are.
    func removeIfEmpty(_ folder: String) {
        guard rmdir(full(String(folder.dropLast()))) == 0 else { return }
        touch(folder)
        removeEmptyParents(of: folder)
    }

    private func removeEmptyParents(of path: String) {
        var dir = ((path.hasSuffix("/") ? String(path.dropLast()) : path) as NSString).deletingLastPathComponent
        while !dir.isEmpty, rmdir(full(dir)) == 0 {
            touch(dir + "/")
            dir = (dir as NSString).deletingLastPathComponent
        }
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

    private func failure(_ path: String, _ error: SystemError = .last) -> QuangBaError {
        QuangBaError(Message("site.write_failed", ["path": full(path), "reason": error.reason]))
    }
}

extension PageRenderer {
    func render(_ page: PlannedOutput.Page) throws -> [UInt8] {
        switch page {
        case .chooser: chooser()
        case .rootNotFound: notFound(nil)
        case .sitemapIndex: try sitemapIndex()
        case .robots: Array(robots().utf8)
        case .home(let l): home(l)
        case .projects(let l): projects(l)
        case .events(let l, let page, let pages): events(l, page: page, pages: pages)
        case .notFound(let l): notFound(l)
        case .feed(let l): try feed(l)
        case .sitemap(let l, let listings): try sitemap(l, listings: listings)
        case .listing(let kind, let l, let page, let pages, let ids): listing(kind, l, page: page, pages: pages, ids: ids)
        case .terms(let isTopic, let l, let counts): terms(isTopic: isTopic, l, counts: counts)
        case .term(let isTopic, let code, let l, let page, let pages, let ids): term(isTopic: isTopic, code: code, l, page: page, pages: pages, ids: ids)
        case .item(let id, let l): itemPage(id, l)
        case .info(let kind, let l): infoPage(kind, l)
        }
    }
}

/// An open folder, closed when the last user lets go of it.
final class FolderHandle: Sendable {
    let fd: Int32
    init(_ path: String) { fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
    deinit { if fd >= 0 { close(fd) } }
}
