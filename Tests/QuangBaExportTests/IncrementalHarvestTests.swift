import Foundation
import Testing
import QuangBaContent
import QuangBaCore
import QuangBaExport
import QuangBaStore
import QuangBaTestSupport

/// A harvester that follows the protocol: a full harvest, then each time `from` the previous
/// responseDate, applying what it gets (a record replaces its copy, a deleted header removes
/// it). After every round its copy must be the gate's public set, record for record.
final class Harvester {
    let oai: OAIProvider
    let set: String?
    var records: [String: String] = [:]
    var last: String?

    init(_ oai: OAIProvider, set: String? = nil) { self.oai = oai; self.set = set }

    func harvest(now: Timestamp) throws {
        var args: [(String, String)] = [("verb", "ListRecords"), ("metadataPrefix", "quangba")]
        if let set { args.append(("set", set)) }
        if let last { args.append(("from", last)) }
        var first = true
        while true {
            let text = String(decoding: try oai.respond(args, now: now), as: UTF8.self)
            if first, let r = Self.between(text, "<responseDate>", "</responseDate>") { last = r }
            first = false
            if text.contains("code=\"noRecordsMatch\"") { return }
            #expect(!text.contains("<error"), "\(args): \(Self.between(text, "<error", "</error>") ?? "")")
            for chunk in text.components(separatedBy: "<record>").dropFirst() {
                guard let id = Self.between(chunk, "<identifier>", "</identifier>") else { continue }
                if chunk.contains("<header status=\"deleted\">") {
                    records[id] = nil
                } else {
                    records[id] = Self.between(chunk, "<metadata>", "</metadata>") ?? ""
                }
            }
            guard let element = text.range(of: "<resumptionToken"),
                  let token = Self.between(String(text[element.upperBound...]), ">", "</resumptionToken>"), !token.isEmpty else { return }
            args = [("verb", "ListRecords"), ("resumptionToken", token)]
        }
    }

    static func between(_ s: String, _ a: String, _ b: String) -> String? {
        guard let r = s.range(of: a), let e = s[r.upperBound...].range(of: b) else { return nil }
        return String(s[r.upperBound..<e.lowerBound])
    }
}

@Suite(.serialized) struct IncrementalHarvestTests {
    static let domain = "oai:langson.quangba.example:"

    /// What the gate says is public at `now`, each record as GetRecord serves it.
    func truth(_ index: Index, _ oai: OAIProvider, now: Timestamp, language: String? = nil) throws -> [String: String] {
        var out: [String: String] = [:]
        for p in try index.publicItems(now: now) where language == nil || p.translations.contains(where: { $0.language.rawValue == language }) {
            let id = Self.domain + p.item.kind.rawValue + "/" + p.item.id.rawValue
            let text = String(decoding: try oai.respond([("verb", "GetRecord"), ("identifier", id), ("metadataPrefix", "quangba")], now: now), as: UTF8.self)
            out[id] = Harvester.between(text, "<metadata>", "</metadata>") ?? ""
        }
        return out
    }

