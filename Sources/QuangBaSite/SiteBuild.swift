import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaStore

/// `quangba build`: the repository's public content as a static site, one tree per language.
///
/// The build is a list of named steps:
///   1. load the templates, assets and UI strings;
///   2. stop if no input changed since the last build;
///   3. if only the bodies of a few items changed, render their pages and stop;
///   4. ask the publication gate for the public content, and plan every output file with a
///      digest of the inputs it is made from;
///   5. render and write the files whose inputs changed (in parallel);
///   6. delete the files no page produces any more;
///   7. record what was built, for the next incremental build.
public struct SiteBuild {
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

    /// Called after each batch of files, with how many of the files to render are done.
    public typealias Progress = (_ done: Int, _ total: Int) -> Void

    /// Bumped when the build code changes what it writes or how it digests inputs, so that
    /// every page is planned and rendered anew after an upgrade.
    static let formatVersion = "2"
    /// The file that marks a folder as a QuangBa site, so `--clean` never empties another folder.
    static let marker = ".quangba-site"

    let index: Index
    let options: Options

    public init(index: Index, options: Options) {
        self.index = index
        self.options = options
    }

    /// Step 2 needs to know that every output of the last build is still there (a deleted
    /// output must come back, and only the full plan knows what makes it): one `faccessat` per
    /// output, 53,000 at 10,000 items. `startOutputCheck` starts that on other threads, so that
    /// it runs while the caller syncs the index; both mostly wait on the file system.
    public struct OutputCheck: Sendable {
        let paths: [String]
        private let allThere: Pending<Bool>?

        init(paths: [String], writer: OutputWriter) {
            self.paths = paths
            // On threads of their own: with the inodes out of memory, each check waits for the disk.
            allThere = paths.isEmpty ? nil : Pending { blockingMap(paths.count) { writer.exists(paths[$0]) }.allSatisfy { $0 } }
        }

        /// The recorded paths, and whether every one of them is there.
        func result() -> (paths: [String], allThere: Bool) {
            (paths, allThere?.value ?? false)
        }
    }

    /// Starts checking the outputs of the last build into this folder (none with `--clean`).
    public func startOutputCheck() throws -> OutputCheck {
        let paths = options.clean ? [] : try index.buildPaths(site: options.out.standardizedFileURL.path)
        return OutputCheck(paths: paths, writer: OutputWriter(root: options.out))
    }

    public func run(lastOutputs: OutputCheck? = nil, progress: Progress? = nil) throws -> Report {
        let started = Date()
        var timer = StepTimer()
        let repo = index.repository
        let site = options.out.standardizedFileURL.path
        try prepareOutputFolder(site)

        // 1. Templates, assets, UI strings.
        let templates = try Templates(folder: repo.root.appendingPathComponent("site-templates"))
        let strings = try UIStrings.load(folder: repo.root.appendingPathComponent("locales"),
                                         languages: repo.config.languageCodes, templateKeys: templates.stringKeys)

        let baseURL = options.baseURL ?? repo.config.baseURL
        let environment = SHA256.hex(Array(([Self.formatVersion, templates.digest, baseURL, Self.configText(repo)]
            + repo.config.languageCodes.map { l in strings[l]!.strings.sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value }.joined(separator: "\n") })
            .joined(separator: "\u{1}").utf8))
        timer.lap("templates and UI strings")

        // 2. Nothing changed since the last build (the common case in CI): stop here. The
        //    fingerprint covers every input: what all pages share (templates, strings,
        //    configuration, the day for "upcoming" events, the embargoes that have ended) and
        //    every item's files.
        let digests = try index.itemDigests()
        timer.lap("digests")
        let global = SHA256.hex(Array((environment + "\n" + options.now.day + "\n"
            + (try index.embargoesEnded(by: options.now)).joined(separator: ",")).utf8))
        var fingerprintText = global
        for (id, digest) in digests.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { fingerprintText += "\n" + id.rawValue + "=" + digest.files }
        let fingerprint = SHA256.hex(Array(fingerprintText.utf8))
        timer.lap("fingerprint")
        let lastStamp = options.clean ? nil : try index.buildFingerprint(site: site)
        let writer = OutputWriter(root: options.out)
        let check = lastStamp == nil ? nil : try lastOutputs ?? OutputCheck(paths: index.buildPaths(site: site), writer: writer)
        let (paths, outputsThere) = check?.result() ?? ([], false)
        timer.lap("outputs there")
        if outputsThere, lastStamp?.fingerprint == fingerprint {
            return Report(outputs: paths.count, unchanged: paths.count, seconds: Date().timeIntervalSince(started))
        }
        let last = options.clean ? nil : try index.buildState(site: site)

        // 3. Only the bodies of a few items changed: render just their pages.
        let context = BuildContext(templates: templates, strings: strings, baseURL: baseURL, environment: environment,
                                   digests: digests, global: global, fingerprint: fingerprint, outputs: paths.count, writer: writer)
        if let last, outputsThere, last.global == global, var report = try bodyEdits(since: last, context) {
            timer.lap("changed items only")
            report.seconds = Date().timeIntervalSince(started)
            return report
        }
        let recorded = try index.buildRecords(site: site)
        let previous = options.clean ? [:] : recorded

        // 4. What is public now, and the plan: every output with the digest of its inputs.
        index.releaseMemory()
        let content = SiteContent(config: repo.config, publicItems: try index.publicItems(now: options.now), digests: digests, now: options.now)
        let renderer = PageRenderer(templates: templates, strings: strings, content: content, baseURL: baseURL)
        timer.lap("public content")
        let plan = SitePlan(content: content, templates: templates, environment: environment, repositoryRoot: repo.root).outputs
        timer.lap("plan")

