import Foundation
import Testing
import QuangBaContent
import QuangBaCore
import QuangBaExport
import QuangBaStore

/// xmllint against the OAI-PMH driver schema (OAI-PMH.xsd with oai_dc, oai-identifier and
/// QuangBa's format), offline, through the official schemas' catalog.
func validateOAI(_ bytes: [UInt8]) throws -> (ok: Bool, output: String) {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("qb-oai-\(UUID().uuidString).xml")
    try Data(bytes).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    return try xmllint(file, schema: "Sources/QuangBaExport/Schema/oai-pmh-with-quangba.xsd")
}

@Suite(.serialized) struct OAITests {
    static let now = Timestamp(parsing: "2026-11-23T00:00:00Z")!
    let repo: SampleCopy
    let oai: OAIProvider

    init() throws {
        repo = try SampleCopy()
        oai = try OAIProvider(index: try repo.index(), endpoint: "http://127.0.0.1:8080/oai", pageSize: 5)
    }

    /// The response, checked against the schema, as text.
    func ask(_ args: [(String, String)], now: Timestamp = OAITests.now, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let bytes = try oai.respond(args, now: now)
        let (ok, out) = try validateOAI(bytes)
        #expect(ok, "\(args): \(out)", sourceLocation: sourceLocation)
        return String(decoding: bytes, as: UTF8.self)
    }

    func errorCode(_ text: String) -> String? {
        guard let r = text.range(of: "<error code=\"") else { return nil }
        return String(text[r.upperBound...].prefix { $0 != "\"" })
    }

    @Test func identify() throws {
        let text = try ask([("verb", "Identify")])
        #expect(text.contains("<baseURL>http://127.0.0.1:8080/oai</baseURL>"))
        #expect(text.contains("<adminEmail>quangba@langson.quangba.example</adminEmail>"))
        #expect(text.contains("<deletedRecord>persistent</deletedRecord>"))
        #expect(text.contains("<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>"))
        #expect(text.contains("<repositoryIdentifier>langson.quangba.example</repositoryIdentifier>"))
        #expect(text.contains("<request verb=\"Identify\">"))
    }

    @Test func formatsSetsAndOneRecord() throws {
        var text = try ask([("verb", "ListMetadataFormats")])
        #expect(text.contains("<metadataPrefix>oai_dc</metadataPrefix>") && text.contains("<metadataPrefix>quangba</metadataPrefix>"))
        text = try ask([("verb", "ListSets")])
        #expect(text.contains("<setSpec>kind:project</setSpec>") && text.contains("<setSpec>lang:zh-Hans</setSpec>") && text.contains("<setSpec>topic:cuisine</setSpec>"))
        let id = "oai:langson.quangba.example:article/am-thuc-xu-lang"
        text = try ask([("verb", "GetRecord"), ("identifier", id), ("metadataPrefix", "oai_dc")])
        #expect(text.contains("<dc:title xml:lang=\"en\">The cuisine of Lạng Sơn</dc:title>"))
        #expect(text.contains("<dc:language>vi</dc:language>") && !text.contains("<dc:language>ja</dc:language>"))
        #expect(text.contains("<setSpec>lang:en</setSpec>") && text.contains("<setSpec>topic:cuisine</setSpec>"))
        text = try ask([("verb", "GetRecord"), ("identifier", id), ("metadataPrefix", "quangba")])
        #expect(text.contains("<item xmlns=\"urn:quangba:xml:1\" id=\"am-thuc-xu-lang\""))
        text = try ask([("verb", "ListMetadataFormats"), ("identifier", id)])
        #expect(errorCode(text) == nil)
    }

