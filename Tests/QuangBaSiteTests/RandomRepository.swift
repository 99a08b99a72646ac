import Foundation
import QuangBaTestSupport
import QuangBaCore

/// A repository made at random for `GateEquivalenceTests`: the sample's configuration, UI
/// strings and templates, and items of every kind written from specs, each folder written again
/// whenever its spec changes. Items are public or kept out for every reason the gate has, and
/// for several at once; embargoes end at moments the test probes before, at and after.
final class RandomRepository {
    /// One item folder as the generator means it.
    struct Spec {
        enum Stored { case image, video, pdf }
        struct Text {
            var title: String
            var summary: String
            var alt: String?
            var body: String
            /// Nil for the source text, which has no status.
            var status: TranslationStatus?
        }
        var kind: ItemKind
        var id: String
        var n: Int
        var stored: Stored?
        var state: ItemState = .published
        var classification: Classification = .public
        var embargo: Int64?
        var published: Int64?
        var withdrawn: Int64?
        /// A topic quangba.yaml does not have: an error of the item's own.
        var unknownTopic = false
        var cover: String?
        var related: [String] = []
        var attachments: [String] = []
        var texts: [String: Text] = [:]
        /// Approved versions beside the working files, by file name, as written at approval.
        var approved: [String: String] = [:]
        /// A second folder for an id that has one: both are in error. Never edited or removed.
        var isClone = false
        var folder: String { "content/\(kind.rawValue)/\(id)" }
        var key: String { "\(kind.rawValue)/\(id)" }
    }

    /// Items made to show one case each, before the random ones.
    enum Forced: Int, CaseIterable {
        case plain, photo, draft, review, approvedState, withdrawn, withdrawnWithoutLanguage, internalItem
        case embargoAtFirstProbe, embargoFirstEnd, embargoSecondEnd, embargoPast, embargoNever
        case ownError, brokenRelation, coverNotPhoto, duplicate, photoWithoutAlt, draftTranslation, blankTitle, linksToEmbargoed, linksToTwoEmbargoed
    }

    static let day: Int64 = 86400
    static let languages = ["vi", "en", "zh-Hans", "ja", "ko"]
    static let fixtures = SampleRepo.package.appendingPathComponent("Tests/Fixtures")
    /// Only a zero-width space: a title or alt text the reader accepts and the gate calls blank.
    static let invisible = "\u{200B}"

    let root: URL
    let seed: UInt64
    let t0: Int64
    /// The embargo an edit puts an item under; the test probes its end.
    let laterEmbargo: Int64
    var rng: SplitMix
    private(set) var specs: [Spec] = []
    let photo: [UInt8], video: [UInt8], pdf: [UInt8]

