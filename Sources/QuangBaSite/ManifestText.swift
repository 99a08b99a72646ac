import Foundation
import QuangBaCore

#if canImport(Glibc)
import Glibc
#endif

/// A manifest as read from an output folder: its bytes, and where each entry lies in them. A
/// build that changes nothing, or a few pages, looks at every entry (53,000 files and 50,000
/// folders at 10,000 items) but needs strings for none of them: paths are looked at where they
/// lie, found through a table of their hashes, and a one-item rebuild writes the manifest again
/// by copying the lines it did not change. `SiteManifest` is the form a build writes.
struct ManifestText: Sendable {
    struct Entry: Sendable {
        /// The whole line, without its line break.
        let line: Range<Int>
        let path: Range<Int>
        /// A file's input digest (empty for a folder).
        let input: Range<Int>
        let signature: FileSignature
    }

    let bytes: [UInt8]
    let state: BuildState
    let files: [Entry]
    let folders: [Entry]
    /// The manifest's own change time (see `SiteManifest.written`).
    let written: Int64
    /// Entry positions by path hash: files as their index, folders as `files.count + index`.
    private let byHash: [UInt64: Int32]
    /// The next position with the same hash, or -1.
    private let next: [Int32]

    /// The manifest in the open output folder `fd`, or nil when there is none or it is not one
    /// (an older build's marker, a damaged or truncated file): then nothing there is trusted.
    static func read(in fd: Int32) -> ManifestText? {
        guard let bytes = try? readFile(at: fd, SiteManifest.fileName, rule: .content).get(),
              let (signature, _) = FileSignature.of(SiteManifest.fileName, in: fd) else { return nil }
        return ManifestText(bytes, written: signature.ctime)
    }

    init?(_ bytes: [UInt8], written: Int64) {
        self.bytes = bytes
        self.written = written
        var lines: [Range<Int>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            lines.append(start..<i)
            start = i + 1
        }
        // Every line ends with a break, the last one says "end".
        guard start == bytes.count, lines.count >= 3, bytes[lines[0]].elementsEqual(SiteManifest.header.utf8),
              bytes[lines[lines.count - 1]].elementsEqual("end".utf8) else { return nil }
        var state: BuildState?
        var files: [Entry] = [], folders: [Entry] = []
        files.reserveCapacity(lines.count)
        var fields: [Range<Int>] = []  // one array for every line
        fields.reserveCapacity(8)
        for line in lines[1..<(lines.count - 1)] {
            fields.removeAll(keepingCapacity: true)
            var s = line.lowerBound
            for i in line where bytes[i] == 0x09 {
                fields.append(s..<i)
                s = i + 1
            }
            fields.append(s..<line.upperBound)
            let tag = bytes[fields[0]]
            if tag.elementsEqual("file".utf8), fields.count == 7, state != nil {
                guard let sig = Self.signature(bytes, fields[1...4]) else { return nil }
                files.append(Entry(line: line, path: fields[6], input: fields[5], signature: sig))
            } else if tag.elementsEqual("folder".utf8), fields.count == 6, state != nil {
                guard let sig = Self.signature(bytes, fields[1...4]) else { return nil }
                folders.append(Entry(line: line, path: fields[5], input: 0..<0, signature: sig))
            } else if tag.elementsEqual("item".utf8), fields.count == 5, state != nil {
                let text = fields.map { String(decoding: bytes[$0], as: UTF8.self) }
                guard let id = ItemID(text[1]) else { return nil }
                state!.items[id] = BuildState.Item(digest: text[2], listing: text[3], shown: text[4])
            } else if tag.elementsEqual("build".utf8), fields.count == 3, state == nil {
                state = BuildState(fingerprint: String(decoding: bytes[fields[1]], as: UTF8.self),
                                   global: String(decoding: bytes[fields[2]], as: UTF8.self))
            } else {
                return nil
            }
        }
        guard let state else { return nil }
        self.state = state
        self.files = files
        self.folders = folders
        var byHash: [UInt64: Int32] = [:]
        byHash.reserveCapacity(files.count + folders.count)
        var next = [Int32](repeating: -1, count: files.count + folders.count)
        for k in 0..<(files.count + folders.count) {
            let h = Self.hash(bytes[k < files.count ? files[k].path : folders[k - files.count].path])
            if let first = byHash.updateValue(Int32(k), forKey: h) { next[k] = first }
        }
        self.byHash = byHash
        self.next = next
    }

