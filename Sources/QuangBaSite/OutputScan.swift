import Foundation
import QuangBaCore

#if canImport(Glibc)
import Glibc
#endif

/// What is in an output folder now, measured against its manifest: which files are exactly as
/// the last complete build left them (trusted), and which are there but cannot be vouched for:
/// changed since, left by a build that did not finish, added by hand, or anything that is not
/// a regular file. The build deletes or remakes every untrusted entry; `quangba check` lists them.
///
/// Folders are listed only where the manifest cannot vouch for their entries (their signature
/// changed), plus the output folder itself: a build that changed nothing looks at every
/// recorded file and folder once (`fstatat`), and reads no folder but the top one.
struct OutputScan: Sendable {
    let manifest: ManifestText?
    /// Per recorded file (`manifest.files`): whether its signature is the recorded one.
    private var trustedFile: [Bool] = []
    /// Per recorded folder: whether its signature is the recorded one.
    private var trustedFolder: [Bool] = []
    /// How many recorded files are trusted.
    private(set) var trustedCount = 0
    /// Entries that are there but not trusted, by path: regular files changed since the
    /// manifest or unknown to it, and every entry that is neither a file nor a folder
    /// (symbolic links, FIFOs, sockets, devices: never followed, always deleted).
    var untrusted: Set<String> = []
    /// Folders the manifest does not know (deleted when nothing planned goes in them).
    var unknownFolders: Set<String> = []

    init(manifest: ManifestText?) { self.manifest = manifest }

    /// True when the folder holds exactly what the manifest says: every recorded file there
    /// and trusted, nothing else.
    var isExact: Bool {
        guard let manifest else { return false }
        return untrusted.isEmpty && unknownFolders.isEmpty && trustedCount == manifest.files.count
    }

    /// The manifest's entry of a trusted file.
    func trusted(_ path: String) -> SiteManifest.File? {
        guard let manifest, let k = manifest.file(path), trustedFile[k] else { return nil }
        return SiteManifest.File(input: manifest.input(of: manifest.files[k]), signature: manifest.files[k].signature)
    }

    /// The paths of every trusted file.
    var trustedPaths: [String] {
        guard let manifest else { return [] }
        return manifest.files.indices.filter { trustedFile[$0] }.map { manifest.path(of: manifest.files[$0]) }
    }

    /// The recorded signature of a trusted folder.
    func trustedFolder(_ path: String) -> FileSignature? {
        guard let manifest, let k = manifest.folder(path), trustedFolder[k] else { return nil }
        return manifest.folders[k].signature
    }

    /// Looks at the output folder `root` (which may not exist yet).
    static func scan(_ root: String) -> OutputScan {
        let folder = FolderHandle(root)
        guard folder.fd >= 0 else { return OutputScan(manifest: nil) }
        var timer = StepTimer()
        let manifest = ManifestText.read(in: folder.fd)
        timer.lap("look: read the manifest")
        var scan = OutputScan(manifest: manifest)
        var toList = [""]
        if let manifest {
            let fd = folder.fd
            // On threads that may wait: with the inodes out of memory each look waits for the disk.
            let folderLooks = blockingMap(manifest.folders.count) { manifest.look(manifest.folders[$0], in: fd) }
            scan.trustedFolder = [Bool](repeating: false, count: manifest.folders.count)
            for (k, e) in manifest.folders.enumerated() {
                guard let (now, kind) = folderLooks[k] else { continue }
                if kind == .folder, manifest.trusts(e.signature, now) {
                    scan.trustedFolder[k] = true
                } else if kind == .folder {
                    toList.append(manifest.path(of: e))
                }
                // Anything else where a folder was is found by listing its parent, which changed.
            }
            timer.lap("look: folders")
            let fileLooks = blockingMap(manifest.files.count) { manifest.look(manifest.files[$0], in: fd) }
            scan.trustedFile = [Bool](repeating: false, count: manifest.files.count)
            for (k, e) in manifest.files.enumerated() {
                guard let (now, kind) = fileLooks[k] else { continue }
                if kind == .file, manifest.trusts(e.signature, now) {
                    scan.trustedFile[k] = true
                    scan.trustedCount += 1
                } else if kind != .folder {
                    scan.untrusted.insert(manifest.path(of: e))
                }
            }
            timer.lap("look: files")
        }
        // Entries the manifest does not vouch for, in the folders whose entries changed.
        while let path = toList.popLast() {
            for (name, isFolder) in entries(of: path, in: folder.fd) {
                let child = path + name
                if path.isEmpty, name == SiteManifest.fileName { continue }
                if isFolder {
                    let sub = child + "/"
                    if manifest?.folder(sub) == nil {
                        scan.unknownFolders.insert(sub)
                        toList.append(sub)
                    }
                } else if manifest?.file(child) == nil {
                    scan.untrusted.insert(child)
                }
            }
        }
        timer.lap("look: list folders")
        return scan
    }

    /// The names in a folder below `fd`, each with whether it is a real folder (a symbolic link
    /// to one is not).
    private static func entries(of path: String, in fd: Int32) -> [(String, Bool)] {
        let sub = openat(fd, path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard sub >= 0, let dir = fdopendir(sub) else { return [] }
        defer { closedir(dir) }
        var out: [(String, Bool)] = []
        while let e = readdir(dir) {
            var nameBuffer = e.pointee.d_name
            let name = withUnsafePointer(to: &nameBuffer) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            if name == "." || name == ".." { continue }
            var isFolder = e.pointee.d_type == UInt8(DT_DIR)
            if e.pointee.d_type == UInt8(DT_UNKNOWN), let (_, kind) = FileSignature.of(path + name, in: fd) { isFolder = kind == .folder }
            out.append((name, isFolder))
        }
        return out
    }
}
