public import Foundation
import QuangBaContent
public import QuangBaCore
public import QuangBaStore

/// `quangba build`: the repository's public content as a static site, one tree per language.
///
/// The invariant: after a build, the output folder holds exactly the files this build produces
/// from this repository, whatever happened to it before (a build killed part-way, a fresh
/// clone, a deleted index, files changed or added by hand). What the last complete build left
/// there is known only from the folder's own manifest (`SiteManifest`), written last, and a
/// file is trusted only while it is exactly as that build left it (`OutputScan`).
///
/// The build is a list of named steps (`run`); an error names the step it stopped in.
public struct SiteBuild: Sendable {
    public struct Options: Sendable {
        public var out: URL
        public var baseURL: String?
        public var clean = false
        public var now: Timestamp = .now
        public init(out: URL) { self.out = out }
    }

    public struct Report: Sendable {
        public var outputs = 0
        public var written = 0
        public var unchanged = 0
        public var deleted = 0
        public var seconds = 0.0
    }

    /// The steps, in order; each names the step in an error it throws.
    public enum Step: String, Sendable {
        case prepare, sync, inputs, look, edits, plan, prune, write, record
    }

    /// Called after each batch of files, with how many of the files to render are done.
    public typealias Progress = (_ done: Int, _ total: Int) -> Void

    /// Bumped when the build code changes what it writes or how it digests inputs, so that
    /// every page is planned and rendered anew after an upgrade.
    static let formatVersion = "4"

    let index: Index
    let options: Options
    var site: String { options.out.standardizedFileURL.path }

    public init(index: Index, options: Options) {
        self.index = index
        self.options = options
    }

    public func run(progress: Progress? = nil) throws -> Report {
        let started = Date()
        var steps = Steps(out: site)
        try steps.run(.prepare) { try prepareOutputFolder() }
        // The output folder is looked at while the index syncs: both mostly wait on the disk.
        let looking = Pending { OutputScan.scan(site) }
        // A fresh clone's index is made without its full-text part: the site does not search.
        let synced = try steps.run(.sync) { try index.sync(deferSearch: true, keepParsed: true) }
        let inputs = try steps.run(.inputs) { try readInputs() }
        let scan = try steps.run(.look) { looking.value }
        func finished(_ r: Report) -> Report { var r = r; r.seconds = Date().timeIntervalSince(started); return r }

        if scan.isExact, scan.manifest?.state.fingerprint == inputs.fingerprint {
            return finished(Report(outputs: scan.trustedCount, unchanged: scan.trustedCount))
        }
        if let report = try steps.run(.edits, { try renderEditedItems(inputs, scan, synced.parsed) }) {
            return finished(report)
        }
        let (content, plan) = try steps.run(.plan) { try self.plan(inputs, synced.parsed) }
        var report = Report(outputs: plan.count)
        report.deleted = try steps.run(.prune) { try prune(plan, scan, inputs.writer) }
        let files = try steps.run(.write) { try write(plan, scan, content, inputs, &report, progress) }
        try steps.run(.record) {
            var manifest = SiteManifest(state: BuildState(fingerprint: inputs.fingerprint, global: inputs.global))
            for (id, d) in inputs.digests {
                manifest.state.items[id] = BuildState.Item(digest: d.files, listing: d.listing, shown: content.shownIn[id] ?? "")
            }
            manifest.files = files
            try record(&manifest, scan, inputs.writer)
        }
        return finished(report)
    }

    /// Runs the steps: each one's time with QUANGBA_TIMING=1, and its name on any error.
    struct Steps {
        let out: String
        var timer = StepTimer()

        mutating func run<T>(_ step: Step, _ body: () throws -> T) throws -> T {
            do {
                let result = try body()
                timer.lap("build: " + step.rawValue)
                return result
            } catch let e as QuangBaError {
                throw QuangBaError(Message("build.failed_in." + step.rawValue, ["out": out]), at: e.location,
                                   diagnostics: [Diagnostic(.error, e.location, e.message)] + e.diagnostics)
            } catch {
                throw QuangBaError(Message("build.failed_in." + step.rawValue, ["out": out]),
                                   diagnostics: [Diagnostic(.error, Location(), Message("io.unexpected", ["reason": "\(error)"]))])
            }
        }
    }

