public import Foundation

/// What QuangBa asks of the operating system beyond POSIX, in one place: the Linux calls
/// (glibc's malloc, per-thread nice values, unnamed files, inotify) and what stands in for them
/// elsewhere. Everything else calls these, never the Linux interfaces themselves.
///
/// Linux is what QuangBa runs on and is tested on (Package.swift). The other branches only keep
/// this file portable: each does without (no arena limit, no lower priority, a named temporary
/// file, no watcher), which costs speed or memory, never correctness.
public enum Platform {
    /// Limits how many malloc arenas glibc makes. glibc gives each new thread an arena of its
    /// own (up to 8 per core), and each arena keeps what its threads freed: the index's reading
    /// threads kept memory that the process never used again (docs/performance.md). A few are
    /// plenty for this tool's threads. Call it before starting any thread.
    public static func limitMallocArenas(to count: Int32) {
        #if os(Linux)
        // `mallopt` and <malloc.h>'s constants are not in Swift's Glibc module, so the function
        // is looked up by name in the process (RTLD_DEFAULT, a null handle in glibc).
        let mArenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(mArenaMax, count)
        #endif
    }

    /// Gives the calling thread the nice value `nice` (higher is a lower priority), for threads
    /// that feed a busier one: they take the cores it leaves free instead of a share of its own.
    /// The value goes when the thread ends.
    public static func lowerCurrentThreadPriority(toNice nice: Int32) {
        #if os(Linux)
        // Linux keeps nice values per thread, and `who` 0 names the calling thread (gettid is not
        // in Swift's Glibc module, and it is not needed).
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
        #endif
        // Elsewhere a nice value belongs to the whole process: the thread keeps its priority.
    }

    // MARK: Unnamed files

    #if os(Linux) && (arch(x86_64) || arch(arm64))
    /// O_TMPFILE, which Glibc's Swift module does not export: `__O_TMPFILE | O_DIRECTORY`, with
    /// `__O_TMPFILE` 020000000 on x86-64 and arm64 (other architectures number it otherwise).
    private static let oTmpFile: Int32? = 0o20000000 | O_DIRECTORY
    /// Unnamed files are named through /proc/self/fd (see `linkUnnamedFile`).
    private static let canNameUnnamedFiles = access("/proc/self/fd", X_OK) == 0
    #else
    private static let oTmpFile: Int32? = nil
    private static let canNameUnnamedFiles = false
    #endif

    /// Opens a new file without a name in `folder`, for writing; it disappears when closed unless
    /// `linkUnnamedFile` gives it a name first, so a file written this way is never seen half
    /// done, even after a crash. Nil when there are none here (not Linux, a file system or kernel
    /// without them, no /proc): the caller writes a named temporary file instead.
    public static func openUnnamedFile(inFolder folder: String, mode: mode_t = 0o644) -> Int32? {
        guard let oTmpFile, canNameUnnamedFiles else { return nil }
        let fd = open(folder, oTmpFile | O_WRONLY | O_CLOEXEC, mode)
        return fd >= 0 ? fd : nil
    }

    /// Gives the unnamed file open as `fd` the name `path`, which must be free: it never replaces
    /// anything. False with errno set when it cannot (EEXIST: the name is taken).
    public static func linkUnnamedFile(_ fd: Int32, to path: String) -> Bool {
        #if os(Linux)
        // Through /proc, which needs no privilege (linkat with AT_EMPTY_PATH would).
        return linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0
        #else
        errno = ENOTSUP
        return false
        #endif
    }

    // MARK: This process

    /// The file descriptors open in this process now.
    public static func openFileDescriptors() -> [Int32] {
        #if os(Linux)
        if let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            return names.compactMap { Int32($0) }.sorted()
        }
        #endif
        return (0..<max(0, getdtablesize())).filter { fcntl($0, F_GETFD) >= 0 }
    }

    /// The path of this process's executable, when the system says it; nil otherwise (then the
    /// first argument of the command line is the best guess).
    public static var executablePath: String? {
        #if os(Linux)
        return try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        #else
        return Bundle.main.executablePath
        #endif
    }
}

/// A system call's failure: its error number, and the system's words for it.
public struct SystemError: Error, Hashable, Sendable {
    public let code: Int32
    public init(_ code: Int32) { self.code = code }
    /// The caller's last failed call's error.
    public static var last: SystemError { SystemError(errno) }
    public var reason: String { String(cString: strerror(code)) }
}

extension Platform {
    /// Change notifications for folders: Linux's inotify, for `quangba watch`. A watch covers
    /// one folder's entries (not its subfolders' entries); events queue in the kernel until read.
    /// Elsewhere there are none: `init` throws, and syncs look at every file as without a watcher.
    public final class FolderEvents {
        /// What to watch for, and what an event says happened.
        public struct Mask: OptionSet, Hashable, Sendable {
            public let rawValue: UInt32
            public init(rawValue: UInt32) { self.rawValue = rawValue }