    init(seed: UInt64, t0: Int64, embargoes: [Int64], laterEmbargo: Int64, count: Int = 34) throws {
        self.seed = seed
        self.t0 = t0
        self.laterEmbargo = laterEmbargo
        rng = SplitMix(seed: seed)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("qb-gate-\(UUID().uuidString)")
        self.root = root
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        for name in ["quangba.yaml", "locales", "site-templates"] {
            try fm.copyItem(at: SampleRepo.package.appendingPathComponent(name), to: root.appendingPathComponent(name))
        }
        photo = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("repo/content/media/anh-mau-son/anh-mau-son.png")))
        video = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("formats/tiny.mp4")))
        pdf = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("formats/one-page.pdf")))

        let forced = Forced.allCases
        for n in 0..<max(count, forced.count) {
            specs.append(n < forced.count ? forcedSpec(n, forced[n], embargoes: embargoes) : randomSpec(n, embargoes: embargoes))
        }
        linkRandomly(from: forced.count)
        let duplicated = specs[Forced.duplicate.rawValue]
        specs.append(clone(of: duplicated, as: .clarification))
        for i in specs.indices { approveSome(i) }
        for s in specs { try write(s) }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func id(_ n: Int) -> String { "s\(seed)-\(n)" }
    func spec(_ key: String) -> Spec? { specs.first { $0.key == key } }
    func forced(_ f: Forced) -> Spec { specs[f.rawValue] }

    // MARK: Making items

    /// Published, public, in Vietnamese and approved English: what each forced case changes.
    private func plainSpec(_ n: Int, kind: ItemKind = .article, stored: Spec.Stored? = nil) -> Spec {
        var s = Spec(kind: kind, id: id(n), n: n, stored: stored)
        s.published = t0 - 30 * Self.day
        s.texts["vi"] = Self.text("vi", n)
        var en = Self.text("en", n)
        en.status = .approved
        s.texts["en"] = en
        return s
    }

    private func forcedSpec(_ n: Int, _ f: Forced, embargoes: [Int64]) -> Spec {
        var s = [.photo, .photoWithoutAlt].contains(f) ? plainSpec(n, kind: .media, stored: .image) : plainSpec(n)
        switch f {
        case .plain, .photo, .duplicate: break
        case .draft: s.state = .draft; s.published = nil
        case .review: s.state = .review; s.published = nil
        case .approvedState: s.state = .approved; s.published = nil
        case .withdrawn:
            s.state = .withdrawn
            s.withdrawn = t0 - 10 * Self.day
        case .withdrawnWithoutLanguage:
            // Withdrawn, and no language passes either: the gate never let it out.
            s.state = .withdrawn
            s.withdrawn = t0 - 10 * Self.day
            s.texts["vi"]!.title = Self.invisible
            s.texts["en"]!.status = .draft
        case .internalItem: s.classification = .internal
        case .embargoAtFirstProbe: s.embargo = embargoes[0]
        case .embargoFirstEnd: s.embargo = embargoes[1]
        case .embargoSecondEnd: s.embargo = embargoes[2]
        case .embargoPast: s.embargo = t0 - Self.day
        case .embargoNever: s.embargo = t0 + 1000 * Self.day
        case .ownError: s.unknownTopic = true
        case .brokenRelation: s.related = ["khong-co-muc-\(n)"]
        case .coverNotPhoto: s.cover = id(Forced.plain.rawValue)
        case .photoWithoutAlt: s.texts["en"]!.alt = nil
        case .draftTranslation: s.texts["en"]!.status = .draft
        case .blankTitle: s.texts["en"]!.title = Self.invisible
        case .linksToEmbargoed: s.related = [id(Forced.embargoFirstEnd.rawValue)]
        // Once the first has ended and while the second has not, it shows the first.
        case .linksToTwoEmbargoed: s.related = [id(Forced.embargoFirstEnd.rawValue), id(Forced.embargoSecondEnd.rawValue)]
        }
        return s
    }

    private func randomSpec(_ n: Int, embargoes: [Int64]) -> Spec {
        let variants: [(ItemKind, Spec.Stored?)] = [(.article, nil), (.clarification, nil), (.media, .image), (.media, .image), (.media, .video),
                                                    (.project, nil), (.event, nil), (.publication, .pdf)]
        let (kind, stored) = variants.randomElement(using: &rng)!
        var s = Spec(kind: kind, id: id(n), n: n, stored: stored)
        let states: [ItemState] = [.published, .published, .published, .published, .published, .published, .withdrawn, .draft, .review, .approved]
        s.state = states.randomElement(using: &rng)!
        if [.published, .withdrawn].contains(s.state) { s.published = t0 - 30 * Self.day }
        if s.state == .withdrawn { s.withdrawn = t0 - 10 * Self.day }
        if chance(15) { s.classification = .internal }
        s.embargo = [nil, nil, nil, nil, t0 - Self.day, embargoes[0], embargoes[1], embargoes[2], t0 + 1000 * Self.day].randomElement(using: &rng)!
        s.unknownTopic = chance(5)
        var vi = Self.text("vi", n)
        if chance(5) { vi.title = Self.invisible }
        if stored == .image, chance(10) { vi.alt = nil }
        s.texts["vi"] = vi
        for lang in Self.languages.dropFirst() where chance(55) {
            var t = Self.text(lang, n)
            t.status = chance(65) ? .approved : .draft
            if t.status == .draft, chance(20) { t.title = "" }
            if t.status == .approved, chance(6) { t.title = Self.invisible }
            if stored == .image, chance(15) { t.alt = chance(30) ? Self.invisible : nil }
            s.texts[lang] = t
        }
        if chance(4) {
            // The source text approved as its own English translation: an error of the item.
            var copy = vi
            copy.status = .approved
            s.texts["en"] = copy
        }
        return s
    }

    /// Relations of the random items: to items of any state (some embargoed), now and then
    /// to one that does not exist, to itself, or a cover that is not a photo (errors between items).
    private func linkRandomly(from first: Int) {
        let ids = specs.map(\.id)
        let media = specs.filter { $0.kind == .media }
        let attachable = specs.filter { $0.kind == .media || $0.kind == .publication }
        for i in first..<specs.count {
            if chance(40) { specs[i].related = (0..<Int.random(in: 1...2, using: &rng)).map { _ in ids.randomElement(using: &rng)! }.filter { $0 != specs[i].id } }
            if chance(5) { specs[i].related.append("khong-co-muc-\(specs[i].n)") }
            if chance(3) { specs[i].related.append(specs[i].id) }
            if chance(25) { specs[i].cover = media.randomElement(using: &rng)!.id }
            if chance(4) { specs[i].cover = specs.filter { $0.kind == .article }.randomElement(using: &rng)!.id }
            if chance(15) { specs[i].attachments = [attachable.randomElement(using: &rng)!.id] }
            var seen = Set<String>()
            specs[i].related = specs[i].related.filter { seen.insert($0).inserted }
        }
    }

    private func clone(of s: Spec, as kind: ItemKind) -> Spec {
        var c = Spec(kind: kind, id: s.id, n: s.n)
        c.published = t0 - 30 * Self.day
        c.texts["vi"] = Self.text("vi", s.n)
        c.isClone = true
        return c
    }

    /// A quarter of the items approved by a second person: their approved versions kept, and
    /// half of those edited since (the public keeps seeing the approved text).
    private func approveSome(_ i: Int) {
        guard i >= Forced.allCases.count, !specs[i].isClone, [.approved, .published, .withdrawn].contains(specs[i].state), chance(25) else { return }
        let s = specs[i]
        specs[i].approved["item.approved.yaml"] = itemYAML(s)
        for (lang, t) in s.texts where lang == "vi" || t.status == .approved {
            specs[i].approved["\(lang).approved.md"] = Self.translationFile(t, kind: s.kind)
        }
        if chance(50) {
            specs[i].texts["vi"]!.title += " (bản sửa)"
            if specs[i].texts["en"] != nil { specs[i].texts["en"]!.title += " (revised)" }
        }
    }

    /// Texts that pass the translation check in their own language.
    static func text(_ lang: String, _ n: Int) -> Spec.Text {
        switch lang {
        case "vi": Spec.Text(title: "Bài thử \(n) về Lạng Sơn", summary: "Tóm tắt bài thử số \(n).", alt: "Ảnh núi rừng Lạng Sơn số \(n)",
                             body: "Nội dung thử nghiệm về vùng đất Lạng Sơn, bài số \(n).")
        case "en": Spec.Text(title: "Test item \(n) on Lang Son", summary: "Summary of test item \(n).", alt: "A photo of the mountains, number \(n)",
                             body: "A test text about the province, item \(n).")
        case "zh-Hans": Spec.Text(title: "谅山测试条目\(n)", summary: "测试条目摘要。", alt: "谅山山景照片", body: "这是关于谅山省的测试内容。")
        case "ja": Spec.Text(title: "ランソンのテスト項目\(n)", summary: "テスト項目の概要です。", alt: "ランソンの山の写真です",
                             body: "これはランソン省についてのテストの文章です。")
        default: Spec.Text(title: "랑선 테스트 항목 \(n)", summary: "테스트 항목 요약입니다.", alt: "랑선의 산 사진", body: "이것은 랑선성에 관한 테스트 글입니다.")
        }
    }

    // MARK: Edits

    /// Random edits by hand to `count` items of distinct ids, at `now`; the first edits of a
    /// run withdraw the forced photo and un-approve the plain item's English, so that every
    /// run has a deleted record and a record deleted from one language's set. Returns what it
    /// did, for messages.
    ///
    /// Withdrawn items are only published again or removed: the rule that counts items
    /// withdrawn before the ledger existed as once public (docs/harvesting.md) reads
    /// item.yaml as it is, so an edit to a withdrawn item could make its history say otherwise.
    /// Likewise errors only grow (a clone is never removed, a folder whose id has a clone is
    /// never removed): an item withdrawn with no error then had none before either.
    func edit(count: Int, at now: Int64, first: Bool) throws -> [String] {
        var done: [String] = []
        var touched = Set<String>()
        if first {
            let photo = forced(.photo), plain = forced(.plain)
            update(photo.key) { $0.state = .withdrawn; $0.withdrawn = now }
            update(plain.key) { $0.texts["en"]!.status = .draft }
            done += ["\(photo.key) withdrawn", "\(plain.key) en no longer approved"]
            touched = [photo.id, plain.id]
        }
        let cloned = Set(specs.filter(\.isClone).map(\.id))
        while done.count < count {
            let candidates = specs.filter { !$0.isClone && !touched.contains($0.id) }
            guard let s = candidates.randomElement(using: &rng) else { break }
            touched.insert(s.id)
            let what = edit(s, at: now, hasClone: cloned.contains(s.id))
            done.append("\(s.key) \(what)")
        }
        for s in specs where touched.contains(s.id) { try write(s) }
        for key in removed { try? FileManager.default.removeItem(at: root.appendingPathComponent("content/" + key)) }
        removed = []
        return done
    }

    private var removed: [String] = []

    private func update(_ key: String, _ change: (inout Spec) -> Void) {
        if let i = specs.firstIndex(where: { $0.key == key }) { change(&specs[i]) }
    }

    private func edit(_ s: Spec, at now: Int64, hasClone: Bool) -> String {
        let key = s.key
        if s.state == .withdrawn {
            if !hasClone, chance(20) { return remove(s) }
            update(key) { $0.state = .published; $0.withdrawn = nil }
            return "published again"
        }
        let translations = s.texts.keys.filter { $0 != "vi" }.sorted()
        switch Int.random(in: 0..<10, using: &rng) {
        case 0 where s.state == .published:
            update(key) { $0.state = .withdrawn; $0.withdrawn = now }
            return "withdrawn"
        case 1 where !translations.isEmpty:
            let lang = translations.randomElement(using: &rng)!
            update(key) { $0.texts[lang]!.status = $0.texts[lang]!.status == .approved ? .draft : .approved }
            return "\(lang) \(spec(key)!.texts[lang]!.status!.rawValue)"
        case 2 where !translations.isEmpty:
            let lang = translations.randomElement(using: &rng)!
            update(key) { $0.texts[lang] = nil }
            return "\(lang).md removed"
        case 3:
            update(key) { $0.embargo = $0.embargo == nil ? self.laterEmbargo : nil }
            return "embargo \(spec(key)!.embargo.map { "until t0+\($0 - t0)" } ?? "lifted")"
        case 4:
            let target = chance(70) ? specs.randomElement(using: &rng)!.id : "khong-co-muc-moi-\(s.n)"
            update(key) { if !$0.related.contains(target) { $0.related.append(target) } }
            return "now related to \(target)"
        case 5 where !hasClone:
            let c = clone(of: s, as: s.kind == .article ? .clarification : .article)
            specs.append(c)
            return "cloned as \(c.key)"
        case 6 where !hasClone:
            return remove(s)
        case 7:
            if s.stored == .image, let lang = s.texts.keys.sorted().randomElement(using: &rng) {
                update(key) { $0.texts[lang]!.alt = nil }
                return "\(lang) alt text removed"
            }
            let lang = s.texts.keys.sorted().randomElement(using: &rng)!
            update(key) { $0.texts[lang]!.title = Self.invisible }
            return "\(lang) title blanked"
        case 8 where s.state != .published:
            update(key) { $0.state = .published; $0.published = $0.published ?? now }
            return "published"
        default:
            update(key) { $0.classification = $0.classification == .public ? .internal : .public }
            return spec(key)!.classification.rawValue
        }
    }

    private func remove(_ s: Spec) -> String {
        specs.removeAll { $0.key == s.key }
        removed.append(s.key)
        return "folder removed"
    }

    // MARK: Files

    private func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }

    static func ts(_ t: Int64) -> String { Timestamp(secondsSince1970: t).description }

    func itemYAML(_ s: Spec) -> String {
        var y = """
        kind: \(s.kind.rawValue)
        source_language: vi
        created: \(Self.ts(t0 - 90 * Self.day))
        updated: \(Self.ts(t0 - 60 * Self.day))
        author: Người Thử Nghiệm
        state: \(s.state.rawValue)
        classification: \(s.classification.rawValue)

        """
        if let e = s.embargo { y += "embargo: \(Self.ts(e))\n" }
        if let p = s.published { y += "published: \(Self.ts(p))\n" }
        if let w = s.withdrawn { y += "withdrawn: \(Self.ts(w))\n" }
        y += "unit: ttxt\ntopics: [culture\(s.unknownTopic ? ", khong-ton-tai" : "")]\n"
        if s.cover != nil || !s.related.isEmpty || !s.attachments.isEmpty {
            y += "relations:\n"
            if let c = s.cover { y += "  cover: \(c)\n" }
            if !s.related.isEmpty { y += "  related: [\(s.related.joined(separator: ", "))]\n" }
            if !s.attachments.isEmpty { y += "  attachments: [\(s.attachments.joined(separator: ", "))]\n" }
        }
        switch (s.kind, s.stored) {
        case (.media, .image?):
            y += "media:\n\(fileFacts("anh.png", "image/png", photo))  width: 7\n  height: 5\n  credit: Dữ liệu thử\n  licence: https://creativecommons.org/licenses/by/4.0/\n"
        case (.media, _):
            y += "media:\n\(fileFacts("phim.mp4", "video/mp4", video))  credit: Dữ liệu thử\n  licence: https://creativecommons.org/licenses/by/4.0/\n"
        case (.publication, _):
            y += "publication:\n\(fileFacts("tai-lieu.pdf", "application/pdf", pdf))"
        case (.project, _):
            y += "project:\n  sector: energy\n  location:\n    locality: loc-binh\n  form: domestic\n  status: calling\n  contact_unit: so-tai-chinh\n"
        case (.event, _):
            y += "event:\n  start: \(Self.ts(t0 + 30 * Self.day))\n  end: \(Self.ts(t0 + 31 * Self.day))\n"
        default: break
        }
        return y
    }

    private func fileFacts(_ name: String, _ type: String, _ bytes: [UInt8]) -> String {
        "  file: \(name)\n  type: \(type)\n  sha256: \(SHA256.hex(bytes))\n  bytes: \(bytes.count)\n"
    }

    private func storedFile(_ s: Spec) -> (String, [UInt8])? {
        switch s.stored {
        case .image?: ("anh.png", photo)
        case .video?: ("phim.mp4", video)
        case .pdf?: ("tai-lieu.pdf", pdf)
        case nil: nil
        }
    }

    static func translationFile(_ t: Spec.Text, kind: ItemKind) -> String {
        var f = "---\ntitle: \"\(t.title)\"\nsummary: \"\(t.summary)\"\n"
        if kind == .media, let alt = t.alt { f += "alt: \"\(alt)\"\n" }
        if let status = t.status { f += "status: \(status.rawValue)\ntranslator: Người Dịch\n" }
        return f + "---\n\n\(t.body)\n"
    }

    /// The item's folder, written anew from its spec.
    func write(_ s: Spec) throws {
        let folder = root.appendingPathComponent(s.folder)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var files = ["item.yaml": Array(itemYAML(s).utf8)]
        for (lang, t) in s.texts { files["\(lang).md"] = Array(Self.translationFile(t, kind: s.kind).utf8) }
        for (name, text) in s.approved { files[name] = Array(text.utf8) }
        if let (name, bytes) = storedFile(s) { files[name] = bytes }
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
    }

    /// What the spec says, for messages: enough to see why the gate decided as it did.
    func describe(_ key: String) -> String {
        guard let s = spec(key) else { return "(folder removed)" }
        var parts = ["\(s.state.rawValue)", s.classification.rawValue]
        if let e = s.embargo { parts.append("embargo t0\(e >= t0 ? "+" : "")\(e - t0)") }
        if s.unknownTopic { parts.append("unknown topic") }
        if s.isClone { parts.append("clone") }
        if let c = s.cover { parts.append("cover \(c)") }
        if !s.related.isEmpty { parts.append("related \(s.related)") }
        if !s.attachments.isEmpty { parts.append("attachments \(s.attachments)") }
        if !s.approved.isEmpty { parts.append("approved versions \(s.approved.keys.sorted())") }
        for lang in Self.languages {
            guard let t = s.texts[lang] else { continue }
            var d = lang + ":" + (t.status?.rawValue ?? "source")
            if t.title.isEmpty { d += ",no title" } else if t.title == Self.invisible { d += ",invisible title" }
            if s.stored == .image { d += t.alt == nil ? ",no alt" : t.alt == Self.invisible ? ",invisible alt" : "" }
            parts.append(d)
        }
        return parts.joined(separator: " ")
    }
}
