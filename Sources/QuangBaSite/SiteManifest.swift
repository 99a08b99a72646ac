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

    /// In no particular order: the manifest is read into tables, and a one-item rebuild writes
    /// it whole (53,000 lines at 10,000 items).
    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(files.count * 170 + folders.count * 100 + state.items.count * 180)
        func field(_ s: String) { out.append(0x09); out += s.utf8 }
        func number(_ n: Int64) { out.append(0x09); Self.appendDecimal(n, to: &out) }
        out += Self.header.utf8; out.append(0x0A)
        out += "build".utf8; field(state.fingerprint); field(state.global); out.append(0x0A)
        for (id, i) in state.items {
            out += "item".utf8; field(id.rawValue); field(i.digest); field(i.listing); field(i.shown); out.append(0x0A)
        }
        for (path, s) in folders {
            out += "folder".utf8
            number(Int64(bitPattern: s.inode)); number(s.size); number(s.mtime); number(s.ctime); field(Self.escape(path)); out.append(0x0A)
        }
        for (path, f) in files {
            out += "file".utf8
            number(Int64(bitPattern: f.signature.inode)); number(f.signature.size); number(f.signature.mtime); number(f.signature.ctime)
            field(f.input); field(Self.escape(path)); out.append(0x0A)
        }
        out += "end".utf8; out.append(0x0A)
        return out
    }

    /// Writes `n` in decimal (inodes, which may use all 64 bits, as their bit pattern).
    private static func appendDecimal(_ n: Int64, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var m = n.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 20 digits, filled from the end
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            repeat {
                count += 1
                buf[24 - count] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
            } while m > 0
            out.append(contentsOf: buf[(24 - count)...])
        }
    }

    /// Read over the bytes: a no-change build reads every line (53,000 at 10,000 items), so
    /// numbers are parsed where they lie and only paths and digests become strings.
    static func parse(_ bytes: [UInt8]) -> SiteManifest? {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)[...]
        guard lines.first.map({ $0.elementsEqual(header.utf8) }) == true else { return nil }
        lines = lines.dropFirst()
        // The last line break ends the "end" line: an empty piece follows it.
        guard lines.last?.isEmpty == true, lines.dropLast().last?.elementsEqual("end".utf8) == true else { return nil }
        lines = lines.dropLast(2)
        var manifest: SiteManifest?
        // Tables of the right size at once: growing them hashed every path again.
        var fileLines = 0, folderLines = 0
        for line in lines where line.count > 2 && line.first == UInt8(ascii: "f") {
            if line[line.startIndex + 1] == UInt8(ascii: "i") { fileLines += 1 } else { folderLines += 1 }
        }
        for line in lines {
            let f = line.split(separator: 0x09, omittingEmptySubsequences: false)
            guard let tag = f.first else { return nil }
            if tag.elementsEqual("file".utf8), f.count == 7, manifest != nil {
                guard let s = signature(f[1...4]), let path = unescape(f[6]) else { return nil }
                manifest!.files[path] = File(input: String(decoding: f[5], as: UTF8.self), signature: s)
            } else if tag.elementsEqual("folder".utf8), f.count == 6, manifest != nil {
                guard let s = signature(f[1...4]), let path = unescape(f[5]) else { return nil }
                manifest!.folders[path] = s
            } else if tag.elementsEqual("item".utf8), f.count == 5, manifest != nil {
                guard let id = ItemID(String(decoding: f[1], as: UTF8.self)) else { return nil }
                let text = f.map { String(decoding: $0, as: UTF8.self) }
                manifest!.state.items[id] = BuildState.Item(digest: text[2], listing: text[3], shown: text[4])
            } else if tag.elementsEqual("build".utf8), f.count == 3, manifest == nil {
                manifest = SiteManifest(state: BuildState(fingerprint: String(decoding: f[1], as: UTF8.self), global: String(decoding: f[2], as: UTF8.self)))
                manifest!.files.reserveCapacity(fileLines)
                manifest!.folders.reserveCapacity(folderLines)
            } else {
                return nil
            }
        }
        return manifest
    }

    private static func signature(_ f: ArraySlice<ArraySlice<UInt8>>) -> FileSignature? {
        let i = f.startIndex
        guard let inode = number(f[i]), let size = number(f[i + 1]), let mtime = number(f[i + 2]), let ctime = number(f[i + 3]) else { return nil }
        return FileSignature(inode: UInt64(bitPattern: inode), size: size, mtime: mtime, ctime: ctime)
    }

    /// A decimal number as `encoded` writes it (an inode may use all 64 bits).
    private static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        var negative = false
        var rest = digits[...]
        if rest.first == UInt8(ascii: "-") { negative = true; rest = rest.dropFirst() }
        guard !rest.isEmpty, rest.count <= 20 else { return nil }
        var value: UInt64 = 0
        for d in rest {
            guard d >= 0x30, d <= 0x39 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(d - 0x30))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return negative ? -Int64(bitPattern: value) : Int64(bitPattern: value)
    }

    static func escape(_ path: String) -> String {
        guard path.utf8.contains(where: { $0 == 0x25 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return path }
        return path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
            .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }

    static func unescape(_ field: ArraySlice<UInt8>) -> String? {
        let path = String(decoding: field, as: UTF8.self)
        return field.contains(0x25) ? path.removingPercentEncoding : path
    }

    /// Writes the manifest into the output folder as a whole (a temporary file renamed over the
    /// old one), after waiting until the clock has moved past every entry's change time: a later
    /// change to any of them then gets a later one. Not flushed to disk: after a crash a
    /// manifest that lost its content is no manifest (it trusts nothing), and a file that lost
    /// its data has another size than the one recorded.
    func write(into folder: String) throws {
        let newest = max(files.values.map(\.signature.ctime).max() ?? 0, folders.values.map(\.ctime).max() ?? 0)
        Self.waitForClock(after: newest)
        let target = folder + "/" + Self.fileName
        let temp = target + ".tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(target) }
        let ok = writeAll(fd, encoded())
        close(fd)
        guard ok, rename(temp, target) == 0 else {
            let e = failure(target)
            unlink(temp)
            throw e
        }
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