    /// Hand edits, withdrawals, embargoes that start and end, internal classification and
    /// translations leaving a language, interleaved with syncs and harvests at random moments:
    /// the harvesters (whole, and of the set lang:en) never miss a change or a deletion, though
    /// the server keeps answers and records while the ledger says nothing changed.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func harvesterKeepsUpWithEveryChange(seed: UInt64) throws {
        let repo = try SampleCopy()
        let index = try Index(repository: try Repository(root: repo.root))
        var clock = Timestamp(parsing: "2026-12-01T00:00:00Z")!.secondsSince1970
        try index.sync(now: Timestamp(secondsSince1970: clock))
        // The harvesters ask a server's provider: its own index (as `quangba serve` opens it)
        // and the cache of answers and records; the truth is made afresh, without a cache.
        let served = try Index(repository: try Repository(root: repo.root))
        let oai = try OAIProvider(index: index, endpoint: "http://127.0.0.1:8080/oai", pageSize: 7)
        let server = try OAIProvider(index: served, endpoint: "http://127.0.0.1:8080/oai", pageSize: 7, cache: ResponseCache())
        let whole = Harvester(server), english = Harvester(server, set: "lang:en")
        var rng = SplitMix(seed: seed)
        let folders = try FileManager.default.contentsOfDirectory(atPath: repo.root.appendingPathComponent("content").path).sorted().flatMap { kind in
            try FileManager.default.contentsOfDirectory(atPath: repo.root.appendingPathComponent("content/\(kind)").path).sorted().map { "content/\(kind)/\($0)" }
        }
        var deletions = 0
        for round in 0..<25 {
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                try mutate(repo, folders.randomElement(using: &rng)!, at: clock, &rng)
            }
            clock += Int64.random(in: 1...3, using: &rng)
            // Half the rounds the change reaches the index before the harvest, half after it:
            // a harvest between a change and its sync must not lose it either.
            let syncFirst = Bool.random(using: &rng)
            if syncFirst { try index.sync(now: Timestamp(secondsSince1970: clock)) }
            clock += Int64.random(in: 0...2, using: &rng)
            let now = Timestamp(secondsSince1970: clock)
            let before = whole.records.count
            try whole.harvest(now: now)
            try english.harvest(now: now)
            deletions += max(0, before - whole.records.count)
            let differs = Self.difference(whole.records, try truth(index, oai, now: now))
            #expect(differs.isEmpty, "seed \(seed), round \(round): \(differs)")
            let differsEn = Self.difference(english.records, try truth(index, oai, now: now, language: "en"))
            #expect(differsEn.isEmpty, "seed \(seed), round \(round), lang:en: \(differsEn)")
            if !syncFirst {
                clock += 1
                try index.sync(now: Timestamp(secondsSince1970: clock))
            }
        }
        #expect(deletions > 0)
    }

    /// A server keeps answers while the ledger's stamp and the ended embargoes stay the same,
    /// and records by their hash: after any change (synced by another process, or an embargo
    /// that ends with no sync at all, or a writer that died leaving the lock file empty) every
    /// answer it gives is the one made afresh, byte for byte.
    @Test func keptAnswersFollowEveryChange() throws {
        let repo = try SampleCopy()
        let editor = try Index(repository: try Repository(root: repo.root))
        var clock = Timestamp(parsing: "2026-12-01T00:00:00Z")!.secondsSince1970
        try editor.sync(now: Timestamp(secondsSince1970: clock))
        let served = try Index(repository: try Repository(root: repo.root))
        let server = try OAIProvider(index: served, endpoint: "http://127.0.0.1:8080/oai", pageSize: 5, cache: ResponseCache())
        let fresh = try OAIProvider(index: editor, endpoint: "http://127.0.0.1:8080/oai", pageSize: 5)
        let ids = try editor.publicItems(now: Timestamp(secondsSince1970: clock)).map { Self.domain + $0.item.kind.rawValue + "/" + $0.item.id.rawValue }
        let folders = try FileManager.default.contentsOfDirectory(atPath: repo.root.appendingPathComponent("content").path).sorted().flatMap { kind in
            try FileManager.default.contentsOfDirectory(atPath: repo.root.appendingPathComponent("content/\(kind)").path).sorted().map { "content/\(kind)/\($0)" }
        }
        /// Every page of full harvests in both formats and of one set, every record, and the
        /// pages of the first round's tokens again (a harvest under way while content changes).
        var replayed: [[(String, String)]] = []
        func answers(_ oai: OAIProvider, now: Timestamp) throws -> [String] {
            var out: [String] = []
            let collect = replayed.isEmpty
            for args in [[("verb", "ListRecords"), ("metadataPrefix", "oai_dc")], [("verb", "ListRecords"), ("metadataPrefix", "quangba")],
                         [("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "lang:en")], [("verb", "Identify")], [("verb", "ListSets")]] {
                var args = args
                while true {
                    let text = String(decoding: try oai.respond(args, now: now), as: UTF8.self)
                    out.append(text)
                    guard let element = text.range(of: "<resumptionToken"),
                          let token = Harvester.between(String(text[element.upperBound...]), ">", "</resumptionToken>"), !token.isEmpty else { break }
                    args = [("verb", args[0].1), ("resumptionToken", token)]
                    if collect { replayed.append(args) }
                }
            }
            for id in ids { out.append(String(decoding: try oai.respond([("verb", "GetRecord"), ("identifier", id), ("metadataPrefix", "oai_dc")], now: now), as: UTF8.self)) }
            for args in replayed where !collect { out.append(String(decoding: try oai.respond(args, now: now), as: UTF8.self)) }
            return out
        }
        _ = try answers(fresh, now: Timestamp(secondsSince1970: clock))  // the tokens to replay
        var rng = SplitMix(seed: 7)
        var changes = 0
        var previous: [String] = []
        for round in 0..<24 {
            let now = Timestamp(secondsSince1970: clock)
            let kept = try answers(server, now: now), made = try answers(fresh, now: now)
            let difference = Self.firstDifference(kept, made)
            #expect(difference.isEmpty, "round \(round): \(difference)")
            // Asked again, from the cache this time.
            let again = Self.firstDifference(try answers(server, now: now), made)
            #expect(again.isEmpty, "round \(round), again: \(again)")
            if made.map({ $0.replacingOccurrences(of: now.description, with: "") }) != previous { changes += 1 }
            previous = made.map { $0.replacingOccurrences(of: now.description, with: "") }
            switch round % 4 {
            case 0:  // edited by hand and synced by another process
                try mutate(repo, folders.randomElement(using: &rng)!, at: clock, &rng)
                clock += 2
                try editor.sync(now: Timestamp(secondsSince1970: clock))
            case 1:  // an embargo that ends in a few seconds, synced; then time passes with no sync
                let folder = folders.randomElement(using: &rng)!
                try repo.edit(folder + "/item.yaml") { text in
                    text.split(separator: "\n").filter { !$0.hasPrefix("embargo:") }.joined(separator: "\n") + "\nembargo: \(Timestamp(secondsSince1970: clock + 3))\n"
                }
                try editor.sync(now: Timestamp(secondsSince1970: clock))
            case 2:  // the embargo ends; a writer died between clearing the stamp and writing it
                clock += 5
                try Data().write(to: repo.root.appendingPathComponent(".quangba/ledger.lock"))
            default:  // a pull brings another clone's facts: an item public there once, never seen here
                let folder = folders.randomElement(using: &rng)!.split(separator: "/")
                let line = "\(Timestamp(secondsSince1970: clock - 100))\t\(folder[1])/\(folder[2])-ban-sao\tkind:\(folder[1]) lang:en lang:ja\n"
                let facts = repo.root.appendingPathComponent(RecordLedger.factsFile)
                try (String(decoding: (try? Data(contentsOf: facts)) ?? Data(), as: UTF8.self) + line).write(to: facts, atomically: true, encoding: .utf8)
                clock += 1
                try editor.sync(now: Timestamp(secondsSince1970: clock))
            }
        }
        // Most rounds changed what is served (the test is about those).
        #expect(changes >= 14, "\(changes)")
    }

    /// The first answer that differs: its request, and its first differing line.
    static func firstDifference(_ a: [String], _ b: [String]) -> String {
        guard let (x, y) = zip(a, b).first(where: { $0 != $1 }) else { return a.count == b.count ? "" : "\(a.count) answers ≠ \(b.count)" }
        let (xl, yl) = (x.split(separator: "\n"), y.split(separator: "\n"))
        let line = (0..<min(xl.count, yl.count)).first { xl[$0] != yl[$0] } ?? min(xl.count, yl.count)
        return "\(xl.dropFirst(3).first ?? "")\nline \(line): \(xl.dropFirst(max(0, line - 3)).prefix(5).joined(separator: "\n"))\n≠\n\(yl.dropFirst(max(0, line - 3)).prefix(5).joined(separator: "\n"))"
    }

    /// The records the harvester has wrong: missing, extra, or an old copy.
    static func difference(_ harvested: [String: String], _ truth: [String: String]) -> [String] {
        Set(harvested.keys).union(truth.keys).sorted().compactMap { id in
            switch (harvested[id], truth[id]) {
            case (nil, _): "missing \(id)"
            case (_, nil): "kept \(id)"
            case let (a?, b?): a == b ? nil : "stale \(id)"
            }
        }
    }

    /// One random change to an item folder, made by hand as an editor would in a text editor.
    func mutate(_ repo: SampleCopy, _ folder: String, at clock: Int64, _ rng: inout SplitMix) throws {
        let fm = FileManager.default
        let files = try fm.contentsOfDirectory(atPath: repo.root.appendingPathComponent(folder).path)
        let item = folder + "/item.yaml"
        switch Int.random(in: 0..<6, using: &rng) {
        case 0:  // the public text edited (the approved version, or the only one)
            guard let md = files.filter({ $0.hasSuffix(".approved.md") }).sorted().randomElement(using: &rng)
                ?? files.filter({ $0.hasSuffix(".md") }).sorted().randomElement(using: &rng) else { return }
            try repo.edit(folder + "/" + md) { $0 + "\nMột câu thêm vào lúc \(clock).\n" }
        case 1:  // withdrawn, or published again
            try repo.edit(item) { text in
                text.contains("state: published")
                    ? text.replacingOccurrences(of: "state: published", with: "state: withdrawn\nwithdrawn: \(Timestamp(secondsSince1970: clock))")
                    : text.replacingOccurrences(of: "state: withdrawn", with: "state: published")
                        .split(separator: "\n").filter { !$0.hasPrefix("withdrawn:") }.joined(separator: "\n") + "\n"
            }
        case 2, 3:  // an embargo that ends soon, has ended, or none
            let ends = clock + Int64.random(in: -3...8, using: &rng)
            let none = Int.random(in: 0..<3, using: &rng) == 0
            try repo.edit(item) { text in
                let kept = text.split(separator: "\n").filter { !$0.hasPrefix("embargo:") }.joined(separator: "\n") + "\n"
                return none ? kept : kept + "embargo: \(Timestamp(secondsSince1970: ends))\n"
            }
        case 4:  // internal and back
            try repo.edit(item) { text in
                text.contains("classification: public")
                    ? text.replacingOccurrences(of: "classification: public", with: "classification: internal")
                    : text.replacingOccurrences(of: "classification: internal", with: "classification: public")
            }
        default:  // the English version no longer approved, or approved again
            guard files.contains("en.md"), files.contains("en.approved.md") else { return }
            try repo.edit(folder + "/en.md") { text in
                text.contains("status: approved")
                    ? text.replacingOccurrences(of: "status: approved", with: "status: draft")
                    : text.replacingOccurrences(of: "status: review", with: "status: approved")
            }
        }
    }

    /// Deletions are facts of the repository: they survive an index rebuilt from nothing and a
    /// fresh clone, whatever made the record stop being public.
    @Test func deletionsSurviveRebuildAndClone() throws {
        let repo = try SampleCopy()
        let t0 = Timestamp(parsing: "2026-12-01T00:00:00Z")!
        try index(repo).sync(now: t0)
        // Withdrawn, internal, under a new embargo, and no longer approved in English.
        try repo.edit("content/article/am-thuc-xu-lang/item.yaml") { $0.replacingOccurrences(of: "classification: public", with: "classification: internal") }
        try repo.edit("content/media/cua-khau-huu-nghi/item.yaml") { $0 + "embargo: 2027-06-01T00:00:00Z\n" }
        try repo.edit("content/event/hoi-nghi-xuc-tien-dau-tu-tinh-lang-son-nam-2026/en.md") { $0.replacingOccurrences(of: "status: approved", with: "status: draft") }
        let t1 = Timestamp(parsing: "2026-12-01T01:00:00Z")!
        try index(repo).sync(now: t1)
        let expected = ["article/am-thuc-xu-lang", "media/cua-khau-huu-nghi", "article/thong-bao-tam-dung-thong-quan-cua-khau-tan-thanh"]

        func check(_ root: URL, _ what: String) throws {
            let index = try Index(repository: try Repository(root: root))
            try index.sync(now: Timestamp(parsing: "2026-12-02T00:00:00Z")!)
            let oai = try OAIProvider(index: index, endpoint: "http://127.0.0.1:8080/oai")
            let now = Timestamp(parsing: "2026-12-02T00:00:00Z")!
            for record in expected {
                let text = String(decoding: try oai.respond([("verb", "GetRecord"), ("identifier", Self.domain + record), ("metadataPrefix", "oai_dc")], now: now), as: UTF8.self)
                #expect(text.contains("<header status=\"deleted\">"), "\(what): \(record) \(text.prefix(400))")
            }
            // The English set no longer has the event, which is still public in Vietnamese.
            let en = String(decoding: try oai.respond([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "lang:en")], now: now), as: UTF8.self)
            let event = "hoi-nghi-xuc-tien-dau-tu-tinh-lang-son-nam-2026</identifier>"
            #expect(en.components(separatedBy: "<header").contains { $0.hasPrefix(" status=\"deleted\"") && $0.contains(event) }, "\(what)")
            let all = String(decoding: try oai.respond([("verb", "GetRecord"), ("identifier", Self.domain + "event/hoi-nghi-xuc-tien-dau-tu-tinh-lang-son-nam-2026"), ("metadataPrefix", "oai_dc")], now: now), as: UTF8.self)
            #expect(!all.contains("status=\"deleted\"") && !all.contains("<setSpec>lang:en</setSpec>"), "\(what)")
            // And the export since before the changes says so too.
            var options = XMLExport.Options()
            options.since = t0
            options.now = now
            var bytes: [UInt8] = []
            _ = try XMLExport.write(index: index, options: options) { bytes += $0; return true }
            let xml = String(decoding: bytes, as: UTF8.self)
            for record in expected {
                let parts = record.split(separator: "/")
                #expect(xml.contains("<deleted id=\"\(parts[1])\" kind=\"\(parts[0])\""), "\(what): export lacks \(record)")
            }
        }

        // The index thrown away: only the repository is left to know.
        try FileManager.default.removeItem(at: repo.root.appendingPathComponent(".quangba"))
        try check(repo.root, "rebuilt index")

        // A fresh clone of the repository as committed.
        try git(["init", "-q"], repo.root)
        try git(["add", "-A"], repo.root)
        try git(["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "content"], repo.root)
        let clone = FileManager.default.temporaryDirectory.appendingPathComponent("qb-clone-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clone) }
        try git(["clone", "-q", repo.root.path, clone.path], repo.root)
        try check(clone, "fresh clone")
    }

    /// An item that was never public (its embargo never ended) and is then withdrawn leaves no
    /// trace: its id is not public either.
    @Test func neverPublicLeavesNoDeletedRecord() throws {
        let repo = try SampleCopy()
        try repo.edit("content/media/cua-khau-huu-nghi/item.yaml") { $0 + "embargo: 2027-06-01T00:00:00Z\n" }
        try index(repo).sync(now: Timestamp(parsing: "2026-12-01T00:00:00Z")!)
        try repo.edit("content/media/cua-khau-huu-nghi/item.yaml") { $0.replacingOccurrences(of: "state: published", with: "state: withdrawn") }
        let index = try index(repo)
        let now = Timestamp(parsing: "2026-12-01T01:00:00Z")!
        try index.sync(now: now)
        let oai = try OAIProvider(index: index, endpoint: "http://127.0.0.1:8080/oai")
        let text = String(decoding: try oai.respond([("verb", "GetRecord"), ("identifier", Self.domain + "media/cua-khau-huu-nghi"), ("metadataPrefix", "oai_dc")], now: now), as: UTF8.self)
        #expect(text.contains("code=\"idDoesNotExist\""))
        let facts = (try? String(contentsOf: repo.root.appendingPathComponent(RecordLedger.factsFile), encoding: .utf8)) ?? ""
        #expect(!facts.contains("media/cua-khau-huu-nghi\t"))
    }

    /// Two clones that each recorded new facts merge without a conflict, keeping both
    /// (the `.gitattributes` of a new repository).
    @Test func factsOfTwoClonesMergeWithoutConflict() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("qb-union-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try Repository.initialize(at: root, provinceName: "Lạng Sơn")
        let facts = root.appendingPathComponent(RecordLedger.factsFile)
        try Data("# facts\n".utf8).write(to: facts)
        let user = ["-c", "user.name=T", "-c", "user.email=t@example.org"]
        try git(["init", "-q", "-b", "main"], root)
        try git(["add", "-A"], root)
        try git(user + ["commit", "-qm", "start"], root)
        try git(["checkout", "-q", "-b", "other"], root)
        try AtomicFile.appendLine("2026-12-01T00:00:00Z\tarticle/a\tkind:article", to: facts)
        try git(user + ["commit", "-qam", "a"], root)
        try git(["checkout", "-q", "main"], root)
        try AtomicFile.appendLine("2026-12-01T00:00:01Z\tarticle/b\tkind:article", to: facts)
        try git(user + ["commit", "-qam", "b"], root)
        try git(user + ["merge", "-q", "--no-edit", "other"], root)
        let merged = try String(contentsOf: facts, encoding: .utf8)
        #expect(merged.contains("article/a\t") && merged.contains("article/b\t") && !merged.contains("<<<<<<<"))
    }

    func index(_ repo: SampleCopy) throws -> Index { try Index(repository: try Repository(root: repo.root)) }

    func git(_ args: [String], _ dir: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        p.arguments = args
        p.currentDirectoryURL = dir
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "git \(args)")
    }
}
