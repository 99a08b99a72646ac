public import QuangBaContent
public import QuangBaCore

/// Which source fields changed since each stale translation was made, read from the source
/// history (`SourceHistory`): what `quangba status --items` and the coverage report show.
public struct StaleDetails: Sendable {
    /// Where the source a translation was made from was found, if anywhere.
    public enum Origin: String, Sendable {
        case current, snapshot, git
        case notFound = "not_found"
        case notStamped = "not_stamped"
    }

    public struct Entry: Sendable {
        /// The changed fields, nil when the old source is not known.
        public var fields: [String]?
        public var origin: Origin
    }

    private var entries: [String: Entry] = [:]
    /// The first failure to read the history (no git, say): the rest is still right, and those
    /// rows say the history was not found.
    public private(set) var warning: QuangBaError?

    public init() {}

    public init(_ repo: Repository, _ rows: [CoverageRow]) {
        let history = SourceHistory(repo)
        for r in rows where r.coverage == .stale {
            do {
                entries[Self.key(r)] = try Self.entry(repo, history, r)
            } catch let e as QuangBaError {
                if warning == nil { warning = e }
                entries[Self.key(r)] = Entry(fields: nil, origin: .notFound)
            } catch {
                entries[Self.key(r)] = Entry(fields: nil, origin: .notFound)
            }
        }
    }

    private static func key(_ r: CoverageRow) -> String { "\(r.id)\u{0}\(r.language)" }

    private static func entry(_ repo: Repository, _ history: SourceHistory, _ r: CoverageRow) throws -> Entry? {
        guard let id = ItemID(r.id) else { return nil }
        let loaded = try repo.load(id)
        guard let item = loaded.item, let source = loaded.translation(item.sourceLanguage),
              let t = loaded.translation(LanguageCode(r.language)) else { return nil }
        switch try history.staleness(of: t, source: source, item: item) {
        case .current: return Entry(fields: [], origin: .current)
        case .notStamped: return Entry(fields: nil, origin: .notStamped)
        case .historyNotFound: return Entry(fields: nil, origin: .notFound)
        case .changed(let old, let fields):
            if case .git = old.origin { return Entry(fields: fields, origin: .git) }
            return Entry(fields: fields, origin: .snapshot)
        }
    }

    public subscript(_ r: CoverageRow) -> Entry? { entries[Self.key(r)] }

    /// "title, body", or why the fields are not known, in the words `text` gives for the keys
    /// `status.not_stamped` and `status.history_not_found`.
    public func describe(_ r: CoverageRow, text: (String) -> String) -> String {
        guard let e = self[r] else { return text("status.history_not_found") }
        if let fields = e.fields { return fields.joined(separator: ", ") }
        return text(e.origin == .notStamped ? "status.not_stamped" : "status.history_not_found")
    }
}
