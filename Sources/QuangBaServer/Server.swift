import Foundation
import Hummingbird
import QuangBaCore
import QuangBaExport
import QuangBaStore

/// `quangba serve`: the OAI-PMH endpoint at /oai (GET and POST), QuangBa's XML schema at
/// /schema/, and the built site at / for editors to preview. Reads the index, so what any
/// `quangba` command changes (each syncs the index first) is seen at once; a background check
/// every 30 s also picks up files edited by hand in content/.
public enum QuangBaServer {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        public var site: URL?
        public var pageSize = 100
        public var syncSeconds = 30.0
        public init() {}
    }

    /// Longest query string or form body accepted (a full OAI request is far shorter).
    static let maxRequestBytes = 8 * 1024

    public static func run(index: Index, options: Options, onStart: @escaping @Sendable (String) -> Void) async throws {
        let router = Router()
        // The endpoint's address as harvesters reach it (the port is known once listening).
        let endpoint = Locked<String>("http://\(options.host):\(options.port)/oai")
        let provider = Locked<OAIProvider?>(nil)
        let cache = ResponseCache()

        @Sendable func oai(_ arguments: [(String, String)]) async throws -> Response {
            guard let p = provider.with({ $0 }) else { throw HTTPError(.serviceUnavailable) }
            // Reading and rendering is CPU and SQLite work: keep it off the event loop and off
            // Swift's cooperative threads (as many as cores), on Dispatch's.
            let parts = try await withCheckedThrowingContinuation { (c: CheckedContinuation<[[UInt8]], any Error>) in
                DispatchQueue.global(qos: .userInitiated).async { c.resume(with: Result { try p.respondInParts(arguments, now: .now) }) }
            }
            var buffer = ByteBuffer()
            buffer.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            for part in parts { buffer.writeBytes(part) }
            return Response(status: .ok, headers: [.contentType: "text/xml; charset=utf-8"], body: ResponseBody(byteBuffer: buffer))
        }

        router.get("/oai") { request, _ -> Response in
            let query = request.uri.query ?? ""
            guard query.utf8.count <= maxRequestBytes else { throw HTTPError(.uriTooLong) }
            return try await oai(formArguments(query))
        }
        router.post("/oai") { request, _ -> Response in
            guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false else {
                throw HTTPError(.unsupportedMediaType, message: "OAI-PMH requests by POST are application/x-www-form-urlencoded")
            }
            var request = request
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: maxRequestBytes) } catch { throw HTTPError(.contentTooLarge) }
            return try await oai(formArguments(String(buffer: body)))
        }
        // OAI-PMH is GET and POST only.
        let notAllowed = { @Sendable (_: Request, _: BasicRequestContext) async throws -> Response in
            throw HTTPError(.methodNotAllowed, headers: [.allow: "GET, POST"], message: "OAI-PMH requests are GET or POST")
        }
        router.put("/oai", use: notAllowed)
        router.delete("/oai", use: notAllowed)
        router.patch("/oai", use: notAllowed)
        router.get("/schema/\(QuangBaXML.schemaFile)") { _, _ -> Response in
            guard let xsd = QuangBaXML.schema else { throw HTTPError(.notFound) }
            return Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: xsd)))
        }
        if let site = options.site {
            router.middlewares.add(FileMiddleware(site.path, searchForIndexHtml: true))
        }

        let app = Application(
            router: router,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "QuangBa"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                let url = "http://\(options.host):\(port)/oai"
                endpoint.with { $0 = url }
                provider.with { $0 = try? OAIProvider(index: index, endpoint: url, pageSize: options.pageSize, cache: cache) }
                onStart(url)
            }
        )
        // Edits to content/ reach the index (and so the harvesters) without a restart. The
        // check walks content/: a thread of its own, at low priority, so requests never wait.
        let running = Locked(true)
        Thread.detachNewThread {
            while running.with({ $0 }) {
                Thread.sleep(forTimeInterval: options.syncSeconds)
                if let report = try? index.sync(), report.added + report.updated + report.removed > 0 || report.rebuiltBecause != nil {
                    cache.clear()
                }
            }
        }
        defer { running.with { $0 = false } }
        try await app.runService()
    }

    /// `application/x-www-form-urlencoded` pairs in order, repeated names kept (OAI-PMH must
    /// see them to refuse them): `+` is a space, `%XX` a byte; a bad escape is kept as sent.
    static func formArguments(_ s: String) -> [(String, String)] {
        s.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ x: Substring) -> String {
                let plus = x.replacingOccurrences(of: "+", with: " ")
                return plus.removingPercentEncoding ?? plus
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
