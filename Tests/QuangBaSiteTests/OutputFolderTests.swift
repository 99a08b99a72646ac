import Foundation
import Testing
import QuangBaTestSupport
import QuangBaContent
import QuangBaCore
@testable import QuangBaSite
import QuangBaStore

/// Everything in a folder, never following a link: each entry's kind and content (a file's
/// bytes, a link's target). The manifest is left out: it records inodes, which differ between
/// two folders with the same files.
func folderState(_ folder: URL) -> [String: String] {
    var out: [String: String] = [:]
    func walk(_ rel: String) {
        let path = rel.isEmpty ? folder.path : folder.path + "/" + rel
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names {
            let child = rel.isEmpty ? name : rel + "/" + name
            if child == SiteManifest.fileName { continue }
            var st = stat()
            guard lstat(folder.path + "/" + child, &st) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR: out[child + "/"] = "folder"; walk(child)
            case S_IFREG: out[child] = "file " + SHA256.hex((try? readFile(folder.path + "/" + child, rule: .input).get()) ?? [])
            case S_IFLNK: out[child] = "link " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/" + child)) ?? "")
            default: out[child] = "other"
            }
        }
    }
    walk("")
    return out
}

/// The differences between two folder states, for messages.
func differences(_ a: [String: String], _ b: [String: String]) -> [String] {
    Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
}

/// Builds the repository at `root` into `out`, the way `quangba build` does.
@discardableResult
func buildSite(_ root: URL, into out: URL, clean: Bool = false, now: Timestamp = SampleRepo.now) throws -> SiteBuild.Report {
    var options = SiteBuild.Options(out: out)
    options.clean = clean
    options.now = now
    return try SiteBuild(index: try Index(repository: try Repository(root: root)), options: options).run()
}

/// What `quangba check` says of the folder as a whole.
func audit(_ root: URL, _ out: URL) throws -> [String] {
    var options = SiteBuild.Options(out: out)
    options.now = SampleRepo.now
    return try SiteBuild(index: try Index(repository: try Repository(root: root)), options: options).audit().map { "\($0.file) \($0.message.key)" }
}

/// The output folder holds exactly what this build produces from this repository, whatever
/// happened to it and to the repository before (DESIGN.md, invariant 1).
@Suite(.serialized) struct OutputFolderTests {
    static let withdrawnItem = "content/article/am-thuc-xu-lang/item.yaml"

    static func withdraw(_ root: URL) throws {
        let url = root.appendingPathComponent(withdrawnItem)
        let yaml = try String(contentsOf: url, encoding: .utf8)
        try Data((yaml.replacingOccurrences(of: "state: published", with: "state: withdrawn") + "withdrawn: 2026-11-01T00:00:00Z\n").utf8).write(to: url)
    }

    /// A clean build of the repository at `root`, into a folder of its own.
    static func reference(_ root: URL) throws -> [String: String] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("qb-ref-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        try buildSite(root, into: out)
        return folderState(out)
    }