        // 5. Render and write what changed.
        var records: [BuildRecord] = []
        records.reserveCapacity(plan.count)
        var todo: [Int] = []
        for (i, o) in plan.enumerated() {
            if let p = previous[o.path], p.input == o.input, writer.exists(o.path) {
                records.append(p)
            } else {
                todo.append(i)
            }
        }
        var report = Report(outputs: plan.count, unchanged: plan.count - todo.count)
        let batch = 256
        var done = 0
        progress?(0, todo.count)
        while done < todo.count {
            let slice = Array(todo[done..<min(done + batch, todo.count)])
            let results = parallelMap(slice.count) { k -> Result<(BuildRecord, Bool), any Error> in
                let o = plan[slice[k]]
                return Result { try writer.produce(o, previous: previous[o.path], renderer: renderer) }
            }
            for r in results {
                let (record, wrote) = try r.get()
                records.append(record)
                if wrote { report.written += 1 } else { report.unchanged += 1 }
            }
            done += slice.count
            progress?(done, todo.count)
        }

        timer.lap("render and write")
        // 6. Delete what no page produces any more (removed, withdrawn or embargoed items).
        let planned = Set(plan.map(\.path))
        for path in previous.keys.sorted() where !planned.contains(path) {
            if try writer.remove(path) { report.deleted += 1 }
        }

        // 7. Record the build.
        var state = BuildState(fingerprint: fingerprint, global: global)
        for (id, d) in digests {
            state.items[id] = BuildState.Item(digest: d.files, listing: d.listing, shown: content.shownIn[id] ?? "")
        }
        try index.saveBuild(site: site, records, previous: recorded, state: state, replacingItems: true)
        timer.lap("delete and record")
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// What the steps after the fingerprint share.
    struct BuildContext {
        let templates: Templates
        let strings: [LanguageCode: UIStrings]
        let baseURL: String
        let environment: String
        let digests: [ItemID: ItemDigest]
        let global: String
        let fingerprint: String
        /// How many outputs the last build made.
        let outputs: Int
        let writer: OutputWriter
    }

    /// Step 3. When only the bodies of a few public items changed (their listing keys, and so
    /// their cards, titles, dates, places in lists and publication are what they were), no page
    /// but their own shows anything that changed: render those from the items and their
    /// neighbours alone, without reading the whole repository. Nil when the change is bigger.
    private func bodyEdits(since last: BuildState, _ c: BuildContext) throws -> Report? {
        let config = index.repository.config
        if last.items.keys.contains(where: { c.digests[$0] == nil }) { return nil }
        let changed = c.digests.filter { last.items[$0.key]?.digest != $0.value.files }.keys.sorted { $0.rawValue < $1.rawValue }
        guard !changed.isEmpty, changed.count <= 32 else { return nil }
        var edited: [PublicItem] = []
        var state = BuildState(fingerprint: c.fingerprint, global: c.global)
        for id in changed {
            let now = try index.publicItem(id, now: options.now)
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
        var loaded = Dictionary(uniqueKeysWithValues: edited.map { ($0.item.id, $0) })
        func load(_ id: ItemID) throws -> PublicItem? {
            if let p = loaded[id] { return p }
            guard last.items[id] != nil, let p = try index.publicItem(id, now: options.now) else { return nil }
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
        let renderer = PageRenderer(templates: c.templates, strings: c.strings, content: content, baseURL: c.baseURL)
        let outputs = edited.flatMap { p in config.languageCodes.compactMap { content.view(p.item.id, $0) } }
            .map { SitePlan.itemOutput($0, content: content, environment: c.environment) }
        let site = options.out.standardizedFileURL.path
        let recorded = try index.buildRecords(site: site, paths: outputs.map(\.path))
        guard outputs.allSatisfy({ recorded[$0.path] != nil }) else { return nil }

        var report = Report(outputs: c.outputs, unchanged: c.outputs)
        var records: [BuildRecord] = []
        state.items.reserveCapacity(changed.count)
        for o in outputs where recorded[o.path]?.input != o.input {
            let (record, wrote) = try c.writer.produce(o, previous: recorded[o.path], renderer: renderer)
            records.append(record)
            if wrote { report.written += 1; report.unchanged -= 1 }
        }
        for p in edited {
            let id = p.item.id
            state.items[id] = BuildState.Item(digest: c.digests[id]?.files ?? "", listing: c.digests[id]?.listing ?? "", shown: content.shownIn[id] ?? "")
        }
        try index.saveBuild(site: site, records, previous: recorded, state: state, replacingItems: false)
        return report
    }

    static func configText(_ repo: Repository) -> String {
        (try? String(contentsOf: repo.root.appendingPathComponent(RepositoryConfig.fileName), encoding: .utf8)) ?? ""
    }

    /// Creates the output folder, or empties it for `--clean`, only when it is ours or empty.
    private func prepareOutputFolder(_ site: String) throws {
        let fm = FileManager.default
        let marker = options.out.appendingPathComponent(Self.marker).path
        if let entries = try? fm.contentsOfDirectory(atPath: site), !entries.isEmpty, !fm.fileExists(atPath: marker) {
            throw QuangBaError(Message("site.out_not_ours", ["path": site, "marker": Self.marker]))
        }
        if options.clean, let entries = try? fm.contentsOfDirectory(atPath: site) {
            for e in entries where e != Self.marker { try fm.removeItem(atPath: site + "/" + e) }
        }
        try fm.createDirectory(atPath: site, withIntermediateDirectories: true)
        if !fm.fileExists(atPath: marker) {
            try Data("This folder is a site built by `quangba build`; the build deletes files in it that it no longer produces.\n".utf8)
                .write(to: URL(fileURLWithPath: marker))
        }
    }
}
