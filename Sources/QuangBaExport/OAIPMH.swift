import Foundation
import QuangBaContent
public import QuangBaCore
public import QuangBaStore
import QuangBaXML

/// An OAI-PMH 2.0 data provider as a pure function: request arguments in, response document
/// out (docs/harvesting.md). The HTTP server only hands it the arguments of GET or POST.
public struct OAIProvider: Sendable {
    /// The metadata formats; the server publishes QuangBa's schema beside the endpoint.
    public static let formats: [(prefix: String, namespace: String)] = [
        ("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc/"),
        ("quangba", QuangBaXML.namespace),
    ]

    func schema(_ prefix: String) -> String {
        guard prefix == "quangba" else { return "http://www.openarchives.org/OAI/2.0/oai_dc.xsd" }
        let base = endpoint.hasSuffix("/oai") ? String(endpoint.dropLast(4)) : endpoint
        return base + "/schema/" + QuangBaXML.schemaFile
    }

    let index: Index
    /// The endpoint's own URL (`http://host:port/oai`), which responses name as baseURL.
    private(set) var endpoint: String
    let pageSize: Int
    let secret: [UInt8]
    let cache: ResponseCache?

    public init(index: Index, endpoint: String, pageSize: Int = 100, cache: ResponseCache? = nil) throws {
        self.index = index
        self.endpoint = endpoint
        self.pageSize = max(1, pageSize)
        self.secret = try index.harvestSecret()
        self.cache = cache
    }

    /// The same provider, sharing its cache, named by another address (a server learns its
    /// port once listening).
    public func named(_ endpoint: String) -> OAIProvider {
        var p = self
        p.endpoint = endpoint
        return p
    }

    var config: RepositoryConfig { index.repository.config }

    /// The repository identifier in OAI identifiers: the host of the site's base URL.
    var domain: String { URL(string: config.baseURL)?.host ?? "localhost" }

    public func identifier(_ kind: ItemKind, _ id: ItemID) -> String { "oai:\(domain):\(kind.rawValue)/\(id.rawValue)" }

    struct Failure: Error {
        let code: String
        let message: String
    }

    /// The response to a request with these arguments (names and values as sent, repeated ones
    /// included), at `now`.
    /// `now`: the moment of the answer; by default the clock's, taken so that it never runs
    /// ahead of the record ledger (`Index.harvestMoment`).
    public func respond(_ arguments: [(String, String)], now: Timestamp? = nil) throws -> [UInt8] {
        Array(try respondInParts(arguments, now: now).joined())
    }

