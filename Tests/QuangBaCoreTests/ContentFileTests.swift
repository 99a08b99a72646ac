import Foundation
import Testing
@testable import QuangBaCore

/// Only a regular file with one name is read as content; everything else is refused with its
/// reason, without being followed or opened for reading.
@Suite struct ContentFileTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("qb-content-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("plain".utf8).write(to: dir.appendingPathComponent("plain.txt"))
    }

    private func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    private func refusal(_ r: Result<[UInt8], FileRefusal>) -> FileRefusal? {
        if case .failure(let f) = r { return f }
        return nil
    }

    @Test func aPlainFileIsRead() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try readFile(path("plain.txt")).get() == Array("plain".utf8))
    }

    @Test func linksAreRefusedWhereverTheyPoint() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(symlink("/etc/passwd", path("out")) == 0)
        #expect(symlink("plain.txt", path("in")) == 0)
        #expect(symlink("nowhere", path("dangling")) == 0)
        for name in ["out", "in", "dangling"] { #expect(refusal(readFile(path(name))) == .symbolicLink, "\(name)") }
        // A person naming a file on the command line chose it: a link is followed.
        #expect(try readFile(path("in"), rule: .input).get() == Array("plain".utf8))
        #expect(refusal(readFile(path("dangling"), rule: .input)) == .missing)
    }

    @Test func aFileWithSeveralNamesIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(link(path("plain.txt"), path("second")) == 0)
        #expect(refusal(readFile(path("plain.txt"))) == .hardLink(names: 2))
        #expect(refusal(readFile(path("second"))) == .hardLink(names: 2))
        // Its copy in the repository will have one name.
        #expect(try readFile(path("second"), rule: .input).get() == Array("plain".utf8))
    }

    @Test func specialFilesAreRefusedWithoutWaiting() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        // Opening a named pipe for reading would wait for a writer forever.
        #expect(mkfifo(path("fifo"), 0o644) == 0)
        #expect(refusal(readFile(path("fifo"))) == .special)
        #expect(refusal(readFile(path("fifo"), rule: .input)) == .special)
        #expect(refusal(readFile("/dev/null")) == .special)
        let sock = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(sock) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buf in
            let p = Array(path("sock").utf8)
            buf.copyBytes(from: p.prefix(buf.count - 1))
        }
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        #expect(bound == 0)
        #expect(refusal(readFile(path("sock"))) == .special)
    }

    @Test func foldersAndMissingFiles() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: false)
        #expect(refusal(readFile(path("sub"))) == .folder)
        #expect(refusal(readFile(path("missing"))) == .missing)
        #expect(refusal(readFile(path("missing/deeper"))) == .missing)
    }

    @Test func aFolderThatIsALinkIsNotOpened() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("real"), withIntermediateDirectories: false)
        try Data("x".utf8).write(to: dir.appendingPathComponent("real/a.txt"))
        #expect(symlink("real", path("linked")) == 0)
        #expect(symlink("/etc", path("etc")) == 0)
        #expect(FolderContents.read(path("linked")).folderRefusal == .symbolicLink)
        #expect(FolderContents.read(path("etc")).folderRefusal == .symbolicLink)
        #expect(FolderContents.read(path("etc"), names: ["passwd"]).bytes.isEmpty)
        #expect(FolderContents.read(path("plain.txt")).folderRefusal == .notFolder)
        #expect(FolderContents.read(path("gone")).folderRefusal == .missing)
    }

    @Test func aFolderListsEveryEntryWithItsBytesOrItsReason() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(symlink("/etc/passwd", path("passwd")) == 0)
        #expect(mkfifo(path("fifo"), 0o644) == 0)
        try Data("hidden".utf8).write(to: dir.appendingPathComponent(".hidden"))
        let c = FolderContents.read(dir.path)
        #expect(c.folderRefusal == nil)
        #expect(c.names == ["fifo", "passwd", "plain.txt"])
        #expect(c.bytes == ["plain.txt": Array("plain".utf8)])
        #expect(c.refused == ["fifo": .special, "passwd": .symbolicLink])
        #expect(FolderContents.read(dir.path, names: ["plain.txt", "gone"]).refused == ["gone": .missing])
    }

    @Test func refusalsSayWhatToDo() {
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(FileRefusal.symbolicLink.fileMessage("content/media/a/a.jpg") == Message("file.symlink", ["path": "content/media/a/a.jpg"]))
        #expect(FileRefusal.hardLink(names: 3).fileMessage("x").args["names"] == "3")
        #expect(FileRefusal.symbolicLink.folderMessage("content/media/a").key == "item.folder_symlink")
        #expect(FileRefusal.notFolder.folderMessage("content/media/a").key == "item.not_folder")
    }
}
