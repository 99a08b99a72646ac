import Foundation
import Testing
import QuangBaContent
import QuangBaCore
@testable import QuangBaSite

/// The site as a province's official portal: identity, contact and legal pages in every
/// language, sharing metadata on every page, and refusal of a logo or icon that must not be
/// published.
@Suite struct PortalTests {
    static let languages = ["vi", "en", "zh-hans", "ja", "ko"]

    /// Every HTML page of the sample site shares a picture (with alt text and size), says what
    /// card to show, and names its publisher and breadcrumbs in JSON-LD.
    @Test func everyPageIsSharedWithAPictureAndStructuredData() throws {
        let r = try SampleRepo()
        try r.build()
        let pages = SampleRepo.files(r.out).filter { $0.hasSuffix(".html") }
        #expect(pages.count > 300)
        for page in pages {
            let html = r.read(page)
            #expect(html.contains("<meta property=\"og:image\" content=\"https://langson.quangba.example/files/"), "\(page): og:image")
            #expect(html.range(of: #"<meta property="og:image:alt" content="[^"]+">"#, options: .regularExpression) != nil, "\(page): og:image:alt")
            #expect(html.contains("<meta property=\"og:image:width\""), "\(page): og:image:width")
            #expect(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"), "\(page): twitter:card")
            let blocks = Self.jsonLD(html)
            let graph = blocks.compactMap { $0["@graph"] as? [[String: Any]] }.first ?? []
            let publisher = graph.first { $0["@type"] as? String == "GovernmentOrganization" }
            #expect(publisher?["logo"] != nil && publisher?["address"] != nil && publisher?["contactPoint"] != nil, "\(page): publisher")
            let crumbs = graph.first { $0["@type"] as? String == "BreadcrumbList" }?["itemListElement"] as? [[String: Any]]
            #expect(crumbs?.isEmpty == false, "\(page): BreadcrumbList")
            // Positions count from 1, in order.
            #expect(crumbs?.enumerated().allSatisfy { ($1["position"] as? Int) == $0 + 1 } == true, "\(page): positions")
        }
    }

    static func jsonLD(_ html: String) -> [[String: Any]] {
        var out: [[String: Any]] = []
        var rest = html[...]
        while let open = rest.range(of: "<script type=\"application/ld+json\">"), let close = rest[open.upperBound...].range(of: "</script>") {
            if let obj = try? JSONSerialization.jsonObject(with: Data(rest[open.upperBound..<close.lowerBound].utf8)) as? [String: Any] { out.append(obj) }
            rest = rest[close.upperBound...]
        }
        return out
    }

