import Foundation
import Testing
import QuangBaTestSupport
import QuangBaContent
import QuangBaCore
@testable import QuangBaSite
import QuangBaStore

/// A private copy of the sample repository at the package root (Lạng Sơn, sample data).
final class SampleRepo {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let root: URL
    var out: URL { root.appendingPathComponent("_site") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("qb-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for name in ["quangba.yaml", "content", "locales", "site-templates"] {
            try FileManager.default.copyItem(at: Self.package.appendingPathComponent(name), to: root.appendingPathComponent(name))
        }
    }
    deinit { try? FileManager.default.removeItem(at: root) }

    /// A fixed clock, so that embargoes and "upcoming" events do not move under the tests.
    static let now = Timestamp(parsing: "2026-11-20T00:00:00Z")!

    @discardableResult
    func build(into out: URL? = nil, clean: Bool = false, now: Timestamp = SampleRepo.now) throws -> SiteBuild.Report {
        let index = try Index(repository: try Repository(root: root))
        try index.sync()
        var options = SiteBuild.Options(out: out ?? self.out)
        options.clean = clean
        options.now = now
        return try SiteBuild(index: index, options: options).run()
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String, in out: URL? = nil) -> String {
        (try? String(contentsOf: (out ?? self.out).appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    /// Every file of a built site, relative to it.
    static func files(_ folder: URL) -> [String] {
        var out: [String] = []
        let e = FileManager.default.enumerator(atPath: folder.path)
        while let f = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.path + "/" + f, isDirectory: &isDir), !isDir.boolValue { out.append(f) }
        }
        return out.sorted()
    }
}

/// Relative links: how many folders down a page is, and the link from it to another path.
@Suite struct SitePathTests {
    @Test func depthAndRelativeLinks() {
        #expect(SitePaths.depth("") == 0)
        #expect(SitePaths.depth("404.html") == 0)
        #expect(SitePaths.depth("vi/") == 1)
        #expect(SitePaths.depth("vi/feed.xml") == 1)
        #expect(SitePaths.depth("vi/news/cho-ky-lua/") == 3)
        #expect(SitePaths.depth("vi/news/page/2/") == 4)
        #expect(SitePaths.depth("vi//news/") == 2)
        #expect(SitePaths.href(from: "vi/news/cho-ky-lua/", to: "assets/site.css") == "../../../assets/site.css")
        #expect(SitePaths.href(from: "index.html", to: "vi/") == "vi/")
        #expect(SitePaths.href(from: "", to: "") == "./")
    }
}

@Suite(.serialized) struct SiteBuildTests {
    @Test func sampleSitePassesTheCheck() throws {
        let r = try SampleRepo()
        let report = try r.build()
        #expect(report.written == report.outputs && report.outputs > 300)
        let check = SiteCheck.run(folder: r.out, baseURL: "https://langson.quangba.example/")
        #expect(check.pages > 250)
        #expect(check.problems.isEmpty, "\(check.problems.prefix(10))")
        for (folder, tag) in [("vi", "vi"), ("en", "en"), ("zh-hans", "zh-Hans"), ("ja", "ja"), ("ko", "ko")] {
            #expect(r.read("\(folder)/index.html").contains("<html lang=\"\(tag)\">"))
        }
        // The chooser at / is x-default for the home pages, which all link to each other.
        let chooser = r.read("index.html")
        #expect(chooser.contains("hreflang=\"x-default\" href=\"https://langson.quangba.example/\""))
        #expect(chooser.contains("href=\"ja/\""))
    }

    @Test func theCheckFindsWhatIsBroken() throws {
        let r = try SampleRepo()
        try r.build()
        let page = r.out.appendingPathComponent("en/index.html")
        var html = r.read("en/index.html")
        html = html.replacingOccurrences(of: "<html lang=\"en\">", with: "<html>")
        html = html.replacingOccurrences(of: "href=\"../en/news/\"", with: "href=\"../en/nowhere/\"")
        html = html.replacingOccurrences(of: "alt=\"", with: "data-alt=\"")
        try Data(html.utf8).write(to: page)
        // A page that no longer links back to the English home breaks the hreflang set.
        let ja = r.out.appendingPathComponent("ja/index.html")
        try Data(r.read("ja/index.html").replacingOccurrences(of: "hreflang=\"en\"", with: "hreflang=\"en-GB\" data-x").utf8).write(to: ja)
        try Data(r.read("ja/index.html").replacingOccurrences(of: "https://langson.quangba.example/en/\"", with: "https://langson.quangba.example/en/nope\"").utf8).write(to: ja)
        let keys = SiteCheck.run(folder: r.out, baseURL: "https://langson.quangba.example/").problems.map { "\($0.file) \($0.message.key)" }
        #expect(keys.contains("en/index.html check.no_lang"))
        #expect(keys.contains("en/index.html check.broken_link"))
        #expect(keys.contains("en/index.html check.no_alt"))
        #expect(keys.contains("en/index.html check.hreflang_not_reciprocal"))
    }

