public import Foundation
import QuangBaCore

/// The conversation between `quangba watch` (`ContentWatcher`) and the commands that sync the
/// index, over a Unix socket in `.quangba/`. Like git's fsmonitor: a sync asks "which item
/// folders changed since token T?" and stats only those, instead of every file of content/.
///
/// Requests are one line: `changes TOKEN`, `status` or `stop`. Answers are NUL-separated
/// fields. To `changes`: the new token, then `full` (look at everything) or `since` followed by
/// the folder paths (`content/KIND/ID`) that changed.
public enum WatchSocket {
    /// What the watcher said about changes.
    public struct Changes: Sendable, Equatable {
        /// Store this with the index: the next sync asks for changes since it.
        public var token: String
        /// The folders to look at again; nil means every folder (the token was from another
        /// watcher, or events were lost).
        public var folders: [String]?
    }

    /// The socket's path: `.quangba/watch.sock`, or, when that is too long for a socket address
    /// (108 bytes on Linux), a file named after the repository in a private folder of /tmp.
    public static func path(root: URL) -> String {
        let own = root.appendingPathComponent(".quangba/watch.sock").path
        if own.utf8.count < maxPathBytes { return own }
        let real = root.resolvingSymlinksInPath().path
        return "/tmp/quangba-\(getuid())/\(SHA256.hex(Array(real.utf8)).prefix(24)).sock"
    }

    static var maxPathBytes: Int { MemoryLayout.size(ofValue: sockaddr_un().sun_path) }

    /// Asks a running watcher for the folders changed since `token`. Nil when no watcher
    /// answers (none runs, or it is busy for over `timeout` seconds): the sync then looks at
    /// every folder, as it does without a watcher.
    public static func changes(root: URL, since token: String?, timeout: Double = 5) -> Changes? {
        guard let fields = request(root: root, "changes \(token ?? "-")", timeout: timeout), fields.count >= 2 else { return nil }
        switch fields[1] {
        case "full": return Changes(token: fields[0], folders: nil)
        case "since": return Changes(token: fields[0], folders: Array(fields.dropFirst(2)))
        default: return nil
        }
    }

    /// The running watcher's own description (`key=value` fields), or nil when none answers.
    public static func status(root: URL, timeout: Double = 5) -> [String: String]? {
        guard let fields = request(root: root, "status", timeout: timeout) else { return nil }
        var out: [String: String] = [:]
        for f in fields { if let eq = f.firstIndex(of: "=") { out[String(f[..<eq])] = String(f[f.index(after: eq)...]) } }
        return out
    }

    /// Asks the watcher to stop; true when it said it would.
    public static func stop(root: URL, timeout: Double = 5) -> Bool {
        request(root: root, "stop", timeout: timeout) == ["stopping"]
    }

    /// Sends one request and reads the whole answer; nil on any failure.
    static func request(root: URL, _ line: String, timeout: Double) -> [String]? {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        setTimeout(fd, timeout)
        guard withAddress(path(root: root), { connect(fd, $0, $1) }) == 0 else { return nil }
        guard writeAll(fd, Array((line + "\n").utf8)) else { return nil }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { return nil }  // timed out or failed: the answer may be incomplete
            if n == 0 { break }
            answer += buffer[0..<n]
        }
        // Every field ends with NUL; an answer cut short does not.
        guard answer.last == 0 else { return nil }
        return answer.dropLast().split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Encodes an answer.
    static func encode(_ fields: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for f in fields { out += f.utf8; out.append(0) }
        return out
    }

    static func setTimeout(_ fd: Int32, _ seconds: Double) {
        var tv = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a peer that went away is an error here, not a SIGPIPE that kills the process.
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 { if errno == EINTR { continue }; return false }
            offset += n
        }
        return true
    }

    /// Calls `body` with a socket address for `path`.
    static func withAddress(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < maxPathBytes else { errno = ENAMETOOLONG; return -1 }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }
}