    /// The contact, accessibility and privacy pages exist in every language, in that language,
    /// and every page's footer links them; the contact page carries the configured facts.
    @Test func contactAndStatementsInEveryLanguage() throws {
        let r = try SampleRepo()
        try r.build()
        let organization = ["vi": "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh Lạng Sơn", "en": "<span lang=\"vi\">Lạng Sơn</span> Investment, Trade and Tourism Promotion Centre",
                            "zh-hans": "谅山省投资贸易旅游促进中心", "ja": "ランソン省投資・貿易・観光促進センター", "ko": "랑선성 투자·무역·관광 진흥센터"]
        for l in Self.languages {
            let contact = r.read("\(l)/contact/index.html")
            #expect(contact.contains(organization[l]!), "\(l): organization")
            #expect(contact.contains("href=\"tel:+842053000000\""), "\(l): tel link")
            #expect(contact.contains("href=\"mailto:xuctien@langson.quangba.example\""), "\(l): mail link")
            for page in ["accessibility", "privacy"] {
                let html = r.read("\(l)/\(page)/index.html")
                #expect(html.contains("WCAG 2.2") || page == "privacy", "\(l)/\(page)")
                #expect(html.contains("xuctien@langson.quangba.example"), "\(l)/\(page): whom to write to")
            }
            let home = r.read("\(l)/index.html")
            for page in ["contact/", "accessibility/", "privacy/"] { #expect(home.contains("href=\"../\(l)/\(page)\""), "\(l) footer: \(page)") }
        }
        // A statement in Chinese is in Chinese, not English.
        #expect(r.read("zh-hans/accessibility/index.html").contains("无障碍"))
        #expect(!r.read("zh-hans/accessibility/index.html").contains("wants this portal"))
    }

    /// Seven navigation entries at most, on every page of every language.
    @Test func theNavigationHasAtMostSevenEntries() throws {
        let r = try SampleRepo()
        try r.build()
        for l in Self.languages {
            let html = r.read("\(l)/index.html")
            guard let nav = html.range(of: "<nav class=\"site-nav\""), let end = html[nav.upperBound...].range(of: "</nav>") else {
                Issue.record("\(l): no navigation"); continue
            }
            let entries = html[nav.upperBound..<end.lowerBound].components(separatedBy: "<li>").count - 1
            #expect(entries >= 5 && entries <= 7, "\(l): \(entries) entries")
        }
    }

    /// The home page shows the hero photo first, not lazily, and the key figures in the
    /// language's own form.
    @Test func homeShowsTheHeroAndTheKeyFigures() throws {
        let r = try SampleRepo()
        try r.build()
        let en = r.read("en/index.html"), vi = r.read("vi/index.html"), ja = r.read("ja/index.html")
        let firstImage = en[en.range(of: "<main")!.upperBound...].range(of: "<img")!
        let tag = en[firstImage.lowerBound...].prefix { $0 != ">" }
        #expect(tag.contains("thung-lung-bac-son") && !tag.contains("loading=\"lazy\"") && tag.contains("fetchpriority=\"high\""), "\(tag)")
        // 8310 km² and 781 655 people, grouped as each language groups digits.
        #expect(en.contains("8,310 km²") && en.contains("781,655"))
        #expect(vi.contains("8.310 km²") && vi.contains("781.655 người") && vi.contains("231,74 km"))
        #expect(ja.contains("8,310km²") && ja.contains("781,655人"))
        // The clarifications are on the home page, but not its opening block.
        let hero = en.range(of: "class=\"hero")!.lowerBound, pinned = en.range(of: "id=\"h-pinned\"")!.lowerBound
        #expect(hero < pinned)
    }

    /// The root pages belong to no language: the province's name in every language, the
    /// chooser and the root 404 without any one language's navigation; 404 links start at the
    /// host's root, so they work on any host.
    @Test func rootPagesAreNeutralAndNotFoundWorksFromAnyHost() throws {
        let r = try SampleRepo()
        try r.build()
        for page in ["index.html", "404.html"] {
            let html = r.read(page)
            #expect(!html.contains("class=\"site-nav\""), "\(page): no navigation")
            for name in ["<span class=\"site-name-part\" lang=\"vi\">Lạng Sơn</span>", "lang=\"zh-Hans\">谅山省</span>", "lang=\"ko\">랑선성</span>"] {
                #expect(html.contains(name), "\(page): \(name)")
            }
        }
        for page in ["404.html", "en/404.html", "ko/404.html"] {
            let html = r.read(page)
            #expect(html.contains("href=\"/assets/site.css\""), "\(page)")
            #expect(!html.contains("href=\"https://langson.quangba.example/assets"), "\(page): no absolute asset links")
        }
        #expect(r.read("en/404.html").contains("class=\"site-nav\""))
    }

    /// favicon.ico is a real ICO file holding the icon's PNG; the touch icon is the PNG itself.
    @Test func theIconsAreWhereBrowsersLook() throws {
        let r = try SampleRepo()
        try r.build()
        let png = try Data(contentsOf: r.root.appendingPathComponent("site-templates/assets/icon.png"))
        let ico = try Data(contentsOf: r.out.appendingPathComponent("favicon.ico"))
        // ICONDIR: reserved 0, type 1, one image; ICONDIRENTRY: 180 × 180, the PNG's size and offset 22.
        #expect(Array(ico.prefix(6)) == [0, 0, 1, 0, 1, 0])
        #expect(ico[6] == 180 && ico[7] == 180)
        #expect(Int(ico[14]) | Int(ico[15]) << 8 | Int(ico[16]) << 16 == png.count)
        #expect(ico[18] == 22 && ico.dropFirst(22) == png)
        #expect(try Data(contentsOf: r.out.appendingPathComponent("apple-touch-icon.png")) == png)
        #expect(r.read("en/news/index.html").contains("<link rel=\"apple-touch-icon\" href=\"../../apple-touch-icon.png\" sizes=\"180x180\">"))
    }

    /// A logo that could run script (it is served from the site's own origin), an icon that is
    /// not a square PNG, a name that is not a file of the assets: the build stops, naming the
    /// file, and writes nothing.
    @Test(arguments: [
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "<script"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"1\" height=\"1\"/></svg>", "onload="),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"javascript:alert(1)\"><rect/></a></svg>", "javascript:"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><p>x</p></foreignObject></svg>", "<foreignobject"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"https://example.org/x.png\"/></svg>", "<image"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><use xlink:href=\"other.svg#x\"/></svg>", "<use"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect ONCLICK = \"x()\"/></svg>", "onclick"),
    ])
    func anActiveLogoIsRefused(svg: String, problem: String) throws {
        let r = try SampleRepo()
        try r.write("site-templates/assets/logo.svg", svg)
        do {
            try r.build()
            Issue.record("built with \(svg)")
        } catch let e as QuangBaError {
            let text = e.diagnostics.map { "\($0.location.file ?? "") \($0.message.key) \($0.message.args)" }.joined() + e.message.key
            #expect(text.contains("site-templates/assets/logo.svg") && text.contains("site.logo_unsafe"), "\(text)")
            #expect(text.lowercased().contains(problem), "\(text)")
        }
        #expect(!FileManager.default.fileExists(atPath: r.out.appendingPathComponent("assets/logo.svg").path))
    }