    /// The response as consecutive byte arrays: the envelope around the answer, and the answer
    /// itself as kept in the cache (shared, not copied). A server copies them once, into the
    /// buffer it sends: a ListRecords page is hundreds of kilobytes, and copying it several
    /// times per request was what limited throughput.
    public func respondInParts(_ arguments: [(String, String)], now moment: Timestamp? = nil) throws -> [[UInt8]] {
        let moment = try index.harvestState(at: moment)
        let now = moment.time
        final class Parts { var list: [[UInt8]] = [[]] }
        let parts = Parts()
        let w = try XMLStreamWriter { parts.list[parts.list.count - 1] += $0; return true }
        try w.startDocument()
        try w.start("OAI-PMH")
        try w.attribute("xmlns", "http://www.openarchives.org/OAI/2.0/")
        try w.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        try w.attribute("xsi:schemaLocation", "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
        try w.element("responseDate", now.description)
        var request: Request?
        do {
            let r = try parse(arguments)
            request = r
            // The answer is made apart first: an error found on the way replaces it whole. A
            // harvest asks for the same pages again; answers are kept while they hold.
            let make = { () throws -> ([UInt8], AnswerScope) in
                var made: [UInt8] = []
                let bw = try XMLStreamWriter { made += $0; return true }
                let scope = try answer(r, bw, now: now)
                try bw.flush()
                return (made, scope)
            }
            let key = r.echo.map { $0.0 + "=" + $0.1 }.joined(separator: "&")
            let body = try cache?.value(key, at: moment, index: index, make) ?? make().0
            try w.start("request")
            for (k, v) in r.echo { try w.attribute(k, v) }
            try w.text(endpoint)
            try w.end()
            // As w.raw(body) would write it, without the copy.
            try w.flush()
            parts.list += [body, []]
        } catch let f as Failure {
            // After badVerb and badArgument the request element carries no attributes (the spec).
            if let r = request, f.code != "badVerb", f.code != "badArgument" {
                try w.start("request")
                for (k, v) in r.echo { try w.attribute(k, v) }
                try w.text(endpoint)
                try w.end()
            } else {
                try w.element("request", endpoint)
            }
            try w.element("error", f.message, attributes: [("code", f.code)])
        }
        try w.end()
        try w.endDocument()
        return parts.list.filter { !$0.isEmpty }
    }

    // MARK: Requests

    struct Request {
        let verb: String
        let args: [String: String]
        var echo: [(String, String)] { [("verb", verb)] + args.sorted { $0.key < $1.key } }
    }

    static let verbs: [String: (required: Set<String>, optional: Set<String>, exclusive: String?)] = [
        "Identify": ([], [], nil),
        "ListMetadataFormats": ([], ["identifier"], nil),
        "ListSets": ([], [], "resumptionToken"),
        "GetRecord": (["identifier", "metadataPrefix"], [], nil),
        "ListIdentifiers": (["metadataPrefix"], ["from", "until", "set"], "resumptionToken"),
        "ListRecords": (["metadataPrefix"], ["from", "until", "set"], "resumptionToken"),
    ]

    func parse(_ arguments: [(String, String)]) throws -> Request {
        let verbs = arguments.filter { $0.0 == "verb" }
        guard verbs.count == 1, let rules = Self.verbs[verbs[0].1] else {
            throw Failure(code: "badVerb", message: verbs.count > 1 ? "The verb argument is repeated." : verbs.isEmpty ? "The verb argument is missing." : "“\(verbs[0].1.prefix(60))” is not an OAI-PMH verb.")
        }
        var args: [String: String] = [:]
        for (k, v) in arguments where k != "verb" {
            guard args[k] == nil else { throw Failure(code: "badArgument", message: "The argument “\(k.prefix(40))” is repeated.") }
            args[k] = v
        }
        let allowed = rules.required.union(rules.optional).union(rules.exclusive.map { [$0] } ?? [])
        if let extra = args.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw Failure(code: "badArgument", message: "\(verbs[0].1) does not take the argument “\(extra.prefix(40))”.")
        }
        if let exclusive = rules.exclusive, args[exclusive] != nil {
            guard args.count == 1 else { throw Failure(code: "badArgument", message: "\(exclusive) must be the only argument besides the verb.") }
        } else if let missing = rules.required.sorted().first(where: { args[$0] == nil }) {
            throw Failure(code: "badArgument", message: "\(verbs[0].1) needs the argument \(missing).")
        }
        // Every value that a later error would echo in <request> must be what the schema allows
        // there: a value it refuses is an illegal argument, answered without echo.
        if let p = args["metadataPrefix"], !Self.isToken(p) {
            throw Failure(code: "badArgument", message: "“\(p.prefix(40))” is not a metadata prefix (letters, digits and - _ . ! ~ * ' ( )).")
        }
        if let spec = args["set"], !spec.split(separator: ":", omittingEmptySubsequences: false).allSatisfy({ Self.isToken($0) }) {
            throw Failure(code: "badArgument", message: "“\(spec.prefix(60))” is not a set of this repository (see ListSets).")
        }
        if let id = args["identifier"], !Self.isURI(id) {
            throw Failure(code: "badArgument", message: "The identifier is not a URI (see ListIdentifiers for this repository's).")
        }
        return Request(verb: verbs[0].1, args: args)
    }

    /// The schema's metadataPrefixType and the parts of a setSpecType: at least one of
    /// A–Z a–z 0–9 - _ . ! ~ * ' ( ).
    static func isToken(_ s: some StringProtocol) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { b in
            (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || Array("-_.!~*'()".utf8).contains(b)
        }
    }

