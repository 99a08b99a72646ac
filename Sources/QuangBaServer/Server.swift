public import Foundation
public import Hummingbird
import NIOCore
import QuangBaContent
import QuangBaCore
import QuangBaExport
public import QuangBaStore

/// `quangba serve`: the OAI-PMH endpoint at /oai (GET and POST), QuangBa's XML schema at
/// /schema/, and the built site at / for editors to preview (only its regular files: see
/// `SiteFiles`). Reads the index, so what any `quangba` command changes (each syncs the index
/// first) is seen at once; a background check every 30 s also picks up files edited by hand in
/// content/ (`ContentSync`). Every answer carries `securityHeaders`; slow clients are cut off
/// (`RequestDeadlines`).
public enum QuangBaServer {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        public var site: URL?
        public var pageSize = 100
        public var syncSeconds = 30.0
        /// A request's head must be complete within this time of the connection opening or
        /// of the previous answer on it.
        public var headTimeout = Duration.seconds(10)
        /// A request's body must be complete within this time of its head.
        public var bodyTimeout = Duration.seconds(10)
        /// A connection sending a larger body is closed (an OAI-PMH request is read only up
        /// to `maxRequestBytes`; the rest is read and dropped, up to this).
        public var maxBodyBytes = 1 << 20
        /// The endpoint's address as harvesters reach it behind a reverse proxy
        /// (`https://host/oai`): what Identify's baseURL, `<request>` and the schema locations
        /// say instead of the address the server listens on.
        public var publicURL: String?
        public init() {}
    }

    /// On every answer. The site needs only its own stylesheet, script (no inline script: the
    /// JSON-LD blocks are data, not run), images and media files; pictures in Markdown bodies
    /// may come from other sites over https; the project filter's form is never submitted.
    static let securityHeaders: HTTPFields = [
        .xContentTypeOptions: "nosniff",
        .contentSecurityPolicy: "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; media-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ]

    /// Longest query string or form body accepted (a full OAI request is far shorter).
    static let maxRequestBytes = 8 * 1024

    public static func run(index: Index, options: Options, onStart: @escaping @Sendable (String) -> Void) async throws {
        try await application(index: index, options: options, onStart: onStart).runService()
    }

    /// The server, ready to run: its routes, its site, its request deadlines and its background
    /// sync (tests drive it in-process with HummingbirdTesting).
    public static func application(index: Index, options: Options, onStart: @escaping @Sendable (String) -> Void = { _ in }) throws -> some ApplicationProtocol {
        let router = Router()
        // Made before listening: a repository whose endpoint cannot be set up (its token
        // secret unreadable) stops the command with the reason, instead of a server answering
        // 503 forever. Named by its address as harvesters reach it once the port is known.
        let provider = Locked(try OAIProvider(index: index, endpoint: options.publicURL ?? "http://\(options.host):\(options.port)/oai",
                                              pageSize: options.pageSize, cache: ResponseCache()))

        @Sendable func oai(_ arguments: [(String, String)], _ request: Request, head: Bool = false) async throws -> Response {
            let p = provider.with { $0 }
            let gzip = Gzip.accepted(request.headers[.acceptEncoding])
            let buffer = try await offloaded {
                let parts = try p.respondInParts(arguments)
                var buffer = ByteBuffer()
                buffer.reserveCapacity(parts.reduce(0) { $0 + $1.count })
                for part in parts { buffer.writeBytes(part) }
                return gzip ? Gzip.compress(buffer) : buffer
            }
            var headers: HTTPFields = [.contentType: "text/xml; charset=utf-8", .vary: "Accept-Encoding"]
            if gzip { headers[.contentEncoding] = "gzip" }
            // HEAD: what GET would answer, without the body (its length said).
            guard head else { return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer)) }
            headers[.contentLength] = "\(buffer.readableBytes)"
            return Response(status: .ok, headers: headers, body: ResponseBody())
        }

        @Sendable func get(_ request: Request, head: Bool) async throws -> Response {
            let query = request.uri.query ?? ""
            guard query.utf8.count <= maxRequestBytes else { return plainError(.uriTooLong, "The request is longer than \(maxRequestBytes) bytes.") }
            return try await oai(formArguments(query), request, head: head)
        }
        router.get("/oai") { request, _ in try await get(request, head: false) }
        router.head("/oai") { request, _ in try await get(request, head: true) }
        router.post("/oai") { request, _ -> Response in
            guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false else {
                return plainError(.unsupportedMediaType, "OAI-PMH requests by POST are application/x-www-form-urlencoded.")
            }
            var request = request
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: maxRequestBytes) } catch { throw HTTPError(.contentTooLarge) }
            return try await oai(formArguments(String(buffer: body)), request)
        }
        // OAI-PMH is GET and POST (and HEAD) only.
        let notAllowed = { @Sendable (_: Request, _: BasicRequestContext) async throws -> Response in
            var r = plainError(.methodNotAllowed, "OAI-PMH requests are GET or POST.")
            r.headers[.allow] = "GET, HEAD, POST"
            return r
        }
        for method in [HTTPRequest.Method.put, .delete, .patch, .options, .connect, .trace] { router.on("/oai", method: method, use: notAllowed) }
        router.get("/schema/\(QuangBaXML.schemaFile)") { _, _ -> Response in
            guard let xsd = QuangBaXML.schema else { throw HTTPError(.notFound) }
            return Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: xsd)))
        }
        let tooLong = ByteBuffer(string: errorXML(.uriTooLong, "The request line (or its header fields) is longer than 80 KB (an OAI-PMH request is read up to \(maxRequestBytes) bytes)."))
        var tooLongHead = HTTPResponse(status: .uriTooLong, headerFields: [.contentType: "application/xml; charset=utf-8", .contentLength: "\(tooLong.readableBytes)",
                                                                           .connection: "close"])
        tooLongHead.headerFields.append(contentsOf: securityHeaders)
        let limits = RequestDeadlines.Limits(headTimeout: TimeAmount(options.headTimeout), bodyTimeout: TimeAmount(options.bodyTimeout),
                                             maxBodyBytes: options.maxBodyBytes, headTooLong: (tooLongHead, tooLong))
        var app = Application(
            responder: Responder(routes: router.buildResponder(), site: options.site.map { SiteFiles(root: $0.path, languages: index.repository.config.languageCodes) }),
            server: .http1(configuration: .init(additionalChannelHandlers: [RequestDeadlines(limits)])),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "QuangBa"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                let url = "http://\(options.host):\(port)/oai"
                if options.publicURL == nil { provider.with { $0 = $0.named(url) } }
                onStart(url)
            }
        )
        app.addServices(ContentSync(index: index, seconds: options.syncSeconds, logger: app.logger))
        return app
    }

    /// The routes first, then the site's files; every answer, errors too, with `securityHeaders`.
    struct Responder<Routes: HTTPResponder>: HTTPResponder where Routes.Context == BasicRequestContext {
        let routes: Routes
        let site: SiteFiles?

        func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
            var response: Response
            do {
                response = try await routes.respond(to: request, context: context)
                if response.status == .notFound, let site { response = try await site.respond(to: request) }
            } catch let error as any HTTPResponseError {
                response = try error.response(from: request, context: context)
            } catch {
                response = Response(status: .internalServerError)
            }
            response.headers.append(contentsOf: securityHeaders)
            return response
        }
    }

    /// An HTTP error of the endpoint as XML, the type a harvester expects from it (the
    /// protocol's own errors are 200 answers; these are the transport's).
    static func plainError(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "application/xml; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: errorXML(status, message))))
    }

    static func errorXML(_ status: HTTPResponse.Status, _ message: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error status=\"\(status.code)\">"
            + message.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") + "</error>\n"
    }

    /// Reading files, and reading and rendering from the index, is disk, CPU and SQLite work:
    /// kept off the event loop and off Swift's cooperative threads (as many as cores), on Dispatch's.
    static func offloaded<T: Sendable>(qos: DispatchQoS.QoSClass = .userInitiated, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
            DispatchQueue.global(qos: qos).async { c.resume(with: Result { try work() }) }
        }
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
