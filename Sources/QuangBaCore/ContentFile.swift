public import Foundation

/// Only content is read from a repository: a regular file stored in its item folder under one
/// name. A symbolic link (wherever it points: /etc/passwd, quangba.yaml, another item), a file
/// with other names (a hard link, whose bytes can be changed from outside the folder), a
/// folder, a device, a named pipe or a socket is refused with its reason, never followed or
/// read. The checks are made on the file that was opened (O_NOFOLLOW, then fstat), so nothing
/// can be swapped in between the check and the read.
public enum FileRefusal: Error, Hashable, Sendable {
    case missing
    case symbolicLink
    case hardLink(names: Int)
    /// A folder where a file is expected.
    case folder
    /// A file where a folder is expected.
    case notFolder
    /// A device, a named pipe (FIFO) or a socket.
    case special
    case unreadable(errno: Int32)
}

extension FileRefusal {
    /// What an editor is told about a file (repository-relative `path`) that was refused.
    public func fileMessage(_ path: String) -> Message {
        switch self {
        case .missing: Message("file.missing", ["path": path])
        case .symbolicLink: Message("file.symlink", ["path": path])
        case .hardLink(let names): Message("file.hard_link", ["path": path, "names": "\(names)"])
        case .folder: Message("file.folder", ["path": path])
        case .notFolder, .special: Message("file.special", ["path": path])
        case .unreadable(let code): Message("file.unreadable", ["path": path, "reason": String(cString: strerror(code))])
        }
    }

    /// What an editor is told about an item folder that was refused.
    public func folderMessage(_ path: String) -> Message {
        switch self {
        case .symbolicLink: Message("item.folder_symlink", ["path": path])
        case .notFolder, .special: Message("item.not_folder", ["path": path])
        default: fileMessage(path)
        }
    }
}

/// Which files a read accepts.
public enum FileRule: Sendable {
    /// A file of the repository: regular, one name, not reached through a link.
    case content
    /// A file a person named on the command line (`quangba media add FILE`): regular; a link is
    /// followed, since the person chose it, and its copy in the repository will have one name.
    case input
}

/// The bytes of the file at `path` (relative to the open folder `folder`, or AT_FDCWD), or why
/// it was refused. One open, fstat and read straight into the array: a sync reads every file of
/// content/, and `FileManager.contents(atPath:)` then `[UInt8](data)` cost a second copy and
/// Foundation's bookkeeping for each.
public func readFile(at folder: Int32 = AT_FDCWD, _ path: String, rule: FileRule = .content) -> Result<[UInt8], FileRefusal> {
    // O_NONBLOCK: opening a named pipe must not wait for a writer (it is refused after fstat);
    // it changes nothing for a regular file.
    let fd = openat(folder, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (rule == .content ? O_NOFOLLOW : 0))
    guard fd >= 0 else { return .failure(refusal(at: folder, path, errno: errno, rule: rule)) }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { return .failure(.unreadable(errno: errno)) }
    switch st.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: return .failure(.folder)
    default: return .failure(.special)
    }
    if rule == .content, st.st_nlink > 1 { return .failure(.hardLink(names: Int(st.st_nlink))) }
    // One byte more than the size, so that the first read also sees the end of the file.
    let requested = max(0, Int(st.st_size)) + 1
    var failed: Int32 = 0
    var bytes = [UInt8](unsafeUninitializedCapacity: requested) { buf, count in
        count = readAll(fd, into: UnsafeMutableBufferPointer(rebasing: buf[..<requested]), failed: &failed)
    }
    var full = bytes.count == requested
    while full, failed == 0 {  // the file grew while it was read
        let chunk = 1 << 16
        let more = [UInt8](unsafeUninitializedCapacity: chunk) { buf, count in
            count = readAll(fd, into: UnsafeMutableBufferPointer(rebasing: buf[..<chunk]), failed: &failed)
        }
        bytes += more
        full = more.count == chunk
    }
    return failed == 0 ? .success(bytes) : .failure(.unreadable(errno: failed))
}