            #if os(Linux)
            public static let created = Mask(rawValue: UInt32(IN_CREATE))
            public static let deleted = Mask(rawValue: UInt32(IN_DELETE))
            public static let modified = Mask(rawValue: UInt32(IN_MODIFY))
            public static let attributesChanged = Mask(rawValue: UInt32(IN_ATTRIB))
            public static let closedAfterWriting = Mask(rawValue: UInt32(IN_CLOSE_WRITE))
            public static let movedFrom = Mask(rawValue: UInt32(IN_MOVED_FROM))
            public static let movedTo = Mask(rawValue: UInt32(IN_MOVED_TO))
            /// The watched folder itself was deleted, or moved.
            public static let deletedSelf = Mask(rawValue: UInt32(IN_DELETE_SELF))
            public static let movedSelf = Mask(rawValue: UInt32(IN_MOVE_SELF))
            /// Watch options: only a folder, never through a symbolic link.
            public static let onlyFolder = Mask(rawValue: UInt32(IN_ONLYDIR))
            public static let dontFollow = Mask(rawValue: UInt32(IN_DONT_FOLLOW))
            /// Event flags: events were dropped (the queue overflowed); the watch is gone; the
            /// entry named is a folder.
            public static let overflowed = Mask(rawValue: UInt32(IN_Q_OVERFLOW))
            public static let watchRemoved = Mask(rawValue: UInt32(IN_IGNORED))
            public static let isFolder = Mask(rawValue: UInt32(IN_ISDIR))
            #else
            public static let created = Mask(rawValue: 1 << 0)
            public static let deleted = Mask(rawValue: 1 << 1)
            public static let modified = Mask(rawValue: 1 << 2)
            public static let attributesChanged = Mask(rawValue: 1 << 3)
            public static let closedAfterWriting = Mask(rawValue: 1 << 4)
            public static let movedFrom = Mask(rawValue: 1 << 5)
            public static let movedTo = Mask(rawValue: 1 << 6)
            public static let deletedSelf = Mask(rawValue: 1 << 7)
            public static let movedSelf = Mask(rawValue: 1 << 8)
            public static let onlyFolder = Mask(rawValue: 1 << 9)
            public static let dontFollow = Mask(rawValue: 1 << 10)
            public static let overflowed = Mask(rawValue: 1 << 11)
            public static let watchRemoved = Mask(rawValue: 1 << 12)
            public static let isFolder = Mask(rawValue: 1 << 13)
            #endif
        }

        /// One event: the watch it came from, what happened, and the entry's name in the watched
        /// folder (empty for an event of the folder itself).
        public struct Event: Sendable {
            public let watch: Int32
            public let mask: Mask
            public let name: String
        }

        /// The descriptor to `poll` for readability: events are waiting.
        public let fd: Int32
        private var buffer = [UInt8](repeating: 0, count: 256 * 1024)

        /// Starts an empty set of watches.
        public init() throws(SystemError) {
            #if os(Linux)
            fd = inotify_init1(Int32(IN_CLOEXEC))
            guard fd >= 0 else { throw .last }
            #else
            throw SystemError(ENOSYS)
            #endif
        }

        deinit { if fd >= 0 { close(fd) } }

        /// Watches the folder at `path` for `mask`; the watch's number (events carry it). Adding a
        /// folder watched already changes its mask and gives the same number. ENOSPC: the
        /// system's limit of watches per user (`watchLimit`) is reached.
        public func add(_ path: String, for mask: Mask) -> Result<Int32, SystemError> {
            #if os(Linux)
            let watch = inotify_add_watch(fd, path, mask.rawValue)
            return watch >= 0 ? .success(watch) : .failure(.last)
            #else
            return .failure(SystemError(ENOSYS))
            #endif
        }

        /// Stops a watch; its `watchRemoved` event follows.
        public func remove(_ watch: Int32) {
            #if os(Linux)
            inotify_rm_watch(fd, watch)
            #endif
        }

        /// Reads what the kernel has queued, waiting until something is.
        public func read() -> [Event] {
            let fd = fd
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { return [] }
            var events: [Event] = []
            buffer.withUnsafeBytes { raw in
                // struct inotify_event: wd, mask, cookie, len, then the name padded with NULs.
                var offset = 0
                while offset + 16 <= n {
                    let watch = raw.load(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.load(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.load(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = UnsafeRawBufferPointer(rebasing: raw[(offset + 16)..<(offset + 16 + length)])
                    events.append(Event(watch: watch, mask: Mask(rawValue: mask), name: String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)))
                    offset += 16 + length
                }
            }
            return events
        }

        /// How many watches the system allows a user (`fs.inotify.max_user_watches`), as it says it.
        public static var watchLimit: String? {
            #if os(Linux)
            return (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_user_watches", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #else
            return nil
            #endif
        }
    }
}
