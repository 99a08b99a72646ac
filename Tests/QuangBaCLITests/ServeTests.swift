import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `quangba serve` (in a process of its own, on a free port) on a copy of Tests/Fixtures/repo
/// with a small built site in `_site/` holding what must never be served: symbolic links out
/// of the site (to /etc/passwd, the repository's quangba.yaml, its index database, /etc) and
/// inside it, dot files and dot folders, a FIFO and a file of a type the site does not have.
final class PreviewServer {
    let cli: CLI
    let port: Int
    private let server: HarvestTests.Server

    static let page = "<!DOCTYPE html><html lang=\"vi\"><head><title>Trang chủ</title></head><body><h1>Lạng Sơn</h1></body></html>\n"

    init(_ options: [String] = []) throws {
        cli = try CLI(fixture: true)
        let fm = FileManager.default
        let site = cli.root.appendingPathComponent("_site")
        func write(_ path: String, _ text: String) throws {
            let url = site.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("index.html", Self.page)
        try write("en/index.html", Self.page)
        try write("404.html", "<!DOCTYPE html><title>404</title><p>Không tìm thấy trang</p>\n")
        try write("assets/site.css", "body { margin: 0 }\n")
        try write("assets/site.js", "\"use strict\";\n")
        try write("sitemap.xml", "<?xml version=\"1.0\"?><urlset/>\n")
        try write("robots.txt", "User-agent: *\n")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).write(to: site.appendingPathComponent("assets/x.png"))
        try write("files/doc/doc.pdf", "%PDF-1.4\n")
        try write(".quangba-site", "quangba-site\n")
        try write(".git/config", "[core]\n")
        try write(".hidden/page.html", Self.page)
        try write("en/.draft.html", Self.page)
        try write("evil.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>\n")
        try write("run.sh", "#!/bin/sh\n")
        for (link, target) in [("passwd.html", "/etc/passwd"), ("config.txt", "../quangba.yaml"), ("index.pdf", "../.quangba/index.sqlite"),
                               ("etc", "/etc"), ("alias.html", "index.html"), ("en/up", ".."), ("files/repo", "../..")] {
            try fm.createSymbolicLink(atPath: site.appendingPathComponent(link).path, withDestinationPath: target)
        }
        #expect(mkfifo(site.appendingPathComponent("fifo.html").path, 0o644) == 0)
        server = try HarvestTests.Server(cli, options)
        port = Int(server.url.split(separator: ":").last!.split(separator: "/").first!)!
        // The index the server made: what the link to it would send.
        #expect(fm.fileExists(atPath: cli.root.appendingPathComponent(".quangba/index.sqlite").path))
    }

    deinit { cli.cleanup() }
}

/// Runs blocking socket work on a Dispatch thread, off Swift's cooperative threads (as many as
/// cores), which the tests running at the same time need.
func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { c in
        DispatchQueue.global().async { c.resume(with: Result { try work() }) }
    }
}

/// HTTP/1.1 over a plain socket, so requests go out exactly as written (no client tidies a
/// path or waits for a whole body), with a time limit on every read and write.
struct RawHTTP {
    let fd: Int32