    // MARK: Prepare

    /// Creates the output folder, or empties it for `--clean`, only when it is ours or empty.
    /// A folder is ours when it holds a manifest file; a new one gets an empty manifest at once,
    /// so that a build killed before its end leaves a folder the next build recognises.
    private func prepareOutputFolder() throws {
        let fm = FileManager.default
        let folder = FolderHandle(site)
        let ours = folder.fd >= 0 && SiteManifest.isPresent(in: folder.fd)
        if let entries = try? fm.contentsOfDirectory(atPath: site), !entries.isEmpty, !ours {
            throw QuangBaError(Message("site.out_not_ours", ["path": site, "marker": SiteManifest.fileName]))
        }
        if options.clean, let entries = try? fm.contentsOfDirectory(atPath: site) {
            for e in entries { try fm.removeItem(atPath: site + "/" + e) }
        }
        try fm.createDirectory(atPath: site, withIntermediateDirectories: true)
        if !ours || options.clean {
            try SiteManifest(state: BuildState(fingerprint: "", global: "")).write(into: site)
        }
    }

    // MARK: Inputs

    /// What every step after the sync reads: templates, strings, the item digests and the
    /// fingerprint of all inputs.
    struct Inputs {
        let templates: Templates
        let strings: [LanguageCode: UIStrings]
        let baseURL: String
        /// A digest of what every page shares: templates, strings, configuration, base URL.
        let environment: String
        let digests: [ItemID: ItemDigest]
        /// `environment` with the day (for "upcoming" events) and the embargoes that have ended.
        let global: String
        /// Every input: `global` and every item's files.
        let fingerprint: String
        let writer: OutputWriter
        /// The portal's logo and icons, checked.
        let portal: PortalAssets
    }

