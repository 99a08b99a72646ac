public import Foundation
public import QuangBaCore

/// The one file writer: a reader sees either the old content or the new, never a mixture, and
/// nothing half-written is left on disk. The new content goes into a file of its own in the
/// target's folder (unnamed where the system has such files, else under a temporary name), which
/// then takes the target's name in one step: a link, or a rename over the old file.
///
/// Durable writes (the default) also flush the file and then its folder to disk, so the new
/// file survives a crash once the write returns: the repository's files, an export, a key.
/// The site's files, thousands per build and always made again from the repository, are not
/// flushed (`replace(_:durable:replacing:_:)`).
public enum AtomicFile {
    /// Called after the new content is complete and before it takes the target's name; tests
    /// use it to simulate a crash at the worst moment. Behind a lock: the site's writers read it
    /// from many threads while a test may set it.
    static let beforeRename = Locked<(@Sendable (URL) throws -> Void)?>(nil)

    /// A step of a write that the system refused: the target's path and the system's error.
    /// `write(to:)` words it as `io.write_failed`; the site as `site.write_failed`.
    public struct Failure: Error, Sendable {
        public let path: String
        public let error: SystemError
    }

    public static func write(_ data: [UInt8], to url: URL, makingFolders: Bool = true) throws {
        try write(to: url, makingFolders: makingFolders) { emit in try data.withUnsafeBytes { try emit($0) } }
    }

    public static func write(_ text: String, to url: URL) throws { try write(Array(text.utf8), to: url) }

    /// Writes what `produce` emits, chunk by chunk, without holding it all (an export of every
    /// item): readers see the old file or the whole new one, and an error, in `produce` or in
    /// writing, leaves the old one as it was. A path the user named (`makingFolders: false`) must
    /// be in a folder that exists, as with `cp`: a typo in it is an error, not a new tree.
    public static func write(to url: URL, makingFolders: Bool = true, _ produce: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        if makingFolders { try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true) }
        do {
            try replace(url.path, produce)
        } catch let failure as Failure {
            throw ioError("io.write_failed", url, failure.error.code)
        }
    }

    /// Puts what `produce` emits at `path`, whole or not at all, in a folder that exists.
    ///
    ///     try AtomicFile.replace(site + "/index.html", durable: false, replacing: false) { emit in
    ///         try page.withUnsafeBytes { try emit($0) }
    ///     }
    ///
    /// - Parameters:
    ///   - durable: flush the file, then its folder, to disk before returning (fsync).
    ///   - replacing: something is probably at `path` already. When false, the file is written
    ///     without a name and linked into place: no temporary name to make and rename away (if
    ///     the name is taken after all, the file is linked under a temporary name and renamed
    ///     over it). A symbolic link at `path` is replaced, never followed.
    /// - Throws: `Failure` when the system refuses a step, and whatever `produce` throws; either
    ///   way `path` is as it was and no new file is left behind.
    public static func replace(_ path: String, durable: Bool = true, replacing: Bool = true,
                               _ produce: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let (folder, name) = split(path)
        var fd: Int32
        // The new file's temporary name, while it has one.
        var temp: String?
        if !replacing, let unnamed = Platform.openUnnamedFile(inFolder: folder) {
            fd = unnamed
        } else {
            let named = temporaryName(folder, name)
            fd = open(named, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw Failure(path: path, error: .last) }
            temp = named
        }
        defer {
            if fd >= 0 { close(fd) }
            if let temp { unlink(temp) }
        }
        try produce { chunk in try writeAll(fd, chunk, path) }
        if durable, fsync(fd) != 0 { throw Failure(path: path, error: .last) }
        if let hook = beforeRename.with({ $0 }) { try hook(URL(fileURLWithPath: path)) }
        if temp == nil {
            if Platform.linkUnnamedFile(fd, to: path) {
                if durable { syncFolder(folder) }
                return
            }
            guard errno == EEXIST else { throw Failure(path: path, error: .last) }
            let named = temporaryName(folder, name)
            guard Platform.linkUnnamedFile(fd, to: named) else { throw Failure(path: path, error: .last) }
            temp = named
        }
        close(fd)
        fd = -1
        guard rename(temp!, path) == 0 else { throw Failure(path: path, error: .last) }
        temp = nil
        if durable { syncFolder(folder) }
    }

    /// The folder and the name of a path.
    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return (".", path) }
        let folder = slash == path.startIndex ? "/" : String(path[..<slash])
        return (folder, String(path[path.index(after: slash)...]))
    }

    /// A name for the new file until it takes the target's, hidden and unique:
    /// `.NAME.tmp-PID-RANDOM` (`quangba repair` knows such leftovers in content/).
    private static func temporaryName(_ folder: String, _ name: String) -> String {
        "\(folder)/.\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Writes a file that must not exist yet, in full, and makes it durable (a staged file of
    /// `ContentChange`, renamed into place later).
    static func writeNew(_ data: [UInt8], to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ioError("io.write_failed", url, errno) }
        defer { close(fd) }
        do {
            try data.withUnsafeBytes { try writeAll(fd, $0, url.path) }
        } catch let failure as Failure {
            throw ioError("io.write_failed", url, failure.error.code)
        }
        guard fsync(fd) == 0 else { throw ioError("io.write_failed", url, errno) }
    }

    /// All of `data`, however many write(2) calls it takes.
    private static func writeAll(_ fd: Int32, _ p: UnsafeRawBufferPointer, _ path: String) throws {
        var written = 0
        while written < p.count {
            let n = Foundation.write(fd, p.baseAddress! + written, p.count - written)
            if n < 0 { if errno == EINTR { continue }; throw Failure(path: path, error: .last) }
            // Only an error makes write(2) take nothing of a regular file.
            if n == 0 { throw Failure(path: path, error: SystemError(EIO)) }
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
