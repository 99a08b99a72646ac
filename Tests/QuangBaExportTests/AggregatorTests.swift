import Foundation
import Testing
import QuangBaContent
import QuangBaCore
import QuangBaExport
import QuangBaStore

/// What an aggregator needs in every record: rights as a URI, a photo's capture date, a preview
/// image (never of an item that is not public), and sets named in every language. Every answer
/// is checked against the OAI-PMH schema (with oai_dc and QuangBa's format) on the way.
@Suite(.serialized) struct AggregatorTests {
    static let now = OAITests.now
    static let base = "https://langson.quangba.example/"
    static let inCopyright = "http://rightsstatements.org/vocab/InC/1.0/"
    let repo: SampleCopy

    init() throws {
        repo = try SampleCopy()
        // The set names' words are in the locale files, beside the site's.
        try FileManager.default.copyItem(at: SampleCopy.package.appendingPathComponent("locales"), to: repo.root.appendingPathComponent("locales"))
    }

    func ask(_ args: [(String, String)], pageSize: Int = 1000, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let oai = try OAIProvider(index: try repo.index(), endpoint: "http://127.0.0.1:8080/oai", pageSize: pageSize)
        let bytes = try oai.respond(args, now: Self.now)
        let (ok, out) = try validateOAI(bytes)
        #expect(ok, "\(args): \(out)", sourceLocation: sourceLocation)
        return String(decoding: bytes, as: UTF8.self)
    }

    func record(_ kind: String, _ id: String, _ prefix: String = "oai_dc") throws -> String {
        try ask([("verb", "GetRecord"), ("identifier", "oai:langson.quangba.example:\(kind)/\(id)"), ("metadataPrefix", prefix)])
    }

    /// Every record of a whole harvest, by OAI identifier (deleted ones left out).
    func harvest(_ prefix: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for chunk in try ask([("verb", "ListRecords"), ("metadataPrefix", prefix)]).components(separatedBy: "<record>").dropFirst()
        where !chunk.contains("status=\"deleted\"") {
            out[try #require(Self.values("identifier", in: chunk).first)] = chunk
        }
        return out
    }

    static func values(_ element: String, in text: String) -> [String] {
        text.components(separatedBy: "<\(element)").dropFirst().compactMap { part in
            guard let open = part.firstIndex(of: ">"), let close = part.range(of: "</\(element)>") else { return nil }
            return String(part[part.index(after: open)..<close.lowerBound])
        }
    }

    /// A field of an item.yaml as written there.
    func field(_ folder: String, _ name: String) throws -> String {
        let text = try String(contentsOf: repo.root.appendingPathComponent("content/\(folder)/item.yaml"), encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(name + ": ") })
        return String(line.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces)
    }

