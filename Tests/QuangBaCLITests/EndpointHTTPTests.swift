import Foundation
import Testing

/// The OAI endpoint's HTTP as harvesters meet it, over loopback: gzip when the harvester asks,
/// 414 for a request line far too long, a half-sent head cut off, its public address from
/// quangba.yaml.
@Suite(.serialized) struct EndpointHTTPTests {
    struct Answer: Decodable {
        let status: Int
        let headers: [String: String]
        /// The body's length as sent (compressed or not).
        let length: Int
        /// The body as the client reads it, gunzipped by Python when it came gzipped.
        let body: String
    }

    /// One request from Python's http.client, with exactly the header fields given (it adds
    /// no Accept-Encoding of its own); a gzip body is decompressed by Python's gzip, which
    /// checks its CRC and length: a real client, not this package's zlib.
    static func ask(_ url: String, _ method: String, _ query: String, _ headers: [String: String] = [:], body: String? = nil) throws -> Answer {
        let script = """
            import gzip, http.client, json, sys, urllib.parse
            url, method, query, headers = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
            body = sys.argv[5].encode() if len(sys.argv) > 5 else None
            u = urllib.parse.urlsplit(url)
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=20)
            c.putrequest(method, u.path + query, skip_accept_encoding=True)
            for k, v in headers.items():
                c.putheader(k, v)
            if body is not None:
                c.putheader("Content-Length", str(len(body)))
            c.endheaders(body)
            r = c.getresponse()
            raw = r.read()
            h = {k.lower(): v for k, v in r.getheaders()}
            text = gzip.decompress(raw) if h.get("content-encoding") == "gzip" else raw
            print(json.dumps({"status": r.status, "headers": h, "length": len(raw), "body": text.decode()}))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let fields = String(decoding: try JSONEncoder().encode(headers), as: UTF8.self)
        p.arguments = ["python3", "-c", script, url, method, query, fields] + (body.map { [$0] } ?? [])
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(method) \(query) \(headers): \(problems.suffix(800))")
        return try JSONDecoder().decode(Answer.self, from: data)
    }

    /// The answer without its responseDate, the one part that changes between two requests.
    static func timeless(_ body: String) -> String {
        body.replacingOccurrences(of: #"<responseDate>[^<]*</responseDate>"#, with: "", options: .regularExpression)
    }

    @Test func gzipOnlyWhenTheHarvesterAsksForIt() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let server = try HarvestTests.Server(cli)
        let list = "?verb=ListRecords&metadataPrefix=oai_dc"
        let plain = try Self.ask(server.url, "GET", list)
        #expect(plain.status == 200 && plain.body.contains("<ListRecords>"))
        #expect(plain.headers["content-encoding"] == nil && plain.headers["vary"] == "Accept-Encoding")
        for accept in ["gzip", "gzip, deflate, br", "br;q=1, gzip;q=0.5", "*", "identity;q=0, *", "x-gzip", "GZIP;Q=1.0"] {
            let gz = try Self.ask(server.url, "GET", list, ["Accept-Encoding": accept])
            #expect(gz.status == 200 && gz.headers["content-encoding"] == "gzip" && gz.headers["vary"] == "Accept-Encoding", "\(accept): \(gz.headers)")
            #expect(Self.timeless(gz.body) == Self.timeless(plain.body), "\(accept)")
            #expect(gz.length < plain.length / 3, "\(accept): \(gz.length) of \(plain.length) bytes")
        }
        for accept in ["gzip;q=0", "identity", "br", "gzip;q=0.5, identity", "*;q=0, identity", "gzip;q=oops", ""] {
            let as_is = try Self.ask(server.url, "GET", list, ["Accept-Encoding": accept])
            #expect(as_is.status == 200 && as_is.headers["content-encoding"] == nil && as_is.headers["vary"] == "Accept-Encoding", "\(accept): \(as_is.headers)")
            #expect(Self.timeless(as_is.body) == Self.timeless(plain.body), "\(accept)")
        }
        // POST, and HEAD: the length of the gzipped body GET sends. A responseDate a second
        // later compresses to a few bytes more or less (1512 between 1514 and 1513 was seen), so
        // the HEAD's length is held to the GETs around it within a few bytes, and the check below
        // tells it from the plain length.
        let post = try Self.ask(server.url, "POST", "", ["Accept-Encoding": "gzip", "Content-Type": "application/x-www-form-urlencoded"], body: "verb=Identify")
        #expect(post.status == 200 && post.headers["content-encoding"] == "gzip" && post.body.contains("<Identify>"))
        let before = try Self.ask(server.url, "GET", list, ["Accept-Encoding": "gzip"])
        let head = try Self.ask(server.url, "HEAD", list, ["Accept-Encoding": "gzip"])
        let after = try Self.ask(server.url, "GET", list, ["Accept-Encoding": "gzip"])
        #expect(head.status == 200 && head.length == 0 && head.headers["content-encoding"] == "gzip" && head.headers["vary"] == "Accept-Encoding")
        let headLength = Int(head.headers["content-length"] ?? "") ?? -1
        #expect([before.length, after.length].contains { abs($0 - headLength) <= 8 }, "\(head.headers) \(before.length) \(after.length)")
        let plainHead = try Self.ask(server.url, "HEAD", list)
        #expect(Int(plainHead.headers["content-length"] ?? "") ?? 0 > 2 * before.length)
    }

    /// A request line of 100 KB, more than NIO's decoder reads (80 KB), gets 414 and the XML
    /// error, after the answers to the requests before it on the connection.
    @Test func aRequestLineOf100KBIs414() async throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let server = try HarvestTests.Server(cli)
        let port = Int(server.url.split(separator: ":").last!.split(separator: "/").first!)!
        let long = "GET /oai?verb=Identify&x=\(String(repeating: "a", count: 100_000)) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        let alone = try await blocking {
            let c = try RawHTTP(port: port, timeout: 20)
            defer { c.close() }
            _ = c.send(long)
            return c.readAll()
        }
        let answer = RawHTTP.parse(alone.bytes)
        #expect(answer.status == 414 && alone.closed, "\(answer.status) \(answer.text.prefix(200))")
        #expect(answer.headers["content-type"] == "application/xml; charset=utf-8" && answer.headers["x-content-type-options"] == "nosniff")
        #expect(answer.text.hasPrefix("<?xml") && answer.text.contains("<error status=\"414\">"), "\(answer.text)")
        // Behind an ordinary request on the same connection: its answer first.
        let pipelined = try await blocking {
            let c = try RawHTTP(port: port, timeout: 20)
            defer { c.close() }
            _ = c.send("GET /oai?verb=Identify HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + long)
            return c.readAll()
        }
        let text = String(decoding: pipelined.bytes, as: UTF8.self)
        let ok = text.range(of: "HTTP/1.1 200"), refused = text.range(of: "HTTP/1.1 414")
        #expect(ok != nil && refused != nil && ok!.lowerBound < refused!.lowerBound && text.contains("<Identify>"), "\(text.prefix(300))")
        #expect(pipelined.closed)
    }

    /// A head left half-sent, on a new connection or after an answer on a kept one, has its
    /// connection closed once --request-timeout (1 s here) is over.
    @Test func aHalfSentHeadIsCutOff() async throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let server = try HarvestTests.Server(cli, ["--request-timeout", "1"])
        let port = Int(server.url.split(separator: ":").last!.split(separator: "/").first!)!
        let half = "GET /oai?verb=Identify HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/xml\r\n"
        let fresh = try RawHTTP(port: port, timeout: 30)
        defer { fresh.close() }
        #expect(fresh.send(half))
        let kept = try RawHTTP(port: port, timeout: 30)
        defer { kept.close() }
        #expect(kept.send("GET /oai?verb=Identify HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + half))
        #expect(try await blocking { fresh.closedByServer(within: 20) }, "a half-sent head kept its connection")
        let (bytes, closed) = try await blocking { kept.readAll() }
        #expect(RawHTTP.parse(bytes).status == 200 && closed, "a half-sent second head kept its connection")
    }

    /// `oai_url` in quangba.yaml names the endpoint; --public-url overrides it; a bad one is
    /// refused with the file named.
    @Test func publicURLFromQuangbaYaml() throws {
        let cli = try CLI(fixture: true)
        defer { cli.cleanup() }
        let config = cli.root.appendingPathComponent("quangba.yaml")
        let original = cli.file("quangba.yaml")
        try Data((original + "oai_url: https://langson.gov.vn/oai\n").utf8).write(to: config)
        func identify(_ options: [String]) throws -> String {
            let server = try HarvestTests.Server(cli, options)
            return try Self.ask(server.url, "GET", "?verb=Identify").body
        }
        let named = try identify([])
        #expect(named.contains("<baseURL>https://langson.gov.vn/oai</baseURL>") && !named.contains("127.0.0.1"), "\(named)")
        let overridden = try identify(["--public-url", "https://proxy.langson.gov.vn/harvest"])
        #expect(overridden.contains("<baseURL>https://proxy.langson.gov.vn/harvest</baseURL>"), "\(overridden)")
        for bad in ["https://langson.gov.vn/oai?x=1", "https://langson.gov.vn/oai#top", "langson.gov.vn/oai", "mailto:oai@langson.gov.vn", "javascript:alert(1)"] {
            try Data((original + "oai_url: \"\(bad)\"\n").utf8).write(to: config)
            for lang in ["en", "vi"] {
                let r = try cli.run(["serve", "--port", "0", "--ui-lang", lang])
                #expect(r.status != 0 && r.err.contains("quangba.yaml") && r.err.contains("oai_url") && r.err.contains(bad), "\(bad): \(r.err)")
            }
        }
    }
}
