import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `quangba serve` harvested by Sickle, a real OAI-PMH harvester (Tests/harvest/harvest.py,
/// installed by `scripts/install-deps.sh --test`), over HTTP on loopback.
@Suite(.serialized) struct HarvestTests {
    /// The server, started on a free port; its endpoint as it printed it.
    final class Server {
        let process = Process()
        let url: String
        init(_ cli: CLI, _ options: [String] = ["--page-size", "7"]) throws {
            process.executableURL = CLI.binary
            process.arguments = ["serve", "--port", "0", "--root", cli.root.path] + options
            process.environment = ProcessInfo.processInfo.environment.merging(cli.env) { $1 }
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            var text = ""
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, !text.contains("/oai") {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { Thread.sleep(forTimeInterval: 0.05) } else { text += String(decoding: chunk, as: UTF8.self) }
            }
            guard let r = text.range(of: #"http://[^ ]+/oai"#, options: .regularExpression) else {
                process.terminate()
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the server did not start: \(text)"])
            }
            url = String(text[r])
        }
        deinit { process.terminate(); process.waitUntilExit() }
    }

    struct Harvest: Decodable {
        struct Records: Decodable { let live: [String]; let deleted: [String] }
        let oai_dc: Records
        let quangba: Records
    }

    func harvest(_ url: String, from: String? = nil) throws -> Harvest {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", CLI.packageRoot.appendingPathComponent("Tests/harvest/harvest.py").path, url] + (from.map { ["--from", $0] } ?? [])
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "harvest.py: \(problems.suffix(1500))")
        return try JSONDecoder().decode(Harvest.self, from: data)
    }

    /// A GET to the server: status and body.
    static func get(_ url: String) -> (Int, String) {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result = (0, "")
        URLSession.shared.dataTask(with: URL(string: url)!) { data, response, _ in
            result = ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data ?? Data(), as: UTF8.self))
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 15)
        return result
    }

    static func utc(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return f.string(from: d)
    }

    @Test func fullThenIncrementalHarvestWithSickle() throws {
        let cli = try CLI(fixture: false)
        defer { cli.cleanup() }
        for name in ["quangba.yaml", "content"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(name), to: cli.root.appendingPathComponent(name))
        }
        // What the gate makes public, by another road: the export's items.
        let export = try cli.run(["export", "xml"])
        #expect(export.status == 0, "\(export.err)")
        let expected = export.out.components(separatedBy: "<item id=\"").dropFirst().map { chunk -> String in
            let id = chunk.prefix { $0 != "\"" }
            let kind = chunk.components(separatedBy: "kind=\"")[1].prefix { $0 != "\"" }
            return "oai:langson.quangba.example:\(kind)/\(id)"
        }.sorted()
        #expect(expected.count > 30)

        let server = try Server(cli)
        let full = try harvest(server.url)
        for records in [full.oai_dc, full.quangba] {
            #expect(records.live.sorted() == expected)
            #expect(records.deleted == ["oai:langson.quangba.example:article/thong-bao-tam-dung-thong-quan-cua-khau-tan-thanh"])
        }

        // An edit and a withdrawal after the harvest; the next harvest from then sees exactly those.
        let record = server.url + "?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:langson.quangba.example:article/cho-ky-lua-phien-cho-tram-nam"
        #expect(!Self.get(record).1.contains("status=\"deleted\""))
        let from = Self.utc(Date())
        Thread.sleep(forTimeInterval: 1.1)
        let later = Self.utc(Date())
        let edited = cli.root.appendingPathComponent("content/article/am-thuc-xu-lang/item.yaml")
        var yaml = try String(contentsOf: edited, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "updated: 2026-09-02T01:30:00Z", with: "updated: \(later)")
        try Data(yaml.utf8).write(to: edited)
        let withdrawn = cli.root.appendingPathComponent("content/article/cho-ky-lua-phien-cho-tram-nam/item.yaml")
        let w = try String(contentsOf: withdrawn, encoding: .utf8)
        try Data((w.replacingOccurrences(of: "state: published", with: "state: withdrawn") + "withdrawn: \(later)\n").utf8).write(to: withdrawn)
        #expect(try cli.run(["index"]).status == 0)  // the server reads the same index
        // The same request again: the server noticed the change (no stale answer from its cache).
        #expect(Self.get(record).1.contains("status=\"deleted\""))
        let delta = try harvest(server.url, from: from)
        // The edited item, and the public ones that linked to the withdrawn one: their records
        // no longer show that link.
        var changed = ["oai:langson.quangba.example:article/am-thuc-xu-lang"]
        for record in expected {
            let folder = cli.root.appendingPathComponent("content/" + record.dropFirst("oai:langson.quangba.example:".count))
            let yaml = try (try? String(contentsOf: folder.appendingPathComponent("item.approved.yaml"), encoding: .utf8))
                ?? String(contentsOf: folder.appendingPathComponent("item.yaml"), encoding: .utf8)
            if yaml.contains("cho-ky-lua-phien-cho-tram-nam") { changed.append(record) }
        }
        #expect(changed.count > 2)
        for records in [delta.oai_dc, delta.quangba] {
            #expect(records.live.sorted() == Set(changed).sorted())
            #expect(records.deleted == ["oai:langson.quangba.example:article/cho-ky-lua-phien-cho-tram-nam"])
        }
    }

    /// Requests no harvester should send get an OAI error or a 4xx, never a 5xx or a hang.
    /// Behind a reverse proxy the endpoint names itself by its public address, not the one it
    /// listens on: baseURL, <request> and the location of QuangBa's schema.
    @Test func publicURLNamesTheEndpoint() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let server = try Server(cli, ["--public-url", "https://langson.gov.vn/oai"])
        func get(_ query: String) throws -> String { String(decoding: try Data(contentsOf: URL(string: server.url + query)!), as: UTF8.self) }
        let identify = try get("?verb=Identify")
        #expect(identify.contains("<baseURL>https://langson.gov.vn/oai</baseURL>") && identify.contains(">https://langson.gov.vn/oai</request>"))
        #expect(!identify.contains("127.0.0.1"))
        #expect(try get("?verb=ListMetadataFormats").contains("<schema>https://langson.gov.vn/schema/quangba-1.xsd</schema>"))
        for bad in ["javascript:alert(1)", "langson.gov.vn/oai", "https://langson.gov.vn/oai?x=1", "mailto:a@b.example"] {
            let r = try cli.run(["serve", "--port", "0", "--public-url", bad])
            #expect(r.status != 0 && r.err.contains("--public-url"), "\(bad): \(r.err)")
        }
    }

    @Test func hostileRequestsOverHTTP() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let server = try Server(cli)
        func status(_ method: String, _ query: String, body: String? = nil, type: String = "application/x-www-form-urlencoded") throws -> (Int, String) {
            var request = URLRequest(url: URL(string: server.url + query)!, timeoutInterval: 10)
            request.httpMethod = method
            if let body { request.httpBody = Data(body.utf8); request.setValue(type, forHTTPHeaderField: "Content-Type") }
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var result = (0, "")
            URLSession.shared.dataTask(with: request) { data, response, _ in
                result = ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data ?? Data(), as: UTF8.self))
                done.signal()
            }.resume()
            #expect(done.wait(timeout: .now() + 15) == .success, "\(method) \(query.prefix(60)) hung")
            return result
        }
        for (query, code) in [("?verb=Frobnicate", "badVerb"), ("?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument"),
                              ("?verb=GetRecord&identifier=%27%3B%20DROP%20TABLE%20item%3B--&metadataPrefix=oai_dc", "badArgument"),  // not a URI
                              ("?verb=GetRecord&identifier=oai%3Ax%3A%27%3BDROP--&metadataPrefix=oai_dc", "idDoesNotExist"),
                              ("?verb=ListRecords&resumptionToken=%00%FF%FE", "badResumptionToken"), ("?verb=ListIdentifiers&metadataPrefix=oai_dc&from=2026-13-45", "badArgument"),
                              ("?verb=ListSets&%ZZ=1", "badArgument")] {
            let (s, body) = try status("GET", query)
            #expect(s == 200 && body.contains("code=\"\(code)\""), "\(query): \(s) \(body.suffix(300))")
        }
        var (s, body) = try status("POST", "", body: "verb=Identify")
        #expect(s == 200 && body.contains("<Identify>"))
        (s, body) = try status("POST", "", body: "verb=Identify", type: "text/plain")
        #expect(s == 415 && body.hasPrefix("<?xml") && body.contains("<error status=\"415\">"), "\(body)")
        (s, _) = try status("POST", "", body: "verb=Identify&x=" + String(repeating: "a", count: 100_000))
        #expect(s == 413)
        (s, _) = try status("GET", "?verb=" + String(repeating: "A", count: 20_000))
        #expect(s == 414 || s == 431)
        (s, body) = try status("PUT", "", body: "verb=Identify")
        #expect(s == 405 && body.contains("<error status=\"405\">"), "\(body)")
        for method in ["DELETE", "OPTIONS", "PATCH"] {
            (s, _) = try status(method, "")
            #expect(s == 405, "\(method): \(s)")
        }
        // HEAD mirrors GET: the same status, type and length, no body.
        let (getStatus, getBody) = try status("GET", "?verb=Identify")
        var head = URLRequest(url: URL(string: server.url + "?verb=Identify")!, timeoutInterval: 10)
        head.httpMethod = "HEAD"
        // URLSession asks for gzip and hides it from GET's body; HEAD's length is of what is sent.
        head.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var answer: (HTTPURLResponse?, Int) = (nil, -1)
        URLSession.shared.dataTask(with: head) { data, response, _ in answer = (response as? HTTPURLResponse, data?.count ?? 0); done.signal() }.resume()
        #expect(done.wait(timeout: .now() + 15) == .success)
        #expect(getStatus == 200 && answer.0?.statusCode == 200 && answer.1 == 0)
        #expect(answer.0?.value(forHTTPHeaderField: "Content-Length") == "\(getBody.utf8.count)")
        #expect(answer.0?.value(forHTTPHeaderField: "Content-Type") == "text/xml; charset=utf-8")
    }
}
