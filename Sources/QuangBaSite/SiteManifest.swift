import Foundation
import QuangBaCore

#if canImport(Glibc)
import Glibc
#endif

/// One state of a file or folder on disk. Any write, rename into place, added or removed entry
/// or change of mode gives another: the inode's change time moves with each, and no program can
/// set it back (unlike the modification time).
struct FileSignature: Hashable, Sendable {
    var inode: UInt64
    var size: Int64
    var mtime: Int64
    var ctime: Int64

    init(inode: UInt64, size: Int64, mtime: Int64, ctime: Int64) {
        self.inode = inode; self.size = size; self.mtime = mtime; self.ctime = ctime
    }

    init(_ st: stat) {
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        ctime = Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec)
    }

    enum Kind { case file, folder, other }

    /// The entry at `path` below the open folder `fd`, never following a symbolic link.
    static func of(_ path: String, in fd: Int32) -> (FileSignature, Kind)? {
        var st = stat()
        guard fstatat(fd, path.isEmpty ? "." : path, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        let kind: Kind = switch st.st_mode & S_IFMT {
        case S_IFREG: .file
        case S_IFDIR: .folder
        default: .other
        }
        return (FileSignature(st), kind)
    }
}

/// The manifest of a built site: `.quangba-site` in the output folder, written by each build
/// that completes, as its last act. It says what that build left there: every file with the
/// digest of the inputs it was made from and its signature on disk, every folder's signature,
/// and what the build was made from (`BuildState`).
///
/// The invariant it protects: a file is trusted only while it is exactly as a complete build
/// left it. A file changed since (by hand, by a build killed part-way, by a copy), or unknown to
/// the manifest, is not trusted, so the next build makes it again or deletes it; a folder whose
/// entries changed is listed again. Nothing else is kept about an output folder anywhere, so a
/// fresh clone, a moved repository or a deleted index build into it exactly as the repository
/// that built it would.
struct SiteManifest: Sendable {
    /// Also the mark of a folder that `quangba build` owns (it empties only such folders).
    static let fileName = ".quangba-site"
    static let header = "quangba-site-manifest 1"

    struct File: Hashable, Sendable {
        var input: String
        var signature: FileSignature
    }

    var state: BuildState
    /// By path relative to the output folder.
    var files: [String: File] = [:]
    /// By path relative to the output folder, with a trailing `/`; the folder itself is not
    /// recorded (the manifest lives in it, so its signature changes with every build).
    var folders: [String: FileSignature] = [:]
    /// The manifest's own change time when read: entries as new as it may have changed within
    /// the same clock tick after they were recorded, so they are not trusted (git's "racily
    /// clean" entries). Builds wait for the clock to pass their entries before writing it.
    var written: Int64 = .max

    init(state: BuildState) { self.state = state }

    /// The manifest in the open output folder `fd`, or nil when there is none or it is not one
    /// (an older build's marker, a damaged or truncated file): then nothing there is trusted.
    static func read(in fd: Int32) -> SiteManifest? {
        guard let bytes = try? readFile(at: fd, fileName, rule: .content).get(), var manifest = parse(bytes),
              let (signature, _) = FileSignature.of(fileName, in: fd) else { return nil }
        manifest.written = signature.ctime
        return manifest
    }

