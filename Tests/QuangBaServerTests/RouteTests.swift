import Foundation
import Hummingbird
import HummingbirdTesting
import QuangBaContent
import QuangBaExport
import QuangBaServer
import QuangBaStore
import Testing

/// The server's routes in-process, as Hummingbird's own tests drive an application: the HTTP
/// the OAI-PMH endpoint promises (docs/harvesting.md) and what the preview serves of the site.
/// The same over a real socket, with a real client, is in QuangBaCLITests (EndpointHTTPTests).
@Suite struct RouteTests {
    /// A copy of the sample repository, indexed, and a built-site folder beside it.
    final class Fixture {
        static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let root: URL
        let site: URL
        let index: Index

        init() throws {
            let fm = FileManager.default
            root = fm.temporaryDirectory.appendingPathComponent("qb-routes-\(UUID().uuidString)")
            try fm.createDirectory(at: root, withIntermediateDirectories: true)
            for name in ["quangba.yaml", "content"] {
                try fm.copyItem(at: Self.package.appendingPathComponent(name), to: root.appendingPathComponent(name))
            }
            index = try Index(repository: try Repository(root: root))
            try index.sync()
            site = root.appendingPathComponent("_site")
            try fm.createDirectory(at: site.appendingPathComponent("vi"), withIntermediateDirectories: true)
            try Data("<!doctype html><title>Lạng Sơn</title>".utf8).write(to: site.appendingPathComponent("vi/index.html"))
            try Data("not for the public".utf8).write(to: site.appendingPathComponent(".secret"))
            try Data("outside the site".utf8).write(to: root.appendingPathComponent("outside.txt"))
            try fm.createSymbolicLink(at: site.appendingPathComponent("link.txt"), withDestinationURL: root.appendingPathComponent("outside.txt"))
        }
        deinit { try? FileManager.default.removeItem(at: root) }

        func app() throws -> some ApplicationProtocol {
            var options = QuangBaServer.Options()
            options.site = site
            options.syncSeconds = 3600
            return try QuangBaServer.application(index: index, options: options)
        }
    }

