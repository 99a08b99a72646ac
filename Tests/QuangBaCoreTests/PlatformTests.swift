import Foundation
import Testing
import QuangBaCore

/// The Linux calls behind `Platform` do what the rest of the code counts on (CI runs Linux).
@Suite struct PlatformTests {
    static func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qb-platform-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// An unnamed file is in no folder until it is linked; it takes a free name only.
    @Test func unnamedFilesAppearOnlyWhenLinked() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fd = try #require(Platform.openUnnamedFile(inFolder: dir))
        defer { close(fd) }
        let bytes = Array("xin chào".utf8)
        #expect(bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        #expect(Platform.linkUnnamedFile(fd, to: dir + "/a.txt"))
        #expect(try readFile(dir + "/a.txt", rule: .input).get() == bytes)
        #expect(!Platform.linkUnnamedFile(fd, to: dir + "/a.txt"))
        #expect(errno == EEXIST)
    }

    /// A nice value set on one thread stays on that thread.
    @Test func threadPriorityIsTheThreadsOwn() {
        let before = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        let seen = Locked<Int32?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            Platform.lowerCurrentThreadPriority(toNice: before + 3)
            seen.with { $0 = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
            done.signal()
        }
        thread.start()
        done.wait()
        #expect(seen.with { $0 } == before + 3)
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == before)
    }

    /// Entries made in a watched folder are reported by name; a folder is marked as one.
    @Test func folderEventsReportWhatChanged() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let events = try Platform.FolderEvents()
        let watch = try events.add(dir, for: [.created, .deleted, .onlyFolder]).get()
        try Data().write(to: URL(fileURLWithPath: dir + "/a.md"))
        try FileManager.default.createDirectory(atPath: dir + "/b", withIntermediateDirectories: false)
        var seen: [String: Platform.FolderEvents.Mask] = [:]
        while seen.count < 2 {
            var pfd = pollfd(fd: events.fd, events: Int16(POLLIN), revents: 0)
            try #require(poll(&pfd, 1, 2000) == 1, "no event within 2 s")
            for e in events.read() where e.watch == watch { seen[e.name, default: []].formUnion(e.mask) }
        }
        #expect(seen["a.md"] == [.created])
        #expect(seen["b"] == [.created, .isFolder])
        #expect(throws: SystemError.self) { try events.add(dir + "/a.md", for: [.created, .onlyFolder]).get() }
    }

    @Test func thisProcessIsKnown() throws {
        let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(fd) }
        #expect(Platform.openFileDescriptors().contains(fd))
        let exe = try #require(Platform.executablePath)
        #expect(FileManager.default.isExecutableFile(atPath: exe))
    }
}