    /// Whether `fd` holds a manifest file at all (valid or not): the folder is then a site.
    static func isPresent(in fd: Int32) -> Bool {
        var st = stat()
        return fstatat(fd, fileName, &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_mode & S_IFMT == S_IFREG
    }

    /// Whether a file's or folder's recorded signature still vouches for it.
    func trusts(_ recorded: FileSignature, _ now: FileSignature) -> Bool {
        recorded == now && recorded.ctime < written
    }

    // MARK: The file format
    //
    // Lines of tab-separated fields, so that nothing but a tab or a line break needs escaping
    // in a path (both are written %09 and %0A, and % as %25):
    //   quangba-site-manifest 1
    //   build   FINGERPRINT   GLOBAL
    //   item    ID   DIGEST   LISTING   SHOWN
    //   folder  INODE  SIZE  MTIME  CTIME  PATH/
    //   file    INODE  SIZE  MTIME  CTIME  INPUT  PATH
    //   end
    // A file without its last line is not a manifest.

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(files.count * 160 + state.items.count * 180)
        func add(_ s: String) { out += s.utf8 }
        func field(_ s: String) { out.append(0x09); out += s.utf8 }
        func number<N: BinaryInteger>(_ n: N) { out.append(0x09); out += String(n).utf8 }
        add(Self.header); out.append(0x0A)
        add("build"); field(state.fingerprint); field(state.global); out.append(0x0A)
        for id in state.items.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            let i = state.items[id]!
            add("item"); field(id.rawValue); field(i.digest); field(i.listing); field(i.shown); out.append(0x0A)
        }
        for path in folders.keys.sorted() {
            let s = folders[path]!
            add("folder"); number(s.inode); number(s.size); number(s.mtime); number(s.ctime); field(Self.escape(path)); out.append(0x0A)
        }
        for path in files.keys.sorted() {
            let f = files[path]!
            add("file"); number(f.signature.inode); number(f.signature.size); number(f.signature.mtime); number(f.signature.ctime)
            field(f.input); field(Self.escape(path)); out.append(0x0A)
        }
        add("end"); out.append(0x0A)
        return out
    }

    static func parse(_ bytes: [UInt8]) -> SiteManifest? {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)[...]
        guard lines.first.map({ String(decoding: $0, as: UTF8.self) }) == header else { return nil }
        lines = lines.dropFirst()
        // The last line break ends the "end" line: an empty piece follows it.
        guard lines.last?.isEmpty == true, lines.dropLast().last.map({ Array($0) }) == Array("end".utf8) else { return nil }
        lines = lines.dropLast(2)
        var manifest: SiteManifest?
        for line in lines {
            let f = line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            switch f.first {
            case "build" where f.count == 3 && manifest == nil:
                manifest = SiteManifest(state: BuildState(fingerprint: f[1], global: f[2]))
            case "item" where f.count == 5 && manifest != nil:
                guard let id = ItemID(f[1]) else { return nil }
                manifest!.state.items[id] = BuildState.Item(digest: f[2], listing: f[3], shown: f[4])
            case "folder" where f.count == 6 && manifest != nil:
                guard let s = signature(f[1...4]), let path = unescape(f[5]) else { return nil }
                manifest!.folders[path] = s
            case "file" where f.count == 7 && manifest != nil:
                guard let s = signature(f[1...4]), let path = unescape(f[6]) else { return nil }
                manifest!.files[path] = File(input: f[5], signature: s)
            default:
                return nil
            }
        }
        return manifest
    }

    private static func signature(_ f: ArraySlice<String>) -> FileSignature? {
        let i = f.startIndex
        guard let inode = UInt64(f[i]), let size = Int64(f[i + 1]), let mtime = Int64(f[i + 2]), let ctime = Int64(f[i + 3]) else { return nil }
        return FileSignature(inode: inode, size: size, mtime: mtime, ctime: ctime)
    }

    static func escape(_ path: String) -> String {
        guard path.utf8.contains(where: { $0 == 0x25 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return path }
        return path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
            .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }

    static func unescape(_ path: String) -> String? {
        guard path.contains("%") else { return path }
        return path.removingPercentEncoding
    }

    /// Writes the manifest into the output folder as a whole (a temporary file, flushed to disk,
    /// renamed over the old one), after waiting until the clock has moved past every entry's
    /// change time: a later change to any of them then gets a later one.
    func write(into folder: String) throws {
        let newest = max(files.values.map(\.signature.ctime).max() ?? 0, folders.values.map(\.ctime).max() ?? 0)
        Self.waitForClock(after: newest)
        let target = folder + "/" + Self.fileName
        let temp = target + ".tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(target) }
        let ok = writeAll(fd, encoded()) && fsync(fd) == 0
        close(fd)
        guard ok, rename(temp, target) == 0 else {
            let e = failure(target)
            unlink(temp)
            throw e
        }
        // The rename itself is durable once the folder is flushed.
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { fsync(dir); close(dir) }
    }

    /// Sleeps until the file system's clock (the coarse one: the kernel stamps files with it)
    /// is past `ctime`; at most a few milliseconds.
    static func waitForClock(after ctime: Int64) {
        var ts = timespec()
        while true {
            clock_gettime(CLOCK_REALTIME_COARSE, &ts)
            if Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec) > ctime { return }
            usleep(1000)
        }
    }

    private func failure(_ path: String) -> QuangBaError {
        QuangBaError(Message("site.write_failed", ["path": path, "reason": String(cString: strerror(errno))]))
    }
}

/// What a site build was made from: the fingerprint of all its inputs, the digest of the inputs
/// every page shares (templates, strings, configuration, the day, ended embargoes), and per
/// item its digests and the languages that showed it (none when it was not public).
struct BuildState: Sendable {
    struct Item: Hashable, Sendable {
        var digest: String
        var listing: String
        var shown: String
    }
    var fingerprint: String
    var global: String
    var items: [ItemID: Item] = [:]
}

/// Writes all of `bytes` to `fd`; false on any error.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
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
