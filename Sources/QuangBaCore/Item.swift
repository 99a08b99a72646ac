/// The language-neutral record of one item (its `item.yaml`). Numbers, dates and codes live
/// here once, so the language versions can never disagree about them.
public struct Item: Hashable, Sendable {
    public var id: ItemID
    public var kind: ItemKind
    public var sourceLanguage: LanguageCode
    public var created: Timestamp
    public var updated: Timestamp
    public var author: String
    public var state: ItemState
    public var classification: Classification
    public var embargo: Timestamp?
    public var published: Timestamp?
    public var withdrawn: Timestamp?
    public var unit: String
    public var topics: [String]
    public var channels: [String]
    public var pinned: Bool
    /// The item's licence when it is not the repository's default (media carry theirs in
    /// `MediaDetails.licence`); see `licence(default:)`.
    public var licence: Licence?
    public var relations: Relations
    public var details: Details

    public init(id: ItemID, kind: ItemKind, sourceLanguage: LanguageCode, created: Timestamp, author: String, unit: String) {
        self.id = id; self.kind = kind; self.sourceLanguage = sourceLanguage
        self.created = created; self.updated = created; self.author = author
        self.state = .draft; self.classification = .public
        self.unit = unit; self.topics = []; self.channels = []; self.pinned = false
        self.relations = Relations(); self.details = Details.empty(for: kind)
    }

    /// The licence the item is published under: a media item's own, else the item's, else the
    /// repository's default.
    public func licence(default repositoryDefault: Licence) -> Licence {
        details.media?.licence ?? licence ?? repositoryDefault
    }

    /// A media item's credit line as shown in `language`: its form in that language, else the
    /// source language's (with `language` then naming what it is written in); nil without one.
    public func credit(in language: LanguageCode) -> (text: String, language: LanguageCode)? {
        guard let m = details.media else { return nil }
        if language != sourceLanguage, let t = m.creditTranslations[language], !t.isEmpty { return (t, language) }
        return m.credit.isEmpty ? nil : (m.credit, sourceLanguage)
    }
}

public struct Relations: Hashable, Sendable {
    public var cover: ItemID?
    public var related: [ItemID] = []
    public var attachments: [ItemID] = []
    public init() {}
    /// Every id this item points to, with the name of the relation.
    public var all: [(name: String, target: ItemID)] {
        (cover.map { [("cover", $0)] } ?? []) + related.map { ("related", $0) } + attachments.map { ("attachments", $0) }
    }
}

/// A WGS 84 position.
public struct GeoPoint: Hashable, Sendable {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) { self.lat = lat; self.lon = lon }
    public var isValid: Bool { (-90...90).contains(lat) && (-180...180).contains(lon) }
}

/// The typed fields of each kind.
public enum Details: Hashable, Sendable {
    case none
    case media(MediaDetails)
    case project(ProjectDetails)
    case event(EventDetails)
    case publication(PublicationDetails)

    public static func empty(for kind: ItemKind) -> Details {
        switch kind {
        case .article, .clarification: .none
        case .media: .media(MediaDetails())
        case .project: .project(ProjectDetails())
        case .event: .event(EventDetails())
        case .publication: .publication(PublicationDetails())
        }
    }

    public var media: MediaDetails? { if case .media(let m) = self { m } else { nil } }
    public var project: ProjectDetails? { if case .project(let p) = self { p } else { nil } }
    public var event: EventDetails? { if case .event(let e) = self { e } else { nil } }
    public var publication: PublicationDetails? { if case .publication(let p) = self { p } else { nil } }
}

/// A stored file that belongs to an item (the photo of a media item, the PDF of a publication).
public struct FileFacts: Hashable, Sendable {
    public var file: String = ""
    public var type: String = ""
    public var sha256: String = ""
    public var bytes: Int = 0
    public init() {}
}

public struct MediaDetails: Hashable, Sendable {
    public var file = FileFacts()
    public var width: Int?
    public var height: Int?
    public var taken: Timestamp?
    public var geo: GeoPoint?
    /// The credit line in the item's source language (`credit:` as text, or that language's
    /// entry of a `credit:` language map).
    public var credit: String = ""
    /// The credit line's other language forms (`credit: {en: …, ja: …}`); see `Item.credit(in:)`.
    public var creditTranslations: [LanguageCode: String] = [:]
    public var licence: Licence = .allRightsReserved
    /// The rights holder in the source language, or the code of a known holder (`holders:` in
    /// quangba.yaml), which names it in every language.
    public var holder: String?
    /// The holder's other language forms (`holder: {en: …}`), for a holder the table does not know.
    public var holderTranslations: [LanguageCode: String] = [:]
    /// Where the original came from.
    public var source: WebAddress?
    /// For a video, the address of the stream.
    public var video: WebAddress?
    public init() {}
    public var isImage: Bool { file.type.hasPrefix("image/") }
}

public struct ProjectDetails: Hashable, Sendable {
    public var sector: String = ""
    public var locality: String = ""
    public var zone: String?
    public var geo: GeoPoint?
    public var areaHa: Double?
    public var capital: Money?
    public var form: InvestmentForm = .domestic
    public var status: ProjectStatus = .calling
    public var scheduleStart: Int?
    public var scheduleEnd: Int?
    public var contactUnit: String = ""
    public var legalDecision: String?
    public var legalDate: String?
    public init() {}
}

public struct Money: Hashable, Sendable {
    public enum Currency: String, CaseIterable, Sendable { case VND, USD }
    public var amount: Double
    public var currency: Currency
    public init(amount: Double, currency: Currency) { self.amount = amount; self.currency = currency }
}

public enum InvestmentForm: String, CaseIterable, Hashable, Sendable {
    case fdi, domestic, ppp, jointVenture = "joint-venture", foreign100 = "foreign-100", bcc
}

public enum ProjectStatus: String, CaseIterable, Hashable, Sendable {
    case calling, negotiating, licensed, implementing, operating
}

public struct EventDetails: Hashable, Sendable {
    public var start: Timestamp = Timestamp(secondsSince1970: 0)
    public var end: Timestamp = Timestamp(secondsSince1970: 0)
    public var locality: String?
    public var geo: GeoPoint?
    public init() {}
}

public struct PublicationDetails: Hashable, Sendable {
    /// The document in the item's source language (`file:` and its facts, as before).
    public var file = FileFacts()
    /// The page count of `file`.
    public var pages: Int?
    public var isbn: String?
    /// The document in other languages (`files: {en: {file: …, type: …, sha256: …, bytes: …}}`).
    public var translatedFiles: [LanguageCode: PublicationFile] = [:]
    public init() {}

    /// Every file with its language: the source language's first, then the others in `order`.
    public func files(source: LanguageCode, order: [LanguageCode]) -> [PublicationFile] {
        var out: [PublicationFile] = []
        if !file.file.isEmpty { out.append(PublicationFile(language: source, file: file, pages: pages)) }
        let rank = { (l: LanguageCode) in order.firstIndex(of: l) ?? order.count }
        out += translatedFiles.values.sorted { (rank($0.language), $0.language.rawValue) < (rank($1.language), $1.language.rawValue) }
        return out
    }
}

/// One language's version of a publication's document.
public struct PublicationFile: Hashable, Sendable {
    public var language: LanguageCode
    public var file: FileFacts
    public var pages: Int?
    public init(language: LanguageCode, file: FileFacts, pages: Int? = nil) { self.language = language; self.file = file; self.pages = pages }
}
