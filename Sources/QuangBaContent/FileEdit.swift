public import Foundation
public import QuangBaCore

/// One edit of one file of an item as text (`quangba edit` in the editor's text editor, or any
/// other front end): the text as it was, the checks the edited text must pass, and a save that
/// never overwrites a change made to the file meanwhile. Nothing typed is lost: what cannot be
/// saved is kept in `.quangba/rescue/`.
public struct FileEdit {
    public let item: Item
    /// The language version edited; nil for item.yaml.
    public let language: LanguageCode?
    /// `content/KIND/ID/NAME`, for messages.
    public let path: String
    /// The file's text when the edit began.
    public let original: String
    /// What was loaded with it (who approved what: `Editing.editor` asks for a name by it).
    public let loaded: LoadedItem
    private let name: String
    private let repo: Repository

    public init(_ repo: Repository, id: ItemID, language: LanguageCode?) throws {
        let loaded = try repo.load(id)
        guard let item = loaded.item else {
            throw QuangBaError(Message("item.unreadable", ["id": id.rawValue]), at: Location(file: loaded.folder + "/item.yaml"), diagnostics: loaded.diagnostics)
        }
        name = language.map { "\($0.rawValue).md" } ?? "item.yaml"
        path = "\(loaded.folder)/\(name)"
        guard let original = loaded.texts[name] else {
            // There but unreadable (not UTF-8, a link, …): say so, never that it is missing.
            let file = "\(loaded.folder)/\(name)"
            let broken = loaded.diagnostics.filter { $0.location.file == file && $0.severity == .error }
            if !broken.isEmpty { throw QuangBaError(Message("item.unreadable", ["id": id.rawValue]), at: Location(file: path), diagnostics: broken) }
            throw QuangBaError(Message("set.no_translation", ["id": id.rawValue, "lang": language?.rawValue ?? ""]), at: Location(file: path))
        }
        self.item = item
        self.language = language
        self.original = original
        self.loaded = loaded
        self.repo = repo
    }

    /// The errors of an edited text, including a change of state made by hand (which only
    /// `quangba workflow` may make).
    public func problems(in text: String) -> [Diagnostic] {
        var d: [Diagnostic] = []
        if let language {
            _ = repo.reader.parseTranslation(text, language: language, kind: item.kind, isSource: language == item.sourceLanguage, file: path, diagnostics: &d)
        } else if let edited = repo.reader.parseItem(text, id: item.id, kind: item.kind, file: path, diagnostics: &d) {
            if edited.state != item.state || edited.published != item.published || edited.withdrawn != item.withdrawn {
                d.append(Diagnostic(.error, Location(file: path), Message("set.state_via_workflow")))
            }
        }
        return d.filter { $0.severity == .error }
    }

    /// Saves the edited text (the caller holds the repository lock and has checked it with
    /// `problems(in:)`). When the file changed since the edit began, nothing is saved: the text
    /// is kept in rescue and the error names where.
    public func save(_ text: String, by editor: String?) throws {
        let current = try repo.load(item.id)
        guard current.texts[name] == original, var fresh = current.item else {
            throw QuangBaError(Message("edit.conflict", ["path": try rescue(text).path]), at: Location(file: path))
        }
        var diagnostics = [Diagnostic]()
        if let language {
            guard let t = repo.reader.parseTranslation(text, language: language, kind: item.kind, isSource: language == item.sourceLanguage,
                                                      file: path, diagnostics: &diagnostics) else {
                throw QuangBaError(Message("item.refused"), at: Location(file: path), diagnostics: diagnostics)
            }
            fresh.updated = .now
            try repo.saveEdit(fresh, translations: [t], by: editor)
        } else {
            guard var edited = repo.reader.parseItem(text, id: item.id, kind: item.kind, file: path, diagnostics: &diagnostics) else {
                throw QuangBaError(Message("item.refused"), at: Location(file: path), diagnostics: diagnostics)
            }
            edited.updated = .now
            try repo.saveEdit(edited, translations: [], by: editor)
        }
    }

    /// The texts kept in `.quangba/rescue/` for this file of this item, newest first
    /// (`quangba edit --recover` takes the first).
    public func rescues() -> [URL] {
        let folder = repo.root.appendingPathComponent(".quangba/rescue")
        let prefix = "\(item.id.rawValue).\(name)."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.compactMap { n -> (Int64, URL)? in
            guard n.hasPrefix(prefix), let t = Int64(n.dropFirst(prefix.count)) else { return nil }
            return (t, folder.appendingPathComponent(n))
        }.sorted { $0.0 > $1.0 }.map(\.1)
    }

    /// Keeps `text` in `.quangba/rescue/`, under the item, file and time, and says where.
    @discardableResult
    public func rescue(_ text: String) throws -> URL {
        let url = repo.root.appendingPathComponent(".quangba/rescue/\(item.id.rawValue).\(name).\(Timestamp.now.secondsSince1970)")
        try AtomicFile.write(text, to: url)
        return url
    }
}