    @Test func buildsAreByteIdentical() throws {
        let r = try SampleRepo()
        let a = r.root.appendingPathComponent("a"), b = r.root.appendingPathComponent("b")
        try r.build(into: a)
        try r.build(into: b)
        // Their manifests differ: they record each file's inode.
        let files = SampleRepo.files(a).filter { $0 != ".quangba-site" }
        #expect(files == SampleRepo.files(b).filter { $0 != ".quangba-site" })
        let differing = files.filter { FileManager.default.contents(atPath: a.path + "/" + $0) != FileManager.default.contents(atPath: b.path + "/" + $0) }
        #expect(differing.isEmpty, "\(differing)")
    }

    @Test func rebuildsWriteOnlyWhatChanged() throws {
        let r = try SampleRepo()
        let first = try r.build()
        let again = try r.build()
        #expect(again.written == 0 && again.deleted == 0 && again.unchanged == first.outputs)

        // One edit, approved (the public sees the approved version, en.approved.md): the item's
        // pages and the pages that list it, not the whole site.
        let en = "content/article/am-thuc-xu-lang/en.md"
        let text = try String(contentsOf: r.root.appendingPathComponent(en), encoding: .utf8)
        try r.write(en, text + "\nA sentence added by the test.\n")
        try r.write("content/article/am-thuc-xu-lang/en.approved.md", text + "\nA sentence added by the test.\n")
        let edited = try r.build()
        #expect(edited.written > 0 && edited.written < 40, "\(edited)")
        #expect(r.read("en/news/am-thuc-xu-lang/index.html").contains("A sentence added by the test."))

        // Withdrawn: its pages go, in every language, and so do links to it.
        let yaml = try String(contentsOf: r.root.appendingPathComponent("content/article/am-thuc-xu-lang/item.yaml"), encoding: .utf8)
        try r.write("content/article/am-thuc-xu-lang/item.yaml",
                    yaml.replacingOccurrences(of: "state: published", with: "state: withdrawn") + "withdrawn: 2026-11-01T00:00:00Z\n")
        let withdrawn = try r.build()
        #expect(withdrawn.deleted == 2)
        #expect(!FileManager.default.fileExists(atPath: r.out.appendingPathComponent("vi/news/am-thuc-xu-lang/index.html").path))
        #expect(!r.read("en/news/index.html").contains("am-thuc-xu-lang"))
        #expect(SiteCheck.run(folder: r.out, baseURL: "https://langson.quangba.example/").problems.isEmpty)

        // --clean renders everything again.
        #expect(try r.build(clean: true).written == withdrawn.outputs)
    }