    /// An answer without its responseDate, the one part that changes between two requests.
    static func dateless(_ body: ByteBuffer) -> String {
        String(buffer: body).replacingOccurrences(of: #"<responseDate>[^<]*</responseDate>"#, with: "", options: .regularExpression)
    }

    @Test func headSaysWhatGetWouldAnswerWithoutTheBody() async throws {
        let f = try Fixture()
        try await f.app().test(.router) { client in
            let get = try await client.execute(uri: "/oai?verb=Identify", method: .get)
            let head = try await client.execute(uri: "/oai?verb=Identify", method: .head)
            #expect(get.status == .ok && head.status == .ok)
            #expect(String(buffer: get.body).contains("<Identify>"))
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentLength] == "\(get.body.readableBytes)")
            #expect(head.headers[.contentType] == "text/xml; charset=utf-8" && get.headers[.contentType] == head.headers[.contentType])
        }
    }

    @Test func otherMethodsAre405WithAllowAndAnXMLBody() async throws {
        let f = try Fixture()
        try await f.app().test(.router) { client in
            for method in [HTTPRequest.Method.put, .delete, .patch, .options] {
                let r = try await client.execute(uri: "/oai?verb=Identify", method: method)
                #expect(r.status == .methodNotAllowed, "\(method)")
                #expect(r.headers[.allow] == "GET, HEAD, POST", "\(method)")
                #expect(r.headers[.contentType] == "application/xml; charset=utf-8" && String(buffer: r.body).contains("<error status=\"405\">"), "\(method)")
            }
        }
    }

    @Test func aFormPostIsAnsweredAsGetAndOtherBodiesAre415() async throws {
        let f = try Fixture()
        try await f.app().test(.router) { client in
            let get = try await client.execute(uri: "/oai?verb=ListSets", method: .get)
            let post = try await client.execute(uri: "/oai", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "verb=ListSets"))
            #expect(post.status == .ok && Self.dateless(post.body) == Self.dateless(get.body))
            #expect(String(buffer: get.body).contains("<setSpec>kind:article</setSpec>"))
            let json = try await client.execute(uri: "/oai", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: #"{"verb":"Identify"}"#))
            #expect(json.status == .unsupportedMediaType && String(buffer: json.body).contains("<error status=\"415\">"))
        }
    }

    /// Every answer, errors and the site's files too, carries the security header fields.
    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        let f = try Fixture()
        try await f.app().test(.router) { client in
            for (uri, method, status) in [("/oai?verb=Identify", HTTPRequest.Method.get, HTTPResponse.Status.ok), ("/oai", .put, .methodNotAllowed),
                                          ("/vi/", .get, .ok), ("/no/such/page/", .get, .notFound), ("/schema/\(QuangBaXML.schemaFile)", .get, .ok)] {
                let r = try await client.execute(uri: uri, method: method)
                #expect(r.status == status, "\(uri)")
                #expect(r.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(r.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true, "\(uri)")
            }
        }
    }

    /// The preview serves the site's regular files only: not a dot file, not through a link
    /// (here to a file outside the site), whose contents must not appear.
    @Test func thePreviewServesOnlyTheSitesRegularFiles() async throws {
        let f = try Fixture()
        try await f.app().test(.router) { client in
            let page = try await client.execute(uri: "/vi/", method: .get)
            #expect(page.status == .ok && String(buffer: page.body).contains("Lạng Sơn"))
            for uri in ["/.secret", "/link.txt", "/vi/../../outside.txt", "/%2e%2e/outside.txt"] {
                let r = try await client.execute(uri: uri, method: .get)
                #expect(r.status == .notFound || r.status == .badRequest || r.status == .movedPermanently, "\(uri): \(r.status)")
                #expect(!String(buffer: r.body).contains("outside the site") && !String(buffer: r.body).contains("not for the public"), "\(uri)")
            }
        }
    }

    /// The root and the 404 pages in the reader's language (Accept-Language), saying that
    /// they vary with it; SVG only as the site's own asset.
    @Test func theReadersLanguageAtTheRootAndOnMissingPages() async throws {
        let f = try Fixture()
        let files = ["index.html": "chooser", "404.html": "every language", "en/index.html": "english home", "en/404.html": "english 404",
                     "ja/index.html": "japanese home", "ja/404.html": "japanese 404", "assets/logo.svg": "<svg/>", "files/x/evil.svg": "<svg/>"]
        for (path, text) in files {
            let url = f.site.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try await f.app().test(.router) { client in
            let ja = try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "ja-JP,ja;q=0.9,en;q=0.8"])
            #expect(ja.status == .found && ja.headers[.location] == "/ja/" && ja.headers[.vary] == "Accept-Language")
            // A language the site has but whose home is not built: the next one.
            let ko = try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "ko,en;q=0.5"])
            #expect(ko.status == .found && ko.headers[.location] == "/en/")
            for header in [nil, "fr-FR,de;q=0.5"] {
                let none = try await client.execute(uri: "/", method: .get, headers: header.map { [.acceptLanguage: $0] } ?? [:])
                #expect(none.status == .ok && String(buffer: none.body) == "chooser" && none.headers[.vary] == "Accept-Language", "\(header ?? "no header")")
            }
            // A missing page: its folder's language first, then the reader's, then every language.
            let cases: [(String, String?, String)] = [("/en/nothing/", "ja", "english 404"), ("/nothing", "ja", "japanese 404"),
                                                      ("/nothing", nil, "every language"), ("/vi/nothing", "en", "every language")]
            for (uri, header, body) in cases {
                let r = try await client.execute(uri: uri, method: .get, headers: header.map { [.acceptLanguage: $0] } ?? [:])
                #expect(r.status == .notFound && String(buffer: r.body) == body && r.headers[.vary] == "Accept-Language", "\(uri) \(header ?? "")")
            }
            let logo = try await client.execute(uri: "/assets/logo.svg", method: .get)
            #expect(logo.status == .ok && logo.headers[.contentType] == "image/svg+xml")
            #expect(try await client.execute(uri: "/files/x/evil.svg", method: .get).status == .notFound)
        }
    }
}

