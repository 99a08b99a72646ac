public import Foundation
public import QuangBaCore

/// Writes files so that a reader sees either the old content or the new, never a mixture:
/// a temporary file in the same folder, fsync, rename over the target, fsync the folder.
public enum AtomicFile {
    /// Called after the temporary file is complete and before the rename; tests use it to
    /// simulate a crash at the worst moment.
    nonisolated(unsafe) static var beforeRename: ((URL) throws -> Void)?

    public static func write(_ data: [UInt8], to url: URL, makingFolders: Bool = true) throws {
        try write(to: url, makingFolders: makingFolders) { emit in try data.withUnsafeBytes { try emit($0) } }
    }

    public static func write(_ text: String, to url: URL) throws { try write(Array(text.utf8), to: url) }

    /// Writes what `produce` emits, chunk by chunk, without holding it all (an export of every
    /// item): readers see the old file or the whole new one, and an error, in `produce` or in
    /// writing, leaves the old one as it was. A path the user named (`makingFolders: false`) must
    /// be in a folder that exists, as with `cp`: a typo in it is an error, not a new tree.
    public static func write(to url: URL, makingFolders: Bool = true, _ produce: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let dir = url.deletingLastPathComponent()
        if makingFolders { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        var fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ioError("io.write_failed", url, errno) }
        var renamed = false
        defer {
            if fd >= 0 { close(fd) }
            if !renamed { unlink(temp.path) }
        }
        try produce { chunk in try writeAll(fd, chunk, url) }
        guard fsync(fd) == 0 else { throw ioError("io.write_failed", url, errno) }
        close(fd)
        fd = -1
        try beforeRename?(url)
        guard rename(temp.path, url.path) == 0 else { throw ioError("io.write_failed", url, errno) }
        renamed = true
        syncFolder(dir.path)
    }

    /// Writes a file that must not exist yet, in full, and makes it durable (a staged file of
    /// `ContentChange`, renamed into place later).
    static func writeNew(_ data: [UInt8], to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ioError("io.write_failed", url, errno) }
        defer { close(fd) }
        try data.withUnsafeBytes { try writeAll(fd, $0, url) }
        guard fsync(fd) == 0 else { throw ioError("io.write_failed", url, errno) }
    }

    /// All of `data`, however many write(2) calls it takes.
    private static func writeAll(_ fd: Int32, _ p: UnsafeRawBufferPointer, _ url: URL) throws {
        var written = 0
        while written < p.count {
            let n = Foundation.write(fd, p.baseAddress! + written, p.count - written)
            if n < 0 { if errno == EINTR { continue }; throw ioError("io.write_failed", url, errno) }
            written += n
        }
    }

    static func syncFolder(_ path: String) {
        let dfd = open(path, O_RDONLY | O_DIRECTORY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    /// Appends one line to a log with a single write(2) on an O_APPEND descriptor, then fsync.
    public static func appendLine(_ line: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ioError("io.write_failed", url, errno) }
        defer { close(fd) }
        let bytes = Array((line + "\n").utf8)
        let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress!, $0.count) }
        guard n == bytes.count, fsync(fd) == 0 else { throw ioError("io.write_failed", url, errno) }
    }

    public static func ioError(_ key: String, _ url: URL, _ code: Int32) -> QuangBaError {
        QuangBaError(Message(key, ["reason": String(cString: strerror(code))]), at: Location(file: url.path))
    }
}

/// One writer at a time per repository: an exclusive flock on `.quangba/lock`. A second
/// `quangba` waits up to `timeout` seconds, then fails with a message naming the holder.
/// Other names guard other resources (the index uses `index.lock`).
public final class RepositoryLock {
    private let fd: Int32

    public init(root: URL, name: String = "lock", timeout: TimeInterval = 10, onWait: (() -> Void)? = nil) throws {
        let dir = root.appendingPathComponent(".quangba")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFile.ioError("io.write_failed", URL(fileURLWithPath: path), errno) }
        let deadline = Date().addingTimeInterval(timeout)
        var told = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if Date() >= deadline {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
                close(fd)
                throw QuangBaError(Message("repo.locked", ["holder": holder.isEmpty ? "?" : holder, "seconds": String(Int(timeout))]))
            }
            if !told { onWait?(); told = true }
            usleep(50_000)
        }
        ftruncate(fd, 0)
        let me = "pid \(getpid())"
        _ = me.withCString { Foundation.write(fd, $0, strlen($0)) }
    }

    deinit {
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}