    /// Whatever path an incremental build takes (only bodies changed, or more), its result is
    /// exactly what a build from scratch makes.
    @Test(arguments: [
        ("content/article/am-thuc-xu-lang/vi.md", "\nMột câu thêm vào thân bài.\n"),        // source body: pages of one item
        ("content/media/dinh-nui-mau-son/en.md", "\nOne more sentence.\n"),                // a photo used elsewhere
        ("content/project/khu-du-lich-nghi-duong-sinh-thai-mau-son/ja.md", "\n追記。\n"),  // a translation's body
    ])
    func incrementalEqualsFromScratch(file: String, addition: String) throws {
        let r = try SampleRepo()
        try r.build()
        let text = try String(contentsOf: r.root.appendingPathComponent(file), encoding: .utf8)
        // Edits as approved: the working file and the approved version the public sees.
        func approvedEdit(_ new: String) throws {
            try r.write(file, new)
            try r.write(String(file.dropLast(3)) + ".approved.md", new)
        }
        try approvedEdit(text + addition)
        let report = try r.build()
        #expect(report.written >= 1 && report.written <= 5, "\(report)")
        // A title edit changes cards and lists too.
        try approvedEdit(text.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Sửa ") + addition)
        #expect(try r.build().written > 5)
        let fresh = r.root.appendingPathComponent("fresh")
        try r.build(into: fresh)
        let files = SampleRepo.files(r.out).filter { $0 != ".quangba-site" }
        #expect(files == SampleRepo.files(fresh).filter { $0 != ".quangba-site" })
        let differing = files.filter { FileManager.default.contents(atPath: r.out.path + "/" + $0) != FileManager.default.contents(atPath: fresh.path + "/" + $0) }
        #expect(differing.isEmpty, "\(differing)")
    }

    /// Nothing in the files changes, yet the site must: an embargo ends, or an output file was
    /// deleted by hand.
    @Test func timeAndMissingFilesAreNoticedWithoutAnyEdit() throws {
        let r = try SampleRepo()
        let yaml = try String(contentsOf: r.root.appendingPathComponent("content/article/am-thuc-xu-lang/item.yaml"), encoding: .utf8)
        try r.write("content/article/am-thuc-xu-lang/item.yaml", yaml + "embargo: 2026-12-01T00:00:00Z\n")
        try r.build(now: Timestamp(parsing: "2026-11-30T23:00:00Z")!)
        #expect(!FileManager.default.fileExists(atPath: r.out.appendingPathComponent("en/news/am-thuc-xu-lang/index.html").path))
        let later = try r.build(now: Timestamp(parsing: "2026-12-01T00:00:01Z")!)
        #expect(later.written > 2)
        #expect(r.read("en/news/am-thuc-xu-lang/index.html").contains("<h1>The cuisine of <span lang=\"vi\">Lạng Sơn</span></h1>"))

        try FileManager.default.removeItem(at: r.out.appendingPathComponent("ja/index.html"))
        let restored = try r.build(now: Timestamp(parsing: "2026-12-01T00:00:01Z")!)
        #expect(restored.written == 1)
        #expect(r.read("ja/index.html").contains("<html lang=\"ja\">"))
    }

    @Test func aFolderThatIsNotASiteIsNeverEmptied() throws {
        let r = try SampleRepo()
        let other = r.root.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: other.appendingPathComponent("notes.txt"))
        #expect(throws: QuangBaError.self) { try r.build(into: other, clean: true) }
        #expect(FileManager.default.fileExists(atPath: other.appendingPathComponent("notes.txt").path))
    }

    @Test func aMissingUIStringNamesTheKeyAndTheFile() throws {
        let r = try SampleRepo()
        let ja = try String(contentsOf: r.root.appendingPathComponent("locales/ja.yaml"), encoding: .utf8)
        try r.write("locales/ja.yaml", ja.split(separator: "\n").filter { !$0.hasPrefix("project_capital:") }.joined(separator: "\n"))
        do {
            try r.build()
            Issue.record("the build should have failed")
        } catch let e as QuangBaError {
            #expect(e.diagnostics.contains { $0.location.file == "locales/ja.yaml" && $0.message.args["key"] == "project_capital" })
        }
        #expect(!FileManager.default.fileExists(atPath: r.out.appendingPathComponent("ja/index.html").path))
    }

    /// Amounts with each language's scale words and separators: 2,100,000,000,000 VND is
    /// 2.100 tỷ (10⁹) in Vietnamese, 2.1 trillion in English, 2.1万亿 in Chinese and
    /// 2兆1,000億 / 2조 1,000억 (every myriad, 10⁴ steps) in Japanese and Korean.
    @Test func moneyIsWrittenTheWayEachLanguageWritesIt() throws {
        let r = try SampleRepo()
        try r.build()
        let id = "dau-tu-xay-dung-va-kinh-doanh-ha-tang-khu-cong-nghiep-dong-banh"
        #expect(r.read("vi/projects/\(id)/index.html").contains("2.100 tỷ đồng"))
        #expect(r.read("en/projects/\(id)/index.html").contains("VND 2.1 trillion"))
        #expect(r.read("zh-hans/projects/\(id)/index.html").contains("2.1万亿越南盾"))
        #expect(r.read("ja/projects/\(id)/index.html").contains("2兆1,000億ドン"))
        #expect(r.read("ko/projects/\(id)/index.html").contains("2조 1,000억 동"))
        // 25 million US dollars: 25 triệu USD; 2,500 万 (10⁴) in Chinese and Japanese.
        let usd = "nha-may-che-bien-sau-hoi-que-lang-son"
        #expect(r.read("vi/projects/\(usd)/index.html").contains("25 triệu USD"))
        #expect(r.read("zh-hans/projects/\(usd)/index.html").contains("2,500万美元"))
        #expect(r.read("ja/projects/\(usd)/index.html").contains("2,500万ドル"))
    }