    /// The output folder outlives the repository's index: it is built from one copy, then an
    /// item is withdrawn in a fresh clone, in the repository moved elsewhere, or after its
    /// index was deleted, and the folder built again.
    @Test(arguments: ["fresh clone", "moved repository", "deleted index"])
    func withdrawnPagesGoWhateverBuiltTheFolderBefore(how: String) throws {
        let r = try SampleRepo()
        let out = r.root.appendingPathComponent("www")
        try buildSite(r.root, into: out)
        let page = out.appendingPathComponent("en/news/am-thuc-xu-lang/index.html").path
        #expect(FileManager.default.fileExists(atPath: page))

        let other = try SampleRepo()
        var root = r.root
        switch how {
        case "fresh clone":
            root = other.root  // the same content, no index
        case "moved repository":
            try FileManager.default.removeItem(at: other.root)
            try FileManager.default.moveItem(at: r.root, to: other.root)
            try FileManager.default.createDirectory(at: r.root, withIntermediateDirectories: true)
            root = other.root
        default:
            try FileManager.default.removeItem(at: r.root.appendingPathComponent(".quangba"))
        }
        let site = root.appendingPathComponent("www")
        let target = how == "fresh clone" ? out : site
        try Self.withdraw(root)
        let report = try buildSite(root, into: target)
        #expect(report.deleted >= 1, "\(report)")
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent("en/news/am-thuc-xu-lang/index.html").path))
        let diff = differences(folderState(target), try Self.reference(root))
        #expect(diff.isEmpty, "\(diff.prefix(10))")
        #expect(try audit(root, target).isEmpty)
    }

    /// Files added, changed or replaced by hand in the output are deleted or made again, and
    /// `quangba check` names each of them first. Links are never followed.
    @Test func handMadeChangesAreUndone() throws {
        let r = try SampleRepo()
        try r.build()
        let out = r.out
        let fm = FileManager.default
        try Data("<p>not from the repository</p>".utf8).write(to: out.appendingPathComponent("en/extra.html"))
        try fm.createDirectory(at: out.appendingPathComponent("vi/thu-muc-la/con"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: out.appendingPathComponent("vi/thu-muc-la/con/trang.html"))
        try fm.createDirectory(at: out.appendingPathComponent("ko/empty"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: out.appendingPathComponent("en/passwd").path, withDestinationPath: "/etc/passwd")
        try fm.createSymbolicLink(atPath: out.appendingPathComponent("files/etc").path, withDestinationPath: "/etc")
        #expect(mkfifo(out.appendingPathComponent("ja/pipe").path, 0o644) == 0)
        // A page edited in place, same size, its modification time put back.
        let edited = out.appendingPathComponent("en/index.html").path
        var st = stat()
        #expect(stat(edited, &st) == 0)
        var html = r.read("en/index.html")
        html = html.replacingOccurrences(of: "<html lang=\"en\">", with: "<html lang=\"xx\">")
        try Data(html.utf8).write(to: URL(fileURLWithPath: edited))
        var times = [st.st_atim, st.st_mtim]
        #expect(utimensat(AT_FDCWD, edited, &times, 0) == 0)
        // A page replaced by a folder, another by a link to a file outside.
        let news = out.appendingPathComponent("vi/news/index.html").path
        try fm.removeItem(atPath: news)
        try fm.createDirectory(atPath: news, withIntermediateDirectories: true)
        let chooser = out.appendingPathComponent("index.html").path
        try fm.removeItem(atPath: chooser)
        try fm.createSymbolicLink(atPath: chooser, withDestinationPath: "/etc/hostname")
        try fm.removeItem(at: out.appendingPathComponent("zh-hans/index.html"))

        let problems = try audit(r.root, out)
        for expected in ["en/extra.html check.unexpected_file", "vi/thu-muc-la/con/trang.html check.unexpected_file",
                         "en/passwd check.not_regular", "files/etc check.not_regular", "ja/pipe check.not_regular",
                         "en/index.html check.changed_file", "index.html check.not_regular", "zh-hans/index.html check.missing_file"] {
            #expect(problems.contains(expected), "\(expected) not in \(problems)")
        }
        try buildSite(r.root, into: out)
        let diff = differences(folderState(out), try Self.reference(r.root))
        #expect(diff.isEmpty, "\(diff.prefix(10))")
        #expect(try audit(r.root, out).isEmpty)
        #expect(FileManager.default.fileExists(atPath: "/etc/passwd"))
        // And then nothing is left to do.
        #expect(try buildSite(r.root, into: out).written == 0)
    }

    /// A manifest that is damaged, truncated, from an older build or missing trusts nothing:
    /// every file is compared with what the build makes, and the folder ends up the same.
    @Test(arguments: ["truncated", "garbage", "old marker", "stale pages"])
    func aDamagedManifestTrustsNothing(how: String) throws {
        let r = try SampleRepo()
        try r.build()
        let manifest = r.out.appendingPathComponent(SiteManifest.fileName)
        let bytes = try Data(contentsOf: manifest)
        switch how {
        case "truncated": try bytes.prefix(bytes.count - 10).write(to: manifest)
        case "garbage": try Data("quangba-site-manifest 1\nfile\tx\n".utf8).write(to: manifest)
        case "old marker": try Data("This folder is a site built by `quangba build`.\n".utf8).write(to: manifest)
        default:
            // The manifest of an earlier build of another state, put back.
            try Self.withdraw(r.root)
            try r.build()
            try bytes.write(to: manifest)
            try FileManager.default.createDirectory(at: r.out.appendingPathComponent("en/news/am-thuc-xu-lang"), withIntermediateDirectories: true)
            try Data("stale".utf8).write(to: r.out.appendingPathComponent("en/news/am-thuc-xu-lang/index.html"))
        }
        try r.build()
        let diff = differences(folderState(r.out), try Self.reference(r.root))
        #expect(diff.isEmpty, "\(diff.prefix(10))")
    }

    /// The disk fills up part-way: the build says which step stopped and that the folder is
    /// incomplete; once there is room, the next build repairs it. A small tmpfs stands for the
    /// disk (mounting one needs root, which CI has).
    @Test(.enabled(if: getuid() == 0)) func aFullDiskLeavesAFolderTheNextBuildRepairs() throws {
        let r = try SampleRepo()
        let mount = r.root.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        let (status, output) = try runTool("mount", ["-t", "tmpfs", "-o", "size=1500k", "tmpfs", mount.path])
        try #require(status == 0, "cannot mount a tmpfs: \(output)")
        defer { _ = try? runTool("umount", ["-l", mount.path]) }
        let out = mount.appendingPathComponent("site")
        #expect {
            try buildSite(r.root, into: out)
        } throws: { error in
            guard let e = error as? QuangBaError else { return false }
            return e.message.key.hasPrefix("build.failed_in.") && e.message.args["out"] == out.path
                && e.diagnostics.contains { $0.message.key == "site.write_failed" }
        }
        #expect(try runTool("mount", ["-o", "remount,size=64m", mount.path]).status == 0)
        try buildSite(r.root, into: out)
        let diff = differences(folderState(out), try Self.reference(r.root))
        #expect(diff.isEmpty, "\(diff.prefix(10))")
    }

    /// The manifest's file format reads back what it wrote, paths with tabs, line breaks and
    /// percent signs included; a one-item rebuild's patch keeps the other lines; a file cut
    /// anywhere is refused.
    @Test func manifestRoundTrips() throws {
        var m = SiteManifest(state: BuildState(fingerprint: "f", global: "g"))
        m.state.items[ItemID("cho-ky-lua")!] = BuildState.Item(digest: "d", listing: "l", shown: "")
        let odd = "vi/a\tb/%41\nc.html"
        m.files[odd] = SiteManifest.File(input: "i", signature: FileSignature(inode: 7, size: 1, mtime: 2, ctime: 3))
        m.files["en/index.html"] = SiteManifest.File(input: "j", signature: FileSignature(inode: .max, size: 0, mtime: -5, ctime: 6))
        m.folders["vi/a\tb/"] = FileSignature(inode: 8, size: 4096, mtime: 5, ctime: 6)
        let bytes = m.encoded()
        let back = try #require(ManifestText(bytes, written: .max))
        func files(_ t: ManifestText) -> [String: SiteManifest.File] {
            Dictionary(uniqueKeysWithValues: t.files.map { (t.path(of: $0), SiteManifest.File(input: t.input(of: $0), signature: $0.signature)) })
        }
        #expect(files(back) == m.files)
        #expect(back.folders.map { back.path(of: $0) } == ["vi/a\tb/"] && back.folder("vi/a\tb/") == 0 && back.file(odd) != nil)
        #expect(back.state.items == m.state.items && back.state.fingerprint == "f")
        let patch = SiteManifest.File(input: "k", signature: FileSignature(inode: 9, size: 2, mtime: 3, ctime: 4))
        var state = back.state
        state.fingerprint = "f2"
        let patched = try #require(ManifestText(back.patched(files: ["en/index.html": patch], folders: [:], state: state), written: .max))
        var expected = m.files
        expected["en/index.html"] = patch
        #expect(files(patched) == expected && patched.state.fingerprint == "f2" && patched.folder("vi/a\tb/") == 0)
        for cut in stride(from: 0, to: bytes.count - 1, by: 7) { #expect(ManifestText(Array(bytes.prefix(cut)), written: .max) == nil) }
    }
}
