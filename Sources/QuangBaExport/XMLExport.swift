import Foundation
import QuangBaContent
public import QuangBaCore
public import QuangBaStore
public import QuangBaXML

/// `quangba export xml`: one document in QuangBa's own format with every public item (or those
/// changed since a time, with the deletions since then), written as it is read: memory stays
/// flat however large the repository.
public enum XMLExport {
    public struct Options: Sendable {
        public var since: Timestamp?
        public var kind: ItemKind?
        /// The moment of the export (`generated`); by default the clock's, taken as a harvest
        /// answer's is (`Index.harvestMoment`), so that the next `--since` it loses nothing.
        public var now: Timestamp?
        public var baseURL: String?
        public init() {}
    }

    public struct Report: Sendable {
        public var items = 0
        public var deleted = 0
    }

    public static func write(index: Index, options: Options, to sink: @escaping XMLStreamWriter.Sink) throws -> Report {
        let config = index.repository.config
        let baseURL = options.baseURL ?? config.baseURL
        let w = try XMLStreamWriter(sink: sink)
        let now = try options.now ?? index.harvestMoment()
        var report = Report()
        try w.startDocument()
        try w.start("export")
        try w.attribute("xmlns", QuangBaXML.namespace)
        try w.attribute("generated", now.description)
        try w.attribute("repository", config.province[config.sourceLanguage]?.name ?? "")
        try w.attribute("baseURL", baseURL)
        if config.isSample { try w.attribute("sample", "true") }
        if let since = options.since { try w.attribute("since", since.description) }
        if let kind = options.kind { try w.attribute("kind", kind.rawValue) }
        try index.forEachPublicItem(now: now, kind: options.kind, changedSince: options.since) { batch in
            // Which of the items they link to are public, their cover photos, and the datestamps: per batch.
            let linked = try LinkedItems.of(batch, index: index, now: now)
            let datestamps = try index.datestamps(batch.map { ($0.item.kind, $0.item.id) }, now: now)
            for p in batch {
                try QuangBaXML.write(p, w, config: config, baseURL: baseURL, datestamp: datestamps[p.item.id] ?? now, linked: linked)
            }
            report.items += batch.count
            try w.flush()
        }
        if let since = options.since {
            var q = HarvestQuery()
            q.from = since
            q.kind = options.kind
            try index.forEachHarvestHeader(q, now: now) { h in
                guard h.deleted else { return }
                try QuangBaXML.write(deleted: h, w)
                report.deleted += 1
            }
        }
        try w.end()
        try w.endDocument()
        return report
    }
}
