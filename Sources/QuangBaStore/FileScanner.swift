import Foundation
import QuangBaCore

/// What sync knows of a file without reading it. The file's type and its number of names are
/// part of it: a file replaced by a link, or given a second name, is read again and refused
/// (docs/content-format.md, "Stored files").
struct FileStamp: Hashable, Sendable {
    var size: Int64
    var mtimeNanos: Int64
    var type: UInt32
    var links: Int64

    init(_ st: stat) {
        size = Int64(st.st_size)
        mtimeNanos = FileScanner.nanos(st.st_mtim)
        type = st.st_mode & S_IFMT
        links = Int64(st.st_nlink)
    }
}

/// Walks content/ with POSIX calls. At 10,000 items × 6 files a no-change sync is this walk,
/// so the first pass makes no strings per file: it folds each folder's file names, sizes and
/// mtimes into one signature, and only folders whose signature changed are listed in full.
///
/// A folder whose own mtime is the one recorded at the last sync holds the same names (adding,
/// removing or renaming a file changes it), so its files are looked at by name without listing
/// the folder: one `fstatat` per file instead of open, list twice and close.
///
/// Nothing is followed through a link: an item folder that is a link, and every entry of an item
/// folder whatever it is, are listed as they are (`lstat`), so the sync hands them to the item
/// reader, which refuses them with a reason (`FileRefusal`).
enum FileScanner {
    struct Folder: Sendable {
        var kind: ItemKind
        var id: String
        var signature: Int64
        /// The folder's mtime when it was scanned (before its files), or 0 when too recent to
        /// trust: a file added within the same clock tick would not change it.
        var mtime: Int64
        /// Its files, when the scan listed a folder the index does not know (such a folder is
        /// read next; a fill would otherwise list every folder twice).
        var stamps: [String: FileStamp]?
        var path: String { "content/\(kind.rawValue)/\(id)" }
    }

    /// What the last sync recorded of a folder: its signature, its mtime and its file names,
    /// joined by "/".
    struct Known: Sendable {
        var signature: Int64
        var mtime: Int64
        var names: String
    }

    /// Folder mtimes newer than this (nanoseconds before the scan) are recorded as 0.
    static let racyWindow: Int64 = 2_000_000_000

    static func scan(contentDir: String, known: [String: Known] = [:]) -> [Folder] {
        var jobs: [(ItemKind, String)] = []
        for kind in ItemKind.allCases {
            for id in entries("\(contentDir)/\(kind.rawValue)") { jobs.append((kind, id)) }
        }
        return scan(contentDir: contentDir, jobs, known: known)
    }

    /// Only the folders at `paths` (`content/KIND/ID`) that exist: the ones `quangba watch`
    /// saw changing.
    static func scan(contentDir: String, only paths: [String], known: [String: Known]) -> [Folder] {
        let jobs = paths.compactMap { path -> (ItemKind, String)? in
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "content", let kind = ItemKind(rawValue: String(parts[1])),
                  !parts[2].isEmpty, !parts[2].hasPrefix(".") else { return nil }
            return (kind, String(parts[2]))
        }
        return scan(contentDir: contentDir, jobs, known: known)
    }