    func readInputs() throws -> Inputs {
        let repo = index.repository
        let templates = try Templates(folder: repo.root.appendingPathComponent("site-templates"))
        let strings = try UIStrings.load(folder: repo.root.appendingPathComponent("locales"),
                                         languages: repo.config.languageCodes, templateKeys: templates.stringKeys)
        let baseURL = options.baseURL ?? repo.config.baseURL
        let environment = SHA256.hex(Array(([Self.formatVersion, templates.digest, baseURL, Self.configText(repo)]
            + repo.config.languageCodes.map { l in strings[l]!.strings.sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value }.joined(separator: "\n") })
            .joined(separator: "\u{1}").utf8))
        let digests = try index.itemDigests()
        let global = SHA256.hex(Array((environment + "\n" + options.now.day + "\n"
            + (try index.embargoesEnded(by: options.now)).joined(separator: ",")).utf8))
        var fingerprintText = global
        for (id, digest) in digests.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { fingerprintText += "\n" + id.rawValue + "=" + digest.files }
        return Inputs(templates: templates, strings: strings, baseURL: baseURL, environment: environment, digests: digests, global: global,
                      fingerprint: SHA256.hex(Array(fingerprintText.utf8)), writer: OutputWriter(root: options.out),
                      portal: try PortalAssets(config: repo.config.portal, templates: templates))
    }

    static func configText(_ repo: Repository) -> String {
        (try? String(contentsOf: repo.root.appendingPathComponent(RepositoryConfig.fileName), encoding: .utf8)) ?? ""
    }

    // MARK: Edited items only

    /// When the folder is exactly as the last build left it and only the bodies of a few public
    /// items changed (their listing keys, and so their cards, titles, dates, places in lists and
    /// publication are what they were), no page but their own shows anything that changed:
    /// render those from the items and their neighbours alone, without reading the whole
    /// repository. Nil when the change is bigger.
    private func renderEditedItems(_ c: Inputs, _ scan: OutputScan, _ parsed: ParsedItems) throws -> Report? {
        guard scan.isExact, let text = scan.manifest, text.state.global == c.global else { return nil }
        let last = text.state
        var state = last
        let config = index.repository.config
        if last.items.keys.contains(where: { c.digests[$0] == nil }) { return nil }
        let changed = c.digests.filter { last.items[$0.key]?.digest != $0.value.files }.keys.sorted { $0.rawValue < $1.rawValue }
        guard !changed.isEmpty, changed.count <= 32 else { return nil }
        var edited: [PublicItem] = []
        for id in changed {
            let now = try index.publicItem(id, now: options.now, reusing: parsed)
            let wasPublic = !(last.items[id]?.shown ?? "").isEmpty
            switch (wasPublic, now) {
            case (false, nil):
                // Not public before or now: no page shows it.
                state.items[id] = BuildState.Item(digest: c.digests[id]?.files ?? "", listing: c.digests[id]?.listing ?? "", shown: "")
            case (true, let p?) where last.items[id]?.listing == c.digests[id]?.listing: edited.append(p)
            default: return nil
            }
        }
        // Their pages also show the items they point to (with those items' cover photos) and
        // the items that point to them.
        var loaded = Dictionary(edited.map { ($0.item.id, $0) }, uniquingKeysWith: { a, _ in a })
        func load(_ id: ItemID) throws -> PublicItem? {
            if let p = loaded[id] { return p }
            guard last.items[id] != nil, let p = try index.publicItem(id, now: options.now, reusing: parsed) else { return nil }
            loaded[id] = p
            return p
        }
        for p in edited {
            for id in p.item.relations.all.map(\.target) + (try index.itemsPointing(to: p.item.id)) {
                if let n = try load(id), let cover = n.item.relations.cover { _ = try load(cover) }
            }
        }
        let content = SiteContent(config: config, publicItems: loaded.values.sorted { $0.item.id.rawValue < $1.item.id.rawValue },
                                  digests: c.digests, now: options.now)
        for p in edited where content.shownIn[p.item.id] != last.items[p.item.id]?.shown { return nil }
        let renderer = PageRenderer(templates: c.templates, strings: c.strings, content: content, baseURL: c.baseURL, portal: c.portal)
        let outputs = edited.flatMap { p in config.languageCodes.compactMap { content.view(p.item.id, $0) } }
            .map { SitePlan.itemOutput($0, content: content, environment: c.environment) }
        guard outputs.allSatisfy({ scan.trusted($0.path) != nil }) else { return nil }

        var report = Report(outputs: text.files.count, unchanged: text.files.count)
        var files: [String: SiteManifest.File] = [:]
        for o in outputs where scan.trusted(o.path)?.input != o.input {
            let (file, wrote) = try c.writer.produce(o, present: true, renderer: renderer)
            files[o.path] = file
            if wrote { report.written += 1; report.unchanged -= 1 }
        }
        for p in edited {
            let id = p.item.id
            state.items[id] = BuildState.Item(digest: c.digests[id]?.files ?? "", listing: c.digests[id]?.listing ?? "", shown: content.shownIn[id] ?? "")
        }
        state.fingerprint = c.fingerprint
        // The manifest again: the lines of the files written and of their folders new, the
        // others as they were.
        var folders: [String: FileSignature] = [:]
        for f in c.writer.changedFolders where text.folder(f) != nil { folders[f] = c.writer.folderSignature(f) }
        let newest = max(files.values.map(\.signature.ctime).max() ?? 0, folders.values.map(\.ctime).max() ?? 0)
        try SiteManifest.write(text.patched(files: files, folders: folders, state: state), newest: newest, into: site)
        return report
    }

    // MARK: Plan

    /// What is public now, and every output with the digest of its inputs.
    func plan(_ c: Inputs, _ parsed: ParsedItems) throws -> (SiteContent, [PlannedOutput]) {
        index.releaseMemory()
        let content = SiteContent(config: index.repository.config, publicItems: try index.publicItems(now: options.now, reusing: parsed),
                                  digests: c.digests, now: options.now)
        let plan = SitePlan(content: content, templates: c.templates, portal: c.portal, environment: c.environment, repositoryRoot: index.repository.root).outputs
        return (content, plan)
    }

    // MARK: Prune

    /// Deletes everything in the folder that the plan does not produce: the pages of removed,
    /// withdrawn or embargoed items, files added by hand, leftovers of a build that did not
    /// finish, anything that is not a regular file. First, so that nothing the public must no
    /// longer see outlives a build that stops part-way. Returns how many entries went.
    private func prune(_ plan: [PlannedOutput], _ scan: OutputScan, _ writer: OutputWriter) throws -> Int {
        let planned = Set(plan.map(\.path))
        var deleted = 0
        for path in (scan.trustedPaths + Array(scan.untrusted)).sorted() where !planned.contains(path) {
            if try writer.remove(path) { deleted += 1 }
        }
        // Folders nobody made, left empty (the deepest first).
        for folder in scan.unknownFolders.sorted(by: { $0.count > $1.count }) { writer.removeIfEmpty(folder) }
        return deleted
    }

    // MARK: Render and write

    /// Renders and writes every planned file the folder does not already hold as planned
    /// (in parallel); returns the manifest's entry of every planned file.
    private func write(_ plan: [PlannedOutput], _ scan: OutputScan, _ content: SiteContent, _ c: Inputs,
                       _ report: inout Report, _ progress: Progress?) throws -> [String: SiteManifest.File] {
        let renderer = PageRenderer(templates: c.templates, strings: c.strings, content: content, baseURL: c.baseURL, portal: c.portal)
        var files: [String: SiteManifest.File] = [:]
        files.reserveCapacity(plan.count)
        var todo: [Int] = []
        for (i, o) in plan.enumerated() {
            if let t = scan.trusted(o.path), t.input == o.input {
                files[o.path] = t
            } else {
                todo.append(i)
            }
        }
        report.unchanged = plan.count - todo.count
        let batch = 256
        var done = 0
        progress?(0, todo.count)
        while done < todo.count {
            let slice = Array(todo[done..<min(done + batch, todo.count)])
            let results = parallelMap(slice.count) { k -> Result<(SiteManifest.File, Bool), any Error> in
                let o = plan[slice[k]]
                let present = scan.trusted(o.path) != nil || scan.untrusted.contains(o.path)
                return Result { try c.writer.produce(o, present: present, renderer: renderer) }
            }
            for (k, r) in results.enumerated() {
                let (file, wrote) = try r.get()
                files[plan[slice[k]].path] = file
                if wrote { report.written += 1 } else { report.unchanged += 1 }
            }
            done += slice.count
            progress?(done, todo.count)
        }
        return files
    }

    // MARK: Record

    /// Completes the manifest with the signature of every folder that holds an output (taken
    /// again where this build changed its entries) and writes it, last.
    private func record(_ manifest: inout SiteManifest, _ scan: OutputScan, _ writer: OutputWriter) throws {
        var folders = Set<String>()
        folders.reserveCapacity(manifest.files.count)
        for path in manifest.files.keys {
            // Over the bytes: each `/` ends a folder (a file's path never ends with one).
            var utf8 = Array(path.utf8)
            while let slash = utf8.dropLast().lastIndex(of: UInt8(ascii: "/")) {
                utf8.removeSubrange((slash + 1)...)
                if !folders.insert(String(decoding: utf8, as: UTF8.self)).inserted { break }
            }
        }
        let changed = writer.changedFolders
        var timer = StepTimer()
        var signatures: [String: FileSignature] = [:]
        signatures.reserveCapacity(folders.count)
        var again: [String] = []
        for f in folders {
            if !changed.contains(f), let old = scan.trustedFolder(f) { signatures[f] = old } else { again.append(f) }
        }
        let paths = again
        let looks = blockingMap(paths.count) { writer.folderSignature(paths[$0]) }
        for (i, f) in paths.enumerated() { signatures[f] = looks[i] }
        manifest.folders = signatures
        timer.lap("record: folders")
        try manifest.write(into: site)
        timer.lap("record: write the manifest")
    }
}
