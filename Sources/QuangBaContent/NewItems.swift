import Foundation
public import QuangBaCore
import QuangBaText

/// A file brought into the repository from outside (`quangba new publication --file`, `media
/// add`): its bytes, read by the input rule (a regular file, not through a link), and its facts,
/// read from the bytes themselves (`FileFacts(storing:original:bytes:kind:)`), stored under a
/// slug of its name.
public struct StoredFile: Sendable {
    public let facts: FileFacts
    public let bytes: [UInt8]

    public init(reading path: String, kind: ItemKind) throws {
        switch readFile(path, rule: .input) {
        case .success(let b): bytes = b
        case .failure(.missing): throw QuangBaError(Message("media.cannot_read", ["path": path]))
        case .failure(let refusal): throw QuangBaError(refusal.fileMessage(path), at: Location(file: path))
        }
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension.lowercased()
        let base = Slug.make(url.deletingPathExtension().lastPathComponent)
        let name = (base.isEmpty ? "file" : base) + (ext.isEmpty ? "" : "." + ext)
        do {
            facts = try FileFacts(storing: name, original: url.lastPathComponent, bytes: bytes, kind: kind)
        } catch var e as QuangBaError {
            e.location = Location(file: path)
            throw e
        }
    }
}

/// Where the library asks whether a file is already in the repository, by checksum (the
/// index answers it: `Index.itemWithFile(sha256:)`). A media item is never added without one.
public protocol StoredFileLookup {
    /// The id of the item that stores a file with this sha256, if any.
    func itemWithFile(sha256: String) throws -> String?
}

/// What an editor gives to start an article, clarification, project, event or publication
/// (`quangba new`); the library makes the rest: the id from the title, the dates, the file's
/// facts, and every value read as `quangba set` reads it.
public struct ItemDraft {
    public var kind: ItemKind
    public var title: String
    public var language: LanguageCode
    /// A unit code or name, as `set unit=…` takes it.
    public var unit: String
    public var topics: [String] = []
    public var author: String
    /// Further fields as FIELD=VALUE pairs, in order.
    public var fields: [(String, String)] = []
    /// A publication's document, read already (so a bad file is refused before anything is asked).
    public var file: StoredFile?

    public init(kind: ItemKind, title: String, language: LanguageCode, unit: String, author: String) {
        self.kind = kind
        self.title = Normalization.nfc(title)
        self.language = language
        self.unit = unit
        self.author = author
    }

    /// Refuses what no answer to a question could make right (checked before asking any): a
    /// media item, which is made from its file, or a publication without its document.
    public static func checkKind(_ kind: ItemKind, file: StoredFile?) throws {
        if kind == .media { throw QuangBaError(Message("new.media_use_add")) }
        if kind == .publication, file == nil { throw QuangBaError(Message("new.publication_file")) }
    }

    /// The fields an item of `kind` needs from the start, besides title and unit.
    public static func requiredFields(_ kind: ItemKind) -> [String] {
        switch kind {
        case .project: ["sector", "locality", "form", "status", "contact_unit"]
        case .event: ["start", "end"]
        default: []
        }
    }

    /// The codes a required field may take (shown when asking for it), nil when it is free.
    public static func choices(_ field: String, _ c: RepositoryConfig) -> [String]? {
        switch field {
        case "sector": c.sectors.codes
        case "locality": c.localities.codes
        case "contact_unit": c.units.codes
        case "form": InvestmentForm.allCases.map(\.rawValue)
        case "status": ProjectStatus.allCases.map(\.rawValue)
        default: nil
        }
    }
}

/// What an editor gives to add a photo, video or document as a media item (`quangba media add`).
public struct MediaDraft {
    public var file: StoredFile
    public var title: String
    public var alt: String?
    public var credit: String
    /// A licence code (`Licence.table`); nil leaves the repository's default.
    public var licence: String?
    public var holder: String?
    public var unit: String
    public var topics: [String] = []
    public var author: String

    public init(file: StoredFile, title: String, credit: String, unit: String, author: String) {
        self.file = file
        self.title = title
        self.credit = credit
        self.unit = unit
        self.author = author
    }
}