    /// An absolute URI as an xs:anyURI must be: a scheme, then no white space or control
    /// character, none of < > " { } | \ ^ ` and every % followed by two hexadecimal digits.
    static func isURI(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard let colon = u.firstIndex(of: UInt8(ascii: ":")), colon > 0, (0x41...0x5A).contains(u[0] & 0xDF) else { return false }
        var i = 0
        while i < u.count {
            let b = u[i]
            if b <= 0x20 || b == 0x7F || Array("<>\"{}|\\^`".utf8).contains(b) { return false }
            if b == UInt8(ascii: "%") {
                guard i + 2 < u.count, u[i + 1].isHexDigit, u[i + 2].isHexDigit else { return false }
            }
            i += 1
        }
        return true
    }

    // MARK: Answers

    /// Writes the answer; returns the records it depends on.
    func answer(_ r: Request, _ w: XMLStreamWriter, now: Timestamp) throws -> AnswerScope {
        switch r.verb {
        case "Identify": try identify(w, now: now)
        case "ListMetadataFormats": try listMetadataFormats(r.args["identifier"], w, now: now)
        case "ListSets": try listSets(r.args["resumptionToken"], w, now: now)
        case "GetRecord": return try getRecord(r.args["identifier"]!, r.args["metadataPrefix"]!, w, now: now)
        default: return try list(r, w, now: now)
        }
        return .any
    }

    func identify(_ w: XMLStreamWriter, now: Timestamp) throws {
        try w.start("Identify")
        try w.element("repositoryName", (config.province[config.sourceLanguage]?.name ?? "QuangBa") + (config.isSample ? " (QuangBa sample data)" : ""))
        try w.element("baseURL", endpoint)
        try w.element("protocolVersion", "2.0")
        try w.element("adminEmail", config.adminEmail)
        try w.element("earliestDatestamp", (try index.earliestDatestamp(now: now) ?? now).description)
        try w.element("deletedRecord", "persistent")
        try w.element("granularity", "YYYY-MM-DDThh:mm:ssZ")
        try w.start("description")
        try w.start("oai-identifier")
        try w.attribute("xmlns", "http://www.openarchives.org/OAI/2.0/oai-identifier")
        try w.attribute("xsi:schemaLocation", "http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd")
        try w.element("scheme", "oai")
        try w.element("repositoryIdentifier", domain)
        try w.element("delimiter", ":")
        try w.element("sampleIdentifier", "oai:\(domain):article/cho-ky-lua")
        try w.end()
        try w.end()
        try w.end()
    }

    func listMetadataFormats(_ identifier: String?, _ w: XMLStreamWriter, now: Timestamp) throws {
        if let identifier { _ = try header(for: identifier, now: now) }
        try w.start("ListMetadataFormats")
        for f in Self.formats {
            try w.start("metadataFormat")
            try w.element("metadataPrefix", f.prefix)
            try w.element("schema", schema(f.prefix))
            try w.element("metadataNamespace", f.namespace)
            try w.end()
        }
        try w.end()
    }

    func listSets(_ token: String?, _ w: XMLStreamWriter, now: Timestamp) throws {
        if let token { throw Failure(code: "badResumptionToken", message: "ListSets is never split into pages; “\(token.prefix(40))” is not a token of this repository.") }
        try w.start("ListSets")
        let texts = OAISets.Texts.load(index.repository)
        for s in OAISets.all(config, texts: texts, topics: try index.harvestTopics(now: now)) { try set(w, s) }
        try w.end()
    }