/// Opens a folder of the repository to read its files with `readFile(at:)`; refuses a folder
/// that is a symbolic link. The caller closes the descriptor.
public func openFolder(at parent: Int32 = AT_FDCWD, _ path: String) -> Result<Int32, FileRefusal> {
    let fd = openat(parent, path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else {
        let refusal = refusal(at: parent, path, errno: errno, rule: .content)
        return .failure(refusal == .unreadable(errno: ENOTDIR) ? .notFolder : refusal)
    }
    return .success(fd)
}

/// Why `path` could not be opened, from what is there (the error alone does not say: O_NOFOLLOW
/// gives ELOOP for a link, opening a socket ENXIO).
private func refusal(at folder: Int32, _ path: String, errno code: Int32, rule: FileRule) -> FileRefusal {
    if code == ENOENT, rule == .input { return .missing }
    var st = stat()
    guard fstatat(folder, path, &st, AT_SYMLINK_NOFOLLOW) == 0 else {
        return errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable(errno: code)
    }
    switch st.st_mode & S_IFMT {
    case S_IFLNK: return .symbolicLink
    case S_IFREG: return code == ENOTDIR ? .notFolder : .unreadable(errno: code)
    case S_IFDIR: return .unreadable(errno: code)
    default: return .special
    }
}

/// The files of one folder of the repository, read by the rule of `readFile`: each name with
/// its bytes, or the reason it was refused. Hidden names (`.*`: temporary files, history) are
/// not listed.
public struct FolderContents: Sendable {
    public var bytes: [String: [UInt8]] = [:]
    public var refused: [String: FileRefusal] = [:]
    /// Why the folder itself was not read (a link, a file, gone); it then holds nothing.
    public var folderRefusal: FileRefusal?

    public init(bytes: [String: [UInt8]] = [:], refused: [String: FileRefusal] = [:], folderRefusal: FileRefusal? = nil) {
        self.bytes = bytes; self.refused = refused; self.folderRefusal = folderRefusal
    }

    /// A name's bytes or why it was refused; nil when the folder does not hold it.
    public func read(_ name: String) -> Result<[UInt8], FileRefusal>? {
        if let b = bytes[name] { return .success(b) }
        return refused[name].map { .failure($0) }
    }

    /// Every name, read or refused, sorted.
    public var names: [String] { (Array(bytes.keys) + Array(refused.keys)).sorted() }

    /// Reads the folder at `path`: the given `names` (a caller that has just listed them), or
    /// every name it holds.
    public static func read(_ path: String, names given: [String]? = nil) -> FolderContents {
        let fd: Int32
        switch openFolder(path) {
        case .success(let d): fd = d
        case .failure(let r): return FolderContents(folderRefusal: r)
        }
        defer { close(fd) }
        var out = FolderContents()
        for name in given ?? listNames(fd) {
            switch readFile(at: fd, name) {
            case .success(let b): out.bytes[name] = b
            case .failure(let r): out.refused[name] = r
            }
        }
        return out
    }

    /// The names in an open folder, hidden ones left out; the descriptor stays open.
    private static func listNames(_ fd: Int32) -> [String] {
        let own = dup(fd)
        guard own >= 0, let d = fdopendir(own) else { if own >= 0 { close(own) }; return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let e = readdir(d) {
            let name = (UnsafeRawPointer(e) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!).assumingMemoryBound(to: CChar.self)
            if name[0] == 0x2E { continue }  // "." "..", hidden and temporary files
            out.append(String(cString: name))
        }
        return out
    }
}

/// Reads until `buf` is full or the file ends; the count read. `failed` gets the error, if any.
private func readAll(_ fd: Int32, into buf: UnsafeMutableBufferPointer<UInt8>, failed: inout Int32) -> Int {
    var count = 0
    while count < buf.count {
        let n = read(fd, buf.baseAddress! + count, buf.count - count)
        if n < 0 {
            if errno == EINTR { continue }
            failed = errno
            return count
        }
        if n == 0 { break }
        count += n
    }
    return count
}

/// What an open file is, by fstat on the descriptor itself: its kind and size in bytes (nil
/// when fstat fails). The server's preview asks it of each file it would send.
public func openFileFacts(_ fd: Int32) -> (kind: OpenFileKind, size: Int)? {
    var st = stat()
    guard fstat(fd, &st) == 0 else { return nil }
    switch st.st_mode & S_IFMT {
    case S_IFREG: return (.regular, Int(st.st_size))
    case S_IFDIR: return (.folder, Int(st.st_size))
    default: return (.other, Int(st.st_size))
    }
}

public enum OpenFileKind: Sendable { case regular, folder, other }