    @Test func fallbackShowsTheSourceTextMarkedAsSuch() throws {
        let r = try SampleRepo()
        let config = try String(contentsOf: r.root.appendingPathComponent("quangba.yaml"), encoding: .utf8)
        try r.write("quangba.yaml", config.replacingOccurrences(of: "missing_translation: omit", with: "missing_translation: fallback"))
        try r.build()
        // am-thuc-xu-lang has only vi and en: in Japanese it is shown in Vietnamese, said so,
        // marked lang="vi", and points search engines at the Vietnamese original.
        let page = r.read("ja/news/am-thuc-xu-lang/index.html")
        #expect(page.contains("<html lang=\"ja\">"))
        #expect(page.contains("class=\"notice fallback-notice\""))
        #expect(page.contains("<h1 lang=\"vi\">"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://langson.quangba.example/vi/news/am-thuc-xu-lang/\">"))
        #expect(!page.contains("<link rel=\"alternate\" hreflang="))
        #expect(SiteCheck.run(folder: r.out, baseURL: "https://langson.quangba.example/").problems.isEmpty)
    }
}

/// Items that break a rule between items (`CrossItemRules`) are not on the site, whatever the
/// last build had; a duplicate id is an error of both folders, never a crash.
@Suite(.serialized) struct InvalidItemSiteTests {
    let vi = LanguageCode("vi")

    func page(_ r: SampleRepo, _ kind: ItemKind, _ id: String) -> Bool {
        FileManager.default.fileExists(atPath: r.out.appendingPathComponent(SitePaths.file(for: SitePaths.item(kind, ItemID(id)!, vi))).path)
    }

    @Test func aDuplicateIDTakesBothFoldersOffTheSite() throws {
        let r = try SampleRepo()
        try r.build()
        #expect(page(r, .article, "am-thuc-xu-lang"))
        let copy = r.root.appendingPathComponent("content/clarification/am-thuc-xu-lang")
        try FileManager.default.copyItem(at: r.root.appendingPathComponent("content/article/am-thuc-xu-lang"), to: copy)
        let yaml = copy.appendingPathComponent("item.yaml")
        try Data(try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "kind: article", with: "kind: clarification").utf8).write(to: yaml)
        try r.build()
        #expect(!page(r, .article, "am-thuc-xu-lang") && !page(r, .clarification, "am-thuc-xu-lang"))
        // An item pointing to it keeps its page, without the link.
        #expect(page(r, .article, "hoi-lang-son-dac-san-vung-bien"))
        #expect(!r.read(SitePaths.file(for: SitePaths.item(.article, ItemID("hoi-lang-son-dac-san-vung-bien")!, vi))).contains("am-thuc-xu-lang"))
        try FileManager.default.removeItem(at: copy)
        try r.build()
        #expect(page(r, .article, "am-thuc-xu-lang"))
    }

    /// Only the target's folder changes: the item pointing to it goes, and comes back.
    @Test func anItemWhoseRelationTargetIsDeletedLeavesTheSite() throws {
        let r = try SampleRepo()
        try r.build()
        #expect(page(r, .article, "hoi-lang-son-dac-san-vung-bien"))
        let target = r.root.appendingPathComponent("content/article/am-thuc-xu-lang")
        let aside = r.root.appendingPathComponent("aside")
        try FileManager.default.moveItem(at: target, to: aside)
        try r.build()
        #expect(!page(r, .article, "hoi-lang-son-dac-san-vung-bien"))
        try FileManager.default.moveItem(at: aside, to: target)
        try r.build()
        #expect(page(r, .article, "hoi-lang-son-dac-san-vung-bien"))
    }
}
