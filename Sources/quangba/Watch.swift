import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaStore

/// `quangba watch`: the file-system watcher that lets a sync look only at what changed
/// (`ContentWatcher`). Optional: without it every sync stats every file of content/.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch content/ so that syncs look only at the folders that changed (Linux inotify).",
        discussion: """
            Every command that reads the index first syncs it with content/, which means looking at every file \
            (about 72,000 at 10,000 items). While a watcher runs for the repository, a sync asks it which item \
            folders changed instead. Whenever the watcher may have missed something, syncs look at everything, \
            as they do without it.
            """,
        subcommands: [Run.self, Start.self, Stop.self, Status.self],
        defaultSubcommand: Run.self
    )

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Watch in the foreground until Ctrl-C.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: .hidden) var detached = false

        func run() throws {
            try execute(global) {
                let repo = try global.repository()
                // Started by `watch start`: leave the terminal's session, so closing it does not stop us.
                if detached { setsid() }
                let watcher = try ContentWatcher(root: repo.root)
                stopCleanly(socket: WatchSocket.path(root: repo.root), inode: watcher.socketFileInode)
                Console.out(Console.text("watch.started", ["folders": Console.count(watcher.folderCount), "root": repo.root.path]))
                watcher.run()
                if let why = watcher.failure { Console.report(why) }
                Console.out(Console.text("watch.stopped", ["root": repo.root.path]))
            }
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a watcher in the background (its log: .quangba/watch.log).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try execute(global) {
                let repo = try global.repository()
                if let s = WatchSocket.status(root: repo.root) {
                    Console.out(Console.text("watch.already_running", ["root": repo.root.path]) + " (pid \(s["pid"] ?? "?"))")
                    return
                }
                let state = repo.root.appendingPathComponent(".quangba")
                try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
                let log = state.appendingPathComponent("watch.log").path
                let pid = try spawnDetached(["watch", "run", "--detached", "--root", repo.root.path], log: log)
                // Ready once it answers: every folder is watched by then.
                let deadline = Date().addingTimeInterval(120)
                while Date() < deadline {
                    if let s = WatchSocket.status(root: repo.root, timeout: 1) {
                        Console.out(Console.text("watch.started_background", ["pid": s["pid"] ?? "\(pid)", "folders": localNumber(s["folders"]),
                                                                               "root": repo.root.path]))
                        return
                    }
                    var status: Int32 = 0
                    if waitpid(pid, &status, WNOHANG) == pid { break }  // it gave up: its log says why
                    usleep(50_000)
                }
                let tail = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").suffix(5).joined(separator: "\n") ?? ""
                throw QuangBaError(Message("watch.start_failed", ["log": log, "tail": tail]))
            }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the repository's watcher.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try execute(global) {
                let repo = try global.repository()
                guard WatchSocket.stop(root: repo.root) else {
                    Console.out(Console.text("watch.not_running", ["root": repo.root.path]))
                    return
                }
                // Gone once its socket no longer answers.
                for _ in 0..<100 where WatchSocket.status(root: repo.root, timeout: 1) != nil { usleep(20_000) }
                Console.out(Console.text("watch.stopped", ["root": repo.root.path]))
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether a watcher runs for the repository.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try execute(global) {
                let repo = try global.repository()
                guard let s = WatchSocket.status(root: repo.root) else {
                    Console.out(Console.text("watch.not_running", ["root": repo.root.path]))
                    throw ExitCode(3)
                }
                Console.out(Console.text("watch.status", ["root": repo.root.path, "pid": s["pid"] ?? "?", "folders": localNumber(s["folders"]),
                                                          "events": localNumber(s["events"]), "uptime": localNumber(s["uptime"])]))
            }
        }
    }
}

/// The socket path and its inode, where a signal handler can read them without allocating.
nonisolated(unsafe) private var socketToRemove: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var socketInode: UInt64 = 0

/// Ctrl-C, kill and a closed terminal remove the socket before exiting (unless it is a newer
/// watcher's by then), so the next `watch start` does not find a dead one. A client that hangs
/// up must not kill the watcher.
private func stopCleanly(socket: String, inode: UInt64) {
    socketToRemove = strdup(socket)
    socketInode = inode
    signal(SIGPIPE, SIG_IGN)
    for sig in [SIGINT, SIGTERM, SIGHUP] {
        signal(sig) { _ in
            var st = stat()
            if let p = socketToRemove, stat(p, &st) == 0, UInt64(st.st_ino) == socketInode { unlink(p) }
            _exit(0)
        }
    }
}

/// Starts this executable with `arguments`, its output appended to `log`, without waiting.
private func spawnDetached(_ arguments: [String], log: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    // Nothing else we hold may stay open in the watcher: a caller reading our output through
    // a pipe would otherwise wait for its end as long as the watcher runs.
    for fd in Platform.openFileDescriptors() where fd > 2 {
        let flags = fcntl(fd, F_GETFD)
        if flags >= 0, flags & FD_CLOEXEC == 0 { posix_spawn_file_actions_addclose(&actions, fd) }
    }
    let executable = Platform.executablePath ?? CommandLine.arguments[0]
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard rc == 0 else {
        throw QuangBaError(Message("watch.start_failed", ["log": log, "tail": String(cString: strerror(rc))]))
    }
    return pid
}

/// A number the watcher reported (as text, over its socket) in the UI language's style.
private func localNumber(_ s: String?) -> String {
    guard let s, let x = Double(s) else { return s ?? "?" }
    return x == x.rounded() && abs(x) < 1e15 ? Console.count(Int(x)) : Console.decimal(x)
}
