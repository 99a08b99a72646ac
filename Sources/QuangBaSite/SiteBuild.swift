import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaStore

/// `quangba build`: the repository's public content as a static site, one tree per language.
///
/// The build is a list of named steps:
///   1. load the templates, assets and UI strings;
///   2. stop if no input changed since the last build;
///   3. ask the publication gate for the public content;
///   4. plan every output file with a digest of the inputs it is made from;
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

    /// Bumped when the build code changes what it writes, so every page is rendered anew.
    static let formatVersion = "1"
    /// The file that marks a folder as a QuangBa site, so `--clean` never empties another folder.
    static let marker = ".quangba-site"

    let index: Index
    let options: Options

    public init(index: Index, options: Options) {
        self.index = index
        self.options = options
    }

    public func run(progress: Progress? = nil) throws -> Report {
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
        //    fingerprint covers every input: templates, strings, configuration, every item's
        //    files, the embargoes that have ended and the day ("upcoming" events).
        let digests = try index.itemDigests()
        var fingerprintText = environment + "\n" + options.now.day + "\n" + (try index.embargoesEnded(by: options.now)).joined(separator: ",")
        for (id, digest) in digests.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { fingerprintText += "\n" + id.rawValue + "=" + digest }
        let fingerprint = SHA256.hex(Array(fingerprintText.utf8))
        let previous = options.clean ? [:] : try index.buildRecords(site: site)
        let writer = OutputWriter(root: options.out)
        if !options.clean, !previous.isEmpty, try index.buildFingerprint(site: site) == fingerprint,
           previous.keys.allSatisfy({ writer.exists($0) }) {
            timer.lap("nothing changed")
            return Report(outputs: previous.count, unchanged: previous.count, seconds: Date().timeIntervalSince(started))
        }
        timer.lap("fingerprint")

        // 3. What is public now.
        let content = SiteContent(config: repo.config, publicItems: try index.publicItems(now: options.now), digests: digests, now: options.now)
        let renderer = PageRenderer(templates: templates, strings: strings, content: content, baseURL: baseURL)
        timer.lap("public content")

        // 4. The plan.
        let plan = SitePlan(content: content, renderer: renderer, templates: templates, environment: environment, repositoryRoot: repo.root).outputs
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
        try index.saveBuildRecords(site: site, records.sorted { $0.path < $1.path }, fingerprint: fingerprint)
        timer.lap("delete and record")
        report.seconds = Date().timeIntervalSince(started)
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

/// With QUANGBA_TIMING=1, each step's wall time goes to standard error (for benchmarks).
struct StepTimer {
    let enabled = ProcessInfo.processInfo.environment["QUANGBA_TIMING"] == "1"
    var last = Date()
    mutating func lap(_ step: String) {
        guard enabled else { return }
        let now = Date()
        let padded = step.padding(toLength: 26, withPad: " ", startingAt: 0)
        FileHandle.standardError.write(Data(("  " + padded + String(format: "%7.3f s\n", now.timeIntervalSince(last))).utf8))
        last = now
    }
}