    func uri(_ code: String) throws -> String { try #require(Licence.table.first { $0.code == code }).stored }

    @Test func everyRecordStatesItsRightsAsAURI() throws {
        let allowed = Set(Licence.table.map(\.stored).filter { $0.hasPrefix("https://") } + [Self.inCopyright])
        let records = try harvest("oai_dc")
        #expect(records.count == (try repo.index().publicItems(now: Self.now).count))
        for (id, r) in records {
            let rights = Self.values("dc:rights", in: r)
            #expect(rights.filter { allowed.contains($0) }.count == 1, "\(id): \(rights)")
        }
        // quangba.yaml names no licence: all rights reserved, held by the owner unit.
        let article = try record("article", "dong-tam-thanh-va-nhi-thanh")
        #expect(Self.values("dc:rights", in: article) == [Self.inCopyright, "All rights reserved: Sở Văn hóa, Thể thao và Du lịch"])
        // A media item's own licence, from its item.yaml.
        #expect(Self.values("dc:rights", in: try record("media", "chua-tam-thanh")) == [try field("media/chua-tam-thanh", "licence")])
        let xml = try record("article", "dong-tam-thanh-va-nhi-thanh", "quangba")
        #expect(xml.contains("<rights holder=\"Sở Văn hóa, Thể thao và Du lịch\">\(Self.inCopyright)</rights>"))
    }

    @Test func theRepositoryDefaultAndAnItemsOwnLicence() throws {
        try repo.edit("quangba.yaml") { $0 + "\nlicence: cc-by-4.0\n" }
        // The public sees the approved record: the licence is set in both, as an approval would.
        for name in ["item.yaml", "item.approved.yaml"] {
            try repo.edit("content/article/am-thuc-xu-lang/\(name)") { $0.replacingOccurrences(of: "\nrelations:", with: "\nlicence: cc-by-sa-4.0\nrelations:") }
        }
        #expect(Self.values("dc:rights", in: try record("article", "dong-tam-thanh-va-nhi-thanh")) == [try uri("cc-by-4.0")])
        #expect(Self.values("dc:rights", in: try record("article", "am-thuc-xu-lang")) == [try uri("cc-by-sa-4.0")])
        #expect(try record("article", "am-thuc-xu-lang", "quangba").contains("<rights>\(try uri("cc-by-sa-4.0"))</rights>"))
        #expect(Self.values("dc:rights", in: try record("media", "chua-tam-thanh")) == [try field("media/chua-tam-thanh", "licence")])
    }

    @Test func aPhotoHasItsCaptureDateAndPlace() throws {
        let r = try record("media", "chua-tam-thanh")
        let taken = try field("media/chua-tam-thanh", "taken")
        #expect(Self.values("dc:date", in: r) == [try field("media/chua-tam-thanh", "published"), taken])
        #expect(Self.values("dc:coverage", in: r) == ["east=106.748; north=21.849; projection=WGS84"])
        // An item that is not a photo has one date.
        #expect(Self.values("dc:date", in: try record("article", "dong-tam-thanh-va-nhi-thanh")).count == 1)
    }

    @Test func aPreviewIsThePublicPhotoOfTheItemOrOfItsCover() throws {
        let file = Self.base + "files/chua-tam-thanh/" + (try field("media/chua-tam-thanh", "file"))
        let type = try field("media/chua-tam-thanh", "type")
        #expect(try field("article/dong-tam-thanh-va-nhi-thanh", "cover") == "chua-tam-thanh")
        let preview = "<preview ref=\"chua-tam-thanh\" type=\"\(type)\">\(file)</preview>"
        // The photo: its file is its last identifier, and its preview.
        #expect(Self.values("dc:identifier", in: try record("media", "chua-tam-thanh")).last == file)
        #expect(try record("media", "chua-tam-thanh", "quangba").contains(preview))
        // The item it covers: the cover's file as a related resource, and its preview.
        #expect(Self.values("dc:relation", in: try record("article", "dong-tam-thanh-va-nhi-thanh")).contains(file))
        #expect(try record("article", "dong-tam-thanh-va-nhi-thanh", "quangba").contains(preview))
        let (url, _) = try repo.export(XMLExport.Options())
        #expect(try String(contentsOf: url, encoding: .utf8).contains(preview))
        // A document is no photo: its record has no preview.
        #expect(!(try record("media", "ban-do-khu-kinh-te", "quangba")).contains("<preview"))
    }

    /// Files named in records belong to public items only, whatever happens to a cover: made
    /// internal, it leaves the records of the items it covered without a trace.
    @Test(arguments: ["classification: public|classification: internal", "state: published|state: draft"])
    func aCoverThatIsNotPublicIsNeverNamed(change: String) throws {
        let parts = change.components(separatedBy: "|")
        for name in ["item.yaml", "item.approved.yaml"] {
            try repo.edit("content/media/chua-tam-thanh/\(name)") { $0.replacingOccurrences(of: parts[0], with: parts[1]) }
        }
        let public_ = Set(try repo.index().publicItems(now: Self.now).map(\.item.id.rawValue))
        #expect(!public_.contains("chua-tam-thanh"))
        for prefix in ["oai_dc", "quangba"] {
            let records = try harvest(prefix)
            #expect(records["oai:langson.quangba.example:article/dong-tam-thanh-va-nhi-thanh"] != nil)
            for (id, r) in records {
                #expect(!r.contains("chua-tam-thanh"), "\(id)")
                for part in r.components(separatedBy: Self.base + "files/").dropFirst() {
                    #expect(public_.contains(String(part.prefix { $0 != "/" })), "\(id)")
                }
            }
        }
        let (url, _) = try repo.export(XMLExport.Options())
        #expect(!(try String(contentsOf: url, encoding: .utf8)).contains("chua-tam-thanh"))
    }

    @Test func setsAreNamedInEveryLanguageAndByOwnerUnit() throws {
        let text = try ask([("verb", "ListSets")])
        let config = try repo.index().repository.config
        for unit in config.units.codes { #expect(text.contains("<setSpec>unit:\(unit)</setSpec>")) }
        let sets = text.components(separatedBy: "<set>").dropFirst()
        #expect(sets.count == ItemKind.allCases.count + config.languages.count + config.units.codes.count + (try repo.index().harvestTopics(now: Self.now)).count)
        for s in sets {
            #expect(s.contains("<setDescription>") && s.contains("<oai_dc:dc xmlns:oai_dc="))
            #expect(Self.values("dc:title", in: s).count == config.languages.count, "\(s)")
            #expect(Self.values("dc:description", in: s).count == config.languages.count, "\(s)")
        }
        let unit = try #require(sets.first { $0.contains("<setSpec>unit:so-vhttdl</setSpec>") })
        #expect(unit.contains("<setName>Sở Văn hóa, Thể thao và Du lịch</setName>"))
        #expect(unit.contains("<dc:title xml:lang=\"ja\">文化・スポーツ・観光局</dc:title>"))
        #expect(unit.contains("<dc:description xml:lang=\"en\">Items owned by Department of Culture, Sports and Tourism</dc:description>"))
        let kind = try #require(sets.first { $0.contains("<setSpec>kind:project</setSpec>") })
        #expect(kind.contains("<setName>Dự án đầu tư</setName>") && kind.contains("<dc:title xml:lang=\"en\">Investment project</dc:title>"))
        let lang = try #require(sets.first { $0.contains("<setSpec>lang:en</setSpec>") })
        #expect(lang.contains("<dc:description xml:lang=\"en\">Records with a public version in English</dc:description>"))
    }

    /// A harvest of an owner unit's set, in pages (the unit travels in the resumption token),
    /// lists exactly the public items whose item.yaml names that unit.
    @Test func aUnitsSetHoldsItsItems() throws {
        let expected = try repo.index().publicItems(now: Self.now).filter { $0.item.unit == "so-vhttdl" }
            .map { "oai:langson.quangba.example:\($0.item.kind.rawValue)/\($0.item.id.rawValue)" }
        #expect(expected.count > 5)
        var args = [("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "unit:so-vhttdl")]
        var found: [String] = []
        while true {
            let text = try ask(args, pageSize: 5)
            found += text.components(separatedBy: "<header>").dropFirst().compactMap { Self.values("identifier", in: $0).first }
            guard let token = Self.values("resumptionToken", in: text).first, !token.isEmpty else { break }
            args = [("verb", "ListIdentifiers"), ("resumptionToken", token)]
        }
        #expect(found.sorted() == expected.sorted())
        #expect(try ask([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "unit:khong-co")]).contains("code=\"badArgument\""))
    }
}