    /// A whole harvest in pages of 5, following tokens: exactly the gate's public items plus the
    /// tombstones, every page valid, and a token asked again gives the same page.
    @Test(arguments: ["ListIdentifiers", "ListRecords"])
    func pagedHarvestIsComplete(verb: String) throws {
        var identifiers: [String] = []
        var deleted: [String] = []
        var args: [(String, String)] = [("verb", verb), ("metadataPrefix", "oai_dc")]
        var pages = 0
        var firstToken: String?
        while true {
            let text = try ask(args)
            pages += 1
            for chunk in text.components(separatedBy: "<header").dropFirst() {
                guard let r = chunk.range(of: "<identifier>"), let e = chunk.range(of: "</identifier>") else { continue }
                let id = String(chunk[r.upperBound..<e.lowerBound])
                if chunk.hasPrefix(" status=\"deleted\"") { deleted.append(id) } else { identifiers.append(id) }
            }
            guard let r = text.range(of: "cursor=\""), let open = text[r.upperBound...].range(of: "\">"),
                  let close = text[open.upperBound...].range(of: "</resumptionToken>") else { break }
            let token = String(text[open.upperBound..<close.lowerBound])
            if firstToken == nil {
                firstToken = token
                #expect(try oai.respond([("verb", verb), ("resumptionToken", token)], now: Self.now) ==
                        oai.respond([("verb", verb), ("resumptionToken", token)], now: Self.now))
            }
            args = [("verb", verb), ("resumptionToken", token)]
        }
        let gate = try repo.index().publicItems(now: Self.now).map { "oai:langson.quangba.example:\($0.item.kind.rawValue)/\($0.item.id.rawValue)" }
        #expect(identifiers.sorted() == gate.sorted())
        #expect(deleted == ["oai:langson.quangba.example:article/thong-bao-tam-dung-thong-quan-cua-khau-tan-thanh"])
        #expect(pages == (gate.count + deleted.count + 4) / 5)
        #expect(firstToken != nil)
    }

    @Test func selectiveHarvest() throws {
        var text = try ask([("verb", "ListIdentifiers"), ("metadataPrefix", "quangba"), ("set", "kind:project")])
        #expect(text.contains(":project/") && !text.contains(":article/"))
        text = try ask([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "lang:ja")])
        #expect(!text.contains("am-thuc-xu-lang"))
        // A hand edit of a photo's public text, taken in on a known day: the only record of that day.
        try repo.edit("content/media/ai-chi-lang/vi.approved.md") { $0 + "\nẢnh chụp lại năm 2099.\n" }
        try Index(repository: try Repository(root: repo.root)).sync(now: Timestamp(parsing: "2099-01-01T10:00:00Z")!)
        let later = Timestamp(parsing: "2099-01-02T00:00:00Z")!
        text = try ask([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "2099-01-01"), ("until", "2099-01-01")], now: later)
        let identifiers = text.components(separatedBy: "<identifier>").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(identifiers == ["oai:langson.quangba.example:media/ai-chi-lang"])
        text = try ask([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2099-01-01T10:00:01Z")], now: later)
        #expect(errorCode(text) == "noRecordsMatch")
    }

    @Test(arguments: [
        ([("verb", "Nonsense")], "badVerb"),
        ([("verb", "Identify"), ("verb", "Identify")], "badVerb"),
        ([("foo", "bar")], "badVerb"),
        ([("verb", "Identify"), ("extra", "1")], "badArgument"),
        ([("verb", "GetRecord"), ("identifier", "oai:langson.quangba.example:article/am-thuc-xu-lang")], "badArgument"),
        ([("verb", "ListRecords")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("metadataPrefix", "oai_dc")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "yesterday")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2026-01-01"), ("until", "2026-02-01T00:00:00Z")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2026-03-01"), ("until", "2026-02-01")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("set", "kind:nonsense")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("set", "' OR 1=1 --")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "marc21")], "cannotDisseminateFormat"),
        ([("verb", "GetRecord"), ("identifier", "oai:langson.quangba.example:article/khong-co"), ("metadataPrefix", "oai_dc")], "idDoesNotExist"),
        ([("verb", "GetRecord"), ("identifier", "oai:langson.quangba.example:article/x';DROP%20TABLE%20item;--"), ("metadataPrefix", "oai_dc")], "idDoesNotExist"),
        ([("verb", "GetRecord"), ("identifier", "oai:langson.quangba.example:article/x'; DROP TABLE item; --"), ("metadataPrefix", "oai_dc")], "badArgument"),
        ([("verb", "GetRecord"), ("identifier", "oai:other.example:article/am-thuc-xu-lang"), ("metadataPrefix", "oai_dc")], "idDoesNotExist"),
        // A draft, an internal item: they do not exist as far as harvesters can tell.
        ([("verb", "GetRecord"), ("identifier", "oai:langson.quangba.example:article/ke-hoach-quang-ba-du-lich-2027"), ("metadataPrefix", "oai_dc")], "idDoesNotExist"),
        ([("verb", "GetRecord"), ("identifier", "oai:langson.quangba.example:article/ke-hoach-don-tiep-doan-nha-dau-tu-thang-12"), ("metadataPrefix", "oai_dc")], "idDoesNotExist"),
        ([("verb", "ListRecords"), ("resumptionToken", "forged")], "badResumptionToken"),
        ([("verb", "ListRecords"), ("resumptionToken", "abc"), ("metadataPrefix", "oai_dc")], "badArgument"),
        ([("verb", "ListSets"), ("resumptionToken", "x")], "badResumptionToken"),
        ([("verb", String(repeating: "A", count: 5000))], "badVerb"),
        // Values the schema would refuse in <request>: illegal arguments, answered without echo.
        ([("verb", "ListRecords"), ("metadataPrefix", "")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc' OR '1'='1")], "badArgument"),
        ([("verb", "GetRecord"), ("identifier", "oai:langson.quangba.example:article/%"), ("metadataPrefix", "oai_dc")], "badArgument"),
        ([("verb", "GetRecord"), ("identifier", "oai:langson.quangba.example:article/a b"), ("metadataPrefix", "oai_dc")], "badArgument"),
        ([("verb", "GetRecord"), ("identifier", "khong-co"), ("metadataPrefix", "oai_dc")], "badArgument"),
        ([("verb", "ListMetadataFormats"), ("identifier", "oai:x:<script>")], "badArgument"),
        ([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "0000-01-01")], "badArgument"),
        ([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "kind:")], "badArgument"),
        ([("verb", "GetRecord"), ("identifier", "oai:langson.quangba.example:article/%25"), ("metadataPrefix", "oai_dc")], "idDoesNotExist"),
    ] as [([(String, String)], String)])
    func errors(args: [(String, String)], code: String) throws {
        let text = try ask(args)
        #expect(errorCode(text) == code, "\(args.map { "\($0.0)=\($0.1.prefix(40))" })")
        if code == "badVerb" || code == "badArgument" { #expect(text.contains("<request>http://127.0.0.1:8080/oai</request>")) }
    }

    /// A token changed by one character, cut short, or used with the other verb is refused.
    @Test func tamperedTokensAreRefused() throws {
        let text = try ask([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc")])
        let start = try #require(text.range(of: "<resumptionToken"))
        let open = try #require(text.range(of: "\">", range: start.upperBound..<text.endIndex))
        let token = String(text[open.upperBound...].prefix { $0 != "<" })
        var flipped = Array(token)
        flipped[3] = flipped[3] == "A" ? "B" : "A"
        for bad in [String(flipped), String(token.dropLast(3)), token + "0"] {
            #expect(errorCode(try ask([("verb", "ListIdentifiers"), ("resumptionToken", bad)])) == "badResumptionToken")
        }
        #expect(errorCode(try ask([("verb", "ListRecords"), ("resumptionToken", token)])) == "badResumptionToken")
        #expect(errorCode(try ask([("verb", "ListIdentifiers"), ("resumptionToken", token)])) == nil)
    }
}