    /// A set: its name in the source language, and a description in oai_dc that names it and
    /// says what it holds in every configured language.
    private func set(_ w: XMLStreamWriter, _ s: OAISets.Set) throws {
        try w.start("set")
        try w.element("setSpec", s.spec)
        try w.element("setName", s.name)
        try w.start("setDescription")
        try w.start("oai_dc:dc")
        try w.attribute("xmlns:oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc/")
        try w.attribute("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        try w.attribute("xsi:schemaLocation", "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
        for (l, title) in s.titles { try w.element("dc:title", title, attributes: [("xml:lang", l.rawValue)]) }
        for (l, text) in s.descriptions { try w.element("dc:description", text, attributes: [("xml:lang", l.rawValue)]) }
        try w.end()
        try w.end()
        try w.end()
    }

    func header(for identifier: String, now: Timestamp) throws -> HarvestHeader {
        let prefix = "oai:\(domain):"
        guard identifier.hasPrefix(prefix) else {
            throw Failure(code: "idDoesNotExist", message: "“\(identifier.prefix(100))” is not an identifier of this repository (they start with \(prefix)).")
        }
        let local = identifier.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard local.count == 2, let kind = ItemKind(rawValue: String(local[0])), let id = ItemID(String(local[1])),
              let h = try index.harvestHeader(id, kind: kind, now: now) else {
            throw Failure(code: "idDoesNotExist", message: "There is no record “\(identifier.prefix(100))”.")
        }
        return h
    }

    func format(_ prefix: String) throws -> String {
        guard Self.formats.contains(where: { $0.prefix == prefix }) else {
            throw Failure(code: "cannotDisseminateFormat", message: "The metadata format “\(prefix.prefix(40))” is not offered; use oai_dc or quangba.")
        }
        return prefix
    }

    func getRecord(_ identifier: String, _ prefix: String, _ w: XMLStreamWriter, now: Timestamp) throws -> AnswerScope {
        let format = try format(prefix)
        let h = try header(for: identifier, now: now)
        try w.start("GetRecord")
        try w.raw(Array("\n".utf8))
        for bytes in try records([h], format: format, now: now) { try w.raw(bytes) }
        try w.end()
        return .one(HarvestKey(id: h.id.rawValue, kind: h.kind.rawValue))
    }

    /// A page of records. Its scope: the first page depends on every record (it counts them)
    /// and on the moment (its token holds it); a later one, whose token fixes the moment and
    /// where it starts, only on the records from there to its last one (to the end, on the
    /// last page).
    func list(_ r: Request, _ w: XMLStreamWriter, now requestTime: Timestamp) throws -> AnswerScope {
        let withMetadata = r.verb == "ListRecords"
        var state: Token
        if let t = r.args["resumptionToken"] {
            state = try Token.decode(t, secret: secret, verb: r.verb)
        } else {
            var q = HarvestQuery()
            let from = try r.args["from"].map { try Self.date($0, end: false) }
            let until = try r.args["until"].map { try Self.date($0, end: true) }
            if let f = from, let u = until {
                guard f.dayOnly == u.dayOnly else { throw Failure(code: "badArgument", message: "from and until must have the same granularity.") }
                guard f.time <= u.time else { throw Failure(code: "badArgument", message: "from is later than until.") }
            }
            q.from = from?.time
            q.until = until?.time
            if let spec = r.args["set"] { q.set = try Self.set(spec, config) }
            state = Token(verb: r.verb, prefix: try format(r.args["metadataPrefix"]!), query: q, now: requestTime,
                          after: nil, cursor: 0, total: try index.harvestCount(q, now: requestTime))
        }
        let headers = try index.harvestHeaders(state.query, now: state.now, after: state.after, limit: pageSize)
        guard !headers.isEmpty else {
            if state.cursor == 0 { throw Failure(code: "noRecordsMatch", message: "No record matches these arguments.") }
            throw Failure(code: "badResumptionToken", message: "This resumption token has nothing left to list.")
        }
        try w.start(r.verb)
        if withMetadata {
            try w.raw(Array("\n".utf8))
            for bytes in try records(headers, format: state.prefix, now: state.now) { try w.raw(bytes) }
        } else {
            for h in headers { try header(h, w) }
        }
        let cursor = state.cursor + headers.count
        let first = state.after.map { HarvestKey(id: $0.id.rawValue, kind: $0.kind) }
        // A token only when there is more; the last page carries an empty one (the spec).
        let more = cursor < state.total && headers.count == pageSize
        let scope = state.cursor == 0 ? AnswerScope.anyAndMoment
            : .range(after: first, through: more ? HarvestKey(id: headers.last!.id.rawValue, kind: headers.last!.kind.rawValue) : nil)
        if more || state.cursor > 0 {
            try w.start("resumptionToken")
            try w.attribute("completeListSize", String(state.total))
            try w.attribute("cursor", String(state.cursor))
            if more {
                state.after = (headers.last!.id, headers.last!.kind.rawValue)
                state.cursor = cursor
                try w.text(state.encode(secret: secret))
            }
            try w.end()
        }
        try w.end()
        return scope
    }

    // MARK: Records

    func header(_ h: HarvestHeader, _ w: XMLStreamWriter) throws {
        try w.start("header")
        if h.deleted { try w.attribute("status", "deleted") }
        try w.element("identifier", identifier(h.kind, h.id))
        try w.element("datestamp", h.datestamp.description)
        for spec in h.sets { try w.element("setSpec", spec) }
        try w.end()
    }

    /// The records of `headers`, each as its own bytes: kept ones from the cache (a record is
    /// named by its header and the ledger's hash of what is served of it, so one that changed
    /// is never taken from there), the others made, reading their items, the items they link
    /// to and their cover photos in one query each. An edit then costs a page one record, not
    /// a hundred.
    func records(_ headers: [HarvestHeader], format: String, now: Timestamp) throws -> [[UInt8]] {
        let keys = headers.map { h in
            [format, h.kind.rawValue, h.id.rawValue, String(h.datestamp.secondsSince1970), h.deleted ? "d" : "", h.sets.joined(separator: " "), h.version].joined(separator: "|")
        }
        var out = keys.map { cache?.record($0) }
        let missing = out.indices.filter { out[$0] == nil }
        guard !missing.isEmpty else { return out.map { $0! } }
        let items = try index.publicItems(missing.map { headers[$0] }.filter { !$0.deleted }.map(\.id), now: now)
        let linked = try LinkedItems.of(items.values, index: index, now: now)
        for i in missing {
            var made: [UInt8] = []
            let w = try XMLStreamWriter { made += $0; return true }
            try record(headers[i], format: format, w, item: items[headers[i].id], linked: linked, now: now)
            try w.flush()
            cache?.keepRecord(keys[i], made)
            out[i] = made
        }
        return out.map { $0! }
    }

    /// A record: its header, and for a live item its metadata. `linked`: the public items
    /// among those it links to (links to others are left out).
    func record(_ h: HarvestHeader, format: String, _ w: XMLStreamWriter, item: PublicItem?, linked: LinkedItems, now: Timestamp) throws {
        try w.start("record")
        try header(h, w)
        if !h.deleted, let p = item {
            try w.start("metadata")
            if format == "oai_dc" {
                try DublinCore.write(p, w, config: config, baseURL: config.baseURL, linked: linked, identifier: identifier)
            } else {
                try QuangBaXML.write(p, w, config: config, baseURL: config.baseURL, datestamp: h.datestamp, declareNamespace: true, linked: linked)
            }
            try w.end()
        }
        try w.end()
    }

    // MARK: Arguments

    struct Moment {
        let time: Timestamp
        let dayOnly: Bool
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`; a day as `until` means its end (inclusive).
    static func date(_ s: String, end: Bool) throws -> Moment {
        // Year 0000 is no xs:date: the schema would refuse it echoed in <request>.
        if s.hasPrefix("0000") { throw Failure(code: "badArgument", message: "“\(s.prefix(40))” is not a date (years start at 0001).") }
        if s.count == 10, let t = Timestamp(parsing: s, allowDate: true) {
            return Moment(time: end ? Timestamp(secondsSince1970: t.secondsSince1970 + 86_399) : t, dayOnly: true)
        }
        if s.count == 20, let t = Timestamp(parsing: s) { return Moment(time: t, dayOnly: false) }
        throw Failure(code: "badArgument", message: "“\(s.prefix(40))” is not a date of this repository's granularity (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).")
    }

    static func set(_ spec: String, _ config: RepositoryConfig) throws -> HarvestSet {
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            switch parts[0] {
            case "kind": if let k = ItemKind(rawValue: parts[1]) { return .kind(k) }
            case "lang": if config.isConfigured(LanguageCode(parts[1])) { return .language(LanguageCode(parts[1])) }
            case "topic": if config.topics[parts[1]] != nil { return .topic(parts[1]) }
            case "unit": if config.units[parts[1]] != nil { return .unit(parts[1]) }
            default: break
            }
        }
        throw Failure(code: "badArgument", message: "“\(spec.prefix(60))” is not a set of this repository (see ListSets).")
    }
}

private extension UInt8 {
    var isHexDigit: Bool { (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self) }
}

/// A resumption token: the query, where the last page ended, and the time the list was first
/// asked for; signed (HMAC-SHA-256), so the server keeps no state and a changed token is refused.
struct Token {
    var verb: String
    var prefix: String
    var query: HarvestQuery
    var now: Timestamp
    /// The last record of the page before: id and kind.
    var after: (id: ItemID, kind: String)?
    var cursor: Int
    var total: Int

    func payload() -> String {
        ["1", verb, prefix, query.set?.spec ?? "", query.from.map { "\($0.secondsSince1970)" } ?? "", query.until.map { "\($0.secondsSince1970)" } ?? "",
         "\(now.secondsSince1970)", after.map { $0.id.rawValue + "/" + $0.kind } ?? "", "\(cursor)", "\(total)"].joined(separator: "|")
    }

    func encode(secret: [UInt8]) -> String {
        let p = Self.base64url(Array(payload().utf8))
        return p + "." + Self.mac(p, secret)
    }

    static func decode(_ token: String, secret: [UInt8], verb: String) throws -> Token {
        let bad = OAIProvider.Failure(code: "badResumptionToken", message: "The resumption token is not valid (changed, truncated, or from another list).")
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.count < 1000, parts.count == 2, constantTimeEqual(mac(String(parts[0]), secret), String(parts[1])),
              let bytes = unbase64url(String(parts[0])) else { throw bad }
        let f = String(decoding: bytes, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 10, f[0] == "1", f[1] == verb, let now = Int64(f[6]), let cursor = Int(f[8]), let total = Int(f[9]) else { throw bad }
        var q = HarvestQuery()
        q.from = Int64(f[4]).map(Timestamp.init(secondsSince1970:))
        q.until = Int64(f[5]).map(Timestamp.init(secondsSince1970:))
        if !f[3].isEmpty {
            let s = f[3].split(separator: ":", maxSplits: 1).map(String.init)
            guard s.count == 2 else { throw bad }
            switch s[0] {
            case "kind": guard let k = ItemKind(rawValue: s[1]) else { throw bad }; q.set = .kind(k)
            case "lang": q.set = .language(LanguageCode(s[1]))
            case "topic": q.set = .topic(s[1])
            case "unit": q.set = .unit(s[1])
            default: throw bad
            }
        }
        var after: (id: ItemID, kind: String)?
        if !f[7].isEmpty {
            let a = f[7].split(separator: "/", maxSplits: 1).map(String.init)
            guard let id = ItemID(a[0]) else { throw bad }
            after = (id, a.count > 1 ? a[1] : "")
        }
        return Token(verb: f[1], prefix: f[2], query: q, now: Timestamp(secondsSince1970: now), after: after, cursor: cursor, total: total)
    }

    /// HMAC-SHA-256 (RFC 2104), its first 128 bits in hex (RFC 2104 allows half the output).
    static func mac(_ message: String, _ key: [UInt8]) -> String {
        Array(HMAC.sha256(key: key, message: Array(message.utf8)).prefix(16)).hexString
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func unbase64url(_ s: String) -> [UInt8]? {
        var b = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b.count % 4 != 0 { b += "=" }
        return Data(base64Encoded: b).map(Array.init)
    }
}

/// The records an answer depends on: any (it counts them, or names the earliest), any and the
/// moment itself (a first page, whose token holds it), one, or those in a stretch of harvest
/// order (`after` excluded, nil: from the start or to the end).
enum AnswerScope: Sendable {
    case any
    case anyAndMoment
    case one(HarvestKey)
    case range(after: HarvestKey?, through: HarvestKey?)

    func holds(_ key: HarvestKey) -> Bool {
        switch self {
        case .any, .anyAndMoment: true
        case .one(let k): k == key
        case .range(let after, let through): (after.map { $0 < key } ?? true) && (through.map { key <= $0 } ?? true)
        }
    }
}

/// Recently made answers (the documents' verb elements), by request, and the records they
/// are made of, by what the ledger knows of them; each bounded in bytes.
///
/// An answer made at one ledger stamp still holds at a later one when none of the records
/// changed in between (`Index.ledgerChanges`) is in its scope and no embargo has ended since:
/// an edit then costs a harvest the pages holding the record, not every page. Nothing kept is
/// ever out of date, so nothing needs clearing.
public final class ResponseCache: Sendable {
    /// What an answer was made at, and what it depends on.
    struct Made: Sendable {
        var stamp: String
        let time: Timestamp
        let ended: Int
        let nextEnd: Int64
        let scope: AnswerScope
    }

    private let answers: BoundedBytes<Made>
    private let records: BoundedBytes<Void>
    /// `Index.ledgerChanges` by "from>to" (nil: unknown), asked once per pair of stamps.
    private let changes = Locked<[String: Set<HarvestKey>?]>([:])

    public init(limitBytes: Int = 64 << 20, recordBytes: Int = 48 << 20) {
        answers = BoundedBytes(limit: limitBytes)
        records = BoundedBytes(limit: recordBytes)
    }

    /// Answers being made, so that many harvesters asking for the same new page at once wait
    /// for one to make it instead of all making it.
    private let making = Locked<[String: NSLock]>([:])

    /// The kept answer for `key` if it holds at `moment`, or the one `make` gives (kept for next time).
    func value(_ key: String, at moment: HarvestMoment, index: Index, _ make: () throws -> ([UInt8], AnswerScope)) throws -> [UInt8] {
        if let hit = try kept(key, at: moment, index: index) { return hit }
        let lock = making.with { m -> NSLock in
            if let l = m[key] { return l }
            let l = NSLock()
            m[key] = l
            return l
        }
        lock.lock()
        defer { lock.unlock() }
        if let hit = try kept(key, at: moment, index: index) { return hit }
        let (made, scope) = try make()
        answers.put(key, made, Made(stamp: moment.stamp, time: moment.time, ended: moment.ended, nextEnd: moment.nextEnd, scope: scope))
        making.with { _ = $0.removeValue(forKey: key) }
        return made
    }

    private func kept(_ key: String, at moment: HarvestMoment, index: Index) throws -> [UInt8]? {
        guard let (bytes, made) = answers.get(key), made.ended == moment.ended, moment.time.secondsSince1970 < made.nextEnd else { return nil }
        switch made.scope {
        case .anyAndMoment: return made.stamp == moment.stamp && made.time == moment.time ? bytes : nil
        case .any: return made.stamp == moment.stamp ? bytes : nil
        default: if made.stamp == moment.stamp { return bytes }
        }
        guard let changed = try changed(from: made.stamp, to: moment.stamp, index: index), !changed.contains(where: made.scope.holds) else { return nil }
        answers.retag(key) { $0.stamp = moment.stamp }
        return bytes
    }

    private func changed(from: String, to: String, index: Index) throws -> Set<HarvestKey>? {
        let pair = from + ">" + to
        if let known = changes.with({ $0[pair] }) { return known }
        let found = try index.ledgerChanges(from: from, to: to)
        changes.with { c in
            if c.count >= 4_096 { c.removeAll() }
            c[pair] = .some(found)
        }
        return found
    }

    func record(_ key: String) -> [UInt8]? { records.get(key)?.0 }
    func keepRecord(_ key: String, _ bytes: [UInt8]) { records.put(key, bytes, ()) }
}

/// Byte arrays by key, each with a tag, the oldest dropped first past `limit` bytes.
final class BoundedBytes<Tag: Sendable>: Sendable {
    private let entries = Locked<(map: [String: ([UInt8], Tag)], order: [String], bytes: Int)>(([:], [], 0))
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func get(_ key: String) -> ([UInt8], Tag)? { entries.with { $0.map[key] } }

    /// Keeps `value` under `key`, in place of what was kept there.
    func put(_ key: String, _ value: [UInt8], _ tag: Tag) {
        guard value.count <= limit / 4 else { return }
        entries.with { e in
            if let old = e.map.updateValue((value, tag), forKey: key) { e.bytes -= old.0.count } else { e.order.append(key) }
            e.bytes += value.count
            while e.bytes > limit, !e.order.isEmpty {
                let old = e.order.removeFirst()
                e.bytes -= e.map.removeValue(forKey: old)?.0.count ?? 0
            }
        }
    }

    func retag(_ key: String, _ change: (inout Tag) -> Void) {
        entries.with { e in
            if var kept = e.map[key] { change(&kept.1); e.map[key] = kept }
        }
    }
}