    /// The recorded file at `path` (its index in `files`), if any.
    func file(_ path: String) -> Int? {
        position(path).flatMap { $0 < files.count ? $0 : nil }
    }

    /// The recorded folder at `path` (with its trailing `/`; its index in `folders`), if any.
    func folder(_ path: String) -> Int? {
        position(path).flatMap { $0 >= files.count ? $0 - files.count : nil }
    }

    private func position(_ path: String) -> Int? {
        // Escaped paths (a tab, a line break or % in a name) are compared as written.
        let written = Array(SiteManifest.escape(path).utf8)
        var k = byHash[Self.hash(written[...])].map(Int.init) ?? -1
        while k >= 0 {
            let e = k < files.count ? files[k] : folders[k - files.count]
            if bytes[e.path].elementsEqual(written) { return k }
            k = Int(next[k])
        }
        return nil
    }

    func path(of e: Entry) -> String {
        SiteManifest.unescape(bytes[e.path]) ?? String(decoding: bytes[e.path], as: UTF8.self)
    }

    func input(of e: Entry) -> String { String(decoding: bytes[e.input], as: UTF8.self) }

    /// Whether a recorded signature still vouches for what is there now.
    func trusts(_ recorded: FileSignature, _ now: FileSignature) -> Bool {
        recorded == now && recorded.ctime < written
    }

    /// The signature of the entry's path below the open folder `fd`, never following a link;
    /// the path is handed to the kernel from the manifest's bytes.
    func look(_ e: Entry, in fd: Int32) -> (FileSignature, FileSignature.Kind)? {
        if bytes[e.path].contains(0x25) { return FileSignature.of(path(of: e), in: fd) }
        return bytes.withUnsafeBufferPointer { buf in
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: e.path.count + 1) { c in
                for (i, b) in buf[e.path].enumerated() { c[i] = CChar(bitPattern: b) }
                c[e.path.count] = 0
                var st = stat()
                guard fstatat(fd, c.baseAddress!, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
                let kind: FileSignature.Kind = switch st.st_mode & S_IFMT {
                case S_IFREG: .file
                case S_IFDIR: .folder
                default: .other
                }
                return (FileSignature(st), kind)
            }
        }
    }

    /// The manifest with some files' and folders' entries replaced and a new state: the other
    /// lines copied as they are. Every replaced path must be recorded already.
    func patched(files newFiles: [String: SiteManifest.File], folders newFolders: [String: FileSignature], state: BuildState) -> [UInt8] {
        var replaced: [Int: [UInt8]] = [:]
        for (path, f) in newFiles {
            guard let k = file(path) else { preconditionFailure("patched: \(path) is not recorded") }
            replaced[files[k].line.lowerBound] = SiteManifest.fileLine(path, f)
        }
        for (path, s) in newFolders {
            guard let k = folder(path) else { preconditionFailure("patched: \(path) is not recorded") }
            replaced[folders[k].line.lowerBound] = SiteManifest.folderLine(path, s)
        }
        var out = SiteManifest(state: state).encoded(entries: false)
        out.reserveCapacity(bytes.count + 4096)
        for e in files + folders {
            if let line = replaced[e.line.lowerBound] { out += line } else { out += bytes[e.line]; out.append(0x0A) }
        }
        out += "end\n".utf8
        return out
    }

    private static func signature(_ bytes: [UInt8], _ f: ArraySlice<Range<Int>>) -> FileSignature? {
        let i = f.startIndex
        guard let inode = SiteManifest.number(bytes[f[i]]), let size = SiteManifest.number(bytes[f[i + 1]]),
              let mtime = SiteManifest.number(bytes[f[i + 2]]), let ctime = SiteManifest.number(bytes[f[i + 3]]) else { return nil }
        return FileSignature(inode: UInt64(bitPattern: inode), size: size, mtime: mtime, ctime: ctime)
    }

    /// FNV-1a over the bytes of a path.
    private static func hash(_ b: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for x in b { h = (h ^ UInt64(x)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
