import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the OAI-PMH endpoint (/oai) for the national database, and the built site (/) for previewing.",
        discussion: "Harvesters use http://HOST:PORT/oai (GET or POST; gzip when they ask for it). The site is served from _site/ (build it first with `quangba build`): only its regular files, never through a symbolic link or a dot file. Clients that take more than --request-timeout seconds to send a request are cut off. What quangba commands change is seen at once; files edited by hand in content/ within --sync-every seconds, without a restart."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Address to listen on.", valueName: "host")) var host = "127.0.0.1"
    @Option(help: ArgumentHelp("Port to listen on (0: any free port, printed at start).", valueName: "port")) var port = 8080
    @Option(help: ArgumentHelp("Built site to serve at / (default: _site in the repository).", valueName: "dir")) var site: String?
    @Option(name: .customLong("page-size"), help: ArgumentHelp("Records per OAI-PMH list page.", valueName: "n")) var pageSize = 100
    @Option(name: .customLong("sync-every"), help: ArgumentHelp("Seconds between checks of content/ for files edited by hand.", valueName: "s")) var syncEvery = 30.0
    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("Seconds a client has to send a request's head, and then its body; a slower connection is closed.", valueName: "s"))
    var requestTimeout = 10.0
    @Option(name: .customLong("public-url"), help: ArgumentHelp("The endpoint's address as harvesters reach it behind a reverse proxy, e.g. https://langson.gov.vn/oai: named as baseURL and in schema locations instead of the listening address (default: oai_url in quangba.yaml).", valueName: "url"))
    var publicURL: String?

    func validate() throws {
        Console.configure(uiLanguage: global.uiLang)
        guard requestTimeout > 0 else { throw ValidationError(Console.text("serve.bad_timeout", ["value": "\(requestTimeout)"])) }
        if let publicURL, !RepositoryConfig.isEndpointAddress(publicURL) {
            throw ValidationError(Console.text("serve.bad_public_url", ["value": publicURL]))
        }
    }

    func run() async throws {
        Console.configure(uiLanguage: global.uiLang)
        do {
            let repo = try global.repository()
            let index = try global.syncedIndex(repo)
            var options = QuangBaServer.Options()
            options.host = host
            options.port = port
            options.pageSize = pageSize
            options.syncSeconds = max(0.5, syncEvery)
            options.headTimeout = .milliseconds(Int(requestTimeout * 1000))
            options.bodyTimeout = options.headTimeout
            options.publicURL = publicURL ?? repo.config.oaiURL
            let folder = site.map { URL(fileURLWithPath: $0) } ?? repo.root.appendingPathComponent("_site")
            options.site = FileManager.default.fileExists(atPath: folder.path) ? folder : nil
            let sitePath = options.site?.path
            try await QuangBaServer.run(index: index, options: options) { url in
                Console.out(Console.text("serve.started", ["url": url]))
                Console.out(sitePath.map { Console.text("serve.site", ["path": $0, "url": String(url.dropLast(3))]) } ?? Console.text("serve.no_site"))
            }
        } catch let e as QuangBaError {
            Console.report(e)
            throw ExitCode(1)
        }
    }
}