extension Repository {
    /// Creates a draft item from what an editor gave (the caller holds the repository lock):
    /// the folder appears whole, or not at all.
    public func create(_ draft: ItemDraft) throws -> ItemID {
        try ItemDraft.checkKind(draft.kind, file: draft.file)
        let id = newID(title: draft.title)
        var item = Item(id: id, kind: draft.kind, sourceLanguage: draft.language, created: .now, author: draft.author, unit: draft.unit)
        let editor = FieldEditor(config: config, choiceNames: .load(self))
        // The unit and topics are read like `set unit=… topics=…`: a code or a name.
        try editor.apply("unit", draft.unit, to: &item)
        if !draft.topics.isEmpty { try editor.apply("topics", draft.topics.joined(separator: ","), to: &item) }
        var stored: (name: String, bytes: [UInt8])?
        if draft.kind == .publication, let file = draft.file {
            var p = PublicationDetails()
            p.file = file.facts
            item.details = .publication(p)
            stored = (file.facts.file, file.bytes)
        }
        for (k, v) in draft.fields { try editor.apply(k, Normalization.nfc(v), to: &item) }
        try create(item, translations: [Translation(language: draft.language, fields: ["title": draft.title])], storedFile: stored)
        return id
    }

    /// Adds a media item holding `draft.file` (the caller holds the repository lock), unless a
    /// file with the same content is in the repository already: that item is named instead.
    public func addMedia(_ draft: MediaDraft, lookup: some StoredFileLookup) throws -> ItemID {
        let facts = draft.file.facts
        if let existing = try lookup.itemWithFile(sha256: facts.sha256) {
            throw QuangBaError(Message("media.duplicate", ["id": existing, "sha256": facts.sha256]))
        }
        let title = Normalization.nfc(draft.title)
        let id = newID(title: title)
        var item = Item(id: id, kind: .media, sourceLanguage: config.sourceLanguage, created: .now, author: draft.author, unit: draft.unit)
        item.topics = draft.topics
        var m = MediaDetails()
        m.file = facts
        if let d = ImageHeader.dimensions(draft.file.bytes) { m.width = d.width; m.height = d.height }
        m.credit = Normalization.nfc(draft.credit)
        if let code = draft.licence {
            guard let l = Licence(code) else {
                throw QuangBaError(Message("set.bad_value", ["field": "licence", "value": code, "expected": Licence.table.map(\.code).joined(separator: ", ")]))
            }
            m.licence = l
        }
        m.holder = draft.holder.map(Normalization.nfc)
        item.details = .media(m)
        var fields = ["title": title]
        if let alt = draft.alt { fields["alt"] = Normalization.nfc(alt) }
        try create(item, translations: [Translation(language: item.sourceLanguage, fields: fields)], storedFile: (facts.file, draft.file.bytes))
        return id
    }
}

extension Repository {
    /// The items that already have `title` in `language` (ignoring case), which a new item of that
    /// title would be confused with: its id gets a `-2`, and a reader sees two entries alike.
    /// A title makes the same slug, so only the folders `newID` steps over are read.
    public func itemsTitled(_ title: String, language: LanguageCode) -> [(id: ItemID, kind: ItemKind)] {
        let wanted = Normalization.nfc(title).lowercased()
        var base = Slug.make(title)
        if base.isEmpty { base = "item" }
        var out: [(ItemID, ItemKind)] = []
        var candidate = base
        var n = 2
        while let id = ItemID(candidate) {
            let kinds = ItemKind.allCases.filter { FileManager.default.fileExists(atPath: folderURL($0, id).path) }
            if kinds.isEmpty { break }
            for kind in kinds {
                let loaded = reader.read(kind: kind, id: id.rawValue)
                if loaded.translation(language)?.title.lowercased() == wanted { out.append((id, kind)) }
            }
            let suffix = "-\(n)"
            candidate = String(base.prefix(ItemID.maxLength - suffix.count)).trimmingCharacters(in: CharacterSet(charactersIn: "-")) + suffix
            n += 1
        }
        return out
    }
}
