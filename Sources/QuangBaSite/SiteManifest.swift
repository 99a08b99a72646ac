import Foundation
import QuangBaContent
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
/// that built it would. An entry recorded within the clock tick of the manifest's own change
/// time is not trusted either (git's "racily clean" entries): builds wait for the clock to pass
/// their entries before writing it. This is the form a build writes; `ManifestText` the form
/// it reads.
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
    init(state: BuildState) { self.state = state }

    /// Whether `fd` holds a manifest file at all (valid or not): the folder is then a site.
    static func isPresent(in fd: Int32) -> Bool {
        var st = stat()
        return fstatat(fd, fileName, &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_mode & S_IFMT == S_IFREG
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

    /// In no particular order (`ManifestText` reads it into a table of hashes). `entries`
    /// false: the header, build and item lines only, for `ManifestText.patched`.
    func encoded(entries: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries ? files.count * 170 + folders.count * 100 + state.items.count * 180 : state.items.count * 180)
        func field(_ s: String) { out.append(0x09); out += s.utf8 }
        out += Self.header.utf8; out.append(0x0A)
        out += "build".utf8; field(state.fingerprint); field(state.global); out.append(0x0A)
        for (id, i) in state.items {
            out += "item".utf8; field(id.rawValue); field(i.digest); field(i.listing); field(i.shown); out.append(0x0A)
        }
        guard entries else { return out }
        for (path, s) in folders { out += Self.folderLine(path, s) }
        for (path, f) in files { out += Self.fileLine(path, f) }
        out += "end".utf8; out.append(0x0A)
        return out
    }

    static func folderLine(_ path: String, _ s: FileSignature) -> [UInt8] {
        var out = Array("folder".utf8)
        signature(s, &out)
        out.append(0x09); out += escape(path).utf8; out.append(0x0A)
        return out
    }

    static func fileLine(_ path: String, _ f: File) -> [UInt8] {
        var out = Array("file".utf8)
        signature(f.signature, &out)
        out.append(0x09); out += f.input.utf8
        out.append(0x09); out += escape(path).utf8; out.append(0x0A)
        return out
    }

    private static func signature(_ s: FileSignature, _ out: inout [UInt8]) {
        for n in [Int64(bitPattern: s.inode), s.size, s.mtime, s.ctime] { out.append(0x09); appendDecimal(n, to: &out) }
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

    /// A decimal number as `encoded` writes it (an inode may use all 64 bits).
    static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
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
        try Self.write(encoded(), newest: newest, into: folder)
    }

    /// Writes a manifest's bytes (see `write(into:)`); `newest`: the latest change time of its entries.
    static func write(_ bytes: [UInt8], newest: Int64, into folder: String) throws {
        waitForClock(after: newest)
        let target = folder + "/" + fileName
        do {
            try AtomicFile.replace(target, durable: false) { emit in try bytes.withUnsafeBytes { try emit($0) } }
        } catch let refused as AtomicFile.Failure {
            throw QuangBaError(Message("site.write_failed", ["path": target, "reason": refused.error.reason]))
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