    init(port: Int, timeout: Double = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int(timeout.truncatingRemainder(dividingBy: 1) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { Glibc.close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    func close() { _ = Glibc.close(fd) }

    /// Whether every byte went out (false once the server has closed the connection).
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Whether the server has closed the connection, waiting up to `seconds` to find out;
    /// what it sent before (an early answer) is read and dropped.
    func closedByServer(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        repeat {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, Int32(max(0, deadline.timeIntervalSinceNow) * 1000)) > 0 else { return false }
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if n == 0 || (n < 0 && errno != EAGAIN) { return true }
        } while Date() < deadline
        return false
    }

    /// Everything the server sends until it closes (`closed`) or the read times out.
    func readAll() -> (bytes: [UInt8], closed: Bool) {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { return (out, n == 0) }
            out += buffer[..<n]
        }
    }

    struct Answer: Sendable {
        var status = 0
        var headers: [String: String] = [:]
        var body: [UInt8] = []
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// One request on its own connection (`Connection: close`), its answer parsed.
    static func request(_ port: Int, _ method: String, _ target: String, body: String? = nil) async throws -> Answer {
        try await blocking {
            let c = try RawHTTP(port: port)
            defer { c.close() }
            var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            if let body { head += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n" }
            c.send(head + "\r\n" + (body ?? ""))
            return parse(c.readAll().bytes)
        }
    }

    static func parse(_ bytes: [UInt8]) -> Answer {
        var answer = Answer()
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else { return answer }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        answer.status = Int(lines[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            answer.headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        answer.body = Array(bytes[(end + 4)...])
        return answer
    }
}

@Suite struct PreviewFilesTests {
    /// Symbolic links (out of the site, into the repository, and within the site), dot files
    /// and folders, `..` in every encoding, NUL, FIFOs and types the site does not have: 404,
    /// with the site's own 404 page and nothing of what they point at.
    @Test func onlyRegularFilesInsideTheSiteAreServed() async throws {
        let server = try PreviewServer()
        let secrets = ["root:x:0:0", "province:", "SQLite format 3", "[core]", "<svg", "#!/bin/sh", "Trang chủ"]
        let refused = [
            "/passwd.html", "/config.txt", "/index.pdf", "/etc/passwd", "/etc/hostname", "/alias.html", "/en/up/index.html",
            "/files/repo/quangba.yaml", "/files/repo/.quangba/index.sqlite",
            "/.quangba-site", "/.git/config", "/.hidden/page.html", "/en/.draft.html", "/.hidden/",
            "/../quangba.yaml", "/en/../../quangba.yaml", "/%2e%2e/quangba.yaml", "/%2E%2E/quangba.yaml", "/..%2fquangba.yaml",
            "/en/%2e%2e%2f%2e%2e%2fquangba.yaml", "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/%252e%252e/quangba.yaml",
            "/%2equangba-site", "/.%2e/quangba.yaml", "/index.html%00.png", "/%00", "/%zz", "/fifo.html", "/evil.svg", "/run.sh",
        ]
        for path in refused {
            let answer = try await RawHTTP.request(server.port, "GET", path)
            #expect(answer.status == 404, "\(path): \(answer.status)")
            #expect(answer.text.contains("Không tìm thấy trang"), "\(path): not the site's 404 page")
            for secret in secrets where answer.text.contains(secret) { Issue.record("\(path) sent \(secret)") }
        }

        let home = try await RawHTTP.request(server.port, "GET", "/")
        #expect(home.status == 200 && home.text == PreviewServer.page)
        #expect(try await RawHTTP.request(server.port, "GET", "/en/").text == PreviewServer.page)
        #expect(try await RawHTTP.request(server.port, "GET", "/%65n/index.html").text == PreviewServer.page)
        let folder = try await RawHTTP.request(server.port, "GET", "/en")
        #expect(folder.status == 301 && folder.headers["location"] == "/en/")
        // A redirect stays on this server, however the folder is named.
        for path in ["//en", "///%65n"] {
            let answer = try await RawHTTP.request(server.port, "GET", path)
            #expect(answer.status == 301 && answer.headers["location"] == "/en/", "\(path): \(answer.status) \(answer.headers)")
        }
        let head = try await RawHTTP.request(server.port, "HEAD", "/")
        #expect(head.status == 200 && head.headers["content-length"] == String(PreviewServer.page.utf8.count) && head.body.isEmpty)
        #expect(try await RawHTTP.request(server.port, "POST", "/", body: "x=1").status == 405)
    }

    /// Every answer (a page, a missing page, a redirect, a refused method, OAI-PMH, the
    /// schema) says `nosniff` and carries the site's Content-Security-Policy; files have the
    /// type of their extension.
    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        let server = try PreviewServer()
        let types = ["/": "text/html; charset=utf-8", "/assets/site.css": "text/css; charset=utf-8", "/assets/site.js": "text/javascript; charset=utf-8",
                     "/sitemap.xml": "application/xml; charset=utf-8", "/robots.txt": "text/plain; charset=utf-8", "/assets/x.png": "image/png",
                     "/files/doc/doc.pdf": "application/pdf"]
        for (path, type) in types {
            let answer = try await RawHTTP.request(server.port, "GET", path)
            #expect(answer.status == 200 && answer.headers["content-type"] == type, "\(path): \(answer.status) \(answer.headers)")
        }
        for (method, path) in [("GET", "/"), ("GET", "/nowhere"), ("GET", "/en"), ("DELETE", "/"), ("GET", "/oai?verb=Identify"),
                               ("GET", "/schema/quangba-1.xsd"), ("PUT", "/oai")] {
            let answer = try await RawHTTP.request(server.port, method, path)
            #expect(answer.headers["x-content-type-options"] == "nosniff", "\(method) \(path): \(answer.headers)")
            let csp = answer.headers["content-security-policy"] ?? ""
            #expect(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
                    "\(method) \(path): \(csp)")
        }
    }
}

/// Clients that open connections and send their request a byte at a time, or never, are cut
/// off once their time is up (1 s here), while other clients are answered meanwhile.
@Suite struct SlowClientTests {
    /// Sends `prefix`, then one more byte every 0.1 s until the server closes the
    /// connection or `budget` seconds are gone; true when the server closed it.
    static func trickle(_ port: Int, _ prefix: String, budget: Double) async throws -> Bool {
        try await blocking {
            let c = try RawHTTP(port: port)
            defer { c.close() }
            guard c.send(prefix) else { return true }
            let deadline = Date().addingTimeInterval(budget)
            while Date() < deadline {
                if c.closedByServer(within: 0.1) { return true }
                guard c.send("a") else { return true }
            }
            return false
        }
    }

    @Test func slowHeadersAndIdleConnectionsAreCutOffWhileOthersAreServed() async throws {
        let server = try PreviewServer(["--request-timeout", "1"])
        let port = server.port
        // Each would need 30 s to finish (it never ends its headers).
        async let slow = withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 { group.addTask { try await Self.trickle(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", budget: 30) } }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        // One that connects and says nothing, and one that stays after its answer.
        let idle = try RawHTTP(port: port, timeout: 30)
        defer { idle.close() }
        let kept = try RawHTTP(port: port, timeout: 30)
        defer { kept.close() }
        #expect(kept.send("GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
        // Meanwhile, ordinary requests are answered.
        for _ in 0..<5 {
            #expect(try await RawHTTP.request(port, "GET", "/").status == 200)
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try await slow == [true, true, true, true], "a slow client kept its connection")
        #expect(try await blocking { idle.closedByServer(within: 20) }, "a silent connection was kept open")
        let (answer, closed) = try await blocking { kept.readAll() }
        #expect(RawHTTP.parse(answer).status == 200 && closed, "a connection kept open after its answer")
        #expect(try await RawHTTP.request(port, "GET", "/").status == 200)
    }

    @Test func slowAndLargeBodiesAreCutOff() async throws {
        let server = try PreviewServer(["--request-timeout", "1"])
        let port = server.port
        // Bodies sent a byte at a time, to the OAI endpoint and to a page, would need 30 s.
        for target in ["/oai", "/"] {
            let cut = try await Self.trickle(port, "POST \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                                + "Content-Length: 1000\r\n\r\nverb=", budget: 30)
            #expect(cut, "a slow body to \(target) kept its connection")
        }
        // A body far over the bound, sent as fast as the socket takes it, is not read to its end.
        let large = try RawHTTP(port: port, timeout: 20)
        defer { large.close() }
        let megabytes = 64
        let accepted = try await blocking {
            var accepted = large.send("POST /oai HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                      + "Content-Length: \(megabytes << 20)\r\n\r\n")
            let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
            for _ in 0..<megabytes where accepted { accepted = large.send(chunk) }
            return accepted
        }
        #expect(!accepted, "the server read a 64 MB body")
        // A request within the bounds is answered.
        let ok = try await RawHTTP.request(port, "POST", "/oai", body: "verb=Identify")
        #expect(ok.status == 200 && ok.text.contains("<Identify>"))
    }
}