    @Test func aSafeLogoPasses() throws {
        #expect(SafeSVG.problem(Array(try String(contentsOf: SampleRepo.package.appendingPathComponent("site-templates/assets/logo.svg"), encoding: .utf8).utf8)) == nil)
        // Words that only look like handlers are not refused.
        #expect(SafeSVG.problem(Array("<svg><title>Mountain icon on a round badge</title></svg>".utf8)) == nil)
    }

    @Test func anIconThatIsNotASquarePNGIsRefused() throws {
        let r = try SampleRepo()
        // A JPEG from the sample, under the icon's name.
        let jpeg = try Data(contentsOf: r.root.appendingPathComponent("content/media/thung-lung-bac-son/thung-lung-bac-son.jpg"))
        try jpeg.write(to: r.root.appendingPathComponent("site-templates/assets/icon.png"))
        #expect(throws: QuangBaError.self) { try r.build() }
        do { try r.build() } catch let e as QuangBaError {
            #expect(e.diagnostics.contains { $0.message.key == "site.icon_format" && $0.location.file == "site-templates/assets/icon.png" })
        }
    }

    /// An asset that is a symbolic link (to anything: /etc/passwd, quangba.yaml) is refused,
    /// never copied into the site.
    @Test func aLinkedAssetIsNeverPublished() throws {
        let r = try SampleRepo()
        try FileManager.default.createSymbolicLink(atPath: r.root.appendingPathComponent("site-templates/assets/passwd.css").path, withDestinationPath: "/etc/passwd")
        #expect(throws: QuangBaError.self) { try r.build() }
        #expect(!FileManager.default.fileExists(atPath: r.out.appendingPathComponent("assets/passwd.css").path))
        for file in SampleRepo.files(r.out) { #expect(!r.read(file).contains("root:x:0:0"), "\(file)") }
    }

    /// portal: in quangba.yaml: each mistake is named with its line.
    @Test func portalConfigMistakesAreNamed() {
        let base = try! String(contentsOf: SampleRepo.package.appendingPathComponent("quangba.yaml"), encoding: .utf8)
        let cases: [(String, String, String)] = [
            ("    phone: \"+84 205 3000 000\"", "    phone: \"javascript:alert(1)\"", "config.bad_phone"),
            ("    email: xuctien@langson.quangba.example", "    email: \"x@y.example?subject=hi\"", "config.bad_email"),
            ("  logo: logo.svg", "  logo: ../quangba.yaml", "config.bad_asset_name"),
            ("  hero: thung-lung-bac-son", "  hero: Thung Lung", "config.bad_item_id"),
            ("      unit: km2", "      unit: miles", "yaml.bad_value"),
        ]
        for (from, to, key) in cases {
            #expect(base.contains(from), "\(from)")
            let (_, diagnostics) = RepositoryConfig.parse(base.replacingOccurrences(of: from, with: to))
            let lineOfChange = base.components(separatedBy: "\n").firstIndex { $0 == from }.map { $0 + 1 }
            #expect(diagnostics.contains { $0.message.key == key && $0.location.line == lineOfChange },
                    "\(key): \(diagnostics.map { "\($0.location.line ?? 0) \($0.message.key)" })")
        }
        // The sample's portal section is valid.
        #expect(RepositoryConfig.parse(base).1.isEmpty)
    }
}
