import Foundation
import QuangBaCore

/// What sync knows of a file without reading it.
struct FileStamp: Hashable, Sendable {
    var size: Int64
    var mtimeNanos: Int64
}

/// Lists every file of every item folder with POSIX calls: at 10,000 items × 6 files a
/// no-change sync is dominated by this walk, so it avoids Foundation's per-file overhead.
enum FileScanner {
    struct Folder: Sendable {
        var kind: ItemKind
        var id: String
        /// File name → stamp, for regular files whose name does not start with a dot.
        var files: [String: FileStamp]
        var path: String { "content/\(kind.rawValue)/\(id)" }
    }

    static func scan(contentDir: String) -> [Folder] {
        var jobs: [(ItemKind, String)] = []
        for kind in ItemKind.allCases {
            for id in entries("\(contentDir)/\(kind.rawValue)", directories: true) { jobs.append((kind, id)) }
        }
        let jobList = jobs
        return parallelMap(jobList.count) { i in
            Folder(kind: jobList[i].0, id: jobList[i].1, files: stamps("\(contentDir)/\(jobList[i].0.rawValue)/\(jobList[i].1)"))
        }
    }

    /// Names in a directory (sub-directories only, or regular files only), dot-files skipped.
    static func entries(_ path: String, directories: Bool) -> [String] {
        guard let d = opendir(path) else { return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            if name.hasPrefix(".") { continue }
            let type = e.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var st = stat()
                guard stat("\(path)/\(name)", &st) == 0 else { continue }
                if ((st.st_mode & S_IFMT) == S_IFDIR) == directories { out.append(name) }
            } else if (type == UInt8(DT_DIR)) == directories, type == UInt8(DT_DIR) || type == UInt8(DT_REG) {
                out.append(name)
            }
        }
        return out
    }

    static func stamps(_ dir: String) -> [String: FileStamp] {
        guard let d = opendir(dir) else { return [:] }
        defer { closedir(d) }
        let fd = dirfd(d)
        var out: [String: FileStamp] = [:]
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            if name.hasPrefix(".") { continue }
            var st = stat()
            guard fstatat(fd, name, &st, 0) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            out[name] = FileStamp(size: Int64(st.st_size), mtimeNanos: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
        }
        return out
    }
}