    private static func scan(contentDir: String, _ jobs: [(ItemKind, String)], known: [String: Known]) -> [Folder] {
        var kindFDs: [ItemKind: Int32] = [:]
        defer { kindFDs.values.forEach { close($0) } }
        for kind in Set(jobs.map(\.0)) {
            let fd = open("\(contentDir)/\(kind.rawValue)", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if fd >= 0 { kindFDs[kind] = fd }
        }
        let jobList = jobs.compactMap { job in kindFDs[job.0].map { (job.0, job.1, $0) } }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let trusted = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) - racyWindow
        // Item folders are looked at relative to their kind's folder: no full path walk each time.
        return blockingMap(jobList.count) { i -> Folder? in
            let (kind, id, parent) = jobList[i]
            var st = stat()
            // Gone since it was listed (or reported by the watcher): not a folder of the repository.
            // A link is one: the reader refuses it, so the index records the item as invalid.
            guard fstatat(parent, id, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            let type = st.st_mode & S_IFMT
            guard type == S_IFDIR || type == S_IFLNK else { return nil }
            let mtime = nanos(st.st_mtim)
            let recorded = mtime > 0 && mtime <= trusted ? mtime : 0
            // A link opens as nothing here (O_NOFOLLOW): its signature is that of an empty folder.
            let open = { openat(parent, id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
            guard let k = known["content/\(kind.rawValue)/\(id)"] else {
                var stamps: [String: FileStamp] = [:]
                eachFile(open()) { name, stamp in stamps[String(cString: name)] = stamp }
                return Folder(kind: kind, id: id, signature: signature(of: stamps), mtime: recorded, stamps: stamps)
            }
            // Names are looked at through the folder's path, which would follow a link.
            if type == S_IFDIR, recorded > 0, k.mtime == mtime, let sig = signature(parent: parent, folder: id, names: k.names) {
                return Folder(kind: kind, id: id, signature: sig, mtime: recorded)
            }
            return Folder(kind: kind, id: id, signature: signature(open()), mtime: recorded)
        }.compactMap { $0 }
    }

    /// The signature of a folder whose names are known; nil when one of them is gone (the folder
    /// is then listed). Paths are built in one byte buffer:
    /// at 10,000 folders this runs for every file of the repository on each sync.
    private static func signature(parent: Int32, folder: String, names: String) -> Int64? {
        var sig: UInt64 = 0
        var path = Array(folder.utf8) + [UInt8(ascii: "/")]
        let prefix = path.count
        var names = names
        let complete = names.withUTF8 { all -> Bool in
            var start = 0
            while start < all.count {
                var end = start
                while end < all.count, all[end] != UInt8(ascii: "/") { end += 1 }
                path.removeSubrange(prefix...)
                path.append(contentsOf: UnsafeBufferPointer(rebasing: all[start..<end]))
                path.append(0)
                var st = stat()
                let ok = path.withUnsafeBufferPointer { p in
                    p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { c in
                        guard fstatat(parent, c, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
                        sig &+= mix(c + prefix, FileStamp(st))
                        return true
                    }
                }
                guard ok else { return false }
                start = end + 1
            }
            return true
        }
        return complete ? Int64(bitPattern: sig) : nil
    }

    static func nanos(_ t: timespec) -> Int64 { Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec) }

    /// The sub-directories of a directory, and the links in it (an item folder that is a link
    /// is indexed as invalid, not ignored); dot-folders skipped.
    static func entries(_ path: String) -> [String] {
        guard let d = opendir(path) else { return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let e = readdir(d) {
            let name = String(cString: entryName(e))
            if name.hasPrefix(".") { continue }
            var isFolder = e.pointee.d_type == UInt8(DT_DIR) || e.pointee.d_type == UInt8(DT_LNK)
            if e.pointee.d_type == UInt8(DT_UNKNOWN) {
                var st = stat()
                isFolder = lstat("\(path)/\(name)", &st) == 0 && [S_IFDIR, S_IFLNK].contains(st.st_mode & S_IFMT)
            }
            if isFolder { out.append(name) }
        }
        return out
    }

    /// Calls `body` with the name (NUL-terminated bytes) and stamp of every non-hidden entry
    /// in `dir`, whatever it is: the reader decides what is content.
    private static func eachFile(_ dir: String, _ body: (UnsafePointer<CChar>, FileStamp) -> Void) {
        eachFile(open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), body)
    }

    /// Takes ownership of `dirFD`.
    private static func eachFile(_ dirFD: Int32, _ body: (UnsafePointer<CChar>, FileStamp) -> Void) {
        guard dirFD >= 0 else { return }
        guard let d = fdopendir(dirFD) else { close(dirFD); return }
        defer { closedir(d) }
        let fd = dirfd(d)
        while let e = readdir(d) {
            let name = entryName(e)
            if name[0] == 0x2E { continue }  // "." "..", hidden and temporary files
            var st = stat()
            guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            body(name, FileStamp(st))
        }
    }

    /// A directory entry's name where it lies. `d_name` is declared as 256 bytes, but a record
    /// holds only its own name: copying the field (as `withUnsafePointer(to: e.pointee.d_name)`
    /// does) can read past the end of readdir's buffer, which crashed a sync now and then.
    private static func entryName(_ e: UnsafeMutablePointer<dirent>) -> UnsafePointer<CChar> {
        (UnsafeRawPointer(e) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!).assumingMemoryBound(to: CChar.self)
    }

    static func signature(_ dirFD: Int32) -> Int64 {
        var sig: UInt64 = 0
        eachFile(dirFD) { name, stamp in sig &+= mix(name, stamp) }
        return Int64(bitPattern: sig)
    }

    static func stamps(_ dir: String) -> [String: FileStamp] {
        var out: [String: FileStamp] = [:]
        eachFile(dir) { name, stamp in out[String(cString: name)] = stamp }
        return out
    }

    /// The signature of stamps already listed (must agree with `signature(_:)`).
    static func signature(of stamps: [String: FileStamp]) -> Int64 {
        var sig: UInt64 = 0
        for (name, stamp) in stamps { name.withCString { sig &+= mix($0, stamp) } }
        return Int64(bitPattern: sig)
    }

    /// One file's share of a folder signature: FNV-1a of the name, mixed with size, mtime, type
    /// and number of names.
    /// Shares are added, so the order files are listed in does not matter.
    private static func mix(_ name: UnsafePointer<CChar>, _ stamp: FileStamp) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var p = name
        while p.pointee != 0 { h = (h ^ UInt64(UInt8(bitPattern: p.pointee))) &* 0x100_0000_01b3; p += 1 }
        h ^= UInt64(bitPattern: stamp.size) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
        h ^= UInt64(bitPattern: stamp.mtimeNanos) &* 0x94D0_49BB_1331_11EB
        h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9
        h ^= (UInt64(stamp.type) << 32 | UInt64(truncatingIfNeeded: stamp.links)) &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 31)
    }
}
